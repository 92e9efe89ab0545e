"""The ``cleantext`` command, run in-process: every option, every error path.

Outputs are checked against the library (``cleantext.clean`` / ``explain``) so
that these tests fail if the CLI drifts from it, not against frozen strings.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pytest
from cli_helpers import BOILERPLATE, corpus, read_jsonl, run, write_jsonl

import cleantext

PAGE = (
    "Storm hits coast.\n\nAdvertisement\n\nThe storm damaged 40 homes.\n\n"
    "Sign up for our free weekly newsletter\n\n\"It was terrifying,\" said one resident."
)


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- plain text


def test_stdin_to_stdout_matches_the_library(monkeypatch):
    result = run(monkeypatch, stdin=PAGE.encode())
    assert result.code == 0
    assert result.text == cleantext.clean(PAGE) + "\n"
    assert "Advertisement" not in result.text and "It was terrifying" in result.text
    assert result.err == ""


def test_dash_is_stdin_and_files_are_cleaned_in_order(monkeypatch, page_file, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Second page.\n\nShare this article", encoding="utf-8")
    result = run(monkeypatch, str(other), "-", str(page_file), stdin=b"From stdin.\n\nAdvertisement")
    expected = [cleantext.clean(other.read_text()), "From stdin.", cleantext.clean(PAGE)]
    assert result.text == "\n".join(t + "\n" for t in expected)  # a blank line between documents


def test_output_file_is_written(monkeypatch, tmp_path):
    src = tmp_path / "page.txt"
    src.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.txt"
    result = run(monkeypatch, str(src), "-o", str(out))
    assert result.code == 0 and result.out == b"" and result.err == ""
    assert out.read_text(encoding="utf-8") == cleantext.clean(PAGE) + "\n"


def test_directory_and_glob_inputs(monkeypatch, tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "b.txt").write_text("B.\n\nAdvertisement")
    (tmp_path / "d" / "sub" / "a.txt").write_text("A.")
    (tmp_path / "d" / ".hidden").write_text("hidden")
    assert run(monkeypatch, str(tmp_path / "d")).text == "B.\n\nA.\n"
    assert run(monkeypatch, str(tmp_path / "d" / "**" / "*.txt")).text == "B.\n\nA.\n"


# ----------------------------------------------------------------------------- JSONL


def test_jsonl_keeps_every_other_field_and_the_order(monkeypatch, tmp_path):
    records = corpus(12)
    src = write_jsonl(tmp_path / "c.jsonl", records)
    result = run(monkeypatch, "--jsonl", "--field", "text", str(src))
    assert result.code == 0
    out = read_jsonl(result.out)
    assert [r["id"] for r in out] == list(range(12))
    for before, after in zip(records, out):
        assert list(after) == list(before)  # same keys, same order
        assert {k: v for k, v in after.items() if k != "text"} == {
            k: v for k, v in before.items() if k != "text"
        }
        assert after["text"] == cleantext.clean(before["text"])


def test_jsonl_other_field_name_and_blank_lines(monkeypatch, tmp_path):
    src = tmp_path / "c.jsonl"
    src.write_text('{"body": "Hi.\\n\\nAdvertisement", "n": 1}\n\n   \n{"body": "Bye.", "n": 2}\n')
    result = run(monkeypatch, "--jsonl", "--field", "body", str(src))
    assert read_jsonl(result.out) == [{"body": "Hi.", "n": 1}, {"body": "Bye.", "n": 2}]


def test_gz_and_zst_in_and_out(monkeypatch, tmp_path):
    pytest.importorskip("zstandard")
    records = corpus(20)
    plain = write_jsonl(tmp_path / "c.jsonl", records)
    gz = tmp_path / "c.jsonl.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    expected = run(monkeypatch, "--jsonl", str(plain)).out
    assert run(monkeypatch, "--jsonl", str(gz)).out == expected
    zst = tmp_path / "out.jsonl.zst"
    assert run(monkeypatch, "--jsonl", str(gz), "-o", str(zst)).code == 0
    assert zst.read_bytes()[:4] == b"\x28\xb5\x2f\xfd"  # the zstd magic number
    assert run(monkeypatch, "--jsonl", str(zst), "--category", "ads").code == 0
    back = tmp_path / "back.jsonl.gz"
    run(monkeypatch, "--jsonl", str(zst), "-o", str(back))
    assert gzip.decompress(back.read_bytes()) == expected  # cleaning is idempotent


def test_malformed_jsonl_stops_with_file_and_line(monkeypatch, tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"text": "ok"}\n{"text": "ok"}\n{"text": broken}\n{"text": "ok"}\n')
    out = tmp_path / "out.jsonl"
    out.write_text("previous content")
    result = run(monkeypatch, "--jsonl", str(src), "-o", str(out))
    assert result.code == 1
    assert f"{src}:3: malformed JSON" in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert out.read_text() == "previous content"  # atomic: the old file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl", "out.jsonl"]  # no temp left


@pytest.mark.parametrize("end", ["\n", "\r\n", ""])
def test_a_record_cut_short_is_reported_where_it_breaks(monkeypatch, tmp_path, end):
    """The column of a record cut short is inside its line (the JSON decoder counted its end as "line 2")."""
    src = tmp_path / "cut.jsonl"
    src.write_bytes(('{"text": "ok"}' + (end or "\n") + '{"text": "a"' + end).encode())  # "": no end at EOF
    result = run(monkeypatch, "--jsonl", str(src))
    assert result.code == 1
    assert f"{src}:2: malformed JSON (Expecting ',' delimiter: column 13)" in result.err


@pytest.mark.parametrize(
    "line, message",
    [
        (b'["a list"]', "expected a JSON object, found an array"),
        (b'{"title": "x"}', "no field 'text' (fields: 'title')"),
        (b'{"text": null}', "field 'text' is null, not a string"),
        (b'{"text": "caf\xe9"}', "not valid UTF-8"),
    ],
)
def test_bad_records_are_named(monkeypatch, tmp_path, line, message):
    src = tmp_path / "bad.jsonl"
    src.write_bytes(b'{"text": "fine"}\n' + line + b"\n")
    result = run(monkeypatch, "--jsonl", str(src))
    assert result.code == 1
    assert f"bad.jsonl:2: {message}" in result.err


@pytest.mark.parametrize("policy", ["stop", "skip", "keep"])
def test_a_nul_byte_in_an_early_record_is_that_records_error(monkeypatch, tmp_path, policy):
    """A raw NUL in the third record, within the file's first 8 KB, made the whole file "not text" (no line
    number; with skip or keep the good records were lost too). It is that record's error now."""
    src = tmp_path / "nul.jsonl"
    src.write_bytes(b'{"text": "A."}\n{"text": "B."}\n{"text": "C\x00."}\n{"text": "D."}\n')
    result = run(monkeypatch, "--jsonl", "--on-error", policy, str(src))
    assert f"{src}:3: malformed JSON" in result.err
    if policy == "stop":
        assert result.code == 1
    else:
        assert result.code == 0
        texts = [line for line in result.out.split(b"\n") if line]
        assert texts[:2] == [b'{"text": "A."}', b'{"text": "B."}'] and texts[-1] == b'{"text": "D."}'
        assert len(texts) == (4 if policy == "keep" else 3)


