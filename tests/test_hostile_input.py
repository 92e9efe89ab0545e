"""Arbitrary Unicode never raises; non-str input gives a clear TypeError at the door."""

from __future__ import annotations

import pytest

import cleantext

HOSTILE = {
    "lone high surrogate": "Storm hits coast.\ud800 Advertisement",
    "lone low surrogate": "\udfffRead more",
    "surrogate pair written as two": "\ud83d\ude00 emoji halves",
    "NUL bytes": "nul\x00byte\x00\nAdvertisement\x00",
    "ANSI escapes": "\x1b[31mred\x1b[0m text\n\x1b[1mAdvertisement\x1b[0m",
    "broken ANSI": "\x1b[" * 50 + "\x1b",
    "bidi controls": "\u202eevil\u202c text \u2066isolate\u2069\nRead more:\n\u200fheadline",
    "BOMs everywhere": "\ufeffBOM\ufeff\n\ufeffAdvertisement\ufeff",
    "zero-width": "Sign\u200bup for our\u200dnewsletter\u2060",
    "emoji": "🧨" * 50 + "\n👍🏽👨‍👩‍👧 Share this article",
    "combining marks": "e\u0301\u0301\u0301" * 100 + "\nA\u0308dvertisement",
    "mixed scripts": "Реклама\nAnzeige\n广告\nإعلان\nReklama\n\u05e4\u05e8\u05e1\u05d5\u05de\u05ea",
    "C1 controls": "caf\u0080\u0085\u009f\u0090e",
    "CR only": "one\rtwo\rAdvertisement\r",
    "line and paragraph separators": "one\u2028two\u2029Advertisement\x85three",
    "private use and noncharacters": "\ue000\uf8ff\ufdd0\uffff\U0010ffff",
    "replacement characters": "\ufffd" * 100,
    "mojibake": "cafÃ© â€œquotedâ€\x9d &amp;amp; &#0; &#xD800; &#1114112;",
    "entities that decode to controls": "&#27;[31m &#0; &#x202e; &#65279;",
    "only whitespace": " \t\n\u00a0\u3000\n\n",
    "empty": "",
    "one newline": "\n",
    "very long word": "a" * 200_000,
    "deep decoration": "» " * 10_000 + "Read more" + " ›" * 10_000,
    "many blank lines": "\n" * 20_000 + "x",
    "tabs and vertical tabs": "\t\x0b\x0c" * 1000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_never_raises(text):
    cleaned = cleantext.clean(text)
    removals = cleantext.explain(text)
    normalized = cleantext.normalize(text)
    cleaned.encode("utf-8")  # no lone surrogate reaches the output
    normalized.encode("utf-8")
    for r in removals:
        assert 0 <= r.start < r.end <= len(normalized)
        assert normalized[r.start : r.end] == r.text


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_with_every_option(text):
    for options in ({"fix_unicode": False}, {"uncurl_quotes": True}, {"mode": "page"},
                    {"max_low_confidence_share": 0.0}, {"languages": ["ru"]}):
        cleantext.clean(text, **options).encode("utf-8")


@pytest.mark.parametrize("value", [b"Advertisement", bytearray(b"x"), memoryview(b"x"), None, 42, ["a"]])
@pytest.mark.parametrize("call", [cleantext.clean, cleantext.explain, cleantext.normalize])
def test_non_str_input_is_a_clear_type_error(call, value):
    with pytest.raises(TypeError, match="expected str"):
        call(value)


def test_bytes_error_says_how_to_fix_it():
    with pytest.raises(TypeError, match=r"decode"):
        cleantext.clean(b"caf\xc3\xa9")


def test_str_subclass_is_accepted():
    class Text(str):
        pass

    assert cleantext.clean(Text("Storm hits coast.\nAdvertisement")) == "Storm hits coast."


def test_hostile_text_with_a_model():
    model = cleantext.fit(["Shared footer line here\nStory one.", "Shared footer line here\nStory two.",
                           "Shared footer line here\nStory three."] * 3)
    for text in HOSTILE.values():
        cleantext.clean(text, model=model).encode("utf-8")
        cleantext.clean(text, model=model, group="\ud800site").encode("utf-8")


def test_an_html_line_does_not_change_how_later_lines_are_repaired():
    """Found by the fuzzer: ftfy stopped unescaping every line after one holding '<', so removing
    that line ("Advertisement <<<") changed how the next clean() repaired the rest."""
    once = cleantext.clean("Storm hits coast.\nAdvertisement <<<\nFish &amp; chips")
    assert once == "Storm hits coast.\nFish & chips"
    assert cleantext.clean(once) == once
    assert cleantext.normalize("a <b>\nFish &amp; chips") == "a <b>\nFish & chips"


def test_a_stray_c1_control_does_not_hide_mojibake_until_the_second_clean():
    """Found by the fuzzer: ftfy left "readÂ»" alone beside a C1 control; once the control was
    removed, the next clean() repaired it."""
    once = cleantext.clean("You are independent and read\x8fÂ» the news.")
    assert once == "You are independent and read» the news."
    assert cleantext.clean(once) == once


def test_mojibake_revealed_by_a_first_repair_is_repaired_at_once():
    """Found by the fuzzer: a BOM inside mojibake; the first repair left what a second one fixed."""
    once = cleantext.clean("Russia\u00e2\u00ef\u00bb\u00bf\u0080\u0099s Defense Ministry&#13;statement added.")
    assert cleantext.clean(once) == once
