"""Where a cleaned row loses to trafilatura_nc, page by page: the pages with the largest F1 gap and their lines.

Usage::

    python -m benchmarks.gap_pages --dataset wcxb_dev --row c [--worst 30] [--lines 12]
    python -m benchmarks.gap_pages --dataset dragnet_train --row h   # page mode held out (leave-one-dataset-out)

Row ``c``: trafilatura's default text -> ``clean()`` with the rules and a per-site model; row ``h``:
Resiliparse's text -> ``clean(mode="page")`` with a per-site model and the line model that never saw the
dataset (:func:`benchmarks.page_eval.fold_models`). Each is scored beside ``trafilatura_nc`` (row ``n``, the
anchor) with :func:`benchmarks.score.score`. For the worst pages it prints the lines the row keeps that are
not gold and that trafilatura_nc does not print (boilerplate left: a comment thread?), and the gold lines
trafilatura_nc keeps that the row lost, each with the filters whose removed text holds it or is held by it
(matched by text, so a rough guide), or "not in the input" when the row's input never held it (Resiliparse's
main content dropped the article: no cleaning gets it back). First, a table of causes (:func:`cause`) with their page
counts and F1 mass: the sum of the per-page F1 differences of the pages where the row loses, divided by the
dataset's page count (the cause's share of the macro F1 gap).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

import cleantext
from cleantext.document import Document, Line
from cleantext.filters.comments import Comments

from .data import Page, find_bench, pages
from .methods import fit_per_site
from .score import normalise, score, tokens


def row_cleaner(root: Path, dataset: str, row: str, items: Sequence[Page]) -> tuple[str, Callable[[Page, str], str],
                                                                                    Callable[[Page, str], list]]:
    """The row's input, its cleaning function, and a function giving the removals it applies."""
    if row == "c":
        model = fit_per_site(items, "trafilatura")

        def run(page: Page, text: str) -> str:
            return cleantext.clean(text, model=model, group=page.site)

        def removals(page: Page, text: str) -> list:
            return [r for r in cleantext.explain(text, model=model, group=page.site) if r.applied]

        return "trafilatura", run, removals
    from .page_eval import fold_models, page_mode, with_model

    source = "resiliparse" if row == "h" else "page_text"
    filters = page_mode(*fold_models(root)[dataset])
    model = fit_per_site(items, source)

    def run_page(page: Page, text: str) -> str:
        return with_model(filters, model, page.site).clean(text)

    def removals_page(page: Page, text: str) -> list:
        return [r for r in with_model(filters, model, page.site).run(text).removals if r.applied]

    return source, run_page, removals_page


def _lines_not_in(text: str, *others: str) -> list[str]:
    """The lines of ``text`` (normalised, non-empty) found in none of ``others``."""
    spaced = [f" {normalise(o)} " for o in others]
    return [line for line in text.split("\n") if normalise(line)
            and not any(f" {normalise(line)} " in o for o in spaced)]