def test_a_binary_file_given_as_jsonl_is_still_skipped_whole(monkeypatch, tmp_path):
    src = tmp_path / "image.jsonl"
    src.write_bytes(b"\x00\x01\x02\x03binary\nmore\x00\n" * 100)
    result = run(monkeypatch, "--jsonl", "--on-error", "skip", str(src))
    assert result.code == 0 and result.out == b""
    assert "not text (binary data (NUL bytes))" in result.err


def test_jsonl_refuses_an_encoding_that_is_not_ascii_compatible(monkeypatch, tmp_path):
    """--jsonl --encoding utf-16 split the file at newline bytes, inside characters: every record was bad."""
    src = tmp_path / "wide.jsonl"
    src.write_bytes('{"text": "A."}\n'.encode("utf-16"))
    result = run(monkeypatch, "--jsonl", "--encoding", "utf-16", str(src))
    assert result.code == 2 and "convert the file to UTF-8 first" in result.err


def test_a_text_file_in_a_forced_utf16_without_bom_is_read(monkeypatch, tmp_path):
    """--encoding utf-16-le on a file without a byte order mark: its NUL bytes made it "not text"."""
    src = tmp_path / "wide.txt"
    src.write_bytes("The council met.\n\nAdvertisement\n".encode("utf-16-le"))
    result = run(monkeypatch, "--encoding", "utf-16-le", str(src))
    assert result.code == 0, result.err
    assert result.out == b"The council met.\n"


