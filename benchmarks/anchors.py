"""The other cleaners we compare with, each as a function ``str -> str``.

They need the ``bench`` extra (``pip install 'cleantext-boilerplate[bench]'``);
each is imported only when asked for, so the package and its doctests work
without them, and a missing one is reported as "not available", never guessed.

The settings are those that reproduce the reference rows of the benchmark
folder's README (checked by ``tests/test_bench_real.py``):

* C4 line rules: datatrove's ``C4QualityFilter`` with sentence counting off
  (it needs spaCy) and its *line-level* behaviour only: the text after its
  line filtering is kept whatever the page-level verdict (a ``{`` or "lorem
  ipsum" makes it reject the whole page, and then it leaves the text as it was).
* jusText: ``justext.justext(html_bytes, English stoplist)`` with its default
  thresholds, the non-boilerplate paragraphs joined with newlines.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import lru_cache

#: The distributions each anchor needs (the ``bench`` extra lists them all).
REQUIRES = {
    "c4": ("datatrove",),
    "justext": ("justext", "lxml_html_clean"),
    "trafilatura": ("trafilatura",),
}


class AnchorUnavailable(RuntimeError):
    """An anchor's package is not installed; the message says what to install."""


def available(anchor: str) -> str | None:
    """None if ``anchor`` can run here, else why not (for the report)."""
    for module in REQUIRES[anchor]:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            return f"not available: {exc.name or module} is not installed (pip install 'cleantext-boilerplate[bench]')"
    return None


def _need(anchor: str) -> None:
    reason = available(anchor)
    if reason is not None:
        raise AnchorUnavailable(f"{anchor}: {reason}")


@lru_cache(maxsize=1)
def _c4_filter() -> object:
    _need("c4")
    from datatrove.pipeline.filters.c4_filters import C4QualityFilter

    return C4QualityFilter(min_num_sentences=-1)


def c4_lines(text: str) -> str:
    """Whole-page text through datatrove's C4 line rules (line-level behaviour, see the module doc)."""
    from datatrove.data import Document

    doc = Document(text=text, id="page")
    _c4_filter().filter(doc)  # type: ignore[attr-defined]
    return doc.text


def c4_filter_call() -> Callable[[str], object]:
    """The bare ``C4QualityFilter.filter`` call, for timing it with no scoring around it."""
    from datatrove.data import Document

    flt = _c4_filter()
    return lambda text: flt.filter(Document(text=text, id="page"))  # type: ignore[attr-defined]


@lru_cache(maxsize=1)
def _justext_stoplist() -> frozenset[str]:
    _need("justext")
    import justext

    return frozenset(justext.get_stoplist("English"))


def justext_html(html: bytes | str) -> str:
    """HTML through jusText with its defaults and the English stoplist; paragraphs one a line."""
    import justext

    paragraphs = justext.justext(html, _justext_stoplist())
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura_html(html: bytes | str) -> str:
    """HTML through ``trafilatura.extract`` with default settings (deduplicate off), as the bench files were made."""
    _need("trafilatura")
    import trafilatura

    return trafilatura.extract(html) or ""