def cause(page: Page, out: str, nc: str, gold: str, marker_of: Callable[[Line], object], text: str | None = None) -> str:
    """Why a page scores below trafilatura_nc, roughly: the words the row keeps that are neither gold nor in
    trafilatura_nc's text (boilerplate left: with comment-entry furniture among them or not), against the gold
    words of trafilatura_nc's text the row lost: cut by cleantext, or (given the row's input ``text``) never in
    the input, which the extractor (Resiliparse's main content) dropped."""
    left = _lines_not_in(out, gold, nc)
    gold_n = f" {normalise(gold)} "
    cut = [line for line in _lines_not_in(nc, out) if f" {normalise(line)} " in gold_n]
    missing = [] if text is None else _lines_not_in("\n".join(cut), text)
    left_words = sum(len(normalise(x).split()) for x in left)
    cut_words = sum(len(normalise(x).split()) for x in cut)
    missing_words = sum(len(normalise(x).split()) for x in missing)
    if cut_words > left_words:
        if 2 * missing_words > cut_words:
            return "input lacks it (gold lines trafilatura_nc keeps, not in the row's input)"
        return "content cut (gold lines trafilatura_nc keeps)"
    if page.page_type == "forum":
        return "forum page: posts kept (gold holds fewer)"
    marked = sum(1 for line in Document("\n".join(left)).content_lines if marker_of(line) is not None)
    if left_words < 20:
        return "small differences (< 20 words)"
    if marked >= 2:
        return "boilerplate left, with thread furniture (bylines, stamps, crumbs)"
    return "boilerplate left, no thread furniture (entries' text only)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data")
    parser.add_argument("--dataset", required=True)
    parser.add_argument("--row", choices=("c", "g", "h"), default="c")
    parser.add_argument("--worst", type=int, default=30)
    parser.add_argument("--lines", type=int, default=12)
    args = parser.parse_args(argv)
    root = find_bench(args.data)
    assert root is not None
    items = [p for p in pages(root, args.dataset) if p.paths.get("gold") and p.paths.get("trafilatura_nc")]
    source, run, removals = row_cleaner(root, args.dataset, args.row, items)
    rows = []
    for page in items:
        gold = page.read("gold") or ""
        if not tokens(gold) or not page.paths.get(source):
            continue
        text = page.read(source) or ""
        out, nc = run(page, text), page.read("trafilatura_nc") or ""
        mine, anchor = score(out, gold), score(nc, gold)
        rows.append((mine.f1 - anchor.f1, page, text, out, nc, gold, mine, anchor))
    n = len(rows)
    print(f"{args.dataset} row {args.row}: {n} pages, macro F1 {sum(r[6].f1 for r in rows) / n:.4f}"
          f" vs n {sum(r[7].f1 for r in rows) / n:.4f}; pages lost {sum(r[0] < 0 for r in rows)}"
          f" (mass {sum(r[0] for r in rows if r[0] < 0) / n:+.4f}), won {sum(r[0] > 0 for r in rows)}"
          f" (mass {sum(r[0] for r in rows if r[0] > 0) / n:+.4f})")
    causes: dict[str, list[float]] = {}
    examples: dict[str, list[str]] = {}
    marker_of = Comments(page=args.row != "c").marker
    for diff, page, text, out, nc, gold, mine, anchor in rows:
        if diff < 0:
            why = cause(page, out, nc, gold, marker_of, text)
            causes.setdefault(why, []).append(diff)
            examples.setdefault(why, []).append(f"{page.page_id} {page.site} {diff:+.2f}")
    print("\n| cause | pages | F1 mass | worst pages |\n|---|---|---|---|")
    for name, diffs in sorted(causes.items(), key=lambda kv: sum(kv[1])):
        worst = sorted(examples[name], key=lambda e: float(e.rsplit(" ", 1)[1]))[:6]
        print(f"| {name} | {len(diffs)} | {sum(diffs) / n:+.4f} | {'; '.join(worst)} |")
    for diff, page, text, out, nc, gold, mine, anchor in sorted(rows, key=lambda r: r[0])[: args.worst]:
        print(f"\n== {page.page_id} {page.site} {page.page_type} dF1 {diff:+.3f} (mass {diff / n:+.4f}):"
              f" row P/R {mine.precision:.2f}/{mine.recall:.2f}, n P/R {anchor.precision:.2f}/{anchor.recall:.2f}")
        gold_n = f" {normalise(gold)} "
        left = _lines_not_in(out, gold, nc)
        print(f"  kept, not gold, not in n: {len(left)} lines, {sum(len(normalise(x).split()) for x in left)} words")
        for line in left[: args.lines]:
            print(f"    + {line[:150]}")
        cut_lines = [line for line in _lines_not_in(nc, out) if f" {normalise(line)} " in gold_n]
        if cut_lines:
            found = removals(page, text)
            absent = set(_lines_not_in("\n".join(cut_lines), text))
            print(f"  gold lines n keeps, row lost: {len(cut_lines)} lines,"
                  f" {sum(len(normalise(x).split()) for x in cut_lines)} words"
                  f" ({sum(len(normalise(x).split()) for x in absent)} of them not in the input)")
            for line in cut_lines[: args.lines]:
                why = sorted({f"{r.filter}:{r.category}" for r in found if normalise(line)[:40] in normalise(
                    r.text) or normalise(r.text) in normalise(line)} - {""})
                print(f"    - {line[:150]}  [{'not in the input' if line in absent else ', '.join(why)[:80]}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