def test_on_error_skip_and_keep_count_and_report(monkeypatch, tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"text": "A.\\n\\nAdvertisement"}\nnot json\n{"x": 1}\n{"text": "B."}\n')
    skipped = run(monkeypatch, "--jsonl", "--on-error", "skip", str(src))
    assert skipped.code == 0
    assert read_jsonl(skipped.out) == [{"text": "A."}, {"text": "B."}]
    assert skipped.err.splitlines() == [
        "cleantext: 2 bad record(s) skipped:",
        f"cleantext:   {src}:2: malformed JSON (Expecting value: column 1)",
        f"cleantext:   {src}:3: no field 'text' (fields: 'x')",
    ]
    kept = run(monkeypatch, "--jsonl", "--on-error", "keep", "-q", str(src))
    assert kept.code == 0
    assert kept.out.decode().splitlines() == ['{"text": "A."}', "not json", '{"x": 1}', '{"text": "B."}']
    assert "2 bad record(s) kept unchanged" in kept.err  # reported even with -q: never a silent skip


# ----------------------------------------------------------------------------- options


def test_category_and_keep_category(monkeypatch, page_file):
    only_ads = run(monkeypatch, "--category", "ads", str(page_file)).text
    assert "Advertisement" not in only_ads and "newsletter" in only_ads
    kept = run(monkeypatch, "--keep-category", "ads,share", str(page_file)).text
    assert "Advertisement" in kept and "newsletter" not in kept
    assert kept == cleantext.clean(PAGE, keep_categories={"ads", "share"}) + "\n"


def test_lang_selects_rule_files(monkeypatch):
    text = b"Story here.\n\nWerbung"
    assert "Werbung" in run(monkeypatch, "--lang", "en", stdin=text).text
    assert "Werbung" not in run(monkeypatch, "--lang", "en", "--lang", "de", stdin=text).text


def test_mode_is_passed_to_the_library(monkeypatch, page_file):
    assert run(monkeypatch, "--mode", "page", str(page_file)).text == cleantext.clean(PAGE, mode="page") + "\n"
    assert run(monkeypatch, "--mode", "article", str(page_file)).code == 0
    with pytest.raises(SystemExit) as exc:
        run(monkeypatch, "--mode", "wet", str(page_file))
    assert exc.value.code == 2


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--category", "adverts"], "unknown category(s) ['adverts']"),
        (["--category", ""], "--category needs at least one name"),
        (["--keep-category", " , "], "--keep-category needs at least one name"),
        (["--lang", "xx"], "unknown language(s) ['xx']"),
        (["--format", "jsonl"], "add --explain"),
        (["--field", "body"], "--field reads JSONL records; add --jsonl"),
        (["--group-by-domain", "url"], "add --jsonl"),
        (["--jsonl", "--group-field", "site"], "add --model"),
        (["-j", "-1"], "--jobs must be 0"),
        (["missing.txt"], "missing.txt: no such file or directory"),
        (["nothing-*.txt"], "no file matches this pattern"),
        (["--model", "missing.model"], "missing.model"),
    ],
)
def test_usage_errors_are_one_line(monkeypatch, tmp_path, argv, message):
    monkeypatch.chdir(tmp_path)
    result = run(monkeypatch, *argv, stdin=b"x")
    assert result.code == 2
    assert message in result.err
    assert result.err.startswith("cleantext: error: ") and result.err.count("\n") == 1


