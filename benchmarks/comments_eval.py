"""How much of a comment thread ``clean()`` removes, and how much article it takes with it.

Usage (the figures in docs/categories.md come from this)::

    python -m benchmarks.comments_eval [--data DIR] [--parts threads prf forum] [--mode article page]
    python -m benchmarks.comments_eval --leftovers 12   # where the comment words left are
    python -m benchmarks.comments_eval --sweep          # each threshold changed, on both thread sets

* **Threads** (dragnet_train pages with ``comments_gold``; l3s_gn1 pages with labelled
  ``comments`` blocks): the *comment-only* words of a text are its tokens that the
  comments annotation has and the gold has not (multisets: ``(text - gold) & comments``);
  "removed" is the share of them the cleaned text no longer has, "article lost" the share
  of the article's words in the text (``gold & text``) it no longer has. Summed over
  pages (micro). Article mode cleans trafilatura's default text, page mode the whole
  page text, each with the rules and a per-site model fitted on the same dataset's
  texts of that kind.
* **P/R/F1** per gold dataset: trafilatura's default text -> ``clean()`` with rules and
  a per-site model, beside trafilatura with ``include_comments=False``; and the page text ->
  ``clean(mode="page")`` with a per-site model; ``--mode resiliparse``: Resiliparse's main-content
  text -> ``clean(mode="page")`` with a per-site model.
* **Forum pages** (wcxb_dev, page type ``forum``: the posts are the content): gold
  words lost by cleaning, in both modes.

Every figure is given with the pipeline as shipped and without its ``comments`` filter
(the same pipeline minus that one filter), so the filter's own effect is the difference.
Protocol: never split a site. The filter's first thresholds and entry patterns were set by looking at
dragnet_train (article mode) and at wcxb_dev's forum pages (the forum guard), with l3s_gn1 as the
held-out check. Since then each change names the set it was made on and is scored on the other
(docs/categories.md has the table): bridging and the article-mode tail were made on dragnet_train
(l3s_gn1 held out), merging threads found in any order on l3s_gn1 (dragnet_train held out), the
Drupal link and the "X says: <date>" byline on dragnet_train (l3s_gn1 held out, neutral).
``--leftovers N`` lists the thread pages with the most comment-only words left after cleaning
(article mode), whether the comments filter took anything on them, and why the words are left
(:data:`CAUSES`, summed per cause over every thread page).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import cleantext

from cleantext.document import Document
from cleantext.filters.comments import FORUM, MIN_ENTRIES, Comments
from cleantext.pipeline import Pipeline
from .data import GOLD_DATASETS, Page, find_bench, pages
from .methods import fit_per_site
from .score import PRF, macro, normalise, score, tokens

#: The filter whose effect is measured (removed for the "without" column).
FILTER = "comments"


@dataclass
class ThreadShares:
    """Comment-only and article words of a set of pages, before and after cleaning."""

    pages: int = 0
    comment_words: int = 0
    comment_removed: int = 0
    article_words: int = 0
    article_lost: int = 0
    #: Words of the text's article lines (see :meth:`add`) and of those the cleaned text no longer has.
    line_words: int = 0
    line_lost: int = 0

    def add(self, text: str, cleaned: str, gold: str, comments: str) -> None:
        before, after, ref, thread = tokens(text), tokens(cleaned), tokens(gold), tokens(comments)
        comment_only = (before - ref) & thread
        left = (after - ref) & thread
        self.pages += 1
        self.comment_words += sum(comment_only.values())
        self.comment_removed += sum(comment_only.values()) - sum((left & comment_only).values())
        article = before & ref
        self.article_words += sum(article.values())
        self.article_lost += sum(article.values()) - sum((after & article).values())
        # Article lines: lines of the text found in the gold and not in the thread (a comment quoting the
        # article is neither); one is lost when the cleaned text no longer holds it. Counting gold *words*
        # instead charges a thread's removal with every word the article shares with it (trafilatura_nc,
        # which drops the thread from the HTML, "loses" 2.2% of dragnet_train's article words that way).
        gold_n, thread_n, kept_n = (f" {normalise(t)} " for t in (gold, comments, cleaned))
        for line in text.split("\n"):
            norm = normalise(line)
            if not norm or f" {norm} " not in gold_n or f" {norm} " in thread_n:
                continue
            words = len(norm.split())
            self.line_words += words
            self.line_lost += 0 if f" {norm} " in kept_n else words

    @property
    def removed(self) -> float:
        """Share of the comment-only words removed."""
        return self.comment_removed / self.comment_words if self.comment_words else 0.0

    @property
    def lines_lost(self) -> float:
        """Share of the words of the article's lines lost (lines found in the gold and not in the thread)."""
        return self.line_lost / self.line_words if self.line_words else 0.0

    @property
    def lost(self) -> float:
        """Share of the article's words lost."""
        return self.article_lost / self.article_words if self.article_words else 0.0


