"""Built-in rules: the loader of ``cleantext/languages/<code>/rules.toml`` (plus ``common.toml``).

Each file maps a category to rule kinds::

    [donation]
    lines   = [...]   # regexes a whole (trimmed) line must match: the line goes
    phrases = [...]   # regexes that mark a *short* line (<= max_words words) as boilerplate
    inline  = [...]   # regexes cut from inside a line, the rest of the line stays
    opens   = [...]   # a line matching one of these opens a block (see filters.blocks)
    cues    = [...]   # words that continue an open block of this category
    crumbs  = [...]   # short UI lines (whole-line regexes) that continue an open block
    headings = [...]  # a heading line whose following headline lines go too (read_more)
    bylines = [...]   # [comments] only: a comment entry's author line ("Rosa said...", "written by X, 3 May")
    forum   = [...]   # [comments] only: forum post furniture ("Joined: May 2019", "Posts: 1,725"): posts are content

Patterns are ``regex`` syntax, matched case-insensitively. This module only
loads and validates; :mod:`cleantext.filters.rules` compiles and applies.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

import regex

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from . import languages as _languages
from .config import CATEGORIES, LANGUAGES

KINDS: tuple[str, ...] = ("lines", "phrases", "inline", "opens", "cues", "crumbs", "headings", "bylines", "forum")
#: Files that are always loaded, whatever the languages (URLs, symbols, numbers).
COMMON = _languages.COMMON


@dataclass(frozen=True)
class Rule:
    """One pattern of one kind, for one category and language."""

    language: str
    category: str
    kind: str
    pattern: str

    @property
    def label(self) -> str:
        return f"{self.language}/{self.category}"


class RuleError(ValueError):
    """A rule file is malformed; the message names the file and the rule."""


@cache
def load(language: str) -> tuple[Rule, ...]:
    """The rules of one language's rule files (``common`` for the language-neutral ones)."""
    rules: list[Rule] = []
    for file in _languages.rule_files(language):
        rules.extend(_load_file(language, file))
    return tuple(rules)


def _load_file(language: str, file: str) -> list[Rule]:
    name = _languages.display(language, file)
    try:
        raw = _languages.path(language, file).read_bytes()
    except FileNotFoundError:
        raise RuleError(f"no rule file {name}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleError(f"{name}: {exc}") from exc
    checked = hashlib.sha256(raw).hexdigest() in shipped_checked()
    marker = None if checked else _compiled_marker(raw)
    compiled_before = checked or (marker is not None and marker.is_file())
    rules: list[Rule] = []
    for category, kinds in data.items():
        if not isinstance(kinds, dict):
            continue  # top-level metadata such as language = "en"
        if category not in CATEGORIES:
            raise RuleError(f"{name}: unknown category [{category}]")
        for kind, patterns in kinds.items():
            if kind not in KINDS:
                raise RuleError(f"{name}: [{category}] unknown kind {kind!r}")
            for pattern in patterns:
                _check(pattern, name, category, kind, compile_it=not compiled_before)
                rules.append(Rule(language, category, kind, pattern))
    if not compiled_before:
        _remember_compiled(marker)
    return rules


#: The list of shipped rule files checked pattern by pattern (``scripts/check_rules.py`` writes it).
CHECKED_FILE = "checked.txt"


def shipped_checked() -> frozenset[str]:
    """The SHA-256 (hex) of every rule file shipped with the package whose patterns each compile alone
    with no capturing group, as ``scripts/check_rules.py`` found when it wrote
    ``cleantext/languages/checked.txt`` (``tests/test_rules_cache.py`` checks that the list is current).

    A file with exactly those bytes is not compiled pattern by pattern on loading: that check only
    names the rule an error is in, and it was most of a first process's time on a machine with an
    empty cache folder. A rule file edited since (or missing from the list) is checked as before.
    """
    return _checked_in(_languages.root())


@cache
def _checked_in(folder: Traversable) -> frozenset[str]:
    try:
        text = folder.joinpath(CHECKED_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return frozenset()
    return frozenset(line.split()[0] for line in text.splitlines() if line.strip() and not line.startswith("#"))


def checked_lines() -> list[str]:
    """Check every pattern of every shipped rule file alone (:class:`RuleError` names the first bad
    one) and return the lines of ``checked.txt``: each file's SHA-256 and its path, in load order."""
    out = []
    for language in (COMMON, *LANGUAGES):
        for file in _languages.rule_files(language):
            raw = _languages.path(language, file).read_bytes()
            name = _languages.display(language, file)
            data = tomllib.loads(raw.decode("utf-8"))
            for category, kinds in data.items():
                for kind, patterns in kinds.items() if isinstance(kinds, dict) else ():
                    for pattern in patterns:
                        _check(pattern, name, category, kind)
            out.append(f"{hashlib.sha256(raw).hexdigest()}  {name.removeprefix('cleantext/languages/')}")
    return out


def cache_dir() -> Path | None:
    """Where cleantext remembers what it derived from the rule data across processes (None: nowhere):
    ``$CLEANTEXT_CACHE_DIR`` (default ``$XDG_CACHE_HOME/cleantext`` or ``~/.cache/cleantext``; an
    empty value turns it off). Everything kept there is named by a hash of what it was derived from,
    and a cache that cannot be read or written is skipped, never an error."""
    chosen = os.environ.get("CLEANTEXT_CACHE_DIR")
    if chosen == "":
        return None
    if chosen is not None:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleantext"


def _compiled_marker(raw: bytes) -> Path | None:
    """Where a rule file whose every pattern compiled is remembered across processes (None: nowhere).

    Compiling each of the ~2,600 shipped patterns on its own (to name the rule a syntax error or a
    capturing group is in) was most of a cold start; the matcher compiles them again, combined. A
    file whose exact bytes compiled before with the same ``regex`` version is not compiled alone
    again: an empty marker named by that hash, in :func:`cache_dir`.
    """
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(raw + f"\0regex {regex.__version__}".encode()).hexdigest()[:32]
    return folder / f"rules-compiled-{key}"


def _remember_compiled(marker: Path | None) -> None:
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass


def load_all(languages: tuple[str, ...] = LANGUAGES) -> tuple[Rule, ...]:
    """The common rules plus those of each language, in a stable order."""
    rules: list[Rule] = list(load(COMMON))
    for language in languages:
        rules.extend(load(language))
    return tuple(rules)


def _check(pattern: str, name: str, category: str, kind: str, compile_it: bool = True) -> None:
    if not isinstance(pattern, str) or not pattern.strip():
        raise RuleError(f"{name}: [{category}] {kind}: empty or non-string pattern")
    if not compile_it:
        return
    try:
        compiled = regex.compile(pattern, regex.IGNORECASE | regex.V0)
    except regex.error as exc:
        raise RuleError(f"{name}: [{category}] {kind}: {pattern!r}: {exc}") from exc
    if compiled.groups:
        raise RuleError(
            f"{name}: [{category}] {kind}: {pattern!r} uses a capturing group;"
            " use (?:...) so patterns combine into one pass"
        )
