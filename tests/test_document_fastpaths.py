"""The document's fast paths give what their plain definitions do: words counted from the translation of
:func:`cleantext.analysis.chars.word_lines` are the pattern's words; sentences split at a matched sentence
end are those split at whitespace looked behind at."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.analysis.chars import word_lines
from cleantext.document import _add_span, count_words, split_sentences

# Text with the characters that make splitting words tricky: marks, digits of other scripts, joiners,
# lone surrogates, odd whitespace; long enough (repeated) to take the numpy lookup too.
TRICKY = st.text(st.sampled_from(list("ab Z1_-.,’\n\t\x1c\u00a0²٣ßİé\u0301日\ud800\u200d")) | st.characters(),
                 max_size=60)


@settings(max_examples=300, deadline=None)
@given(TRICKY, st.sampled_from([1, 50]))
def test_count_words_is_the_number_of_pattern_words(text: str, times: int) -> None:
    text *= times
    assert count_words(text) == len(regex.findall(r"\w+", text))
    assert [line.split() for line in word_lines(text).split("\n")] == [
        regex.findall(r"\w+", line) for line in text.split("\n")]


#: split_sentences' definition: the whitespace after a sentence end, the end looked behind at.
_SPLIT_RE = regex.compile(r"""(?<=[.!?…。！？](?:["'”’»)\]]*))\s+(?=["'“‘«(\[]?[\p{Lu}\p{Lt}\p{Lo}\d])""")


def _split_plain(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SPLIT_RE.finditer(text):
        _add_span(text, start, match.start(), 0, spans)
        start = match.end()
    _add_span(text, start, len(text), 0, spans)
    return spans


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("aA .!?…。！？\"'”’»)]“‘«([1日ǅ\t\x1c\u2003\u00a0") + ["Mr.", ". ", ".” ", "! ("])
                | st.characters(), max_size=30).map("".join))
def test_sentences_split_at_a_matched_end_are_the_definitions(text: str) -> None:
    assert split_sentences(text) == _split_plain(text)