@dataclass
class Report:
    """Every figure of one run (see the module doc); ``markdown()`` lays them out."""

    #: (dataset, mode, "with"|"without") -> shares
    threads: dict[tuple[str, str, str], ThreadShares] = field(default_factory=dict)
    #: (dataset, mode, "with"|"without"|"trafilatura_nc"|"input") -> P/R/F1
    prf: dict[tuple[str, str, str], PRF] = field(default_factory=dict)
    #: (mode, "with"|"without") -> (gold words in the input, gold words lost)
    forum: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    def markdown(self) -> str:
        out = ["| thread pages | mode | pages | comment-only words | removed | without the filter "
               "| trafilatura_nc | article words lost | without the filter | trafilatura_nc "
               "| article lines' words lost | without the filter | trafilatura_nc |",
               "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for (dataset, mode, which), shares in self.threads.items():
            if which != "with":
                continue
            base = self.threads[(dataset, mode, "without")]
            nc = self.threads.get((dataset, mode, "trafilatura_nc"))
            out.append(f"| {dataset} | {mode} | {shares.pages} | {shares.comment_words} | {shares.removed:.1%} "
                       f"| {base.removed:.1%} | {f'{nc.removed:.1%}' if nc else ''} | {shares.lost:.2%} "
                       f"| {base.lost:.2%} | {f'{nc.lost:.2%}' if nc else ''} "
                       f"| {shares.lines_lost:.2%} ({shares.line_lost}) | {base.lines_lost:.2%} ({base.line_lost}) "
                       f"| {f'{nc.lines_lost:.2%} ({nc.line_lost})' if nc else ''} |")
        out += ["", "| dataset | mode | input as is | → clean(), rules + per-site model | without the comments filter "
                "| trafilatura_nc |", "|---|---|---|---|---|---|"]
        for dataset, mode in dict.fromkeys((d, m) for d, m, _ in self.prf):
            cells = [str(self.prf.get((dataset, mode, k), "")) for k in ("input", "with", "without", "trafilatura_nc")]
            out.append(f"| {dataset} | {mode} | " + " | ".join(cells) + " |")
        out += ["", "| wcxb_dev forum pages | gold words in input | lost | without the comments filter |",
                "|---|---|---|---|"]
        for mode in dict.fromkeys(m for m, _ in self.forum):
            words, lost = self.forum[(mode, "with")]
            _, base = self.forum[(mode, "without")]
            out.append(f"| {mode} | {words} | {lost} ({lost / max(words, 1):.2%}) "
                       f"| {base} ({base / max(words, 1):.2%}) |")
        return "\n".join(out)


Cleaner = Callable[[str, Page], str]


def cleaners(items: Sequence[Page], source: str, mode: str) -> dict[str, Cleaner]:
    """``clean()`` with rules and a per-site model fitted on ``items``' ``source`` texts, with and
    without the comments filter."""
    model = fit_per_site(items, source)
    options = {"mode": "page"} if mode != "article" else {}

    def with_filter(text: str, page: Page) -> str:
        return cleantext.clean(text, model=model, group=page.site, **options)

    def without_filter(text: str, page: Page) -> str:
        full = cleantext.default_pipeline(model=model, group=page.site, **options)
        return Pipeline([f for f in full.filters if getattr(f, "name", None) != FILTER], full.config).clean(text)

    return {"with": with_filter, "without": without_filter}


def l3s_comments(page: Page) -> str:
    """The text of l3s_gn1's blocks labelled ``comments`` (one a line); "" if none."""
    blocks = (page.extra() or {}).get("blocks", [])
    return "\n".join(b.get("text", "") for b in blocks if b.get("label") == "comments")


def dragnet_comments(page: Page) -> str:
    return str((page.extra() or {}).get("comments_gold") or "")


THREAD_SETS: dict[str, Callable[[Page], str]] = {"dragnet_train": dragnet_comments, "l3s_gn1": l3s_comments}
#: Each mode's input: ``page`` and ``resiliparse`` both clean with ``mode="page"`` (the whole page text, or
#: Resiliparse's main-content text of the same page).
MODES = {"article": "trafilatura", "page": "page_text", "resiliparse": "resiliparse"}


def thread_shares(root, dataset: str, mode: str) -> dict[str, ThreadShares]:
    """Comment-only words removed and article words lost on ``dataset``'s pages with a thread."""
    source = MODES[mode]
    items = [p for p in pages(root, dataset) if p.paths.get(source) and p.paths.get("gold")]
    fns = cleaners(items, source, mode)
    out = {which: ThreadShares() for which in fns}
    for page in items:
        comments = THREAD_SETS[dataset](page)
        if not comments.strip():
            continue
        text, gold = page.read(source) or "", page.read("gold") or ""
        for which, fn in fns.items():
            out[which].add(text, fn(text, page), gold, comments)
        nc = page.read("trafilatura_nc") if mode == "article" else None
        if nc is not None:  # the reference: trafilatura's own comment-free text of the same page
            out.setdefault("trafilatura_nc", ThreadShares()).add(text, nc, gold, comments)
    return out


def dataset_prf(root, dataset: str, mode: str = "article") -> dict[str, PRF]:
    """Macro P/R/F1 of the mode's input (trafilatura's text, or the page text), as is and cleaned with and
    without the comments filter, and of trafilatura_nc (article mode)."""
    source = MODES[mode]
    items = [p for p in pages(root, dataset) if p.paths.get(source) and p.paths.get("gold")]
    fns = cleaners(items, source, mode)
    scores: dict[str, list[PRF]] = {k: [] for k in ("input", *fns, "trafilatura_nc")}
    for page in items:
        text, gold = page.read(source) or "", page.read("gold") or ""
        scores["input"].append(score(text, gold))
        for which, fn in fns.items():
            scores[which].append(score(fn(text, page), gold))
        nc = page.read("trafilatura_nc") if mode == "article" else None
        if nc is not None:
            scores["trafilatura_nc"].append(score(nc, gold))
    return {k: macro(v) for k, v in scores.items() if v}


def forum_loss(root, mode: str) -> dict[str, tuple[int, int]]:
    """wcxb_dev forum pages: gold words in the input and gold words cleaning loses."""
    source = MODES[mode]
    items = [p for p in pages(root, "wcxb_dev") if p.paths.get(source) and p.paths.get("gold")]
    fns = cleaners(items, source, mode)
    out = {}
    for which, fn in fns.items():
        words = lost = 0
        for page in items:
            if page.page_type != "forum":
                continue
            text, gold = page.read(source) or "", tokens(page.read("gold") or "")
            kept = tokens(text) & gold
            words += sum(kept.values())
            lost += sum(kept.values()) - sum((tokens(fn(text, page)) & kept).values())
        out[which] = (words, lost)
    return out


@dataclass
class Leftover:
    """One thread page: its comment-only words, those the cleaned text still has, whether the comments
    filter took anything on it, and why the words are left (a key of :data:`CAUSES`)."""

    page: Page
    comment_words: int
    left: int
    fired: bool
    cause: str = ""


#: Why a thread page keeps comment-only words (``--leftovers``), the first that applies, in this order.
CAUSES = {
    "part": "the filter took part of the thread (entries above its first marker, an article missing)",
    "merged": "most are on lines that are no whole comment line: the thread shares lines with other text",
    "forum": "forum furniture: the forum guard kept the page",
    "heading": "a comments heading, no thread taken (a count under the title, nothing marked after it)",
    "stopped": f"at least {MIN_ENTRIES} strong entry markers, no thread taken (a stop rule)",
    "bare": f"no heading, fewer than {MIN_ENTRIES} strong entry markers: the extractor dropped the furniture",
}


def leftover_cause(text: str, gold: str, comments: str, left: int, fired: bool, finder: Comments) -> str:
    """The key of :data:`CAUSES` for a thread page whose ``left`` comment-only words survive cleaning
    (``merged``: lines found whole in the thread and not in the gold hold fewer than half of them)."""
    if fired:
        return "part"
    gold_n, thread_n = f" {normalise(gold)} ", f" {normalise(comments)} "
    alone = (normalise(line) for line in text.split("\n"))
    whole = sum(len(n.split()) for n in alone if n and f" {n} " in thread_n and f" {n} " not in gold_n)
    if 2 * whole < left:
        return "merged"
    doc = Document(text)
    markers = [m for m in finder.markers(doc) if m is not None]
    if any(m.kind == FORUM for m in markers):
        return "forum"
    scans = finder.matcher.scan(doc)
    if any(s is not None and s.opens is not None and s.opens.category == "comments" for s in scans):
        return "heading"
    return "stopped" if sum(1 for m in markers if m.strong) >= MIN_ENTRIES else "bare"


def leftovers(root, dataset: str, mode: str = "article") -> list[Leftover]:
    """Where the comment-only words that survive cleaning are (``--leftovers``): per thread page, most first."""
    source = MODES[mode]
    items = [p for p in pages(root, dataset) if p.paths.get(source) and p.paths.get("gold")]
    model = fit_per_site(items, source)
    options = {"mode": "page"} if mode != "article" else {}
    finder = Comments(page=mode != "article")
    out = []
    for page in items:
        comments = THREAD_SETS[dataset](page)
        if not comments.strip():
            continue
        text, gold = page.read(source) or "", page.read("gold") or ""
        result = cleantext.default_pipeline(model=model, group=page.site, **options).run(text)
        shares = ThreadShares()
        shares.add(text, result.text, gold, comments)
        fired = any(r.filter == FILTER for r in result.applied)
        left = shares.comment_words - shares.comment_removed
        cause = leftover_cause(text, gold, comments, left, fired, finder) if left else ""
        out.append(Leftover(page, shares.comment_words, left, fired, cause))
    return sorted(out, key=lambda x: -x.left)


def leftovers_markdown(dataset: str, rows: Sequence[Leftover], top: int) -> str:
    left = sum(r.left for r in rows)
    idle = sum(r.left for r in rows if not r.fired)
    out = [f"{dataset}: {left} of {sum(r.comment_words for r in rows)} comment-only words left; {idle} of them on "
           f"{sum(1 for r in rows if not r.fired and r.left)} pages where the comments filter took nothing", ""]
    for cause, what in CAUSES.items():
        mine = [r for r in rows if r.cause == cause and r.left]
        if mine:
            out.append(f"* {cause}: {sum(r.left for r in mine)} words on {len(mine)} pages; {what}")
    out += ["", "| site | page | comment-only words | left | filter took something | cause |",
            "|---|---|---|---|---|---|"]
    out += [f"| {r.page.site} | {r.page.page_id} | {r.comment_words} | {r.left} | {'yes' if r.fired else 'no'} "
            f"| {r.cause} |" for r in rows[:top]]
    return "\n".join(out)


#: ``--sweep``: each threshold of the filter halved and doubled (or so), one at a time.
SWEEP = {"MIN_ENTRIES": (2, 4), "MIN_ARTICLE_WORDS": (20, 80), "ARTICLE_TO_ENTRY": (2.0, 5.0),
         "MIN_COUNTED_SHARE": (0.02, 0.1), "MAX_GAP": (15, 60), "MAX_GAP_WORDS": (300, 1200),
         "MAX_BODY_LINES": (20, 80), "MIN_HEADING_WORDS": (10, 40), "PAIR_LINES": (1, 3)}


def sweep(root, log: Callable[[str], None] = lambda _: None) -> str:
    """Article-mode comment-only words removed and article lines' words lost on both thread sets, for
    each value of :data:`SWEEP` (one threshold changed at a time): what tuning each threshold on one set
    would choose, and what that does on the other."""
    from cleantext.filters import comments as module

    def row(label: str) -> str:
        log(f"sweep: {label}")
        cells = []
        for dataset in THREAD_SETS:
            shares = thread_shares(root, dataset, "article")["with"]
            cells.append(f"{shares.removed:.2%} ({shares.line_lost})")
        return f"| {label} | " + " | ".join(cells) + " |"

    out = ["| threshold = value | " + " | ".join(f"{d}: removed (article lines' words lost)" for d in THREAD_SETS)
           + " |", "|---" * (1 + len(THREAD_SETS)) + "|", row("as shipped")]
    for name, values in SWEEP.items():
        shipped = getattr(module, name)
        try:
            for value in values:
                setattr(module, name, value)
                out.append(row(f"{name} = {value} (shipped {shipped})"))
        finally:
            setattr(module, name, shipped)
    return "\n".join(out)


PARTS = ("threads", "prf", "forum")


def evaluate(root, datasets: Sequence[str] = GOLD_DATASETS, parts: Sequence[str] = PARTS,
             modes: Sequence[str] = tuple(MODES), log: Callable[[str], None] = lambda _: None) -> Report:
    """The figures of the module doc (``parts`` of them, in ``modes``) for the benchmark folder ``root``."""
    report = Report()
    for dataset in THREAD_SETS if "threads" in parts else ():
        for mode in modes:
            log(f"threads: {dataset} {mode}")
            for which, shares in thread_shares(root, dataset, mode).items():
                report.threads[(dataset, mode, which)] = shares
    for mode in modes if "prf" in parts else ():
        for dataset in datasets:
            log(f"P/R/F1: {dataset} {mode}")
            for which, prf in dataset_prf(root, dataset, mode).items():
                report.prf[(dataset, mode, which)] = prf
    for mode in modes if "forum" in parts else ():
        log(f"forum pages: {mode}")
        for which, counts in forum_loss(root, mode).items():
            report.forum[(mode, which)] = counts
    return report


def main(argv: Sequence[str] | None = None) -> int:
    import sys

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="benchmark folder (default: $CLEANTEXT_BENCH or ../shared/bench)")
    parser.add_argument("--dataset", nargs="+", default=list(GOLD_DATASETS), help="datasets for the P/R/F1 table")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS), help="which tables to compute")
    parser.add_argument("--mode", nargs="+", choices=list(MODES), default=list(MODES),
                        help="article mode, page mode on the page text, and/or page mode on Resiliparse's text")
    parser.add_argument("--leftovers", type=int, metavar="N",
                        help="instead: the N thread pages with the most comment-only words left (article mode)")
    parser.add_argument("--sweep", action="store_true",
                        help="instead: each threshold of the filter changed one at a time, on both thread sets")
    args = parser.parse_args(argv)
    root = find_bench(args.data)
    if root is None:
        parser.error("benchmark folder not found: pass --data or set CLEANTEXT_BENCH")
    if args.sweep:
        print(sweep(root, log=lambda msg: print(msg, file=sys.stderr, flush=True)))
        return 0
    if args.leftovers is not None:
        for dataset in THREAD_SETS:
            print(leftovers_markdown(dataset, leftovers(root, dataset), args.leftovers), end="\n\n")
        return 0
    report = evaluate(root, args.dataset, args.parts, args.mode, log=lambda msg: print(msg, file=sys.stderr, flush=True))
    print(report.markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
