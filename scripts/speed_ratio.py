"""clean() throughput against datatrove's C4 line filter on the same whole-page texts, one process.

    python scripts/speed_ratio.py                       # big9 page_text, 3 interleaved rounds, fastest counts
    python scripts/speed_ratio.py --dataset l3s_gn1 --repeat 5

Every pass starts with cleantext's line memos empty (``cleantext.linememo.clear()``), so
lines are only reused within one pass over the pages, never from an earlier pass.
Times with ``time.process_time`` (CPU of this process: the machine is shared, and
wall time would count other jobs). The model is fitted per site on the same texts
before timing. Prints MB/s and the ratio to C4 measured in this run (issue 6 asks
for clean() with a learned model at >= 3x C4).
"""

from __future__ import annotations

import argparse

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parents[1]))  # benchmarks/ and tools/ of this checkout

import cleantext
from benchmarks import anchors
from benchmarks.data import find_bench, pages
from benchmarks.speed import best_cpu, megabytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--dataset", default="big9")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    listed = [p for p in pages(find_bench(args.data), args.dataset) if p.paths.get("page_text")]
    texts = [p.read("page_text") for p in listed]
    groups = [p.site for p in listed]
    model = cleantext.fit(texts, groups=groups)
    c4 = anchors.c4_filter_call()
    rules = cleantext.default_pipeline()
    learned = {g: cleantext.default_pipeline(model=model, group=g) for g in set(groups)}
    c4("Warm up the filter. It is here.")
    rules.clean("Warm up.")
    mb = megabytes(texts)
    timings = best_cpu({
        "c4": lambda: [c4(t) for t in texts],
        "clean_rules": lambda: [rules.clean(t) for t in texts],
        "clean_model": lambda: [learned[g].clean(t) for t, g in zip(texts, groups)],
        "clean()_model": lambda: [cleantext.clean(t, model=model, group=g) for t, g in zip(texts, groups)],
    }, args.repeat)
    print(f"{args.dataset} page_text: {len(texts)} pages, {mb:.2f} MB, cpu seconds (fastest of {args.repeat})")
    for key, seconds in timings.items():
        print(f"  {key:14s} {mb / seconds:7.2f} MB/s  ratio to C4 {timings['c4'] / seconds:.3f}")


if __name__ == "__main__":
    main()
