"""Properties of the input layer on arbitrary bytes: decoding, the not-text test and record parsing
never raise anything but the errors they document, and what they read is what was written."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.inputs import SIGNATURES, Item, decode, not_text
from cleantext.jobs import NotText, RecordError, RecordFormat

CODECS = ["utf-8", "latin-1", "cp1252", "cp1251", "shift_jis", "utf-16", "ascii"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decoding_any_bytes_gives_text(data):
    decoded = decode(data)
    assert isinstance(decoded.text, str) and decoded.encoding
    assert not_text(data) in {None, "binary data (NUL bytes)", *(kind for _, kind in SIGNATURES)}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=500), st.sampled_from(CODECS))
def test_a_forced_encoding_never_raises(data, codec):
    assert isinstance(decode(data, codec).text, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_utf8_text_comes_back_exactly(text):
    data = text.encode("utf-8", "surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:  # lone surrogates are not UTF-8
        return
    assert decode(data) == (text, "utf-8", False)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=800))
def test_a_text_file_parses_or_is_not_text(data):
    fmt = RecordFormat()
    try:
        parsed = fmt.parse(Item("f.txt", None, data))
    except NotText:
        assert not_text(data)
        return
    assert isinstance(parsed.text, str) and parsed.record is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.builds(lambda t: json.dumps({"text": t}).encode(), st.text(max_size=200)))
def test_a_jsonl_line_parses_or_is_a_named_bad_record(line):
    fmt = RecordFormat(jsonl=True)
    try:
        parsed = fmt.parse(Item("c.jsonl", 7, line))
    except NotText as exc:
        assert str(exc).startswith("c.jsonl: not text")
        return
    except RecordError as exc:
        assert str(exc).startswith("c.jsonl:7: ")
        return
    assert isinstance(parsed.text, str) and parsed.record is not None


@pytest.mark.parametrize("text", ["Café crème", "Straße und Größe", "naïve façade, déjà vu"])
@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_western_text_in_a_legacy_encoding_is_read_right(text, codec):
    decoded = decode(text.encode(codec))
    assert decoded.text == text and decoded.detected
