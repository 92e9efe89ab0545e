"""Words counted from the translation of :func:`cleantext.analysis.chars.word_lines` are the pattern's words."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.analysis.chars import word_lines
from cleantext.document import count_words

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
