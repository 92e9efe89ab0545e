"""The speed work keeps behaviour identical: normalize.fix_text is exactly ftfy.fix_text."""

from __future__ import annotations

import importlib

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.data import find_bench, pages

normalize = importlib.import_module("cleantext.normalize")  # the package's normalize() function shadows the module
CONFIG = normalize._ftfy_config(False)

# Characters that make mojibake, entities, markup and line structure: where ftfy acts.
PIECES = ["â€™", "Ã©", "Ã ", "Â ", "&amp;", "&eacute;", "&#x2019;", "&nbsp", "<b>", "<", "\n", "\n\n", " ", "a", "Z",
          ".", "’", "“", "é", "Ð", "€", "\x85", "\x92", "\ufffd", "вЂ", "œ", "Œ!", "\u00a0", "×²", "ÃƒÂ©", "ðŸ˜€"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_fix_text_is_ftfy_fix_text_on_mojibake_soup(text: str) -> None:
    assert normalize.fix_text(text, CONFIG) == ftfy.fix_text(text, CONFIG)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_fix_text_is_ftfy_fix_text_on_any_text(text: str) -> None:
    assert normalize.fix_text(text, CONFIG) == ftfy.fix_text(text, CONFIG)


@pytest.mark.parametrize("text", ["\x1b[A", "a\x1b[31mred\x1b[0m plain\nnext", "\x1b", "x\x1b[2J\n&amp;"])
def test_fix_text_strips_terminal_escapes_as_ftfy_does(text: str) -> None:
    """Found by the test above in a loaded run: an ASCII line with an ANSI escape was waved through."""
    assert normalize.fix_text(text, CONFIG) == ftfy.fix_text(text, CONFIG)
    # and the pre-tests never wave through a text ftfy changes (found by the test below, run 9 of a loop)
    if ftfy.fix_text(text, CONFIG) != text:
        assert normalize._may_need_ftfy(text) and normalize.needs_ftfy(text)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.text(max_size=200)))
def test_repair_skips_ftfy_only_where_ftfy_changes_nothing(text: str) -> None:
    """The pre-test before ftfy is a necessary condition: texts it waves through are ftfy's fixed points."""
    if not normalize._may_need_ftfy(text):
        assert ftfy.fix_text(text, CONFIG) == text
    if normalize.needs_ftfy(text):
        assert normalize._may_need_ftfy(text)  # never stricter than the exact test


def test_the_mojibake_class_is_derived_from_ftfy() -> None:
    chars = normalize._MOJIBAKE_CHARS
    assert chars is not None, "ftfy's BADNESS_RE changed shape: the fast path falls back to is_bad everywhere"
    assert chars.search("Ã") and chars.search("€") and not chars.search("plain ASCII text")


def test_looks_bad_is_is_bad() -> None:
    from ftfy.badness import is_bad

    for text in ["The Moscow Timesâ€™ appeal", "Ã la carte", "plain", "naïve café", "“quoted”", "вЂ” dash"]:
        assert normalize._looks_bad(text) == is_bad(text)


BENCH = find_bench()


@pytest.mark.bench
@pytest.mark.skipif(BENCH is None, reason="no ../shared/bench pages here")
def test_fix_text_is_ftfy_fix_text_on_real_pages() -> None:
    assert BENCH is not None
    for page in list(pages(BENCH))[::10]:
        text = page.read("page_text") or ""
        assert normalize.fix_text(text, CONFIG) == ftfy.fix_text(text, CONFIG), page.page_id
