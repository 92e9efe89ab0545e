"""What a perfect compiled rule gate could save: the matcher's scan timed three ways.

    python scripts/gate_ceiling.py                      # big9 + l3s_gn1 page_text, 3 rounds
    python scripts/gate_ceiling.py --datasets big9 scrapinghub --rounds 5

``Matcher.scan`` over every text (repaired; cold line memos; patterns compiled by a
warm-up pass first), CPU seconds per round:

* **as shipped**: one Aho-Corasick pass of the folded document flags the lines some rule
  may hit (``Matcher._maybe``), and each flagged line is confirmed with ``regex``;
* **oracle gate**: ``_maybe`` replaced by the exact answer (the lines some rule does hit,
  known from a first pass): what an engine that returns exact hits for free would leave,
  i.e. the ceiling of a Hyperscan database matching every rule in one scan;
* **no line judged**: ``_maybe`` says no to every line: the loop and memo cost alone.

The difference between the first two is all a compiled exact matcher could take off the
rule side of ``clean()``; compare it with ``scripts/stage_times.py``'s full run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=["big9", "l3s_gn1"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", help="bench folder (default: $CLEANTEXT_BENCH or ../shared/bench)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.data import find_bench, pages
    from cleantext import linememo
    from cleantext.compose import default_pipeline
    from cleantext.document import Document
    from cleantext.filters import matcher as matcher_module
    from cleantext.normalize import repair

    root = find_bench(args.data)
    if root is None:
        raise SystemExit("benchmark folder not found: pass --data DIR")
    texts = [repair(p.read("page_text") or "") for d in args.datasets for p in pages(root, d)
             if p.paths.get("page_text")]
    matcher = default_pipeline().filters[0].matcher
    shipped = matcher_module.Matcher._maybe

    def one_round() -> tuple[float, list[set[str]]]:
        linememo.clear()
        docs = [Document(text) for text in texts]
        start = time.process_time()
        scans = [matcher.scan(doc) for doc in docs]
        seconds = time.process_time() - start
        return seconds, [{doc.lines[i].text for i, s in enumerate(scan) if s is not None}
                         for doc, scan in zip(docs, scans)]

    _, found = one_round()  # warm-up: every pattern a line reaches is compiled
    hit_lines = set().union(*found)
    rows: dict[str, list[float]] = {}
    variants = {
        "as shipped": shipped,
        "oracle gate": lambda self, doc, misses: {line.index for line in misses if line.text in hit_lines},
        "no line judged": lambda self, doc, misses: set(),
    }
    try:
        for _ in range(args.rounds):
            for name, maybe in variants.items():
                matcher_module.Matcher._maybe = maybe  # type: ignore[method-assign]
                seconds, now = one_round()
                if name != "no line judged" and now != found:
                    raise SystemExit(f"{name}: different hits than the shipped gate")
                rows.setdefault(name, []).append(seconds)
    finally:
        matcher_module.Matcher._maybe = shipped  # type: ignore[method-assign]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} texts, {megabytes:.2f} MB, {len(hit_lines)} distinct lines hit; "
          f"Matcher.scan CPU seconds per round (min / median of {args.rounds}):")
    for name, times in rows.items():
        times.sort()
        print(f"  {name:15s} {times[0]:.3f} / {times[len(times) // 2]:.3f}")


if __name__ == "__main__":
    main()
