"""The plumbing's fast paths give what the straightforward code gives, on any input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleantext.document import Document, Line


def _reference_lines(text: str) -> list[tuple[int, int, int, str]]:
    lines, pos = [], 0
    for index, piece in enumerate(text.split("\n")):
        lines.append((index, pos, pos + len(piece), piece))
        pos += len(piece) + 1
    return lines


@given(st.text(max_size=80))
def test_document_lines_are_the_split_with_offsets(text: str) -> None:
    doc = Document(text)
    assert [tuple(line) for line in doc.lines] == _reference_lines(text)
    assert all(type(line) is Line and doc.text[line.start : line.end] == line.text for line in doc.lines)
    assert [doc.line_at(line.start) for line in doc.lines] == doc.lines


def test_line_stays_immutable_and_hashable() -> None:
    line = Document("one\ntwo").lines[1]
    assert line == Line(1, 4, 7, "two") and hash(line) == hash(Line(1, 4, 7, "two")) and line != Line(1, 4, 7, "tw")
    try:
        line.text = "x"  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("Line is mutable")
