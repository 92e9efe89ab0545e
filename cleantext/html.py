"""HTML input: extract a page's text before cleaning, with one of two front ends (optional extras).

* ``trafilatura`` (extra ``html``, the default): the article alone, precise and
  slow. Run with ``deduplicate=False`` (as the benchmark's ``trafilatura/``
  texts) and ``include_comments=comments``.
* ``resiliparse`` (extra ``resiliparse``): Resiliparse's
  ``extract_plain_text(html, main_content=True)``, the extractor behind the DCLM
  corpus, many times faster, with image alt texts and link targets left out
  (:data:`RESILIPARSE_OPTIONS`); its text keeps nearly all of the content *and*
  much of the boilerplate, so clean it with ``mode="page"`` (:func:`clean_html` does).

``comments`` says whether to keep a page's comment thread. It is off by default:
a caller that honours the ``comments`` category passes
``comments=not config.removes("comments")``. See docs/html.md.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Hashable
from typing import Any

from .compose import default_pipeline
from .document import count_words
from .inputs import decode
from .learn import Model
from .normalize import _SURROGATE_RE

#: The front ends :func:`extract_text` knows, the default first.
EXTRACTORS: tuple[str, ...] = ("trafilatura", "resiliparse")

#: How Resiliparse is called (besides ``comments``). Set explicitly, since the defaults of
#: ``alt_texts`` and ``links`` changed between its versions. Alt texts ("Photo: ...") are in
#: no gold text of the benchmark: leaving them out raised F1 after page mode on big9 and
#: scrapinghub alike (docs/measurements/html.md compares with DCLM's defaults).
RESILIPARSE_OPTIONS: dict[str, bool] = {"main_content": True, "alt_texts": False, "links": False}

#: Resiliparse's main-content text of fewer words than this ...
MAIN_CONTENT_MIN_WORDS = 50
#: ... and less than this share of the words of the whole page's text (``main_content=False``) missed the
#: page's content (a listing, a service page, a post whose body sits in an unusual element): the whole
#: page's text is used instead, for page mode to clean. See docs/html.md for how these were chosen.
MAIN_CONTENT_MIN_SHARE = 0.05

#: Byte-order marks, which win over any declared charset (as in the HTML standard).
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32 LE's begins as UTF-16 LE's


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message says which extra to install."""


def require_trafilatura() -> Any:
    """The trafilatura module, or a :class:`MissingExtra` saying how to install it."""
    try:
        import trafilatura
    except ImportError as exc:
        raise MissingExtra(
            f"HTML extraction with trafilatura needs the 'html' extra ({exc}): "
            "pip install 'cleantext-boilerplate[html]'"
        ) from None
    return trafilatura


def require_resiliparse() -> tuple[Callable[..., str], Any]:
    """Resiliparse's ``extract_plain_text`` and its ``encoding`` module, or a :class:`MissingExtra`."""
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse import encoding
    except ImportError as exc:
        raise MissingExtra(
            f"HTML extraction with Resiliparse needs the 'resiliparse' extra ({exc}): "
            "pip install 'cleantext-boilerplate[resiliparse]'"
        ) from None
    return extract_plain_text, encoding


def require_extractor(extractor: str) -> None:
    """Check before reading any input that ``extractor`` is known and its extra installed.

    >>> require_extractor("lynx")
    Traceback (most recent call last):
    ...
    ValueError: unknown extractor 'lynx'; choose one of: trafilatura, resiliparse
    """
    if extractor == "trafilatura":
        require_trafilatura()
    elif extractor == "resiliparse":
        require_resiliparse()
    else:
        raise _unknown_extractor(extractor)


def extract_text(html: str | bytes, *, extractor: str = "trafilatura", comments: bool = False) -> str:
    """The text of an HTML page ("" when the extractor finds none).

    ``extractor`` is one of :data:`EXTRACTORS`; ``comments=True`` keeps the page's
    comment thread. ``bytes`` are decoded with the page's declared charset (a
    byte-order mark first), else the detected one. Resiliparse's main-content text
    falls back to the whole page's text where it missed the content (see
    :data:`MAIN_CONTENT_MIN_WORDS`).

    Changed: the comment thread used to be kept (trafilatura's own default);
    it is now left out unless ``comments=True``. Otherwise ``extract_text(html)``
    is what it was: trafilatura with ``deduplicate=False``.
    """
    if not isinstance(html, (str, bytes)):
        raise TypeError(f"extract_text() expects the HTML as str or bytes, got {type(html).__name__}")
    if isinstance(html, str) and _SURROGATE_RE.search(html):
        # A lone surrogate (a JSON "\ud800" escape) cut trafilatura's text short at it and made Resiliparse
        # refuse the page; repair() gives it U+FFFD in text, so it does here.
        html = _SURROGATE_RE.sub("\ufffd", html)
    if extractor == "trafilatura":
        page = decode_html(html) if isinstance(html, bytes) else html  # trafilatura's own guess garbled cp1252
        text = require_trafilatura().extract(page, include_comments=comments, deduplicate=False)
    elif extractor == "resiliparse":
        page = decode_html(html) if isinstance(html, bytes) else html
        text = _resiliparse_text(page, comments)
    else:
        raise _unknown_extractor(extractor)
    return text or ""


