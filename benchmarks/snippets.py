"""trafilatura_eval and wcxb_dev: of the ``without`` snippets (must go) present in the input, how many a cleaner removes;
of the ``with`` snippets (must stay) present in the input, how many it keeps.

Only snippets found in the input count: a cleaner of extracted text cannot
remove what the extractor already dropped, nor keep what it never got.
Snippets are matched as in :mod:`benchmarks.rules_eval` (``normalise`` /
``survives``: case-folded words), so both reports count the same thing; this
module takes a cleaner that also sees the page (for a per-site learned model).

>>> from benchmarks.snippets import tally, Shares
>>> tally("Body text.\\nShare this\\nMore body.", "Body text.\\nMore body.",
...       {"with": ["More body."], "without": ["Share this", "absent"]}, Shares())
Shares(without_found=1, without_removed=1, with_found=1, with_kept=1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .data import Page
from .data import pages as bench_pages
from .score import normalise, survives


#: The datasets whose pages carry ``with`` / ``without`` snippets.
SNIPPET_DATASETS = ("wcxb_dev", "trafilatura_eval")


@dataclass(frozen=True)
class Shares:
    without_found: int = 0
    without_removed: int = 0
    with_found: int = 0
    with_kept: int = 0

    @property
    def removed_share(self) -> float | None:
        return self.without_removed / self.without_found if self.without_found else None

    @property
    def kept_share(self) -> float | None:
        return self.with_kept / self.with_found if self.with_found else None


def tally(text: str, output: str, extra: dict, shares: Shares) -> Shares:
    """Add one page's counts to ``shares``."""
    before, after = normalise(text), normalise(output)
    wo = [s for s in extra.get("without") or () if survives(s, before)]
    wi = [s for s in extra.get("with") or () if survives(s, before)]
    return replace(
        shares,
        without_found=shares.without_found + len(wo),
        without_removed=shares.without_removed + sum(not survives(s, after) for s in wo),
        with_found=shares.with_found + len(wi),
        with_kept=shares.with_kept + sum(survives(s, after) for s in wi),
    )


def snippet_shares(pages: Iterable[Page], clean: Callable[[str, Page], str], source: str = "trafilatura",
                   dataset: str = "trafilatura_eval") -> Shares:
    """The counts over every ``dataset`` page that has snippets and a ``source`` text."""
    shares = Shares()
    for page in pages:
        if page.dataset != dataset or not page.paths.get(source):
            continue
        extra = page.extra()
        if not extra:
            continue
        text = page.read(source) or ""
        shares = tally(text, clean(text, page), extra, shares)
    return shares


def _rules_only(text: str, page: Page) -> str:
    import cleantext

    return cleantext.clean(text)


def shares_by_dataset(root: Path, clean: Callable[[str, Page], str] = _rules_only, source: str = "trafilatura",
                      datasets: Sequence[str] = SNIPPET_DATASETS) -> dict[str, Shares]:
    """Snippet shares per snippet dataset (wcxb_dev, trafilatura_eval) for ``clean(text, page)``
    (default: ``cleantext.clean`` with the rules only) on each page's ``source`` text; the
    issue's bars: ``removed_share`` >= 0.4 on wcxb_dev and >= 0.5 on trafilatura_eval,
    ``kept_share`` >= 0.995 on both."""
    return {name: snippet_shares(bench_pages(root, name), clean, source, name) for name in datasets}


#: The bench's extracted texts that :func:`extracted_shares` compares with the whole page's.
EXTRACTORS = ("trafilatura", "trafilatura_nc", "resiliparse")


def extracted_shares(root: Path, dataset: str, extractor: str) -> Shares:
    """What an extractor itself keeps of the snippets found in a page's whole text (``page_text``).

    The page's ``extractor`` text (missing: empty, the extractor gave nothing) is the output
    and ``page_text`` the input: the reference for page mode, which cleans ``page_text``
    (an extractor that keeps 94% of the `with` snippets sets what "keeps content" can mean).
    """
    shares = Shares()
    for page in bench_pages(root, dataset):
        extra = page.extra()
        if not extra or not page.paths.get("page_text"):
            continue
        output = page.read(extractor) if page.paths.get(extractor) else ""
        shares = tally(page.read("page_text") or "", output or "", extra, shares)
    return shares


def main(argv: Sequence[str] | None = None) -> int:
    """Print, per snippet dataset, the share of ``page_text``'s snippets each extractor's text keeps."""
    import argparse

    from .data import find_bench

    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.snippets",
        description="The extractors as cleaners of the whole page's text: of the snippets found in page_text, "
                    "the `without` share each extractor's text drops and the `with` share it keeps.")
    parser.add_argument("--data", type=Path, default=None, help="the bench folder (default: found)")
    args = parser.parse_args(argv)
    root = find_bench(args.data)
    if root is None:
        parser.error("no bench folder: pass --data or set CLEANTEXT_BENCH")
    print("| dataset | page_text → | `without` removed | `with` kept |")
    print("|---|---|---|---|")
    for dataset in SNIPPET_DATASETS:
        for extractor in EXTRACTORS:
            s = extracted_shares(root, dataset, extractor)
            print(f"| {dataset} | {extractor} | {s.removed_share:.1%} ({s.without_removed} of {s.without_found}) "
                  f"| {s.kept_share:.1%} ({s.with_kept} of {s.with_found}) |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
