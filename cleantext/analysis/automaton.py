"""Many literals found at once: in one text, or line by line over a whole document.

Two engines give the same answers (tests/test_analysis.py and
tests/test_automaton_engines.py force each):

* ``ahocorasick_rs`` (a compiled Aho-Corasick automaton, the Rust ``aho-corasick``
  crate through ``ahocorasick-rs``; abi3 wheels for the usual platforms), used when
  it imports;
* a trie-shaped ``re`` pattern (shared prefixes written once), searched again from
  each position after a hit, when it does not (or when a text holds a lone
  surrogate, which ``ahocorasick-rs`` cannot encode).

``ahocorasick-rs`` (1.0.3) replaced ``pyahocorasick`` (2.3.1). Measured by replaying every
call the rules-only pipeline made on the bench page texts of big9 and l3s_gn1 (981
pages; 24 literal sets, 5,732 literals) through both, CPU milliseconds, best (median)
of 9, on a shared 2-core machine, pyahocorasick -> ahocorasick-rs:

* ``lines_with`` (3,635 calls, 17.6 M characters): 358 (489) -> 185 (259);
* ``present`` (31,869 calls, 3.2 M characters): 109 (158) -> 83 (124);
* ``any`` (22,085 calls, 1.3 M characters): 29 (44) -> 21 (27);
* the three: 507 (680) -> 296 (419); page mode's calls: 608 (682) -> 352 (435);
* building the automata, though, costs more: 9.0 (11.3) -> 14.2 (22.1), and the
  import 0.3 -> 1.0; a fresh process pays about 10 ms more before its first
  ``clean()`` (within the noise of ``python -m benchmarks.coldstart``: ~1.2 s then,
  ~0.5 s since the lazy compiles of session 14), which the scans win back within
  the first 50 or so pages.

The crate's own choice of automaton is kept (a DFA for small sets): a contiguous NFA
for all built 3 ms faster and scanned 12-20 ms slower on those pages.
pyahocorasick is not kept as a middle fallback: fewer engines are fewer paths whose
answers must be proven the same, and the pure-Python engine covers platforms without
wheels.

One automaton (the standard match kind) answers all three questions: ``present``
asks it for overlapping matches, ``any`` and ``lines_with`` for non-overlapping
ones, which suffice (see :meth:`LiteralSet.lines_with`).

Literals are matched as given (case-sensitively): callers fold both sides.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

try:  # pragma: no cover - which branch runs depends on the environment
    import ahocorasick_rs as _acr
except ImportError:  # pragma: no cover
    _acr = None

#: The engines a :class:`LiteralSet` may be asked to use (the first is the default when it imports).
ENGINES = ("ahocorasick_rs", "re")


def compiled() -> bool:
    """Whether the compiled engine (``ahocorasick-rs``) is in use."""
    return _acr is not None


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

    __slots__ = ("_automaton", "_lines_overlapping", "_order", "_pattern", "_prefixes", "literals")

    def __init__(self, literals: Iterable[str], *, engine: str | None = None) -> None:
        self.literals = frozenset(literal for literal in literals if literal)
        use = engine or ("ahocorasick_rs" if _acr is not None else "re")
        if use not in ENGINES:
            raise ValueError(f"unknown engine {use!r}: one of {ENGINES}")
        self._automaton = None
        self._order: tuple[str, ...] = ()  # the automaton's pattern indices -> literals
        self._pattern: re.Pattern[str] | None = None
        self._prefixes: dict[str, frozenset[str]] | None = None
        if use == "ahocorasick_rs" and self.literals:
            if _acr is None:
                raise ImportError("ahocorasick-rs is not installed")
            order = tuple(self.literals)  # (sorted, the build took a third longer)
            try:
                # store_patterns=False: only indices are asked for (find_matches_as_indexes).
                self._automaton = _acr.AhoCorasick(order, store_patterns=False)
                self._order = order
            except UnicodeEncodeError:  # a literal holds a lone surrogate: the pure-Python engine takes it
                self._automaton = None
        # lines_with may ask for non-overlapping matches only when no literal holds a newline but a
        # leading one, and each holds some other character (see lines_with); else it asks for all.
        self._lines_overlapping = any(literal == "\n" or literal.find("\n", 1) >= 0 for literal in self.literals)
        # The trie pattern is compiled only for the pure-Python engine (compiling it costs more than
        # building the automaton: it is what a cold start would pay), or when asked (:meth:`trie`).
        if self._automaton is None:
            self._pattern = trie_pattern(self.literals)

    def __bool__(self) -> bool:
        return bool(self.literals)

    def __getstate__(self) -> dict[str, object]:
        # An ahocorasick-rs automaton cannot be pickled (a pipeline is, to reach worker processes): the
        # literals and the engine travel, and the automaton is built again where they arrive.
        state = dict(getattr(self, "__dict__", {}))  # a subclass's own attributes, if it has any
        state["literals"], state["_compiled"] = self.literals, self._automaton is not None
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        state = dict(state)
        literals, was_compiled = state.pop("literals"), state.pop("_compiled")
        LiteralSet.__init__(self, literals, engine=None if was_compiled else "re")  # type: ignore[arg-type]
        for name, value in state.items():
            setattr(self, name, value)

    def trie(self) -> re.Pattern[str] | None:
        """The literals as one trie-shaped ``re`` pattern (:func:`trie_pattern`); None if there are none."""
        if self._pattern is None and self.literals:
            self._pattern = trie_pattern(self.literals)
        return self._pattern

    def _trie_prefixes(self) -> dict[str, frozenset[str]]:
        """The literals that are prefixes of each literal (the trie scan reports the longest at a position)."""
        if self._prefixes is None:
            self._prefixes = {
                literal: frozenset(literal[:i] for i in range(1, len(literal) + 1) if literal[:i] in self.literals)
                for literal in self.literals
            }
        return self._prefixes

    def any(self, text: str) -> bool:
        """Whether some literal occurs in ``text``."""
        if self._automaton is not None:
            try:
                return bool(self._automaton.find_matches_as_indexes(text))
            except UnicodeEncodeError:  # a lone surrogate in text: UTF-8 cannot carry it
                pass
        pattern = self.trie()
        return pattern is not None and pattern.search(text) is not None

    def present(self, text: str) -> set[str]:
        """Every literal that occurs in ``text``."""
        if self._automaton is not None:
            order = self._order
            try:
                return {order[i] for i, _, _ in self._automaton.find_matches_as_indexes(text, overlapping=True)}
            except UnicodeEncodeError:  # a lone surrogate in text: UTF-8 cannot carry it
                pass
        found: set[str] = set()
        pattern = self.trie()
        if pattern is None:
            return found
        # At the leftmost position where some literal starts, the trie reports the longest literal
        # starting there; every other literal starting there is a prefix of it.
        search, prefixes, pos = pattern.search, self._trie_prefixes(), 0
        while (match := search(text, pos)) is not None:
            found |= prefixes[match.group()]
            pos = match.start() + 1
        return found

    def lines_with(self, text: str, starts: list[int]) -> set[int]:
        """The indices of the lines of ``text`` (line ``i`` starts at ``starts[i]``, lines are
        separated by one newline) that hold some literal: the line of the literal's last
        character. A literal holds no newline but may start with one (and holds some other
        character): it then only occurs at the start of a line (the first line too, if
        ``text`` starts with a newline that ``starts`` does not count as a line).

        The automaton is asked for non-overlapping matches only, which suffices: two
        occurrences that share a character end in the same line. Each holds no newline
        after its first character, and its last character is not a newline, so all of
        an occurrence but a leading newline lies in one line. If the shared character is
        not the first of one of them, it is no newline and lies in that one's line, and so
        in the other's too (whether it is the other's first character or not); if it is
        the first of both, either it is no newline (the same line) or both go on into the
        line after it. Every occurrence the scan skips overlaps one it reports,
        so the lines found are those of all occurrences (tests/test_automaton_engines.py
        checks it against the overlapping matches). A set with a literal outside this
        rule is asked for all matches.
        """
        found: set[int] = set()
        last = len(starts) - 1
        if self._automaton is not None:
            try:
                matches = self._automaton.find_matches_as_indexes(text, overlapping=self._lines_overlapping)
            except UnicodeEncodeError:  # a lone surrogate in text: UTF-8 cannot carry it
                pass
            else:
                next_start = -1  # matches come by end: those ending before this offset lie in a line already found
                for _, _, end in matches:
                    if end <= next_start:
                        continue
                    index = bisect_right(starts, end - 1) - 1  # the match's last character is in its line
                    found.add(index)
                    if index >= last:
                        return found
                    next_start = starts[index + 1]
                return found
        pattern = self.trie()
        if pattern is None:
            return found
        search, pos = pattern.search, 0
        while (match := search(text, pos)) is not None:
            index = bisect_right(starts, match.end() - 1) - 1
            found.add(index)
            if index >= last:
                break
            pos = starts[index + 1] - 1
        return found
