"""How fast can any exact per-line cleaner in Python be? Lower bounds beside C4 and clean(), one process.

    python scripts/speed_floor.py                              # big9 page_text, prints a table
    python scripts/speed_floor.py --out docs/measurements/speed-floor.md

Issue 6 asks for clean() with a learned model at 3x datatrove's C4 line filter and
fit() at 1x a Counter of normalised lines. This times, on the same whole-page
texts, steps that *every* exact implementation of cleantext's filters has to
take at least once per line, each far less than what the filters need:

* ``split``: cut each page into lines (no work per line at all);
* ``lookup``: split, then one dict lookup per line (the least a learned-line
  lookup does: no key normalisation, no sentences);
* ``gate``: split, then per non-blank line ``lower()`` and one search of a
  compiled trie of every rule's required literals (the least an exact rule
  matcher does before any rule runs: most lines hold one of the literals, so
  the rules still have to run after it);
* ``gate_distinct``: the same for each distinct line of the pass only, a set
  lookup for the others (the least that remains with line memos);
* ``removals``: one ``Removal`` object per line that the learned model removes
  on these pages (explain() reports each one);
* ``keys_distinct``: a Counter of the learner's template keys of whole lines
  (numbers and dates folded), each distinct line keyed once: the least ``fit()``
  counts, without sentence keys, hashing, near-duplicate signatures or positions.

Each is timed with ``time.process_time`` (this process's CPU), fastest of
``--repeat`` interleaved rounds; cleantext's line memos are emptied before each
pass. The ratio column is the throughput divided by C4's in this run.
"""

from __future__ import annotations

import argparse
import platform
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parents[1]))  # benchmarks/ and tools/ of this checkout

import cleantext
from benchmarks import anchors
from benchmarks.data import find_bench, pages
from benchmarks.speed import best_cpu, counter_of_lines, megabytes
from cleantext.config import Config
from cleantext.filters.matcher import any_of, matcher_for
from cleantext.learn.spans import template_key
from cleantext.removal import Removal


def gate_literals() -> set[str]:
    """Every literal the matcher gates a rule on (prefixes, required literals, inline literals)."""
    matcher = matcher_for(Config().active_languages)
    found: set[str] = set()
    wholes = [matcher.lines, matcher.opens, matcher.headings, *matcher.crumbs.values()]
    for whole in wholes:
        found |= {start for entries in whole.by_head.values() for start, _ in entries}
        found |= {literal for entries in whole.index.by_gram.values() for literal, _ in entries}
    found |= {literal for literal, _ in matcher.phrases.by_literal}
    for gate in (matcher.leading, matcher.trailing, matcher.anywhere):
        found |= set(gate.literals or ())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--dataset", default="big9")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write the table as Markdown here")
    args = parser.parse_args()
    listed = [p for p in pages(find_bench(args.data), args.dataset) if p.paths.get("page_text")]
    texts = [p.read("page_text") for p in listed]
    groups = [p.site for p in listed]
    model = cleantext.fit(texts, groups=groups)
    learned = {g: cleantext.default_pipeline(model=model, group=g) for g in set(groups)}
    removed = sum(1 for t, g in zip(texts, groups) for r in learned[g].explain(t) if r.filter == "learned")
    c4 = anchors.c4_filter_call()
    c4("Warm up the filter. It is here.")
    trie = any_of(gate_literals())
    assert trie is not None
    table = {line: None for text in texts for line in text.split("\n")[::7]}

    def gate() -> None:
        search = trie.search
        for text in texts:
            for line in text.split("\n"):
                if line and not line.isspace():
                    search(line.lower())

    def gate_distinct() -> None:
        search, seen = trie.search, set()
        for text in texts:
            for line in text.split("\n"):
                if line not in seen and line and not line.isspace():
                    seen.add(line)
                    search(line.lower())

    def keys_distinct() -> None:
        counts: Counter[str] = Counter()
        keys: dict[str, str] = {}
        for text in texts:
            for line in text.split("\n"):
                key = keys.get(line)
                if key is None:
                    key = keys[line] = template_key(line)
                if key:
                    counts[key] += 1

    def removals() -> None:
        for n in range(removed):
            Removal(n, n + 1, "learned", "learned", "learned line", "high")

    works: dict[str, Callable[[], object]] = {
        "c4": lambda: [c4(t) for t in texts],
        "split": lambda: [t.split("\n") for t in texts],
        "lookup": lambda: [list(map(table.get, t.split("\n"))) for t in texts],
        "gate": gate,
        "gate_distinct": gate_distinct,
        "removals": removals,
        "keys_distinct": keys_distinct,
        "clean_model": lambda: [learned[g].clean(t) for t, g in zip(texts, groups)],
        "counter": lambda: counter_of_lines(texts),
        "fit": lambda: cleantext.fit(texts, groups=groups),
    }
    labels = {
        "c4": "datatrove C4QualityFilter (the anchor)",
        "split": "split pages into lines",
        "lookup": "split + one dict lookup per line",
        "gate": "split + lower() + one search of the rules' literal trie per line",
        "gate_distinct": "the same, once per distinct line of the pass (what line memos leave)",
        "removals": f"one Removal object per learned removal ({removed:,} on these pages)",
        "clean_model": "cleantext clean(), rules + learned model",
        "counter": "collections.Counter of normalised lines (fit baseline)",
        "keys_distinct": "a Counter of the learner's line keys, each distinct line keyed once (no sentences)",
        "fit": "cleantext fit(), per site",
    }
    seconds = best_cpu(works, args.repeat)
    mb = megabytes(texts)
    rows = [(labels[k], mb / s, seconds["c4"] / s) for k, s in seconds.items()]
    lines = [
        "### Speed floor: what any exact per-line cleaner in Python costs (issue 6)",
        "",
        (f"Generated by `python scripts/speed_floor.py --out docs/measurements/speed-floor.md` on "
         f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}, "
         f"{args.dataset} page_text ({len(texts)} pages, {mb:.2f} MB), CPU seconds, fastest of {args.repeat}."),
        "",
        "| step | MB/s | ratio to C4 |",
        "|---|---|---|",
        *[f"| {label} | {rate:.2f} | {ratio:.3f} |" for label, rate, ratio in rows],
        "",
        ("The `gate` rows are the least work an exact rule matcher does before it runs any rule (on every "
         "line, or with memos on each distinct line once); the "
         "`removals` row is the least bookkeeping explain() needs for the learned lines of these pages. "
         "clean() with a model at 3x C4 needs all of its work (repair, rules, blocks, learned lookups, "
         "removals, cutting) done in a third of C4's time; the rows show where that budget goes before "
         "any rule has run. Likewise `fit()` at the Counter's speed would have to do all of its work in the "
         "time the `keys_distinct` row spends on line keys alone. See docs/benchmarks.md for the full run."),
    ]
    print("\n".join(lines))
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
