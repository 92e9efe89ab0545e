"""How much the built-in rules improve trafilatura's output, measured on the benchmark pages.

Two measurements (``python -m benchmarks.rules_eval [--data DIR] [--markdown]``):

* **gold sets** (big9, l3s_gn1, scrapinghub): token-bag macro P/R/F1 of the
  ``trafilatura/`` text as is and after :func:`cleantext.clean` (rules only,
  no learned model).
* **snippets** (trafilatura_eval, wcxb_dev): each page lists ``with`` snippets (must stay)
  and ``without`` snippets (must go). A snippet *survives* in a text when its
  normalised form is a substring of the normalised text (:func:`normalise`:
  case-folded, every run of non-word characters made one space). Reported: of
  the ``without`` snippets that survive in trafilatura's text, the share that
  no longer survives after ``clean()``; of the ``with`` snippets that survive in
  trafilatura's text, the share that still survives after ``clean()``.

``false_removals()`` lists what ``clean()`` removed that the gold contains, the
list to read when tuning a rule. ``--held-out`` reports the snippet shares with the
rules chosen without each snippet dataset beside the shipped rules (:func:`held_out`,
:mod:`benchmarks.rule_mining`); the per-rule audit is :mod:`benchmarks.rule_audit`.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

import cleantext

from .data import Page, find_bench, pages

if TYPE_CHECKING:
    from .snippets import Shares
from .score import PRF, macro, normalise, score, survives, tokens

GOLD_SETS = ("big9", "l3s_gn1", "scrapinghub")
SNIPPET_SET = "trafilatura_eval"
#: The datasets with ``with`` / ``without`` snippets.
SNIPPET_SETS = ("trafilatura_eval", "wcxb_dev")
#: Datasets whose pages were read to write, narrow or drop hand-written rules (the scores of the
#: rules on them are in sample): big9 and trafilatura_eval (mined and read), and the rule audit's
#: decisions (wcxb_dev: "See also", "Recommended", "Read more", decorators; l3s_gn1: metadata lines,
#: canada.com's title block; trafilatura_eval: spiegel.de, larepublica.net; dragnet_train: a
#: donation appeal for others) and scrapinghub (rules-comments.toml: a thread widget's headings such
#: as "Top Rated Comments" were written from its pages, session 6). Every dataset has now been read
#: for some rule: the rules' scores are in sample everywhere; page mode's line model is what is held out.
TUNED_ON: tuple[str, ...] = ("big9", "trafilatura_eval", "wcxb_dev", "l3s_gn1", "dragnet_train", "scrapinghub")
_RULE_RE = regex.compile(r"\((\w+) rule /(.*)/\)$")

Cleaner = Callable[[str], str]

#: The two halves of a dataset's sites (:func:`site_half`): rules are read and mined on "tune", judged on "test".
HALVES = ("tune", "test")


def site_half(site: str) -> str:
    """The half a site belongs to: "tune" (read, mine and write rules from its pages) or "test"
    (held out: only scored). A stable hash of the site name, so a site is never split and the
    halves are the same on every machine and run.

    >>> site_half("example.com") == site_half("example.com"), site_half("example.com") in HALVES
    (True, True)
    """
    return HALVES[hashlib.sha1(site.encode("utf-8")).digest()[0] & 1]


def split_sites(items: Iterable[Page]) -> dict[str, list[Page]]:
    """Pages by :func:`site_half` of their site: ``{"tune": [...], "test": [...]}``."""
    halves: dict[str, list[Page]] = {half: [] for half in HALVES}
    for page in items:
        halves[site_half(page.site)].append(page)
    return halves


@dataclass(frozen=True)
class GoldRow:
    dataset: str
    pages: int
    before: PRF
    after: PRF

    @property
    def ok(self) -> bool:
        """The issue's bar: precision up, recall down by at most 0.005."""
        return self.after.precision > self.before.precision and self.before.recall - self.after.recall <= 0.005


