"""Language data: one folder per language, and no code in it.

A language is a folder ``cleantext/languages/<code>/`` holding

* ``rules.toml``: its boilerplate rules, category -> kinds (see :mod:`cleantext.rules`), and
  optionally topic files ``rules-<topic>.toml`` of the same form, loaded after it;
* ``stopwords.txt``: frequent function words, one a line (page mode and language detection);

and a line in ``order.txt``, which lists the shipped languages in order of precedence
(the first is the default for a page whose language is unclear). ``common.toml`` holds
the language-neutral rules (links, handles, symbols). Adding a language is adding a
folder and a line; no Python changes (``tests/test_languages.py`` checks the layout).

>>> codes()[:3]
('en', 'de', 'fr')
>>> "und" in read_text("de", "stopwords.txt").split()
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

#: The name of the language-neutral rule file (``common.toml``).
COMMON = "common"


def root() -> Traversable:
    """The folder of the shipped language data."""
    return resources.files(__name__)


@cache
def codes() -> tuple[str, ...]:
    """The shipped languages, in ``order.txt``'s order."""
    lines = root().joinpath("order.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.split("#")[0].strip() for line in lines if line.split("#")[0].strip())


def path(language: str, name: str) -> Traversable:
    """A data file of one language (``common`` with ``rules.toml`` is ``common.toml``)."""
    if language == COMMON:
        return root().joinpath(f"{COMMON}.toml")
    return root().joinpath(language, name)


def rule_files(language: str) -> tuple[str, ...]:
    """A language's rule files, in load order: ``rules.toml``, then any ``rules-<topic>.toml`` by name.

    A language may keep some rules in topic files (``rules-shop.toml``); they load after ``rules.toml``.
    """
    if language == COMMON:
        return ("rules.toml",)
    folder = root().joinpath(language)
    extra = sorted(p.name for p in folder.iterdir() if p.name.startswith("rules-") and p.name.endswith(".toml"))
    return ("rules.toml", *extra)


def display(language: str, name: str) -> str:
    """The file's path as error messages name it (``cleantext/languages/en/rules.toml``)."""
    if language == COMMON:
        return f"cleantext/languages/{COMMON}.toml"
    return f"cleantext/languages/{language}/{name}"


def read_text(language: str, name: str) -> str:
    """The text of one language's data file; FileNotFoundError names the file."""
    try:
        return path(language, name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"no language data file {display(language, name)}") from None


#: The word lists a language's ``words.toml`` may have (plain lower-case words, no patterns).
WORD_LISTS = ("month_stems", "byline_words", "published_words", "date_words", "voice_pronouns", "voice_social")


@cache
def words(name: str) -> tuple[str, ...]:
    """One word list of every shipped language together, in ``order.txt``'s order, each word once.

    >>> "dezember" in words("month_stems"), "by" in words("byline_words")
    (True, True)
    """
    if name not in WORD_LISTS:
        raise ValueError(f"unknown word list {name!r}; known: {', '.join(WORD_LISTS)}")
    found: dict[str, None] = {}
    for language in codes():
        for word in _word_file(language).get(name, ()):
            found.setdefault(word, None)
    return tuple(found)


def alternation(name: str) -> str:
    """The words of one list (:func:`words`) as a regex alternation, each escaped.

    >>> "dezember" in alternation("month_stems").split("|")
    True
    """
    import re

    return "|".join(map(re.escape, words(name)))


@cache
def _word_file(language: str) -> dict[str, tuple[str, ...]]:
    import tomllib

    where = display(language, "words.toml")
    try:
        data = tomllib.loads(read_text(language, "words.toml"))
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{where}: {exc}") from exc
    for key, value in data.items():
        if key not in WORD_LISTS:
            raise ValueError(f"{where}: unknown word list {key!r}; known: {', '.join(WORD_LISTS)}")
        if not isinstance(value, list) or not all(isinstance(w, str) and w == w.strip().lower() and w for w in value):
            raise ValueError(f"{where}: {key} must be a list of lower-case words")
    return {key: tuple(value) for key, value in data.items()}
