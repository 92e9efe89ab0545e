"""Per-rule audit: what each rule removes from trafilatura's text on the benchmark pages.

``python -m benchmarks.rule_audit [--data DIR] [--dataset NAME ...] [--cases] [--gold-text]``

Every removal ``explain()`` makes (rules only, article mode) is put down to the rule
that made it (:func:`rule_key`: the rule's language, category and pattern, or the
block / list / menu mechanism) and judged against the page's human labels:

* ``gold``: the removed text is a line of the gold, or a run of four or more words
  of it (:func:`in_gold`): content was lost, a *case* for the audit;
* ``boiler``: a page with a gold, and the removed text is not in it;
* ``with`` / ``without``: the removal takes a ``with`` snippet (must stay) or a
  ``without`` snippet (must go) of trafilatura_eval or wcxb_dev.

The table prints, per rule and dataset, ``gold+with`` hits against ``boiler+without``
hits, so "a rule stays only if it helps on the dataset it was not chosen on" can be
read off a column. ``--gold-text`` also cleans each gold text itself: anything removed
there is a gold line some rule takes out of context (every one is a case to read).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import regex

import cleantext

from cleantext.removal import Removal
from .data import DATASETS, Page, find_bench, pages
from .rules_eval import normalise, rule_of, site_half

#: A removal this many words long that occurs inside the gold text counts as gold.
MIN_GOLD_RUN_WORDS = 4


def rule_key(removal: Removal) -> str:
    """What made a removal: ``filter category lang /pattern/`` for a rule, else the mechanism.

    >>> rule_key(Removal(0, 3, "lines", "ads", "line is a ads phrase (en rule /ad/)"))
    'lines ads en /ad/'
    >>> rule_key(Removal(0, 3, "lines", "ads", "line contains a ads phrase (en rule /we may earn/)"))
    'phrase ads en /we may earn/'
    >>> rule_key(Removal(0, 3, "lists", "read_more", "headline listed under the 'Related' heading (line 4)"))
    'lists read_more: headline listed under the heading'
    """
    rule = rule_of(removal)
    if rule is not None:
        kind = "phrase" if " contain" in removal.reason.split("(")[0] else removal.filter
        return f"{kind} {removal.category} {rule[0]} /{rule[1]}/"
    what = regex.sub(r"'[^']*'|\"[^\"]*\"|\([^)]*\)|line \d+|\d+", "", removal.reason)
    return f"{removal.filter} {removal.category}: {' '.join(what.split())}"


def in_gold(text: str, gold_lines: set[str], gold: str) -> bool:
    """Whether removed ``text`` is content: a whole (normalised) gold line, or a run of
    at least :data:`MIN_GOLD_RUN_WORDS` words inside the (normalised) ``gold``.

    >>> g = "Prime minister resigns\\nShe said she would go."
    >>> lines = {normalise(x) for x in g.splitlines()}
    >>> in_gold("Prime Minister resigns", lines, normalise(g)), in_gold("Read more", lines, normalise(g))
    (True, False)
    """
    needle = normalise(text)
    if not needle:
        return False
    if needle in gold_lines:
        return True
    return needle.count(" ") + 1 >= MIN_GOLD_RUN_WORDS and f" {needle} " in f" {gold} "


def _takes(snippets: Iterable[str], removed: str) -> int:
    """How many of ``snippets`` the removed text (normalised) contains whole."""
    padded = f" {removed} "
    return sum(1 for s in snippets if (n := normalise(s)) and f" {n} " in padded)


@dataclass
class Tally:
    """One rule's hits on one dataset."""

    gold: int = 0
    boiler: int = 0
    with_: int = 0
    without: int = 0
    gold_words: int = 0
    boiler_words: int = 0

    @property
    def bad(self) -> int:
        return self.gold + self.with_

    @property
    def good(self) -> int:
        return self.boiler + self.without


@dataclass(frozen=True)
class Case:
    """A removal of content: the page, the rule and the text."""

    dataset: str
    site: str
    page_id: str
    rule: str
    text: str


@dataclass
class Audit:
    """Per dataset, per rule key: a :class:`Tally`; and the cases (content removed)."""

    tallies: dict[str, dict[str, Tally]] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)

    def tally(self, dataset: str, key: str) -> Tally:
        return self.tallies.setdefault(dataset, defaultdict(Tally)).setdefault(key, Tally())


def audit_page(page: Page, audit: Audit, source: str = "trafilatura", split: bool = False,
               **options: object) -> None:
    """Add one page's removals (of its ``source`` text) to ``audit``; with ``split``, wcxb_dev's
    pages count under ``wcxb_dev:tune`` / ``wcxb_dev:test`` (:func:`~.rules_eval.site_half`)."""
    text = page.read(source)
    if not text:
        return
    gold = page.read("gold")
    extra = page.extra() or {}
    keep, drop = extra.get("with") or (), extra.get("without") or ()
    gold_lines = {normalise(line) for line in gold.splitlines()} if gold else set()
    gold_norm = normalise(gold) if gold else ""
    for removal in cleantext.explain(text, **options):
        if not removal.applied:
            continue
        key = rule_key(removal)
        tally = audit.tally(_name(page, split), key)
        removed = normalise(removal.text)
        words = removed.count(" ") + 1 if removed else 0
        taken_with, taken_without = _takes(keep, removed), _takes(drop, removed)
        tally.with_ += taken_with
        tally.without += taken_without
        lost = gold is not None and in_gold(removal.text, gold_lines, gold_norm)
        if gold is not None:
            if lost:
                tally.gold += 1
                tally.gold_words += words
            else:
                tally.boiler += 1
                tally.boiler_words += words
        if lost or taken_with:
            audit.cases.append(Case(_name(page, split), page.site, page.page_id, key, removal.text))