def rule_of(removal: cleantext.Removal) -> tuple[str, str] | None:
    """The (language, pattern) of the rule behind a removal, read from its reason; None if no rule.

    >>> rule_of(cleantext.Removal(0, 2, "lines", "ads", "line is a ads phrase (en rule /ad/)"))
    ('en', 'ad')
    """
    match = _RULE_RE.search(removal.reason)
    return (match.group(1), match.group(2)) if match else None


@dataclass(frozen=True)
class SnippetRow:
    pages: int
    without_surviving: int
    without_removed: int
    with_surviving: int
    with_kept: int
    dataset: str = SNIPPET_SET

    @property
    def removed_share(self) -> float:
        return self.without_removed / self.without_surviving if self.without_surviving else 1.0

    @property
    def kept_share(self) -> float:
        return self.with_kept / self.with_surviving if self.with_surviving else 1.0

    @property
    def ok(self) -> bool:
        """The issue's bar: at least half the surviving ``without`` removed, 99.5% of ``with`` kept."""
        return self.removed_share >= 0.5 and self.kept_share >= 0.995


def _pages_with(root: Path, dataset: str, kind: str) -> Iterator[Page]:
    return (p for p in pages(root, dataset) if kind in p.paths)


def eval_gold(root: Path, dataset: str, clean: Cleaner = cleantext.clean) -> GoldRow:
    """Macro P/R/F1 of trafilatura's text before and after ``clean``."""
    before, after = [], []
    for page in _pages_with(root, dataset, "trafilatura"):
        gold, extracted = page.read("gold"), page.read("trafilatura")
        if gold is None or extracted is None:
            continue
        before.append(score(extracted, gold))
        after.append(score(clean(extracted), gold))
    return GoldRow(dataset, len(before), macro(before), macro(after))


def eval_snippets(root: Path, clean: Cleaner = cleantext.clean, dataset: str = SNIPPET_SET) -> SnippetRow:
    """Counts of surviving ``without`` / ``with`` snippets of ``dataset`` before and after ``clean``."""
    n = wo_in = wo_gone = w_in = w_kept = 0
    for page in _pages_with(root, dataset, "trafilatura"):
        extra, extracted = page.extra(), page.read("trafilatura")
        if not extra or extracted is None:
            continue
        n += 1
        before, after = normalise(extracted), normalise(clean(extracted))
        for snippet in extra.get("without") or ():
            if survives(snippet, before):
                wo_in += 1
                wo_gone += not survives(snippet, after)
        for snippet in extra.get("with") or ():
            if survives(snippet, before):
                w_in += 1
                w_kept += survives(snippet, after)
    return SnippetRow(n, wo_in, wo_gone, w_in, w_kept, dataset)


def without_rules(patterns: frozenset[str], **options: object) -> Cleaner:
    """``clean(text, **options)`` as if the rules with these ``patterns`` were not shipped: its
    removals but theirs, cut as the pipeline cuts (``cut(normalize(text), applied) == clean(text)``)."""
    from cleantext.normalize import cut

    def clean(text: str) -> str:
        kept = [(r.start, r.end) for r in cleantext.explain(text, **options)
                if r.applied and (rule_of(r) or ("", ""))[1] not in patterns]
        return cut(cleantext.normalize(text), kept)

    return clean


