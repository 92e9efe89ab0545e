"""Many literals found at once: in one text, or line by line over a whole document.

Two engines give the same answers (tests/test_analysis.py forces each):

* ``pyahocorasick`` (a compiled Aho-Corasick automaton; wheels for the usual
  platforms), used when it imports;
* a trie-shaped ``re`` pattern (shared prefixes written once), searched again from
  each position after a hit, when it does not.

Literals are matched as given (case-sensitively): callers fold both sides.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

try:  # pragma: no cover - which branch runs depends on the environment
    import ahocorasick as _ahocorasick
except ImportError:  # pragma: no cover
    _ahocorasick = None


def compiled() -> bool:
    """Whether the compiled engine (``pyahocorasick``) is in use."""
    return _ahocorasick is not None


def trie_pattern(literals: Iterable[str]) -> re.Pattern[str] | None:
    """One plain (case-sensitive) pattern that finds whether any of ``literals`` occurs; None if none given.

    The literals are laid out as a trie (shared prefixes written once), which ``re``
    searches several times faster than a flat alternation of hundreds of words.

    >>> pattern = trie_pattern(["news", "newsletter", "cookie"])
    >>> pattern.pattern, bool(pattern.search("our newsroom")), bool(pattern.search("new"))
    ('(?:cookie|news(?:letter)?)', True, False)
    """
    trie: dict[str, dict] = {}
    for literal in set(literals):
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(_trie_pattern(trie)) if trie else None


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    ends = "" in node
    body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
    return body + ("?" if ends else "")


class LiteralSet:
    """A set of non-empty literals, compiled for three questions about a text.

    >>> found = LiteralSet(["news", "newsletter", "letter", "cookie"])
    >>> sorted(found.present("our newsletter")), found.any("no such thing")
    (['letter', 'news', 'newsletter'], False)
    >>> sorted(found.lines_with("a\\nnews\\nb\\ncookie news", [0, 2, 7, 9]))
    [1, 3]
    >>> sorted(LiteralSet(["\\nnews"]).lines_with("\\nnews\\nold news\\nnewsletter", [1, 6, 15]))
    [0, 2]
    """

    __slots__ = ("_automaton", "_pattern", "_prefixes", "literals")

    def __init__(self, literals: Iterable[str], *, engine: str | None = None) -> None:
        self.literals = frozenset(literal for literal in literals if literal)
        use = engine or ("ahocorasick" if _ahocorasick is not None else "re")
        self._automaton = None
        if use == "ahocorasick" and self.literals:
            if _ahocorasick is None:
                raise ImportError("pyahocorasick is not installed")
            automaton = _ahocorasick.Automaton()
            for literal in self.literals:
                automaton.add_word(literal, literal)
            automaton.make_automaton()
            self._automaton = automaton
        # The trie pattern is compiled only for the pure-Python engine (compiling it costs more than
        # building the automaton: it is what a cold start would pay), or when asked (:meth:`trie`).
        self._pattern = trie_pattern(self.literals) if self._automaton is None else None
        # The literals that are prefixes of each literal (the trie scan reports the longest at a position).
        self._prefixes = {} if self._automaton is not None else {
            literal: frozenset(literal[:i] for i in range(1, len(literal) + 1) if literal[:i] in self.literals)
            for literal in self.literals
        }

    def __bool__(self) -> bool:
        return bool(self.literals)

    def trie(self) -> re.Pattern[str] | None:
        """The literals as one trie-shaped ``re`` pattern (:func:`trie_pattern`); None if there are none."""
        if self._pattern is None and self.literals:
            self._pattern = trie_pattern(self.literals)
        return self._pattern

    def any(self, text: str) -> bool:
        """Whether some literal occurs in ``text``."""
        if self._automaton is not None:
            for _ in self._automaton.iter(text):
                return True
            return False
        return self._pattern is not None and self._pattern.search(text) is not None

    def present(self, text: str) -> set[str]:
        """Every literal that occurs in ``text``."""
        if self._automaton is not None:
            return {literal for _, literal in self._automaton.iter(text)}
        found: set[str] = set()
        if self._pattern is None:
            return found
        # At the leftmost position where some literal starts, the trie reports the longest literal
        # starting there; every other literal starting there is a prefix of it.
        search, prefixes, pos = self._pattern.search, self._prefixes, 0
        while (match := search(text, pos)) is not None:
            found |= prefixes[match.group()]
            pos = match.start() + 1
        return found

    def lines_with(self, text: str, starts: list[int]) -> set[int]:
        """The indices of the lines of ``text`` (line ``i`` starts at ``starts[i]``, lines are
        separated by one newline) that hold some literal. A literal holds no newline but may
        start with one: it then only occurs at the start of a line (the first line too, if
        ``text`` starts with a newline that ``starts`` does not count as a line)."""
        found: set[int] = set()
        last, pos = len(starts) - 1, 0
        if self._automaton is not None:
            # One iterator over the whole text: each iter() call converts the whole string, so
            # restarting it after every hit made a document of many hit lines quadratic.
            next_start = -1  # hits ending before this offset lie in a line already found
            for end, _ in self._automaton.iter(text):
                if end < next_start:
                    continue
                index = bisect_right(starts, end) - 1  # the hit's last character is in its line
                found.add(index)
                if index >= last:
                    return found
                next_start = starts[index + 1]
            return found
        if self._pattern is None:
            return found
        search = self._pattern.search
        while (match := search(text, pos)) is not None:
            index = bisect_right(starts, match.end() - 1) - 1
            found.add(index)
            if index >= last:
                break
            pos = starts[index + 1] - 1
        return found
