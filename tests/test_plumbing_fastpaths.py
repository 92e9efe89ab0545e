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


def test_a_long_page_is_built_with_the_collector_paused_and_left_as_it_was(monkeypatch) -> None:
    """A page of more than _GC_PAUSE_LINES lines is built with the cyclic collector off (it made Document()
    grow faster than its size), gives the same lines, and leaves the collector on or off as the caller had it."""
    import gc

    from cleantext import document

    text = "\n".join(f"line {i}" if i % 3 else "" for i in range(document._GC_PAUSE_LINES + 5))
    seen = []
    real_list = list

    def spying_list(*args):  # list() of the lines is the only call made inside the pause
        seen.append(gc.isenabled())
        return real_list(*args)

    was = gc.isenabled()
    try:
        for collecting in (True, False):
            (gc.enable if collecting else gc.disable)()
            seen.clear()
            monkeypatch.setattr(document, "list", spying_list, raising=False)
            doc = Document(text)
            monkeypatch.undo()
            assert gc.isenabled() is collecting
            assert seen == [False]  # built with the collector off, whether it was on or off
            assert [tuple(line) for line in doc.lines] == _reference_lines(text)
        short = Document("a\nb")
        assert gc.isenabled() is False and [tuple(x) for x in short.lines] == _reference_lines("a\nb")
    finally:
        (gc.enable if was else gc.disable)()
