"""What the CLI does with the input users really have: other encodings, files that are not text,
many bad records; and the small things around it (usage line, a replaced package, report, extractor)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from cli_helpers import PNG, read_jsonl, run

import cleantext
from cleantext.inputs import decode, not_text

CAFE = "Le café est ouvert depuis lundi. Les crèmes brûlées y sont délicieuses, dit-on à Zürich."


# ----------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("forced", [None, "latin-1"])
def test_a_latin1_file_keeps_its_accents(monkeypatch, tmp_path, forced):
    src = tmp_path / "latin.txt"
    src.write_bytes(f"Café opens.\n\n{CAFE}\n\nAdvertisement".encode("latin-1"))
    out = tmp_path / "out.txt"
    argv = [str(src), "-o", str(out), *(["--encoding", forced] if forced else [])]
    result = run(monkeypatch, *argv)
    assert result.code == 0
    assert out.read_text(encoding="utf-8") == f"Café opens.\n\n{CAFE}\n"
    if forced:
        assert result.err == ""  # the user said which: no note
    else:
        assert result.err == f"cleantext: note: {src}: not UTF-8, read as windows-1252 (detected; --encoding forces one)\n"


def test_detected_encodings_are_counted_and_quiet_hides_the_notes(monkeypatch, tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_bytes(f"Page {i}: {CAFE}".encode("cp1252"))
    (tmp_path / "utf8.txt").write_text(CAFE, encoding="utf-8")
    result = run(monkeypatch, str(tmp_path), "--stats", "-q")
    assert result.code == 0 and "note:" not in result.err
    assert "3 file(s) not UTF-8, read as windows-1252 (detected)" in result.err
    assert result.text.count("café") == 4


@pytest.mark.parametrize("text, encoding", [
    ("Příliš žluťoučký kůň úpěl ďábelské ódy. Nový zákon o řízení vstoupil v platnost.", "cp1250"),
    ("Привет, мир! Это тестовый текст на русском языке, и он довольно длинный.", "cp1251"),
    ("日本語のテキストです。今日はいい天気ですね。明日も晴れるでしょう。", "shift_jis"),
])
def test_other_legacy_encodings_are_detected(text, encoding):
    decoded = decode(text.encode(encoding))
    assert decoded.text == text and decoded.detected


def test_decoding_never_raises_and_keeps_utf8_and_boms():
    assert decode("naïve ✓".encode()) == ("naïve ✓", "utf-8", False)
    assert decode("naïve ✓".encode("utf-16")).text == "naïve ✓"  # a BOM: UTF-16, not binary
    assert not_text("naïve ✓".encode("utf-16")) is None
    assert decode(b"\xff\xfe\xfd\x80", "ascii").text == "\ufffd" * 4  # a forced codec replaces
    for data in (bytes(range(256)), b"\x80" * 10, b"\xc3"):
        assert isinstance(decode(data).text, str)


def test_utf8_with_a_few_bad_bytes_stays_utf8():
    """A UTF-8 file cut in the middle of a character, or with one stray byte, is not re-read as cp1252
    (which would turn every "é" of it into "Ã©")."""
    data = CAFE.encode("utf-8") + b" \xff end " + "é".encode()[:1]
    decoded = decode(data)
    assert decoded.text == CAFE + " \ufffd end \ufffd"
    assert decoded.encoding == "utf-8 (invalid bytes replaced)" and decoded.detected
    assert decode("Café".encode("latin-1")).encoding == "windows-1252"  # no valid UTF-8 letter at all


@pytest.mark.parametrize("name", ["klingon", "rot13", "hex"])
def test_unknown_encoding_is_a_usage_error(monkeypatch, name):
    result = run(monkeypatch, "--encoding", name, stdin=b"x")
    assert result.code == 2 and f"--encoding: unknown encoding '{name}'" in result.err


def test_jsonl_in_another_encoding(monkeypatch, tmp_path):
    src = tmp_path / "latin.jsonl"
    src.write_bytes('{"text": "Café.\\n\\nAdvertisement"}\n'.encode("latin-1"))
    strict = run(monkeypatch, "--jsonl", str(src))
    assert strict.code == 1 and f"{src}:1: not valid UTF-8" in strict.err  # JSON is UTF-8 unless told
    forced = run(monkeypatch, "--jsonl", "--encoding", "latin-1", str(src))
    assert forced.code == 0 and read_jsonl(forced.out) == [{"text": "Café."}]


# ----------------------------------------------------------------------------- not text


@pytest.mark.parametrize("name, data, kind", [
    ("logo.png", PNG, "a PNG image"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    ("archive.zip", b"PK\x03\x04\x14\x00\x00\x00", "a ZIP archive"),
    ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
    ("site.model", None, "a cleantext model"),
    ("data.bin", b"abc\x00def", "binary data (NUL bytes)"),
])
def test_files_that_are_not_text_are_skipped_with_a_warning(monkeypatch, tmp_path, name, data, kind):
    if data is None:
        data = cleantext.fit(["One page.", "Another page."]).to_bytes()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Story.\n\nAdvertisement")
    (folder / name).write_bytes(data + bytes(range(256)) * 50)
    result = run(monkeypatch, str(folder), "--stats")
    assert result.code == 0
    assert result.text == "Story.\n"  # nothing of the binary file in the output
    assert f"cleantext: warning: skipped {folder / name}: not text ({kind})" in result.err
    assert "1 input(s) skipped: not text" in result.err


def test_a_big_binary_file_is_not_read_past_its_first_bytes(monkeypatch, tmp_path):
    from cleantext import inputs

    big = tmp_path / "big.zip"
    big.write_bytes(b"PK\x03\x04" + b"\x00" * 5_000_000)
    assert len(inputs.read_document(str(big))) == inputs.SNIFF_BYTES


def test_only_binary_inputs_leave_nothing_to_fit(monkeypatch, tmp_path):
    (tmp_path / "a.png").write_bytes(PNG)
    result = run(monkeypatch, "fit", str(tmp_path / "a.png"), "-o", str(tmp_path / "m.model"))
    assert result.code == 2 and "not text" in result.err and "no documents to fit on" in result.err


def test_a_binary_file_given_as_jsonl_follows_on_error(monkeypatch, tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text('{"text": "A.\\n\\nAdvertisement"}\n')
    png = tmp_path / "b.jsonl"
    png.write_bytes(PNG + b"\n" + b"\x00\x01\n" * 1000)
    stopped = run(monkeypatch, "--jsonl", str(good), str(png))
    assert stopped.code == 1 and f"{png}: not text (a PNG image)" in stopped.err
    skipped = run(monkeypatch, "--jsonl", "--on-error", "skip", str(good), str(png))
    assert skipped.code == 0 and read_jsonl(skipped.out) == [{"text": "A."}]
    assert skipped.err == f"cleantext: warning: skipped {png}: not text (a PNG image)\n"  # one warning, not 1000


# ----------------------------------------------------------------------------- bad records


def test_every_bad_record_is_reported(monkeypatch, tmp_path):
    lines = ['{"text": "ok"}'] * 40
    bad_at = [3, 4, 9, 10, 11, 17, 18, 25, 26, 33]
    for n in bad_at:
        lines[n - 1] = "{broken"
    src = tmp_path / "c.jsonl"
    src.write_text("\n".join(lines) + "\n")
    result = run(monkeypatch, "--jsonl", "--on-error", "skip", "-q", str(src))
    assert result.code == 0 and len(read_jsonl(result.out)) == 30
    err = result.err.splitlines()
    assert err[0] == "cleantext: 10 bad record(s) skipped:"
    assert [line.split(": ", 2)[1].strip() for line in err[1:6]] == [f"{src}:{n}" for n in bad_at[:5]]
    assert err[6] == "cleantext:   5 more at " + ", ".join(f"{src}:{n}" for n in bad_at[5:])


# ----------------------------------------------------------------------------- small things


def test_usage_line_shows_every_command(monkeypatch, capsys):
    from cleantext.cli import build_parser

    usage = build_parser().format_usage()
    assert "cleantext [OPTIONS] [FILE...]" in usage
    assert "cleantext fit [OPTIONS] INPUT... -o MODEL" in usage and "cleantext report" in usage


def test_a_replaced_package_root_is_a_clear_error(monkeypatch):
    """What `pip install clean-text` after us leaves: our modules under another project's __init__.py."""
    monkeypatch.delattr(cleantext, "__distribution__")
    result = run(monkeypatch, "--version")
    assert result.code == 2
    assert result.err.startswith("cleantext: error: the installed 'cleantext' module is not cleantext-boilerplate's")
    assert "pip uninstall -y" in result.err and "pip install cleantext-boilerplate" in result.err
    assert result.err.count("\n") == 1


