"""The methods the benchmark compares: which input each reads and what it does to it.

A method that cannot run here (a missing package, an API another branch has
not delivered yet) is kept in the list with the reason, so the report shows a
"not available" row instead of silently dropping it or inventing a number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cleantext

from . import anchors
from .data import Page

#: Inputs a method can read: the files of a page (see the benchmark README).
SOURCES = ("page_text", "trafilatura", "html")


@dataclass(frozen=True)
class Method:
    """One row of the quality table."""

    key: str
    label: str
    source: str
    run: Callable[[str, Page], str] | None
    #: Why ``run`` is None (shown in the report).
    unavailable: str | None = None


def learning_available() -> str | None:
    """None if this cleantext has the learning API (``fit`` + ``clean(model=, group=)``), else why not."""
    if not callable(getattr(cleantext, "fit", None)):
        return "not available: cleantext.fit() is not in this build (learning API, issue 3)"
    return None


def page_mode_note() -> str | None:
    """A note when ``mode="page"`` runs the same filters as the default (no page-specific filters yet)."""
    from cleantext import filters
    from cleantext.config import Config

    default = [type(f).__name__ for f in filters.default(Config())]
    page = [type(f).__name__ for f in filters.default(Config(mode="page"))]
    if default == page:
        return 'mode="page" runs the same filters as the default in this build (no page-specific filters yet)'
    return None


def fit_per_site(pages: Sequence[Page], source: str) -> cleantext.Model:
    """One learned model over ``pages``' ``source`` texts, grouped by site."""
    chosen = [p for p in pages if p.paths.get(source)]
    return cleantext.fit((p.read(source) or "" for p in chosen), groups=[p.site for p in chosen])


def default_methods(pages: Sequence[Page]) -> list[Method]:
    """The rows (a)-(f) of the issue, in order; ``pages`` are used to fit the learned model."""
    rows = [
        Method("a", "trafilatura text, as is", "trafilatura", lambda text, page: text),
        Method("b", "trafilatura text → cleantext rules", "trafilatura", lambda text, page: cleantext.clean(text)),
        _learned(pages),
        _anchor("d", "page_text → C4 line rules (datatrove C4QualityFilter)", "page_text", "c4",
                lambda text, page: anchors.c4_lines(text)),
        Method("e", 'page_text → cleantext (mode="page")', "page_text",
               lambda text, page: cleantext.clean(text, mode="page")),
        _anchor("f", "html → jusText", "html", "justext", lambda text, page: anchors.justext_html(_raw_html(page))),
    ]
    return rows


def reference_methods() -> list[Method]:
    """Extra rows of the README table worth keeping beside ours: the untouched page text."""
    return [Method("p", "page_text, unchanged", "page_text", lambda text, page: text)]


def _anchor(key: str, label: str, source: str, anchor: str, run: Callable[[str, Page], str]) -> Method:
    reason = anchors.available(anchor)
    return Method(key, label, source, None if reason else run, reason)


def _learned(pages: Sequence[Page]) -> Method:
    """Row (c): the model is fitted on first use, so listing the methods stays cheap."""
    label = "trafilatura text → cleantext rules + per-site learned model"
    reason = learning_available()
    if reason is not None:
        return Method("c", label, "trafilatura", None, reason)
    fitted: list[cleantext.Model] = []

    def run(text: str, page: Page) -> str:
        if not fitted:
            fitted.append(fit_per_site(pages, "trafilatura"))
        return cleantext.clean(text, model=fitted[0], group=page.site)

    return Method("c", label, "trafilatura", run)


def _raw_html(page: Page) -> bytes:
    """The HTML file's bytes, so that jusText reads the page's own charset declaration."""
    return (page.root / page.paths["html"]).read_bytes()
