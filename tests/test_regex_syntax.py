"""The package's one reader of regex syntax (cleantext/analysis/regex_syntax.py) and the gates read with it.

filters/literals.py reads the matcher's gates (required literals, prefixes, clock times) from the syntax
tree; tools/backtracking.py audits the same tree. A gate must be a necessary condition: every text a
pattern matches holds one of its required literals and starts with one of its prefixes.
"""

from __future__ import annotations

import pytest
import regex

from cleantext.analysis.regex_syntax import Atom, Rep, Seq, Zero, parse
from cleantext.filters.literals import folded, needs_time, prefixes, required, required_literals


def test_atoms_know_their_literal_and_groups_their_head() -> None:
    tree = parse(r"a\.\w[xy].{(?P<n>b)(?i:c)\{2\}")
    assert isinstance(tree, Seq) and not tree.head
    atoms = [(item.src, item.literal) for item in tree.items if isinstance(item, Atom)]
    assert atoms == [("a", "a"), (r"\.", "."), (r"\w", None), ("[xy]", None), (".", None), ("{", None),
                     (r"\{", "{"), ("2", "2"), (r"\}", "}")]
    heads = [item.head for item in tree.items if isinstance(item, Seq)]
    assert heads == ["(?P<n>", "(?i:"]
    rep = parse(r"\d{2}?")
    assert isinstance(rep, Rep) and (rep.min, rep.max, rep.src) == (2, 2, r"\d{2}?")
    assert isinstance(parse(r"(?=x)"), Zero) and isinstance(parse(r"\b"), Zero)


@pytest.mark.parametrize(("pattern", "expected"), [
    # fixed repeats and groups of alternatives join the text around them
    (r"\[(?:\.{3}|…)\] .{1,180} \[(?:\.{3}|…)\]", {"[...] ", "[…] "}),
    (r"would you consider (?:supporting|donating|a (?:donation|contribution))",
     {"would you consider supporting", "would you consider donating", "would you consider a donation",
      "would you consider a contribution"}),
    # an anchor or a lookahead matches nothing: the characters either side stay next to each other
    (r"\bsupport\b us", {"support us"}),
    # what may be absent ends the literal
    (r"ab?c", None),
])
def test_required(pattern: str, expected: set[str] | None) -> None:
    assert required(pattern) == (None if expected is None else frozenset(expected))


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?:(?:alle|beste) |top-)kommentare(?:\s*\(\d+\))?:?", {"alle kommentare", "beste kommentare", "top-kommentare"}),
    # "support " is enough: "support us" starts with it
    (r"support (?:us|[\w .&\x27’-]{2,50})!", {"support "}),
    # a case-sensitive part (?-i:...) is not recursion: still read
    (r"(?:photo|image)s?(?: credit: |: (?!(?-i:[a-z0-9])[\w/:@-]*$))[^.]{2,80}", {"photo", "image"}),
    (r"\d+ comments?", None),
])
def test_prefixes(pattern: str, expected: set[str] | None) -> None:
    assert prefixes(pattern) == (None if expected is None else frozenset(expected))


@pytest.mark.parametrize("pattern", [
    r"(?x) sign \s up",          # verbose: spaces and # are not text
    r"(?ix:sign up) now",
    r"\Qsign up\E",              # quoted text
    r"\L<words> sign up",        # a named list
    r"(?:sign up){e<=1}",        # fuzzy matching: "sign uq" matches
    r"(sign )?(?(1)up|in)",      # a conditional
    r"abc\\\\{e<=1}xyz",          # fuzzy after an escaped backslash: matches "abcxyz"
    r"(?f)straße",               # full case folding: matches "STRASSE"
    r"ab(?#c)?cd",               # the ? applies to "b": matches "acd"
    r"abc(?i)?de",
    r"[[]|x]]abc",               # version 0: "[" in a class is a character, "|" then alternates
    r"\101bc",                   # octal: matches "Abc"
])
def test_patterns_read_otherwise_get_no_gate(pattern: str) -> None:
    assert required(pattern) is None and prefixes(pattern) is None and required_literals(pattern) is None


def test_fuzzy_matching_is_why() -> None:
    assert regex.fullmatch(r"(?:sign up){e<=1}", "sign uq")
    # what the patterns above match (found by a review's fuzzer): no literal of them is required
    assert regex.fullmatch(r"abc\\{e<=1}xyz", "abcxyz") and regex.fullmatch(r"(?f)straße", "STRASSE", regex.I)
    assert regex.fullmatch(r"ab(?#c)?cd", "acd") and regex.fullmatch(r"[[]|x]]abc", "[")
    assert regex.fullmatch(r"\101bc", "Abc")


def test_properties_without_braces_and_dotted_capitals() -> None:
    assert required(r"\pLfoo") == {"foo"} and regex.search(r"\pLfoo", "xfoo")
    # required_literals folds as the lines are folded: "İ".lower() is two characters
    assert required_literals(r"İstanbul") == ("istanbul",) and folded("İSTANBUL") == "istanbul"


def test_needs_time_reads_the_top_level_only() -> None:
    assert needs_time(r"by \w+ at \d{1,2}:\d{2}")
    assert not needs_time(r"by \w+ at (?:\d{1,2}:\d{2})?") and not needs_time(r"at \d{1,2}:\d{2}?")


@pytest.mark.parametrize(("pattern", "texts"), [
    (r"\[(?:\.{3}|…)\] .{1,180} \[(?:\.{3}|…)\]", ["[...] the rest of it [...]", "[…] x y z […]"]),
    (r"(?:(?:alle|beste) |top-)kommentare(?:\s*\(\d+\))?:?", ["Alle Kommentare (12):", "TOP-KOMMENTARE"]),
    (r"by (?:continuing to (?:use|browse)|using) (?:this|our) (?:web)?site,? you (?:agree|consent|accept)",
     ["By using this website, you agree", "by continuing to browse our site you consent"]),
    (r"e-mail \(erforderlich\)", ["E-Mail (erforderlich)"]),
    (r"szukasz [\w ]{2,40}\? zobacz oferty na", ["Szukasz butów? Zobacz oferty na"]),
])
def test_gates_are_necessary(pattern: str, texts: list[str]) -> None:
    """Texts the pattern matches in full hold a required literal and start with a prefix."""
    compiled = regex.compile(pattern, regex.IGNORECASE)
    for text in texts:
        assert compiled.fullmatch(text), text
        line = folded(text)
        for found in (required(pattern), required_literals(pattern) and set(map(folded, required_literals(pattern)))):
            assert found is None or any(literal in line for literal in found), (found, text)
        starts = prefixes(pattern)
        assert starts is None or any(line.startswith(start) for start in starts), (starts, text)
