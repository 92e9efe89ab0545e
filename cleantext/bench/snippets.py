"""trafilatura_eval: of the ``without`` snippets (must go) present in the input, how many a cleaner removes;
of the ``with`` snippets (must stay) present in the input, how many it keeps.

Only snippets found in the input count: a cleaner of extracted text cannot
remove what the extractor already dropped, nor keep what it never got.
Snippets are matched as in :mod:`cleantext.bench.rules_eval` (``normalise`` /
``survives``: case-folded words), so both reports count the same thing; this
module takes a cleaner that also sees the page (for a per-site learned model).

>>> from cleantext.bench.snippets import tally, Shares
>>> tally("Body text.\\nShare this\\nMore body.", "Body text.\\nMore body.",
...       {"with": ["More body."], "without": ["Share this", "absent"]}, Shares())
Shares(without_found=1, without_removed=1, with_found=1, with_kept=1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from .data import Page
from .rules_eval import normalise, survives


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


def snippet_shares(pages: Iterable[Page], clean: Callable[[str, Page], str], source: str = "trafilatura") -> Shares:
    """The counts over every trafilatura_eval page that has snippets and a ``source`` text."""
    shares = Shares()
    for page in pages:
        if page.dataset != "trafilatura_eval" or not page.paths.get(source):
            continue
        extra = page.extra()
        if not extra:
            continue
        text = page.read(source) or ""
        shares = tally(text, clean(text, page), extra, shares)
    return shares
