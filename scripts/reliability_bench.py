"""Throughput of clean() on adversarial documents, and how time grows with size.

For each document of ``tools.reliability.ADVERSARIAL`` the size grows by 4x
from about 16 kB up to the case's full size (5 MB for the single line and the 300,000
short lines); a size whose predecessor took longer than ``--budget`` seconds is
not run (so a quadratic case reports its curve instead of running for days).
Prints a Markdown table: MB/s at the largest size run, and the time ratio of the
last 4x step (linear is about 4, quadratic about 16). CPU time, one run per size.

    python scripts/reliability_bench.py            # all cases, ~2-5 minutes
    python scripts/reliability_bench.py --budget 5 --case spaces
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parents[1]))  # benchmarks/ and tools/ of this checkout

import cleantext
from tools.reliability import ADVERSARIAL

START = 16_000


def measure(text: str) -> float:
    start = time.process_time()
    cleantext.clean(text)
    return time.process_time() - start


def curve(make, size: int, budget: float) -> list[tuple[int, int, float]]:
    """(requested size, characters, seconds) for sizes ..., size/16, size/4, size (at least START)."""
    sizes = [size]
    while sizes[0] // 4 >= START:
        sizes.insert(0, sizes[0] // 4)
    points: list[tuple[int, int, float]] = []
    for n in sizes:
        if points and points[-1][2] > budget:
            break
        text = make(n)
        points.append((n, len(text), measure(text)))
    return points


def row(name: str, points: list[tuple[int, int, float]], full: int) -> str:
    n, _, seconds = points[-1]
    mb = len(ADVERSARIAL[name][0](n).encode("utf-8")) / 1e6
    ratio = ""
    if len(points) >= 2 and points[-2][2] > 0:
        (n0, _, s0), (n1, _, s1) = points[-2], points[-1]
        ratio = f"x{s1 / s0:.1f} for x{n1 / n0:.0f} size"
    done = "" if n >= full else f" (stopped: {full / 1e6:g} MB not run, over budget)"
    return f"| {name} | {mb:.2f} MB{done} | {seconds:.2f} | {mb / max(seconds, 1e-9):.2f} | {ratio} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=10.0, help="stop growing a case past this many seconds")
    parser.add_argument("--case", action="append", default=[], help="only cases whose name contains this")
    args = parser.parse_args(argv)
    print("| document | largest size run | CPU s | MB/s | growth of the last step |")
    print("|---|---|---|---|---|")
    for name, (make, size) in ADVERSARIAL.items():
        if args.case and not any(c.lower() in name.lower() for c in args.case):
            continue
        print(row(name, curve(make, size, args.budget), size), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