def test_html_input_is_extracted_first(monkeypatch, tmp_path):
    pytest.importorskip("trafilatura")
    body = " ".join(["The council met on Tuesday to approve the new school budget."] * 4)
    html = f"<html><body><nav>Home | News</nav><article><p>{body}</p><p>Advertisement</p></article></body></html>"
    src = tmp_path / "page.html"
    src.write_text(html)
    result = run(monkeypatch, "--html", str(src))
    assert "council met on Tuesday" in result.text and "Home | News" not in result.text
    assert "Advertisement" not in result.text
    rec = write_jsonl(tmp_path / "pages.jsonl", [{"html": html, "id": 1}])
    out = read_jsonl(run(monkeypatch, "--jsonl", "--field", "html", "--html", str(rec)).out)
    assert out[0]["html"] == result.text.rstrip("\n") and out[0]["id"] == 1


def test_a_page_the_extractor_finds_no_text_in_is_noted(monkeypatch, tmp_path):
    """An HTML page with bytes but no text extracted (an empty body; trafilatura gives nothing past 255 nested
    elements) came out empty with no word; now a note names it (not under -q). Pages with text: no note."""
    pytest.importorskip("trafilatura")
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body></body></html>")
    full = tmp_path / "full.html"
    full.write_text("<html><body><article><p>" + "The council met on Tuesday to approve the budget. " * 4
                    + "</p></article></body></html>")
    result = run(monkeypatch, "--html", str(empty), str(full))
    assert result.code == 0
    assert result.err == f"cleantext: note: {empty}: the HTML extractor found no text in this page (empty output)\n"
    assert run(monkeypatch, "--html", "-q", str(empty)).err == ""
    rec = write_jsonl(tmp_path / "pages.jsonl", [{"html": "<html><body></body></html>"}, {"html": ""}])
    noted = run(monkeypatch, "--jsonl", "--field", "html", "--html", str(rec))
    assert noted.err == f"cleantext: note: {rec}:1: the HTML extractor found no text in this page (empty output)\n"


def test_html_without_trafilatura_is_a_clear_error(monkeypatch, page_file):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes `import trafilatura` fail
    result = run(monkeypatch, "--html", str(page_file))
    assert result.code == 2
    assert "pip install 'cleantext-boilerplate[html]'" in result.err


def test_zst_without_zstandard_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "zstandard", None)
    result = run(monkeypatch, "-o", str(tmp_path / "out.txt.zst"), stdin=b"x")
    assert result.code == 2 and "[zstd]" in result.err


# ----------------------------------------------------------------------------- explain, stats


def test_explain_plain_when_not_a_terminal(monkeypatch, page_file):
    result = run(monkeypatch, "--explain", str(page_file))
    lines = result.text.splitlines()
    removals = cleantext.explain(PAGE)
    assert len(lines) == len(removals) == 2
    assert lines[0].startswith(f"{page_file}:3: [ads] \"Advertisement\"  (")
    assert removals[1].reason in lines[1]
    assert "\x1b[" not in result.text


def test_explain_coloured_on_a_terminal_unless_no_color(monkeypatch, page_file):
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = run(monkeypatch, "--explain", str(page_file), tty_out=True).text
    assert "\x1b[1;33m[ads]\x1b[0m" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(monkeypatch, "--explain", str(page_file), tty_out=True).text


def test_explain_jsonl_for_machines(monkeypatch, tmp_path):
    records = corpus(5)
    src = write_jsonl(tmp_path / "c.jsonl", records)
    result = run(monkeypatch, "--explain", "--format", "jsonl", "--jsonl", str(src))
    rows = read_jsonl(result.out)
    expected = [(i + 1, r.to_dict()) for i, rec in enumerate(records) for r in cleantext.explain(rec["text"])]
    assert [(row.pop("line"), row) for row in rows] == [
        (line, {"file": str(src), **d}) for line, d in expected
    ]


