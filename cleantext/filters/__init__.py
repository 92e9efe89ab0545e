"""Built-in filters, and factories that turn phrases or a regex into a filter.

A filter is any callable that takes a :class:`~cleantext.document.Document` and
returns spans to remove (``Removal`` objects, ``(start, end)`` pairs or
``(start, end, category, reason)`` tuples). Filters never edit text.
"""

from __future__ import annotations

from ..config import Config
from .blocks import Appeals, HeadlineLists
from .comments import Comments
from .custom import PatternFilter, phrases, regex
from .lines import LineRules
from .matcher import Matcher, matcher_for

__all__ = [
    "Appeals",
    "Comments",
    "HeadlineLists",
    "LineRules",
    "Matcher",
    "PageBlocks",
    "PatternFilter",
    "default",
    "phrases",
    "regex",
]


def __getattr__(name: str) -> object:
    # Page mode's classifier (numpy, the shipped trees) is imported when it is first asked for, so
    # that ``import cleantext`` and rules-only cleaning never load it (the cold start).
    if name == "PageBlocks":
        from .page import PageBlocks

        return PageBlocks
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), "PageBlocks"})


def default(config: Config | None = None) -> list:
    """The built-in rule filters for ``config``'s languages, in pipeline order.

    In ``mode="page"`` (whole-page text) the page classifier comes last. The comment
    thread filter runs in both modes.
    """
    config = config or Config()
    matcher = matcher_for(config.active_languages)
    rules = [LineRules((), matcher), Appeals((), matcher), HeadlineLists((), matcher),
             Comments(config.active_languages, matcher, page=config.mode == "page")]
    if config.mode == "page":
        from .page import PageBlocks

        rules.append(PageBlocks(config.active_languages, matcher))
    return rules