def _resiliparse_text(page: str, comments: bool) -> str:
    """Resiliparse's main-content text of ``page``, or the whole page's text where main content missed it.

    Main-content extraction keeps nearly all of an article's text, but on some pages (a listing, a
    product or service page, a post in an unusual element) it keeps a few words of furniture and none
    of the content. When its text has fewer than :data:`MAIN_CONTENT_MIN_WORDS` words and less than
    :data:`MAIN_CONTENT_MIN_SHARE` of the whole page's, the whole page's text is returned: page mode
    takes its menus and footers, where an empty text would lose the page. Only short texts cost a
    second extraction.
    """
    extract_plain_text, _ = require_resiliparse()
    text = extract_plain_text(page, comments=comments, **RESILIPARSE_OPTIONS) or ""
    if count_words(text) >= MAIN_CONTENT_MIN_WORDS:
        return text
    whole = extract_plain_text(page, comments=comments, **{**RESILIPARSE_OPTIONS, "main_content": False}) or ""
    return whole if main_content_missed(text, whole) else text


def main_content_missed(main: str, whole: str) -> bool:
    """Whether a main-content text ``main`` missed the content of the page whose whole text is ``whole``.

    >>> main_content_missed("Home Shop", "Home Shop " + "lamp " * 60)
    True
    >>> main_content_missed("Home Shop", "Home Shop lamp")
    False
    """
    words = count_words(main)  # as the package counts words: a Japanese or Thai text has few spaces
    return words < MAIN_CONTENT_MIN_WORDS and words < MAIN_CONTENT_MIN_SHARE * count_words(whole)


def _unknown_extractor(extractor: object) -> ValueError:
    return ValueError(f"unknown extractor {extractor!r}; choose one of: {', '.join(EXTRACTORS)}")


def decode_html(data: bytes) -> str:
    """HTML bytes as text: the byte-order mark, else the ``<meta>`` charset, else detection (Resiliparse's).

    Bytes that do not fit the encoding found fall back to UTF-8, then cp1252, then
    are dropped (Resiliparse's ``bytes_to_str``), so a page never fails to decode.
    Without Resiliparse: the mark, else a ``<meta>`` charset the bytes fit, else UTF-8 when
    valid, else detection as for text files (:func:`cleantext.inputs.decode`).

    >>> decode_html("<p>L'été à Paris, très chaud.</p>".encode("cp1252"))
    "<p>L'été à Paris, très chaud.</p>"
    """
    try:
        _, encoding = require_resiliparse()
    except MissingExtra:
        return _decode_html_plain(data)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return encoding.bytes_to_str(data, name)
    return encoding.bytes_to_str(data, encoding.detect_encoding(data, from_html_meta=True))


_META_CHARSET_RE = re.compile(r"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)


def _decode_html_plain(data: bytes) -> str:
    """:func:`decode_html` without Resiliparse."""
    for bom, name in _BOMS:
        if data.startswith(bom):  # the codec reads its own mark (utf-16: its byte order too)
            return data.decode("utf-8-sig" if name == "utf-8" else name, "replace")
    declared = _META_CHARSET_RE.search(data[:8192].decode("latin-1"))  # one character a byte: ASCII as is
    if declared is not None:
        try:
            name = codecs.lookup(declared.group(1)).name
            # as browsers read labels (WHATWG): a <meta> cannot declare UTF-16 (the tag itself was read as
            # ASCII), and Latin-1 or ASCII means windows-1252
            name = {"utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8", "latin-1": "cp1252",
                    "iso8859-1": "cp1252", "ascii": "cp1252"}.get(name, name)
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass  # unknown, or declared wrongly: the bytes decide
    return decode(data).text


def clean_html(html: str | bytes, *, extractor: str = "trafilatura", model: Model | None = None,
               group: Hashable | None = None, **options: Any) -> str:
    """Extract a page's text with ``extractor``, then ``clean()`` it.

    ``options`` are :class:`~cleantext.config.Config` fields as for ``clean()``.
    With ``extractor="resiliparse"`` the mode defaults to ``"page"``: that text
    still carries menus, footers and related links, which article mode is too
    cautious to take. The comment thread is extracted only when ``options`` keep
    the ``comments`` category (``keep_categories={"comments"}``).
    """
    if extractor == "resiliparse":
        options.setdefault("mode", "page")
    pipeline = default_pipeline(model=model, group=group, **options)
    text = extract_text(html, extractor=extractor, comments=not pipeline.config.removes("comments"))
    return pipeline.clean(text)