def test_stats_per_category_on_stderr(monkeypatch, tmp_path):
    records = corpus(30)
    src = write_jsonl(tmp_path / "c.jsonl", records)
    result = run(monkeypatch, "--jsonl", "--stats", str(src))
    assert result.code == 0
    expected: dict[str, int] = {}
    for rec in records:
        for r in cleantext.explain(rec["text"]):
            expected[r.category] = expected.get(r.category, 0) + (not r.capped)
    table = {
        line.split()[0]: int(line.split()[1].replace(",", ""))
        for line in result.err.splitlines()[2:]
        if line.startswith("  ") and line.split()[1].replace(",", "").isdigit()
    }
    assert table == {k: v for k, v in expected.items() if v}
    assert result.err.startswith("cleantext: 30 records, ")
    assert b"Advertisement" not in result.out  # the cleaned records still go to stdout


# ----------------------------------------------------------------------------- jobs, progress


def test_parallel_output_is_byte_identical(monkeypatch, tmp_path):
    """-j 2 against -j 1 on a few hundred records (several chunks per worker)."""
    src = write_jsonl(tmp_path / "c.jsonl", corpus(300))
    one = run(monkeypatch, "--jsonl", "-j", "1", str(src))
    two = run(monkeypatch, "--jsonl", "-j", "2", "--on-error", "keep", str(src))
    assert one.code == two.code == 0
    assert len(one.out.splitlines()) == 300
    assert one.out == two.out
    explain_one = run(monkeypatch, "--explain", "--format", "jsonl", "--jsonl", str(src)).out
    explain_two = run(monkeypatch, "--explain", "--format", "jsonl", "--jsonl", "-j", "2", str(src)).out
    assert explain_one == explain_two and explain_one


def test_progress_only_on_a_terminal_and_not_with_quiet(monkeypatch, tmp_path):
    src = write_jsonl(tmp_path / "c.jsonl", corpus(10))
    shown = run(monkeypatch, "--jsonl", str(src), tty_err=True)
    assert shown.err.startswith("\rcleantext:   0%|") and shown.err.endswith("\r")  # tqdm's bar, erased
    assert run(monkeypatch, "--jsonl", str(src)).err == ""
    assert run(monkeypatch, "--jsonl", "-q", str(src), tty_err=True).err == ""


def test_version_and_help(monkeypatch, capsys):
    for argv in (["--version"], ["--help"], ["fit", "--help"]):
        with pytest.raises(SystemExit) as exc:
            from cleantext.cli import main

            main(argv)
        assert exc.value.code == 0
    out = capsys.readouterr().out
    assert f"cleantext {cleantext.__version__}" in out
    assert out.count("examples:") == 2 and "cleantext fit --help" in out


def test_boilerplate_lines_in_the_corpus_are_removed(monkeypatch, tmp_path):
    """The corpus used above really exercises removals (else equality tests prove little)."""
    src = write_jsonl(tmp_path / "c.jsonl", corpus(40))
    out = run(monkeypatch, "--jsonl", str(src)).out.decode()
    assert all(line not in out for line in BOILERPLATE)
    assert os.path.getsize(src) > len(out)


def test_broken_pipe_is_quiet(monkeypatch, page_file):
    class Closed:
        def __init__(self):
            self.buffer = self

        def write(self, data):
            raise BrokenPipeError

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", Closed())
    from cleantext.cli import main

    assert main([str(page_file)]) == 141


def test_records_keep_non_ascii_and_numbers(monkeypatch, tmp_path):
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"text": "Ünïcödé ✓\n\nAdvertisement", "n": 12345678901234567890, "f": 0.1}) + "\n")
    out = run(monkeypatch, "--jsonl", str(src)).out
    assert out == '{"text": "Ünïcödé ✓", "n": 12345678901234567890, "f": 0.1}\n'.encode()