def test_a_package_root_removed_is_a_clear_error(monkeypatch):
    """Uninstalling clean-text after it replaced our root removes cleantext/__init__.py: a namespace package."""
    monkeypatch.delattr(cleantext, "__distribution__")
    monkeypatch.setattr(cleantext, "__file__", None)
    result = run(monkeypatch, "x.txt")
    assert result.code == 2 and "has no __init__.py" in result.err
    assert "pip install --force-reinstall cleantext-boilerplate" in result.err


def test_report_is_routed_to_its_module(monkeypatch):
    seen = []
    fake = types.ModuleType("cleantext.htmlreport")
    fake.main = lambda argv: seen.append(argv) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cleantext.htmlreport", fake)
    assert run(monkeypatch, "report", "--sample", "3", "a.txt").code == 0
    assert seen == [["--sample", "3", "a.txt"]]
    monkeypatch.setitem(sys.modules, "cleantext.htmlreport", None)  # as if the module were missing
    missing = run(monkeypatch, "report", "x")
    assert missing.code == 2 and "no report command" in missing.err


def test_extractor_needs_html(monkeypatch):
    result = run(monkeypatch, "--extractor", "resiliparse", stdin=b"x")
    assert result.code == 2 and "--extractor chooses how --html input is read; add --html" in result.err