def _name(page: Page, split: bool) -> str:
    """The column a page counts under: its dataset, or wcxb_dev's half of sites with ``split``."""
    return f"{page.dataset}:{site_half(page.site)}" if split and page.dataset == "wcxb_dev" else page.dataset


def audit_gold_text(page: Page, audit: Audit, **options: object) -> None:
    """Clean the page's gold text itself: every removal there is a case (``gold-text`` dataset)."""
    gold = page.read("gold")
    if not gold:
        return
    for removal in cleantext.explain(gold, **options):
        if removal.applied and normalise(removal.text):
            key = rule_key(removal)
            audit.tally(f"{page.dataset}:gold-text", key).gold += 1
            audit.cases.append(Case(f"{page.dataset}:gold-text", page.site, page.page_id, key, removal.text))


def run(root, datasets: Iterable[str] = DATASETS, *, gold_text: bool = False, split: bool = False,
        **options: object) -> Audit:
    """The audit of ``datasets`` (rules only unless ``options`` say otherwise); ``split``: wcxb_dev
    in two columns, the tune and test halves of its sites."""
    audit = Audit()
    for dataset in datasets:
        for page in pages(root, dataset):
            audit_page(page, audit, split=split, **options)
            if gold_text:
                audit_gold_text(page, audit, **options)
    return audit


def verdict(cells: Iterable[Tally]) -> str:
    """``review`` when the rule took more content than boilerplate on some dataset, ``helps`` when it
    took boilerplate and no content on some dataset, else ``mixed`` (or ``idle``: no hits).

    >>> verdict([Tally(boiler=3), Tally()]), verdict([Tally(boiler=3), Tally(gold=2, boiler=1)])
    ('helps', 'review')
    """
    cells = list(cells)
    if any(c.bad > c.good for c in cells):
        return "review"
    if any(c.good and not c.bad for c in cells):
        return "helps"
    return "mixed" if any(c.good or c.bad for c in cells) else "idle"


def table(audit: Audit, min_hits: int = 1) -> Iterator[str]:
    """One row per rule: per dataset ``bad/good`` (gold+with hits / boilerplate+without hits) and a
    :func:`verdict`; a rule written from one dataset's pages is judged on the other columns."""
    names = sorted(audit.tallies)
    yield "\t".join(["bad", "good", *names, "verdict", "rule"])
    keys = {key for per in audit.tallies.values() for key in per}
    rows = []
    for key in keys:
        cells = [audit.tallies[n].get(key, Tally()) for n in names]
        bad, good = sum(c.bad for c in cells), sum(c.good for c in cells)
        if bad + good >= min_hits:
            rows.append((-bad, -good, key, cells))
    for neg_bad, neg_good, key, cells in sorted(rows):
        yield "\t".join([str(-neg_bad), str(-neg_good), *(f"{c.bad}/{c.good}" for c in cells), verdict(cells), key])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rule_audit", description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="benchmark folder (default: find_bench())")
    parser.add_argument("--dataset", action="append", choices=DATASETS, help="only these datasets (repeatable)")
    parser.add_argument("--gold-text", action="store_true", help="also clean each gold text itself")
    parser.add_argument("--cases", action="store_true", help="list every removal of content instead of the table")
    parser.add_argument("--split-sites", action="store_true",
                        help="wcxb_dev as two columns: the tune and test halves of its sites (rules_eval.site_half)")
    parser.add_argument("--match", metavar="REGEX", help="only rules whose key matches REGEX (e.g. a topic's words)")
    parser.add_argument("--min-hits", type=int, default=1, help="rows with at least this many hits (default 1)")
    args = parser.parse_args(argv)
    root = find_bench(args.data)
    if root is None:
        print("no benchmark folder found (use --data or $CLEANTEXT_BENCH)", file=sys.stderr)
        return 2
    audit = run(root, args.dataset or DATASETS, gold_text=args.gold_text, split=args.split_sites)
    if args.match:
        wanted = regex.compile(args.match)
        audit.cases = [c for c in audit.cases if wanted.search(c.rule)]
        audit.tallies = {n: {k: t for k, t in per.items() if wanted.search(k)} for n, per in audit.tallies.items()}
    if args.cases:
        for case in audit.cases:
            print(f"{case.dataset}\t{case.site}\t{case.page_id}\t{case.rule}\t{case.text[:200]!r}")
    else:
        for row in table(audit, args.min_hits):
            print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