def test_every_other_field_is_kept_as_written(monkeypatch, tmp_path):
    """Only the text field changes: numbers that parsing and dumping again would change (1e400 became
    Infinity, not JSON; 1.10 became 1.1; 1e5 became 100000.0), escapes, spacing, key order and
    duplicate keys stay byte for byte; every occurrence of the field holds the cleaned text."""
    rest = (', "big": 1e400, "f": 1.10, "e": 1e5, "long": 123456789012345678901234567890.5, '
            '"esc": "caf\\u00e9 \\ud83d\\ude00", "nested": {"text": "Advertisement", "a": [1.0, 2]}')
    src = tmp_path / "c.jsonl"
    src.write_text('{"text": "old", "id": 7' + rest + ', "text" :  "A.\\n\\nAdvertisement"}\n', encoding="utf-8")
    out = run(monkeypatch, "--jsonl", str(src)).out.decode()
    assert out == '{"text": "A.", "id": 7' + rest + ', "text" :  "A."}\n'


def test_jsonl_with_a_byte_order_mark(monkeypatch, tmp_path):
    src = tmp_path / "bom.jsonl"
    src.write_bytes(b'\xef\xbb\xbf{"text": "A.\\n\\nAdvertisement"}\n{"text": "B."}\n')
    result = run(monkeypatch, "--jsonl", str(src))
    assert result.code == 0 and read_jsonl(result.out) == [{"text": "A."}, {"text": "B."}]


def test_a_page_trafilatura_fails_on_is_a_bad_record(monkeypatch, tmp_path):
    trafilatura = pytest.importorskip("trafilatura")

    def explode(html, **kwargs):
        if "explode" in html:
            raise RuntimeError("parser crashed")
        return "Fine text."

    monkeypatch.setattr(trafilatura, "extract", explode)
    src = write_jsonl(tmp_path / "pages.jsonl", [{"html": "<p>explode</p>"}, {"html": "<p>ok</p>"}])
    stopped = run(monkeypatch, "--jsonl", "--html", "--field", "html", str(src))
    assert stopped.code == 1
    assert "pages.jsonl:1: HTML extraction failed: RuntimeError: parser crashed" in stopped.err
    kept = run(monkeypatch, "--jsonl", "--html", "--field", "html", "--on-error", "keep", str(src))
    assert read_jsonl(kept.out) == [{"html": "<p>explode</p>"}, {"html": "Fine text."}]


def test_jobs_are_at_most_one_per_cpu(monkeypatch, capsys):
    """-j N above the CPU count starts one worker per CPU (-j 100000 started that many processes), said once."""
    import argparse

    from cleantext.cliargs import jobs_count

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    args = argparse.Namespace(jobs=100000, quiet=False)
    assert jobs_count(args) == 2 and jobs_count(args) == 2
    assert capsys.readouterr().err == "cleantext: -j 100000: using 2 worker process(es), one per CPU\n"
    assert [jobs_count(argparse.Namespace(jobs=n, quiet=True)) for n in (0, 1, 2, 3)] == [2, 1, 2, 2]
    assert capsys.readouterr().err == ""


def test_a_url_field_that_is_no_string_is_a_bad_record(monkeypatch, tmp_path):
    """--group-by-domain on a field holding a number or an object named the wrong field, most likely: the
    record went without a group, silently. null still means no address (no group)."""
    src = tmp_path / "c.jsonl"
    write_jsonl(src, [{"text": "a", "url": None}, {"text": "b", "url": 5}, {"text": "c", "url": {"a": 1}}])
    stopped = run(monkeypatch, "--jsonl", "--group-by-domain", "url", "--model", str(_empty_model(tmp_path)), str(src))
    assert stopped.code == 1 and f"{src}:2: field 'url' is a number, not a URL string" in stopped.err
    skipped = run(monkeypatch, "--jsonl", "--group-by-domain", "url", "--model", str(_empty_model(tmp_path)),
                  "--on-error", "skip", str(src))
    assert skipped.code == 0 and [r["text"] for r in read_jsonl(skipped.out)] == ["a"]
    assert "field 'url' is an object, not a URL string" in skipped.err


def _empty_model(tmp_path):
    path = tmp_path / "m.model"
    if not path.exists():
        cleantext.fit(["Body text.", "Other body."]).save(path)
    return path


