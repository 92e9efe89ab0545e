"""Mine the benchmark pages for boilerplate wording: candidate phrases for cleantext/languages/*/rules.toml.

A candidate is a short line (or the label before a colon that opens a line,
"Lesen Sie auch:") that recurs on many *different sites* in the extracted
(``trafilatura/``) or whole-page (``page_text/``) texts and that the human gold
rarely contains. Labelled evidence adds to it: l3s_gn1's ``related-content``,
``comments`` and ``not-content`` blocks and trafilatura_eval's ``without``
snippets count as boilerplate; gold lines and ``with`` snippets count against.

Usage::

    python scripts/mine_rules.py [--data DIR] [--min-sites 6] [--out scripts/candidates] [--exclude DATASET]

``--exclude`` leaves a dataset out of the mining, so that the candidates can be judged on it
held out (issue 12: a rule stays only if it helps on data it was not mined from; the per-rule
table of ``python -m benchmarks.rule_audit`` shows it per dataset). Generic interface rules
are chosen automatically that way by :mod:`benchmarks.rule_mining`.

writes one TSV per guessed language (``<lang>.tsv``: sites, sites where it is
in the extracted text, pages, sites in gold, labelled sites, labels, candidate)
sorted by sites. Lines are case-folded,
digits become ``0`` and decoration is trimmed, so "120 Kommentare" and
"3 Kommentare" are one candidate ("0 kommentare"). The output is a list of
short generic phrases for a person to review into the rule files; it is not
loaded by the library. Only phrases seen on at least ``--min-sites`` sites are
written, so single pages' text does not end up in the output.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parents[1]))  # benchmarks/ and tools/ of this checkout

from benchmarks.data import Page, find_bench, pages
from cleantext.filters.matcher import trimmed

#: Candidates are at most this many words ...
MAX_WORDS = 10
#: ... and this many characters.
MAX_CHARS = 90
#: A label before a colon is at most this many words ("Lesen Sie auch:").
MAX_LABEL_WORDS = 5
#: Labels of l3s_gn1 blocks that are boilerplate.
BOILERPLATE_LABELS = ("related-content", "comments", "not-content")

_DIGITS_RE = regex.compile(r"\d+")
_SPACE_RE = regex.compile(r"\s+")
_WORD_RE = regex.compile(r"\w+")
_LABEL_RE = regex.compile(r"^([^:\n]{2,60}?)\s*:\s+\S")

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split(" "))


#: A few very frequent function words per language, enough to tell the page's language.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words("the and of to is in that for with was on are this have from"),
    "de": _words("der die und das ist nicht mit den von für sich auch auf ein eine dem"),
    "fr": _words("le la les et des est une pour dans que qui pas sur du au avec"),
    "es": _words("el la los las y de que en por con una para del se es como"),
    "it": _words("il la che di e per non una sono della con del gli anche"),
    "pt": _words("o a os as de que em para com uma do da não se por mais"),
    "nl": _words("de het een en van is dat op te in niet met voor zijn ook"),
    "pl": _words("i w na nie że się z do to jest jak o po ale przez"),
    "ru": _words("и в не на что с по как это он к из для от"),
    "uk": _words("і в не на що з по як це та до із для від також"),
}


def key(line: str) -> str:
    """The form lines are counted in: trimmed, case-folded, digits as 0, single spaces.

    >>> key("  » 120 Kommentare ›")
    '0 kommentare'
    """
    text = _SPACE_RE.sub(" ", trimmed(line)).casefold()
    return _DIGITS_RE.sub("0", text).strip()


def candidates_in(line: str) -> Iterator[str]:
    """The keys a line contributes: the whole line if short, and a leading label before a colon."""
    k = key(line)
    if not k or len(k) > MAX_CHARS * 3:
        return
    words = len(_WORD_RE.findall(k))
    if 1 <= words <= MAX_WORDS and len(k) <= MAX_CHARS and regex.search(r"\p{L}", k):
        yield k
    match = _LABEL_RE.match(k)
    if match and 1 <= len(_WORD_RE.findall(match.group(1))) <= MAX_LABEL_WORDS:
        yield match.group(1) + ": …"


def guess_language(text: str) -> str:
    """The language whose stopwords are most frequent in ``text`` ('??' if none).

    >>> guess_language("Das ist nicht die Frage, sagte er auch.")
    'de'
    """
    words = Counter(_WORD_RE.findall(text.casefold()))
    best, best_count = "??", 2
    for lang, stops in STOPWORDS.items():
        count = sum(words[w] for w in stops)
        if count > best_count:
            best, best_count = lang, count
    if best in ("ru", "uk"):
        best = "uk" if regex.search(r"[іїєґ]", text.casefold()) else "ru"
    return best


@dataclass
class Tally:
    """Evidence for one candidate."""

    sites: set[str] = field(default_factory=set)
    extracted_sites: set[str] = field(default_factory=set)
    pages: int = 0
    gold_sites: set[str] = field(default_factory=set)
    labelled_sites: set[str] = field(default_factory=set)
    labels: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)


class Miner:
    """Counts candidates per distinct site over the benchmark pages."""

    def __init__(self) -> None:
        self.tallies: dict[str, Tally] = defaultdict(Tally)

    def add_page(self, page: Page) -> None:
        extracted, whole = page.read("trafilatura") or "", page.read("page_text") or ""
        if not (extracted or whole):
            return
        language = guess_language((extracted or whole)[:5000])
        in_extracted = self._keys(extracted.split("\n"))
        for cand in in_extracted | self._keys(whole.split("\n")):
            tally = self.tallies[cand]
            tally.sites.add(page.site)
            if cand in in_extracted:
                tally.extracted_sites.add(page.site)
            tally.pages += 1
            tally.languages[language] += 1
        gold = page.read("gold")
        if gold:
            self._mark(self._keys(gold.split("\n")), page.site, gold=True)
        extra = page.extra() or {}
        for block in extra.get("blocks") or ():
            if block.get("label") in BOILERPLATE_LABELS:
                self._mark(self._keys([block.get("text", "")]), page.site, label=block["label"])
            elif block.get("label") in ("fulltext", "headline"):
                self._mark(self._keys([block.get("text", "")]), page.site, gold=True)
        self._mark(self._keys(extra.get("without") or ()), page.site, label="without")
        self._mark(self._keys(extra.get("with") or ()), page.site, gold=True)

    @staticmethod
    def _keys(lines: Iterable[str]) -> set[str]:
        return {c for line in lines for c in candidates_in(line)}

    def _mark(self, keys: set[str], site: str, *, gold: bool = False, label: str = "") -> None:
        for k in keys:
            if k not in self.tallies:
                continue
            tally = self.tallies[k]
            if gold:
                tally.gold_sites.add(site)
            if label:
                tally.labelled_sites.add(site)
                tally.labels[label] += 1

    def rows(self, min_sites: int, max_gold_share: float) -> Iterator[tuple[str, Tally]]:
        """Candidates on at least ``min_sites`` sites and in the gold of at most that share of them."""
        for cand, tally in self.tallies.items():
            n = len(tally.sites)
            if n >= min_sites and len(tally.gold_sites) <= max_gold_share * n:
                yield cand, tally


def write(rows: Iterable[tuple[str, Tally]], out: Path) -> dict[str, int]:
    """One TSV per majority language of the pages a candidate was seen on."""
    by_lang: dict[str, list[tuple[str, Tally]]] = defaultdict(list)
    for cand, tally in rows:
        by_lang[tally.languages.most_common(1)[0][0]].append((cand, tally))
    out.mkdir(parents=True, exist_ok=True)
    for lang, items in by_lang.items():
        items.sort(key=lambda item: (-len(item[1].sites), item[0]))
        with open(out / f"{lang}.tsv", "w", encoding="utf-8", newline="") as handle:
            w = csv.writer(handle, delimiter="\t", lineterminator="\n")
            w.writerow(["sites", "extracted_sites", "pages", "gold_sites", "labelled_sites", "labels", "candidate"])
            for cand, t in items:
                labels = ",".join(f"{k}:{v}" for k, v in t.labels.most_common())
                w.writerow([len(t.sites), len(t.extracted_sites), t.pages, len(t.gold_sites),
                            len(t.labelled_sites), labels, cand])
    return {lang: len(items) for lang, items in sorted(by_lang.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="benchmark folder (default: find_bench())")
    parser.add_argument("--min-sites", type=int, default=6, help="distinct sites a candidate needs (default 6)")
    parser.add_argument("--max-gold-share", type=float, default=0.2,
                        help="drop candidates found in the gold of more than this share of their sites")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "candidates"))
    parser.add_argument("--exclude", action="append", default=[], metavar="DATASET",
                        help="mine without this dataset (repeatable): the held-out protocol of issue 12 "
                             "judges a candidate on the dataset left out (python -m benchmarks.rule_audit)")
    args = parser.parse_args(argv)
    root = find_bench(args.data)
    if root is None:
        print("no benchmark folder found (use --data or $CLEANTEXT_BENCH)", file=sys.stderr)
        return 2
    miner = Miner()
    for page in pages(root):
        if page.dataset not in args.exclude:
            miner.add_page(page)
    counts = write(miner.rows(args.min_sites, args.max_gold_share), Path(args.out))
    for lang, n in counts.items():
        print(f"{lang}\t{n} candidates -> {Path(args.out) / (lang + '.tsv')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