def held_out(root: Path, with_model: bool = True) -> Iterator[tuple[str, str, Shares]]:
    """Per snippet dataset: (dataset, setting, shares) for the rules chosen without the dataset
    (held out: the :data:`~.rule_mining.GENERIC_UI` rules :func:`~.rule_mining.select_patterns`
    would not pick without it are left out) and the rules as shipped (in sample); with
    ``with_model``, each also with a per-site model fitted on the dataset's own texts (unsupervised)."""
    from .data import DATASETS
    from .rule_mining import GENERIC_UI, evidence_of, select_patterns
    from .snippets import snippet_shares

    evidence = evidence_of(root, DATASETS)
    for dataset in SNIPPET_SETS:
        left_out = frozenset(GENERIC_UI) - frozenset(select_patterns(evidence, dataset))
        texts = [p for p in pages(root, dataset) if p.read("trafilatura")]
        settings: list[tuple[str, Callable[[str, Page], str]]] = [
            ("rules chosen without it (held out)", lambda t, p: without_rules(left_out)(t)),
            ("rules as shipped (in sample)", lambda t, p: cleantext.clean(t)),
        ]
        if with_model:
            model = cleantext.fit([p.read("trafilatura") or "" for p in texts], groups=[p.site for p in texts])
            settings += [
                ("held-out rules + per-site model", lambda t, p: without_rules(left_out, model=model, group=p.site)(t)),
                ("shipped rules + per-site model", lambda t, p: cleantext.clean(t, model=model, group=p.site)),
            ]
        for label, clean in settings:
            yield dataset, label, snippet_shares(texts, clean, "trafilatura", dataset)


@cache
def topic_patterns() -> frozenset[str]:
    """The patterns of every language's topic rule files (``rules-<topic>.toml``, e.g. rules-cta.toml):
    leaving them out (:func:`without_rules`) gives the rules as they were before them."""
    from cleantext import languages
    from cleantext.config import LANGUAGES
    from cleantext.rules import _load_file

    return frozenset(rule.pattern for code in LANGUAGES for name in languages.rule_files(code)[1:]
                     for rule in _load_file(code, name))


def split_rows(root: Path, dataset: str = "wcxb_dev", with_model: bool = True,
               ) -> Iterator[tuple[str, str, Shares]]:
    """The held-out protocol over sites (issue 12): ``dataset``'s sites split in two halves by
    :func:`site_half`; rules are written from the "tune" half only and judged on the "test" half.
    Per half and setting: (half, setting, snippet shares). Settings: the rules without the topic
    rule files (*before*) and as shipped (*after*), each with the rules only and, with
    ``with_model``, with a per-site model fitted on the dataset's own texts (unsupervised,
    grouped by site, as a user would)."""
    from .snippets import snippet_shares

    texts = [p for p in pages(root, dataset) if p.read("trafilatura")]
    before = without_rules(topic_patterns())
    settings: list[tuple[str, Callable[[str, Page], str]]] = [
        ("before: rules without the topic files", lambda t, p: before(t)),
        ("after: rules as shipped", lambda t, p: cleantext.clean(t)),
    ]
    if with_model:
        model = cleantext.fit([p.read("trafilatura") or "" for p in texts], groups=[p.site for p in texts])
        settings += [
            ("before + per-site model", lambda t, p: without_rules(topic_patterns(), model=model, group=p.site)(t)),
            ("after + per-site model", lambda t, p: cleantext.clean(t, model=model, group=p.site)),
        ]
    halves = split_sites(texts)
    for half in HALVES:
        for label, clean in settings:
            yield half, label, snippet_shares(halves[half], clean, "trafilatura", dataset)


def gold_split_rows(root: Path, datasets: Iterable[str] = ("big9", "l3s_gn1", "scrapinghub", "wcxb_dev"),
                    with_model: bool = True) -> Iterator[tuple[str, PRF, PRF, PRF]]:
    """Per gold dataset (wcxb_dev per half of its sites): macro P/R/F1 of trafilatura's text, then
    cleaned without the topic rule files (before) and as shipped (after), with a per-site model
    fitted on the dataset's texts when ``with_model``."""
    for dataset in datasets:
        texts = [p for p in pages(root, dataset) if p.read("trafilatura") is not None and p.read("gold") is not None]
        model = (cleantext.fit([p.read("trafilatura") or "" for p in texts], groups=[p.site for p in texts])
                 if with_model else None)
        options: dict[str, object] = {"model": model} if model is not None else {}
        groups = split_sites(texts) if dataset == "wcxb_dev" else {"": texts}
        for half, group in groups.items():
            raw, old, new = [], [], []
            for page in group:
                text, gold = page.read("trafilatura") or "", page.read("gold") or ""
                site = {"group": page.site} if model is not None else {}
                raw.append(score(text, gold))
                old.append(score(without_rules(topic_patterns(), **options, **site)(text), gold))
                new.append(score(cleantext.clean(text, **options, **site), gold))  # type: ignore[arg-type]
            yield f"{dataset}{':' + half if half else ''}", macro(raw), macro(old), macro(new)


