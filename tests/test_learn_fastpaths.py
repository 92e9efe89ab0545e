"""The learner's fast paths compute exactly what their plain definitions do (any text)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.learn import neardup, spans

# Text with the characters that make splitting words tricky: marks, digits of other scripts,
# superscripts, ligatures, dotted capitals, underscores, lone surrogates, separators.
TRICKY = st.text(st.sampled_from(list("ab Z1_-.,’“\n\t\u00a0²٣①½ßİǅﬁé\u0301日\ud800\u200d")) | st.characters(), max_size=80)


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_template_key_words_match_the_regex(text: str) -> None:
    low = text.lower() if text.isascii() else spans.unicodedata.normalize("NFKC", text).casefold()
    assert low.translate(spans._SEPARATORS).split() == spans._WORDS_RE.findall(low)


@settings(max_examples=300, deadline=None)
@given(st.lists(TRICKY, max_size=12).map(" ".join))
def test_signature_matches_its_plain_definition(text: str) -> None:
    assert neardup.signature(text) == neardup._signature_plain(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab1é日 \n\x1c\x1f\x85\u2028\u3000\ud800_")), max_size=60))
def test_signature_splits_words_where_str_split_does(text: str) -> None:
    """signature splits the words' UTF-8 as bytes: whitespace that str.split takes and bytes.split
    does not (\x1c-\x1f, \x85, \u2028, \u3000) must never reach it inside a word."""
    assert neardup.signature(text) == neardup._signature_plain(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(TRICKY, max_size=40).map(" ".join), min_size=2, max_size=8),
       st.sampled_from([0, 1, 30, 300]))
def test_signatures_of_a_batch_are_each_texts_signature(texts: list[str], long_word: int) -> None:
    """The array path (numpy CRC-32 of every shingle at once) gives what signature() gives one text at a
    time, for batches long enough to take it; words longer than the array CRC reaches go to zlib."""
    texts = [*texts, "x" * long_word + " " + " ".join(texts), "Straße " * 400]
    assert neardup.signatures(texts) == [neardup.signature(text) for text in texts]


def test_the_sentence_end_prefilter_finds_every_sentence_end() -> None:
    text = "Storm hits. “We rebuild.” Maria said!  (Then) 12 more… 日本。 Next\x1c A. b\u2003C"
    expected = [m.span() for m in spans._DOC_SENTENCE_END_RE.finditer(text)]
    found = [m.span() for c in spans._SENTENCE_END_CANDIDATE_RE.finditer(text)
             if (m := spans._DOC_SENTENCE_END_RE.match(text, c.start())) is not None]
    assert found == expected and len(expected) >= 4


@settings(max_examples=300, deadline=None)
@given(TRICKY | st.text(st.sampled_from(list("Ab 1.!? “”\t")), max_size=60))
def test_one_sentence_lines_are_keyed_as_the_generators_key_them(text: str) -> None:
    assert spans._line_spans(text) == tuple(spans._spans_of_line(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(TRICKY, min_size=1, max_size=60).map(" ".join), st.sampled_from([1, 40, 200]))
def test_word_runs_of_long_texts_are_counted_as_split_counts_them(text: str, times: int) -> None:
    from cleantext.analysis.chars import count_word_runs, word_lines

    long = text * times
    assert count_word_runs(long) == len(word_lines(long).split())
    assert count_word_runs(long.encode("ascii", "ignore").decode()) == len(
        word_lines(long.encode("ascii", "ignore").decode()).split())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("ab é日1 ")), min_size=1, max_size=12).filter(lambda k: k != "0"),
                max_size=20))
def test_key_hashes_of_a_document_are_each_keys_hash(keys: list[str]) -> None:
    """spans._hashes (the keys the cache misses hashed together) gives HASHES[key] of each key."""
    spans.HASHES.clear()
    expected = [spans.key_hash(key) for key in keys]
    assert spans._hashes(keys) == expected
    assert spans._hashes(keys) == [spans.HASHES[key] for key in keys] == expected  # now from the cache


def test_document_keys_are_the_filters_keys() -> None:
    from cleantext.document import Document

    text = "» Menu\n\nStorm hits the coast. “We will rebuild.” Maria Okafor said.\nComments (12)\n\nComments (7)\n"
    doc = Document(text)
    assert set(spans.document_keys(text)) == {span.key for span in spans.line_spans(doc)}


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("aZ.(” \tMrUS")) | st.characters(), min_size=1, max_size=30))
def test_abbreviation_test_matches_the_full_search(piece: str) -> None:
    expected = piece[-1] in spans._CLOSING_QUOTES or spans._ABBREVIATION_END_RE.search(piece) is not None
    assert spans._continues(piece) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("Aa .!?…。！？”\"' )]\t1\x1c\u2003\u00a0«")) | st.characters(), max_size=40))
def test_lines_without_a_sentence_break_are_one_sentence(text: str) -> None:
    from cleantext.document import split_sentences

    if spans._SENTENCE_BREAK_RE.search(text) is None:
        assert len(split_sentences(text)) <= 1


def test_every_whitespace_after_a_sentence_end_is_a_break() -> None:
    from cleantext.document import split_sentences

    space = spans.regex.compile(r"\s")
    for code in range(0x110000):
        if space.match(chr(code)):
            text = f"It ended.\u201d{chr(code)}Then more."
            assert len(split_sentences(text)) == 2 and spans._SENTENCE_BREAK_RE.search(text), hex(code)


def _template_key_plain(text: str) -> str:
    """:func:`spans.template_key` by its definition: the pattern's words, each run of numbers one ``0``."""
    low = text.lower() if text.isascii() else spans.unicodedata.normalize("NFKC", text).casefold()
    words: list[str] = []
    for word in spans._WORDS_RE.findall(low):
        number = word[0].isdigit() or word[-1].isdigit() or word in spans.DATE_WORDS
        if not (number and words and words[-1] == "0"):
            words.append("0" if number else word)
    return "" if words in ([], ["0"]) else " ".join(words)


@settings(max_examples=500, deadline=None)
@given(TRICKY | st.lists(st.sampled_from(["May", "june", "MON", "7", "a1", "2b", "x", "_", "-", ".", "\t"])).map(" ".join)
       | st.text(st.characters(max_codepoint=127), max_size=40))
def test_template_key_matches_its_plain_definition(text: str) -> None:
    assert spans.template_key(text) == _template_key_plain(text)


def test_every_digit_is_a_number_character() -> None:
    """template_key keys a span with no \\p{N} character without looking for numbers word by word."""
    number = spans._NUMBER_RE
    assert not [code for code in range(0x110000) if chr(code).isdigit() and not number.match(chr(code))]