@pytest.mark.parametrize("extractor", ["trafilatura", "resiliparse"])
def test_html_with_either_extractor(monkeypatch, tmp_path, extractor):
    pytest.importorskip({"trafilatura": "trafilatura", "resiliparse": "resiliparse"}[extractor])
    from cleantext.html import extract_text

    body = " ".join(["The council met on Tuesday to approve the new school budget."] * 4)
    html = f"<html><body><article><p>{body}</p><p>Advertisement</p></article></body></html>"
    src = tmp_path / "page.html"
    src.write_text(html)
    result = run(monkeypatch, "--html", "--extractor", extractor, str(src))
    assert result.code == 0, result.err
    assert result.text == cleantext.clean(extract_text(html, extractor=extractor)) + "\n"
    assert "council met on Tuesday" in result.text


def test_keeping_comments_asks_the_extractor_for_them(monkeypatch, tmp_path):
    calls = []

    def fake_extract(html, *, extractor="trafilatura", comments=False):
        calls.append((extractor, comments))
        return "Text."

    monkeypatch.setattr("cleantext.jobs.extract_text", fake_extract)
    monkeypatch.setattr("cleantext.html.require_extractor", lambda name: None)
    src = tmp_path / "p.html"
    src.write_text("<p>x</p>")
    run(monkeypatch, "--html", str(src))
    keep = "comments" if "comments" in cleantext.CATEGORIES else None
    if keep:
        run(monkeypatch, "--html", "--keep-category", keep, str(src))
        assert calls == [("trafilatura", False), ("trafilatura", True)]
    else:
        assert calls == [("trafilatura", False)]


def test_model_files_are_readable_by_others(monkeypatch, tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        path = tmp_path / "m.model"
        assert run(monkeypatch, "fit", "-", "-o", str(path), stdin=b"One page.").code == 0
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o644
    finally:
        os.umask(old)


def test_read_items_is_usable_on_its_own(tmp_path: Path):
    """The helpers other commands (cleantext report) import: find, read and parse records."""
    from cleantext.inputs import expand_inputs, read_items
    from cleantext.jobs import RecordFormat

    (tmp_path / "s1").mkdir()
    (tmp_path / "s1" / "a.txt").write_bytes("Café.".encode("latin-1"))
    fmt = RecordFormat(group_by_dir=True)
    parsed = [fmt.parse(item) for item in read_items(expand_inputs([str(tmp_path)]), jsonl=False,
                                                      group_by_dir=True)]
    assert [(p.text, p.group, p.detected) for p in parsed] == [("Café.", "s1", "windows-1252")]
