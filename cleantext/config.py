"""One immutable configuration with documented defaults."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any

from . import languages as _languages

#: Every category the built-in filters know, in the order the docs list them.
CATEGORIES: tuple[str, ...] = (
    "donation",
    "newsletter",
    "read_more",
    "social",
    "share",
    "ads",
    "cookie",
    "paywall",
    "comments",
    "credit",
    "navigation",
    "footer",
    "metadata",
    "learned",
)

#: Languages with shipped data (``cleantext/languages/order.txt``): ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk").
LANGUAGES: tuple[str, ...] = _languages.codes()

MODES: tuple[str, ...] = ("article", "page")


@dataclass(frozen=True)
class Config:
    """How ``clean()`` behaves. Build it with keywords; change it with :meth:`replace`.

    * ``categories``: categories to remove; ``None`` (default) means all of :data:`CATEGORIES`.
    * ``keep_categories``: categories kept even if ``categories`` lists them (CLI ``--keep-category``).
    * ``languages``: rule languages; ``None`` (default) means every shipped one (:data:`LANGUAGES`).
    * ``max_low_confidence_share`` (0.5): the safety cap; when low-confidence removals would
      take more than this share of a document's words, none of them is applied (page mode's
      line classifier is exempt: on a whole page, boilerplate is routinely most of the words).
    * ``fix_unicode`` (True): repair mojibake and HTML entities with ftfy, only where needed.
    * ``uncurl_quotes`` (False): also turn curly quotes into straight ones.
    * ``mode`` (``"article"``): ``"article"`` for extracted article text (conservative),
      ``"page"`` for whole-page text (adds the line classifier for menus, footers, link lists).

    >>> Config().max_low_confidence_share
    0.5
    >>> Config(languages=["en", "de"]).languages
    ('en', 'de')
    >>> Config(keep_categories={"credit"}).removes("credit")
    False
    """

    #: Categories to remove; ``None`` means all of :data:`CATEGORIES`.
    categories: frozenset[str] | None = None
    #: Categories to keep even if ``categories`` lists them (the CLI's --keep-category).
    keep_categories: frozenset[str] = frozenset()
    #: Rule languages to apply; ``None`` means every shipped language (boilerplate
    #: is often in another language than the article, and the rules are cheap).
    languages: tuple[str, ...] | None = None
    #: The safety cap: if *low-confidence* removals would take more than this share
    #: of a document's words, none of them is applied (they still show in explain()).
    #: High-confidence removals (an exact donation or newsletter phrase) are not capped, nor are
    #: page mode's line removals (on a whole page, boilerplate is routinely most of the words).
    max_low_confidence_share: float = 0.5
    #: Repair mojibake and HTML entities with ftfy (skipped on text that cannot need it).
    fix_unicode: bool = True
    #: Also turn curly quotes into straight ones (off: the article's characters are kept).
    uncurl_quotes: bool = False
    #: "article" for extracted article text (conservative), "page" for whole-page text.
    mode: str = "article"

    def __post_init__(self) -> None:
        if self.categories is not None:
            object.__setattr__(self, "categories", _names(self.categories, CATEGORIES, "category"))
        object.__setattr__(self, "keep_categories", _names(self.keep_categories, CATEGORIES, "category"))
        if self.languages is not None:
            langs = self.languages
            if isinstance(langs, str):
                langs = (langs,)
            langs = tuple(dict.fromkeys(lang.lower() for lang in langs))
            unknown = [lang for lang in langs if lang not in LANGUAGES]
            if unknown:
                raise ValueError(f"unknown language(s) {unknown}; shipped: {', '.join(LANGUAGES)}")
            object.__setattr__(self, "languages", langs)
        if not 0.0 <= float(self.max_low_confidence_share) <= 1.0:
            raise ValueError("max_low_confidence_share must be between 0 and 1")
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {self.mode!r}")

    @classmethod
    def from_options(cls, **options: Any) -> Config:
        """Build a Config from keyword options, naming any unknown one."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown option(s) {unknown}; known: {sorted(known)}")
        return cls(**options)

    def replace(self, **changes: Any) -> Config:
        return replace(self, **changes)

    @property
    def active_languages(self) -> tuple[str, ...]:
        return self.languages if self.languages is not None else LANGUAGES

    def removes(self, category: str) -> bool:
        """Whether removals of ``category`` are applied under this config."""
        if category in self.keep_categories:
            return False
        return self.categories is None or category in self.categories


def _names(values: Iterable[str] | str | None, allowed: tuple[str, ...], what: str) -> frozenset[str]:
    """``values`` as a set of known names, case aside (as languages are); None is none.

    >>> sorted(_names(["ADS", "credit"], CATEGORIES, "category")), _names(None, CATEGORIES, "category")
    (['ads', 'credit'], frozenset())
    """
    if values is None:
        return frozenset()
    if isinstance(values, str):
        values = [values]
    try:
        names = frozenset(value.lower() for value in values)
    except (TypeError, AttributeError):
        raise TypeError(f"expected {what} names (strings), got {values!r}") from None
    unknown = sorted(names - set(allowed))
    if unknown:
        raise ValueError(f"unknown {what}(s) {unknown}; known: {', '.join(allowed)}")
    return names
