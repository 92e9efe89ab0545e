"""The matcher's literal gates are optimisations: they must report what the plain alternations report."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex
from regex._regex import get_all_cases

from cleantext.config import LANGUAGES
from cleantext.filters.matcher import _Alternation, _WholeLine, core_of, folded, matcher_for

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: Lines that hit rules, lines that nearly do, and case-folding corner cases.
TRICKY = [
    "ADVERTISEMENT", "Advertisement", "advertisement:", "ANZEIGE", "Werbung", "REKLAMA",
    "Read more", "READ MORE:", "Related Articles", "İnstagram", "ınstagram", "STRAẞE", "ſhare",
    "КОММЕНТАРИИ", "Комментарии (12)", "12 Comments", "Leave a Reply", "Cookie settings",
    "Share this:", "Follow us on Twitter", "© 2024 The Daily Example. All rights reserved.",
    "Sign up for our newsletter", "Home", "World", "News", "Sport", "", "a", "ab",
]


def test_fold_makes_every_case_insensitive_pair_equal() -> None:
    """Two characters ``regex`` matches under IGNORECASE fold to the same one character."""
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        assert len(folded(char)) == 1, hex(code)
        for other in get_all_cases(regex.IGNORECASE | regex.UNICODE, code):
            assert folded(chr(other)) == folded(char), (hex(code), hex(other))


def test_fold_fast_paths_agree_with_the_general_folding() -> None:
    """ASCII text is lower-cased, other text folded; both as ``regex`` folds, Turkish i's made i."""
    from regex._regex import fold_case

    from cleantext.filters.literals import _FOLD_FLAGS, _TURKIC_I

    samples = ["".join(map(chr, range(128))), "Read MORE", "İnstagram ıI", "STRAẞE ſo", "Ǆ ǅ ǆ K Å", "КОММЕНТАРИИ"]
    for text in samples:
        assert folded(text) == fold_case(_FOLD_FLAGS, text.translate(_TURKIC_I)), text


def _lines() -> list[str]:
    lines = list(TRICKY)
    for path in sorted((FIXTURES / "seeds").glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    return lines


@pytest.mark.parametrize("kind", ["lines", "opens", "headings", "crumbs"])
def test_gated_whole_line_rules_agree_with_the_full_alternation(kind: str) -> None:
    matcher = matcher_for(LANGUAGES)
    gated = [getattr(matcher, kind)] if kind != "crumbs" else list(matcher.crumbs.values())
    for whole in gated:
        assert isinstance(whole, _WholeLine)
        full = _Alternation(whole.rules)
        # Each rule's own pattern text must fully match under both (the rule's literal is present).
        probes = _lines() + [rule.pattern for rule in whole.rules]
        for line in probes:
            core = core_of(line)
            assert whole.fullmatch(core) is full.fullmatch(core), (kind, line)
            assert whole.fullmatch(core.upper()) is full.fullmatch(core.upper()), (kind, line)


def test_rule_lines_are_found_through_the_gate() -> None:
    """Lines spelled out by the rules themselves (plain-literal patterns) are matched, gate or not."""
    matcher = matcher_for(LANGUAGES)
    plain = [r for r in matcher.lines.rules if regex.escape(r.pattern, literal_spaces=True) == r.pattern]
    assert len(plain) > 50
    for rule in plain:
        assert matcher.lines.fullmatch(rule.pattern) is not None, rule.pattern
        shouted = rule.pattern.upper()  # "ß" becomes "SS", which simple case folding does not match
        assert matcher.lines.fullmatch(shouted) is _Alternation(matcher.lines.rules).fullmatch(shouted)


@pytest.mark.parametrize("where", ["leading", "trailing", "anywhere"])
def test_a_closed_inline_gate_means_no_match(where: str) -> None:
    gated = getattr(matcher_for(LANGUAGES), where)
    assert gated.literals is not None  # every inline rule has a literal to gate on
    probes = _lines() + [f"Text {marker} more text" for marker in
                         ("(Advertisement)", "[ANZEIGE]", "Share this: Twitter", "© Getty Images", "Read more »")]
    opened = 0
    for line in probes:
        if gated.may_match(folded(line)):
            opened += 1
        else:
            assert gated.search(line) is None, (where, line)
    assert opened < len(probes)


def test_required_literals_of_alternatives_and_escapes() -> None:
    from cleantext.filters.literals import required

    assert required(r"\s*\[(?:Anzeige|werbung)\]") == {"[anzeige]", "[werbung]"}
    assert required(r"(?:jetzt )?(?:kostenlos )?(?:anmelden|abonnieren)[.!]?") == {"anmelden", "abonnieren"}
    assert required(r"©(?!.{0,100}rights reserved)\s?[^.©\d]{2,60}", shortest=1) == {"©"}
    assert required(r"\d+ comments?") == {" comment"}
    assert required(r"ab?c") is None and required(r"(?:a|bc)d") is None


def test_prefiltered_phrase_rules_agree_with_the_full_alternation() -> None:
    """Phrase rules gated by their literals (or alternations of literals) find what one alternation finds."""
    phrases = matcher_for(LANGUAGES).phrases
    full = _Alternation(phrases.rules)
    assert len(phrases.ungated.rules) < 3, "phrase rules should have literals to gate on"
    probes = _lines() + [rule.pattern for rule in phrases.rules]
    probes += ["Gefällt Ihnen unser Newsletter?", "FOLGEN SIE UNS AUF TWITTER", "Suscríbete a nuestro boletín"]
    for line in probes:
        for text in (line, line.upper(), f"Vorher. {line} danach"):
            match = full.search(text)
            assert phrases.search(text) is (None if match is None else full.rule(match)), text


def test_literal_scan_finds_exactly_the_literals_in_a_line() -> None:
    """One overlapping trie scan reports every literal that ``in`` would find, and no other."""
    from cleantext.filters.matcher import _LiteralScan

    matcher = matcher_for(LANGUAGES)
    scan = matcher.whole_literals
    literals = list(scan.prefixes)
    assert len(literals) > 300
    texts = [folded(core_of(line)) for line in _lines()] + [folded(rule.pattern) for rule in matcher.lines.rules]
    texts += ["newsletter newsletters news", "aaaa", "read more read more:", ""]
    for text in texts:
        assert scan.present(text) == {literal for literal in literals if literal in text}, text
    small = _LiteralScan(["ab", "abc", "bc", "c", "abcd"])
    assert small.present("xabcd") == {"ab", "abc", "abcd", "bc", "c"}
    assert small.present("cab") == {"c", "ab"}
