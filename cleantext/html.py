"""HTML input: extract the article text with trafilatura (the optional ``html`` extra) before cleaning.

trafilatura runs with its defaults and ``deduplicate=False``, the settings the
benchmark's ``trafilatura/`` texts were made with, so ``--html`` output is
comparable with the published figures. A page with no extractable text gives
the empty string.
"""

from __future__ import annotations

from typing import Any


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message says which extra to install."""


def require_trafilatura() -> Any:
    """The trafilatura module, or a :class:`MissingExtra` saying how to install it."""
    try:
        import trafilatura
    except ImportError as exc:
        raise MissingExtra(
            f"--html needs trafilatura ({exc}): pip install 'cleantext-boilerplate[html]'"
        ) from None
    return trafilatura


def extract_text(html: str | bytes) -> str:
    """The main text of an HTML page ("" when trafilatura finds none).

    ``bytes`` are decoded by trafilatura (it reads the page's declared charset).
    """
    text = require_trafilatura().extract(html, deduplicate=False)
    return text or ""
