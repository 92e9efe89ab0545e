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