def test_option_names_are_case_blind_and_none_is_none():
    text = "Body text of the article here.\nShare this article"
    assert cleantext.clean(text, keep_categories=["SHARE"]) == text == cleantext.clean(text, keep_categories="Share")
    assert cleantext.clean(text, keep_categories=None) == cleantext.clean(text) == "Body text of the article here."
    with pytest.raises(TypeError, match="category names"):
        cleantext.clean(text, keep_categories=[1])


def test_a_model_path_that_is_a_folder_says_so(monkeypatch, tmp_path):
    (tmp_path / "d.model").mkdir()
    result = run(monkeypatch, "--model", str(tmp_path / "d.model"), stdin=b"Body.")
    assert result.code == 2 and f"{tmp_path / 'd.model'}: is a directory, not a model file" in result.err


def test_a_jsonl_nan_group_is_no_group(monkeypatch, tmp_path):
    """Python's json reads NaN: --group-field on it made a group called "NaN"."""
    src = tmp_path / "c.jsonl"
    src.write_text('{"text": "Body one.", "site": NaN}\n{"text": "Body two.", "site": "a.com"}\n', encoding="utf-8")
    fitted = run(monkeypatch, "fit", "--jsonl", "--group-field", "site", str(src), "-o", str(tmp_path / "m.model"))
    assert fitted.code == 0
    assert cleantext.load_model(tmp_path / "m.model").group_docs == {"a.com": 1}


def test_a_file_name_with_control_characters_stays_on_one_line(monkeypatch, tmp_path):
    """A newline or a terminal escape in a file name split the error line and reached the terminal raw, in
    messages and in --explain's lines."""
    src = tmp_path / "bad\n\x1b[2Jname.txt"
    src.write_text("The council met.\n\nAdvertisement\n", encoding="utf-8")
    explained = run(monkeypatch, "--explain", str(src))
    assert explained.code == 0
    assert explained.out.decode().count("\n") == 1 and "\x1b" not in explained.out.decode()
    assert "bad\\n\\x1b[2Jname.txt:3: [ads]" in explained.out.decode()
    failed = run(monkeypatch, "--jsonl", str(src))
    assert failed.code == 1 and failed.err.count("\n") == 1 and "\x1b" not in failed.err
    assert "bad\\n\\x1b[2Jname.txt:1: malformed JSON" in failed.err


def test_explain_with_on_error_keep_says_bad_records_were_skipped(monkeypatch, tmp_path):
    """--explain writes removals, not records: a bad record was reported "kept unchanged" and written nowhere."""
    src = tmp_path / "bad.jsonl"
    src.write_text('{"text": "A.\\n\\nAdvertisement"}\nnot json\n')
    result = run(monkeypatch, "--jsonl", "--explain", "--on-error", "keep", str(src))
    assert result.code == 0 and "1 bad record(s) skipped" in result.err and "kept" not in result.err


@pytest.mark.parametrize("record", ['{"text": "B.", "n": ' + "9" * 5000 + "}", '{"a":' * 100_000 + "1" + "}" * 100_000])
def test_json_beyond_the_parsers_limits_is_one_bad_record(monkeypatch, tmp_path, record):
    """A 5,000-digit number (Python's int limit) or nesting 100,000 deep raised ValueError / RecursionError
    through the whole run, even with --on-error skip."""
    src = tmp_path / "limits.jsonl"
    src.write_text('{"text": "A."}\n' + record + '\n{"text": "C."}\n')
    result = run(monkeypatch, "--jsonl", "--on-error", "skip", str(src))
    assert result.code == 0 and result.out == b'{"text": "A."}\n{"text": "C."}\n'
    assert f"{src}:2: JSON beyond the parser's limits" in result.err


def test_a_binary_file_without_nul_in_its_first_line_is_still_binary(monkeypatch, tmp_path):
    src = tmp_path / "blob.jsonl"
    src.write_bytes(b"abc\n" + bytes(range(1, 256)).replace(b"\n", b"") + b"\x00\n" * 50)
    result = run(monkeypatch, "--jsonl", "--on-error", "skip", str(src))
    assert result.code == 0 and result.err.count("\n") == 1 and "not text" in result.err