#: Where a surviving ``without`` snippet sits in the cleaned text (:func:`shape_of`), from the easiest for a
#: whole-line rule to the hardest: the whole line; inside a short line; only inside lines longer than
#: :data:`LONG_LINE` characters (its words are also an article sentence's, or trafilatura ran it into one);
#: across lines (or only as a part of a word run no line holds).
SHAPES = ("whole line", "in a short line", "in a long line", "across lines")
LONG_LINE = 120


def shape_of(snippet: str, lines: list[str]) -> tuple[str, str]:
    """Where ``snippet`` survives in a text's ``lines``: one of :data:`SHAPES`, and the shortest line
    holding it ("" across lines).

    >>> shape_of("Sign Up", ["Body text here.", "Sign up"])
    ('whole line', 'Sign up')
    >>> shape_of("About", ["Most of it is about the river, " * 5])[0]
    'in a long line'
    """
    needle = normalise(snippet)
    holding = [line for line in lines if needle and f" {needle} " in f" {normalise(line)} "]
    if not holding:
        return SHAPES[3], ""
    shortest = min(holding, key=len)
    if normalise(shortest) == needle:
        return SHAPES[0], shortest
    return (SHAPES[1] if len(shortest.strip()) <= LONG_LINE else SHAPES[2]), shortest


def survivors(root: Path, dataset: str = "wcxb_dev", half: str | None = "tune", clean: Cleaner = cleantext.clean,
              ) -> Iterator[tuple[Page, str, str, str]]:
    """(page, snippet, shape, line): the ``without`` snippets of ``dataset`` that survive in trafilatura's
    text and after ``clean``, on the pages of one :func:`site_half` (all pages with ``half=None``), with
    where each sits (:func:`shape_of`). The list to read when writing rules is the "tune" half's; the
    "test" half is for :func:`survivor_shapes`' counts only."""
    for page in _pages_with(root, dataset, "trafilatura"):
        if half is not None and site_half(page.site) != half:
            continue
        extra, extracted = page.extra(), page.read("trafilatura")
        if not extra or extracted is None:
            continue
        cleaned = clean(extracted)
        before, after = normalise(extracted), normalise(cleaned)
        lines = cleaned.splitlines()
        for snippet in extra.get("without") or ():
            if survives(snippet, before) and survives(snippet, after):
                shape, line = shape_of(snippet, lines)
                yield page, snippet, shape, line


def survivor_shapes(root: Path, dataset: str = "wcxb_dev", clean: Cleaner = cleantext.clean) -> dict[str, dict[str, int]]:
    """Per half of ``dataset``'s sites: how many surviving ``without`` snippets sit in each of :data:`SHAPES`
    (counts only: the ceiling of what line rules could still remove there)."""
    counts = {half: dict.fromkeys(SHAPES, 0) for half in HALVES}
    for page, _snippet, shape, _line in survivors(root, dataset, None, clean):
        counts[site_half(page.site)][shape] += 1
    return counts


def false_removals(root: Path, dataset: str) -> Iterator[tuple[Page, cleantext.Removal, float]]:
    """Applied removals whose words are mostly in the page's gold: (page, removal, share in gold)."""
    for page in _pages_with(root, dataset, "trafilatura"):
        gold, extracted = page.read("gold"), page.read("trafilatura")
        if gold is None or extracted is None:
            continue
        ref = tokens(gold)
        for removal in cleantext.explain(extracted):
            words = tokens(removal.text)
            if removal.applied and words:
                share = sum((words & ref).values()) / sum(words.values())
                if share >= 0.5:
                    yield page, removal, share


