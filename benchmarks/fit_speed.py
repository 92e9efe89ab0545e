"""Fitting throughput in MB/s, beside a naive line counter on the same texts.

Usage (numbers in docs/learning.md come from this)::

    python -m benchmarks.fit_speed [--data DIR] [--source trafilatura page_text] [--repeat 3] [--parts]

Texts: every page of big9 and l3s_gn1 of the given source, grouped by site.
Rows: a naive counter (``collections.Counter`` of stripped, lower-cased lines
per document), the same with this package's template keys, and
``cleantext.fit`` (repair, spans, keys, signatures, counting, finalising).
The best of ``--repeat`` runs is reported, in MB of UTF-8 input per second of
this process's CPU time (``time.process_time``: on a shared machine, wall-clock
time mostly measures the neighbours; ``--clock wall`` for wall-clock time).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial

import cleantext
from cleantext.learn.neardup import signature
from cleantext.learn.spans import document_keys, template_key
from cleantext.normalize import _may_need_ftfy, repair

from .data import find_bench, pages


def naive_lines(texts: Sequence[tuple[str, str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for _, text in texts:
        counts.update({line.strip().lower() for line in text.splitlines() if line.strip()})
    return counts


def naive_keys(texts: Sequence[tuple[str, str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for _, text in texts:
        counts.update({template_key(line) for line in text.splitlines() if line.strip()})
    return counts


def learned(texts: Sequence[tuple[str, str]]) -> cleantext.Model:
    return cleantext.fit((t for _, t in texts), groups=(g for g, _ in texts))


def parts(texts: Sequence[tuple[str, str]], repeat: int, clock: Callable[[], float]) -> dict[str, float]:
    """CPU seconds of fit's per-document stages, each alone over all texts (keys and signatures on repaired text)."""
    repaired = [repair(t) for _, t in texts]
    stages: dict[str, Callable[[], object]] = {
        "repair": lambda: [repair(t) for _, t in texts],
        "  of which the ftfy pre-test": lambda: [_may_need_ftfy(t) for _, t in texts],
        "span keys": lambda: [document_keys(t) for t in repaired],
        "signatures": lambda: [signature(t) for t in repaired],
        "fit (all)": partial(learned, texts),
    }
    return {name: best_seconds(fn, repeat, clock) for name, fn in stages.items()}


def best_seconds(fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.process_time) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        fn()
        best = min(best, clock() - start)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="benchmark folder (default: $CLEANTEXT_BENCH or ../shared/bench)")
    parser.add_argument("--source", nargs="+", default=["trafilatura", "page_text"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--clock", choices=["cpu", "wall"], default="cpu", help="CPU time (default) or wall-clock")
    parser.add_argument("--parts", action="store_true", help="also time fit's stages (repair, keys, signatures)")
    args = parser.parse_args(argv)
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    root = find_bench(args.data)
    if root is None:
        parser.error("benchmark folder not found: pass --data or set CLEANTEXT_BENCH")
    print("| texts | MB | naive Counter of lines | Counter of template keys | cleantext.fit | naive / fit |\n"
          "|---|---|---|---|---|---|")
    for source in args.source:
        texts = [(p.site, t) for ds in ("big9", "l3s_gn1") for p in pages(root, ds) if (t := p.read(source))]
        mb = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6
        speeds = [mb / best_seconds(partial(fn, texts), args.repeat, clock) for fn in (naive_lines, naive_keys, learned)]
        print(f"| {source} ({len(texts)} pages) | {mb:.1f} | " + " | ".join(f"{s:.2f} MB/s" for s in speeds)
              + f" | {speeds[0] / speeds[2]:.0f}x |", flush=True)
    for source in args.source if args.parts else []:
        texts = [(p.site, t) for ds in ("big9", "l3s_gn1") for p in pages(root, ds) if (t := p.read(source))]
        times = parts(texts, args.repeat, clock)
        print(f"\n{source}: " + ", ".join(f"{name.strip()} {sec:.2f} s" for name, sec in times.items()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
