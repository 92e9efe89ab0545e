"""``python -m benchmarks [--data DIR] [--out docs/benchmarks.md] [--quick]``: run everything, write the report.

``--quick`` measures quality (held out and in-sample), snippets and comment threads only, for iterating;
the published report is a full run.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from . import report, runner
from .data import find_bench


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--data", help="benchmark folder (default: $CLEANTEXT_BENCH or ../shared/bench)")
    parser.add_argument("--out", default="docs/benchmarks.md", help="markdown report to write (PNGs go beside it)")
    parser.add_argument("--repeat", type=int, default=3, help="timing passes per method; the fastest counts")
    parser.add_argument("--html-pages", type=int, default=60, help="HTML pages to time trafilatura on")
    parser.add_argument("--memory-times", type=int, default=4,
                        help="memory corpus: the gold page texts this many times over, and half as many (0: skip)")
    parser.add_argument("--profile-top", type=int, default=12, help="hotspots of clean() to list (0: skip)")
    parser.add_argument("--no-plots", action="store_true")
    parser.add_argument("--quick", action="store_true",
                        help="quality, snippets and comment figures only (no speed, memory or profile)")
    args = parser.parse_args(argv)
    if args.data and not (Path(args.data) / "manifest.tsv").is_file():
        print(f"{args.data}: not a benchmark folder (no manifest.tsv)", file=sys.stderr)
        return 2
    root = find_bench(args.data)
    if root is None:
        print("no benchmark folder: pass --data DIR (a folder with manifest.tsv) or set $CLEANTEXT_BENCH",
              file=sys.stderr)
        return 2
    command = "python -m benchmarks " + shlex.join(argv if argv is not None else sys.argv[1:])
    options = runner.Options(args.repeat, args.html_pages, args.memory_times, args.profile_top, quick=args.quick)
    result = runner.run(root, command.strip(), options, log=lambda msg: print(msg, file=sys.stderr, flush=True))
    for path in report.write(result, Path(args.out), plots=not args.no_plots):
        print(f"wrote {path}")
    for line in report.speed_summary(result):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
