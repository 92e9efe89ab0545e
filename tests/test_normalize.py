from __future__ import annotations

import pytest

import cleantext
from cleantext.normalize import cut, needs_ftfy, repair


@pytest.mark.parametrize(
    "text",
    [
        "“Curly quotes” stay curly, and so do ‘these’.",
        "Ligatures: ﬁne. Width: ＡＢＣ. Accents: café, naïve, Ærø.",
        "Кириллица и «ёлочки».",
        "e\u0301 stays decomposed",
    ],
)
def test_repair_keeps_the_articles_characters(text):
    assert repair(text) == text


def test_repair_fixes_mojibake_and_entities():
    assert repair("The Moscow Timesâ€™ appeal") == "The Moscow Times’ appeal"
    assert repair("Fish &amp; chips") == "Fish & chips"


def test_uncurl_quotes_on_request():
    assert repair("“Hi”", uncurl_quotes=True) == '"Hi"'


def test_fast_path_skips_clean_text():
    assert not needs_ftfy("A plain news sentence with “quotes” and — dashes.")


def test_controls_and_line_endings():
    assert repair("a\x00b\x07c\r\nd\re\u2028f") == "abc\nd\ne\nf"


def test_page_breaks_and_vertical_tabs_are_line_breaks():
    """pdftotext ends each page with a form feed: removed, it glued a page's last word to the next page's
    first ("end of page.Next page"). A vertical tab likewise. NUL still goes (text decoded as UTF-16 by
    mistake holds one after every letter)."""
    assert repair("end of page.\fNext page\x0bvt") == "end of page.\nNext page\nvt"
    assert repair("a\r\n\x0cb") == "a\n\nb" == repair(repair("a\r\n\x0cb"))
    assert cleantext.clean("The mayor spoke.\fThe council voted.") == "The mayor spoke.\nThe council voted."
    assert repair("H\x00e\x00l\x00l\x00o\x00") == "Hello"


def test_cut_keeps_line_structure():
    text = "Title\nAd\nBody one.\n\n\n\nBody two."
    assert cut(text, [(6, 8)]) == "Title\nBody one.\n\nBody two."


def test_cut_span_over_several_lines():
    text = "Keep.\nGo one\nGo two\nKeep too."
    start = text.index("Go one")
    end = text.index("Go two") + len("Go two")
    assert cut(text, [(start, end)]) == "Keep.\nKeep too."
