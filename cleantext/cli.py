"""The command line: ``cleantext [FILE...]`` cleans files (or stdin) to stdout."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__, clean


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleantext",
        description="Strip boilerplate (donation appeals, newsletter prompts, read-more blocks, ...) from text.",
        epilog="examples:\n  cleantext < page.txt > clean.txt\n  cleantext a.txt b.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="text files to clean ('-' or none: stdin)")
    parser.add_argument("--version", action="version", version=f"cleantext {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = args.files or ["-"]
    for path in paths:
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8", errors="surrogateescape") as handle:
                    text = handle.read()
        except OSError as exc:
            print(f"cleantext: {path}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        sys.stdout.write(clean(text) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