def missed_snippets(root: Path) -> Iterator[tuple[Page, str, str]]:
    """(page, kind, snippet): surviving ``without`` snippets clean() kept, ``with`` snippets it removed."""
    for page in _pages_with(root, SNIPPET_SET, "trafilatura"):
        extra, extracted = page.extra(), page.read("trafilatura")
        if not extra or extracted is None:
            continue
        before, after = normalise(extracted), normalise(cleantext.clean(extracted))
        for snippet in extra.get("without") or ():
            if survives(snippet, before) and survives(snippet, after):
                yield page, "without-kept", snippet
        for snippet in extra.get("with") or ():
            if survives(snippet, before) and not survives(snippet, after):
                yield page, "with-removed", snippet


def markdown(gold_rows: list[GoldRow], snippets: SnippetRow | list[SnippetRow]) -> str:
    """The results as the Markdown table of docs/rules-eval.md."""
    lines = [
        "| dataset | pages | trafilatura P / R / F1 | + clean() P / R / F1 | ΔP | ΔR | bar met |",
        "|---|---:|---|---|---:|---:|---|",
    ]
    for row in gold_rows:
        dp = row.after.precision - row.before.precision
        dr = row.after.recall - row.before.recall
        lines.append(f"| {row.dataset} | {row.pages} | {row.before} | {row.after} | {dp:+.4f} | {dr:+.4f} "
                     f"| {'yes' if row.ok else 'NO'} |")
    header = ("| dataset (pages) | `without` surviving in trafilatura | removed by clean() "
              "| `with` surviving in trafilatura | kept by clean() | bar met |")
    lines += ["", header, "|---|---:|---|---:|---|---|"]
    for s in snippets if isinstance(snippets, list) else [snippets]:
        lines.append(f"| {s.dataset} ({s.pages}) | {s.without_surviving} | {s.without_removed} ({s.removed_share:.1%}) "
                     f"| {s.with_surviving} | {s.with_kept} ({s.kept_share:.2%}) | {_bar(s)} |")
    return "\n".join(lines)


