"""What the Resiliparse front end's fallback (``cleantext.html._resiliparse_text``) does on the bench.

Usage::

    python -m benchmarks.resiliparse_fallback [--data DIR] [--dataset NAME ...]

When Resiliparse's main-content text missed the page's content
(``cleantext.html.main_content_missed``: under 50 words and under 5% of the whole page's), the front end uses the whole page's
text instead. Only big9 and scrapinghub have HTML in the bench, so on the other gold datasets
this *emulates* the fallback: the bench's ``resiliparse/`` text is the main content and its
``page_text`` stands for the whole page's text. Each text is cleaned in page mode with a
per-site model fitted on the same dataset's texts of its kind. Printed per dataset: the pages
switched, the macro P/R/F1 over all gold pages without and with the fallback, and the mean F1
of the switched pages before and after.

The two thresholds were chosen looking at these figures on every gold dataset (in-sample);
they are a guard, not a fitted weight: a lower share switched a scrapinghub page whose main
content was right (givewell, 87 of 2,189 words), hence the word floor.
"""

from __future__ import annotations

import argparse

import cleantext
from cleantext.html import main_content_missed

from .data import GOLD_DATASETS, find_bench, pages
from .methods import fit_per_site
from .score import PRF, macro, score


def evaluate(root, dataset: str) -> tuple[int, int, PRF, PRF, float, float]:
    """(gold pages, switched, macro without, macro with, switched pages' mean F1 before, after)."""
    listed = [p for p in pages(root, dataset) if p.paths.get("gold") and p.paths.get("resiliparse")]
    main_model = fit_per_site(listed, "resiliparse")
    whole_model = fit_per_site(listed, "page_text")
    without, with_, before, after = [], [], [], []
    for page in listed:
        gold = page.read("gold") or ""
        main = page.read("resiliparse") or ""
        whole = page.read("page_text") or ""
        kept = score(cleantext.clean(main, mode="page", model=main_model, group=page.site), gold)
        without.append(kept)
        if whole and main_content_missed(main, whole):
            other = score(cleantext.clean(whole, mode="page", model=whole_model, group=page.site), gold)
            before.append(kept.f1)
            after.append(other.f1)
            with_.append(other)
        else:
            with_.append(kept)
    mean = (lambda xs: sum(xs) / len(xs) if xs else 0.0)
    return len(listed), len(before), macro(without), macro(with_), mean(before), mean(after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--dataset", nargs="*", default=list(GOLD_DATASETS))
    args = parser.parse_args()
    root = find_bench(args.data)
    print("| dataset | gold pages | switched | P / R / F1 without | P / R / F1 with | switched pages' F1 before → after |")
    print("|---|---|---|---|---|---|")
    for dataset in args.dataset:
        n, switched, off, on, before, after = evaluate(root, dataset)
        print(f"| {dataset} | {n} | {switched} | {off.precision:.3f} / {off.recall:.3f} / {off.f1:.3f} | "
              f"{on.precision:.3f} / {on.recall:.3f} / {on.f1:.3f} | {before:.3f} → {after:.3f} |")


if __name__ == "__main__":
    main()
