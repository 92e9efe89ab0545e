"""Every engine of :class:`~cleantext.analysis.automaton.LiteralSet` gives the answers a brute-force
search gives (Hypothesis), and ``lines_with``'s non-overlapping scan finds the lines of all matches.

The oracle is plain ``str.find`` from every position: every occurrence of every literal, the line
of its last character. ``lines_with`` is asked as its callers ask it: over ``gate_text``'s shape
(a newline, then the lines; line starts from 1) and over page features' (the lines joined; from 0).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.analysis import automaton
from cleantext.analysis.automaton import LiteralSet

acr = pytest.importorskip("ahocorasick_rs")

ENGINES = [engine for engine in automaton.ENGINES if engine == "re" or automaton.compiled()]

#: Few characters, so that literals hit often and overlap: ASCII, Latin-1, Cyrillic, astral (emoji), a space.
CHARS = "ab\u00e9\u044f\U0001f600 "

word = st.text(CHARS, min_size=1, max_size=4)


@st.composite
def literal_sets(draw: st.DrawFn) -> list[str]:
    """Literals as the matcher builds them: words, some with a leading newline (a line's start), and
    the prefixes and suffixes of some of them (literals inside and overlapping others)."""
    literals = draw(st.lists(word, min_size=1, max_size=8))
    for base in draw(st.lists(st.sampled_from(literals), max_size=3)):
        literals += [base[:i] for i in range(1, len(base))] + [base[i:] for i in range(1, len(base))]
    leading = draw(st.lists(st.booleans(), min_size=len(literals), max_size=len(literals)))
    return [f"\n{literal}" if lead else literal for literal, lead in zip(literals, leading)]


@st.composite
def documents(draw: st.DrawFn, literals: list[str]) -> list[str]:
    """Lines of free characters and of literals run together (many hits per line), some empty."""
    pieces = st.one_of(st.text(CHARS, max_size=6), st.sampled_from([literal.lstrip("\n") for literal in literals]))
    line = st.lists(pieces, max_size=6).map("".join)
    return draw(st.lists(line, min_size=1, max_size=8))


def _starts(lines: list[str], first: int) -> list[int]:
    return list(accumulate([len(line) + 1 for line in lines[:-1]], initial=first))


def _occurrences(literals: list[str], text: str) -> set[tuple[str, int, int]]:
    """Every (literal, start, end) where a literal occurs in text, overlapping ones included."""
    found = set()
    for literal in set(literals):
        pos = text.find(literal)
        while pos >= 0:
            found.add((literal, pos, pos + len(literal)))
            pos = text.find(literal, pos + 1)
    return found


def _lines_of(matches: set[tuple[str, int, int]], starts: list[int]) -> set[int]:
    return {bisect_right(starts, end - 1) - 1 for _, _, end in matches}


def _shapes(lines: list[str]) -> list[tuple[str, list[int]]]:
    """The document as gate_text gives it (a newline first, starts from 1) and as page features do."""
    return [("\n" + "\n".join(lines), _starts(lines, 1)), ("\n".join(lines), _starts(lines, 0))]


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_engines_answer_as_brute_force(data: st.DataObject) -> None:
    literals = data.draw(literal_sets())
    lines = data.draw(documents(literals))
    for engine in ENGINES:
        found = LiteralSet(literals, engine=engine)
        for text, starts in _shapes(lines):
            every = _occurrences(literals, text)
            assert found.present(text) == {literal for literal, _, _ in every}, engine
            assert found.any(text) == bool(every), engine
            assert found.lines_with(text, starts) == _lines_of(every, starts), engine
            for line in lines:  # one line at a time, as the whole-line gates ask
                assert found.present(line) == {literal for literal in literals if literal in line}, engine
                assert found.any(line) == any(literal in line for literal in literals), engine


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_non_overlapping_matches_find_the_lines_of_all_matches(data: st.DataObject) -> None:
    """The argument of LiteralSet.lines_with, checked on ahocorasick-rs itself: its overlapping matches are
    every occurrence (character offsets, astral characters included), and the lines of its
    non-overlapping matches (standard or leftmost-first) are the lines of all of them."""
    literals = sorted(set(data.draw(literal_sets())))
    lines = data.draw(documents(literals))
    standard = acr.AhoCorasick(literals)
    leftmost = acr.AhoCorasick(literals, matchkind=acr.MatchKind.LeftmostFirst)
    for text, starts in _shapes(lines):
        overlapping = {(literals[i], s, e) for i, s, e in standard.find_matches_as_indexes(text, overlapping=True)}
        assert overlapping == _occurrences(literals, text)
        every = _lines_of(overlapping, starts)
        for automaton_ in (standard, leftmost):
            skipping = {(literals[i], s, e) for i, s, e in automaton_.find_matches_as_indexes(text)}
            assert skipping <= overlapping
            assert _lines_of(skipping, starts) == every


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_literals_with_other_newlines_are_scanned_overlapping(data: st.DataObject) -> None:
    """A literal that is a lone newline, or holds one after its first character, breaks the argument:
    the compiled engine then asks for every match, and still answers as brute force does."""
    literals = data.draw(literal_sets())
    odd = data.draw(st.sampled_from(["\n", "a\nb", "\n\na", "\u00e9\n", "\n\U0001f600\n"]))
    literals.append(odd)
    lines = data.draw(documents(literals))
    found = LiteralSet(literals, engine="ahocorasick_rs")
    assert found._lines_overlapping
    for text, starts in _shapes(lines):
        every = _occurrences(literals, text)
        assert found.lines_with(text, starts) == _lines_of(every, starts)
        assert found.present(text) == {literal for literal, _, _ in every}


def test_lone_newline_beside_a_line_start_literal() -> None:
    """Why such sets are scanned overlapping: a non-overlapping scan reports "\\n" (the line before) and
    skips "\\nab" (the line it starts)."""
    text, starts = "\nab", [1]
    skipping = acr.AhoCorasick(["\n", "\nab"]).find_matches_as_indexes(text)
    assert _lines_of({("", s, e) for _, s, e in skipping}, starts) == {-1}
    assert LiteralSet(["\n", "\nab"], engine="ahocorasick_rs").lines_with(text, starts) == {-1, 0}
    assert LiteralSet(["\n", "\nab"], engine="ahocorasick_rs").lines_with("\nab\nx", [1, 4]) == {-1, 0}


@pytest.mark.parametrize("engine", ENGINES)
def test_lone_surrogates(engine: str) -> None:
    """ahocorasick-rs cannot encode a lone surrogate (text or literal): the trie pattern answers instead."""
    found = LiteralSet(["ab", "\nb", "\ud800x"], engine=engine)
    text = "\nb\ud800x\nzab\nq"
    assert found.present(text) == {"\nb", "\ud800x", "ab"}
    assert found.any("\ud800") is False and found.any("\ud800ab") is True
    assert found.lines_with(text, [1, 5, 9]) == {0, 1}
    plain = LiteralSet(["ab"], engine=engine)
    assert plain.present("\udcffab") == {"ab"} and plain.lines_with("x\udcff\nab", [0, 3]) == {1}


def test_default_engine_is_the_compiled_one() -> None:
    """The default engine is the compiled one when ahocorasick-rs imports."""
    assert LiteralSet(["a"])._automaton is not None
    assert automaton.compiled()
    with pytest.raises(ValueError):
        LiteralSet(["a"], engine="ahocorasick")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_pickled_set_answers_the_same(engine: str) -> None:
    """A pipeline is pickled to reach worker processes; an ahocorasick-rs automaton cannot be, so the
    literals travel and the automaton is built again, on the same engine."""
    import copy
    import pickle

    from cleantext.filters.matcher import _AnyOf, _LiteralScan

    text, starts = "\nab news\n\U0001f600letter\nx", [1, 9, 17]
    for kind in (LiteralSet, _AnyOf, _LiteralScan):
        found = kind(["\nab", "news", "letter", "\U0001f600"], engine=engine)
        for restored in (pickle.loads(pickle.dumps(found)), copy.deepcopy(found)):
            assert type(restored) is kind and restored.literals == found.literals
            assert (restored._automaton is None) == (found._automaton is None)
            assert restored.present(text) == found.present(text) == {"\nab", "news", "letter", "\U0001f600"}
            assert restored.lines_with(text, starts) == found.lines_with(text, starts) == {0, 1}
            assert restored.any("x") is found.any("x") is False
    assert pickle.loads(pickle.dumps(LiteralSet([], engine=engine))).present("a") == set()