def _bar(row: SnippetRow) -> str:
    """The issue's bars: trafilatura_eval >= 50% removed, wcxb_dev >= 40%; both >= 99.5% kept."""
    need = 0.4 if row.dataset == "wcxb_dev" else 0.5
    return "yes" if row.removed_share >= need and row.kept_share >= 0.995 else "NO"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rules_eval", description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="benchmark folder (default: find_bench())")
    parser.add_argument("--markdown", action="store_true", help="print the docs/rules-eval.md tables")
    parser.add_argument("--false-removals", metavar="DATASET", help="list removals that are in the gold")
    parser.add_argument("--missed", action="store_true", help="list trafilatura_eval snippets clean() gets wrong")
    parser.add_argument("--held-out", action="store_true",
                        help="snippet shares with the rules chosen without each dataset, beside the shipped rules")
    parser.add_argument("--no-model", action="store_true",
                        help="with --held-out / --split-sites: skip the per-site model rows")
    parser.add_argument("--survivors", action="store_true",
                        help="wcxb_dev's tune half: the without snippets clean() leaves, with where each sits; then "
                             "per half the counts by shape (the test half is only counted, never listed)")
    parser.add_argument("--split-sites", action="store_true",
                        help="wcxb_dev's sites in two halves (tune / test, site_half): snippet shares and gold F1 "
                             "before and after the topic rule files; rules are written from the tune half only")
    args = parser.parse_args(argv)
    root = find_bench(args.data)
    if root is None:
        print("no benchmark folder found (use --data or $CLEANTEXT_BENCH)", file=sys.stderr)
        return 2
    if args.false_removals:
        for page, r, share in false_removals(root, args.false_removals):
            print(f"{page.site}\t{page.page_id}\t{r.category}\t{r.filter}\t{share:.2f}\t{r.text[:150]!r}")
        return 0
    if args.missed:
        for page, kind, snippet in missed_snippets(root):
            print(f"{kind}\t{page.site}\t{page.page_id}\t{snippet[:150]!r}")
        return 0
    if args.survivors:
        for page, snippet, shape, line in survivors(root, "wcxb_dev", "tune"):
            print(f"{shape}\t{page.page_type}\t{page.site}\t{page.page_id}\t{snippet[:100]!r}\t{line.strip()[:120]!r}")
        print("\n| half | " + " | ".join(SHAPES) + " |\n|---|" + "---:|" * len(SHAPES))
        for half, counts in survivor_shapes(root, "wcxb_dev").items():
            print(f"| {half} | " + " | ".join(str(counts[shape]) for shape in SHAPES) + " |")
        return 0
    if args.split_sites:
        print("| dataset | half | setting | `without` removed | `with` kept | bar met |\n|---|---|---|---|---|---|")
        for dataset in SNIPPET_SETS:
            for half, label, s in split_rows(root, dataset, with_model=not args.no_model):
                row = SnippetRow(0, s.without_found, s.without_removed, s.with_found, s.with_kept, dataset)
                print(f"| {dataset} | {half} | {label} | {s.without_removed}/{s.without_found} "
                      f"({row.removed_share:.1%}) | {s.with_kept}/{s.with_found} ({row.kept_share:.2%}) | {_bar(row)} |")
        model = "rules + per-site model" if not args.no_model else "rules only"
        print(f"\n| dataset | trafilatura P / R / F1 | before ({model}) | after ({model}) | ΔF1 | ΔR |"
              "\n|---|---|---|---|---:|---:|")
        for name, raw, old, new in gold_split_rows(root, (*GOLD_SETS, "wcxb_dev", "dragnet_train"),
                                                   with_model=not args.no_model):
            print(f"| {name} | {raw} | {old} | {new} | {new.f1 - old.f1:+.4f} | {new.recall - old.recall:+.4f} |")
        return 0
    if args.held_out:
        print("| dataset | setting | `without` removed | `with` kept | bar met |\n|---|---|---|---|---|")
        for dataset, label, s in held_out(root, with_model=not args.no_model):
            row = SnippetRow(0, s.without_found, s.without_removed, s.with_found, s.with_kept, dataset)
            print(f"| {dataset} | {label} | {s.without_removed}/{s.without_found} ({row.removed_share:.1%}) "
                  f"| {s.with_kept}/{s.with_found} ({row.kept_share:.2%}) | {_bar(row)} |")
        return 0
    rows = [eval_gold(root, name) for name in GOLD_SETS]
    snippets = [eval_snippets(root, dataset=name) for name in SNIPPET_SETS]
    if args.markdown:
        print(f"Command: `python -m benchmarks.rules_eval --markdown` "
              f"(run {_dt.date.today().isoformat()}, cleantext {cleantext.__version__})\n")
        print(markdown(rows, snippets))
    else:
        for row in rows:
            print(f"{row.dataset:12} n={row.pages:4}  {row.before}  ->  {row.after}  {'ok' if row.ok else 'FAIL'}")
        for s in snippets:
            print(f"{s.dataset} n={s.pages}: without removed {s.without_removed}/{s.without_surviving}"
                  f" ({s.removed_share:.1%}), with kept {s.with_kept}/{s.with_surviving} ({s.kept_share:.2%})"
                  f"  {'ok' if _bar(s) == 'yes' else 'FAIL'}")
    return 0 if all(r.ok for r in rows) and all(_bar(s) == "yes" for s in snippets) else 1


if __name__ == "__main__":
    sys.exit(main())
