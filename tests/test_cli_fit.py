"""``cleantext fit`` and ``cleantext --model``, in-process, checked against the library's fit/clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import SITE_FOOTERS, read_jsonl, run, site_corpus, write_jsonl

import cleantext
from cleantext.domains import registrable_domain


@pytest.fixture
def sites(tmp_path: Path) -> tuple[list[dict], Path]:
    records = site_corpus(60)
    return records, write_jsonl(tmp_path / "sites.jsonl", records)


def test_fit_jsonl_by_domain_equals_the_library(monkeypatch, tmp_path, sites):
    records, src = sites
    path = tmp_path / "site.model"
    result = run(monkeypatch, "fit", "--jsonl", "--field", "text", "--group-by-domain", "url", str(src),
                 "-o", str(path))
    assert result.code == 0, result.err
    assert "fitted on 60 documents in 3 group(s)" in result.err and "learned spans ->" in result.err
    expected = cleantext.fit([r["text"] for r in records], [registrable_domain(r["url"]) for r in records])
    assert cleantext.load_model(str(path)) == expected


def test_model_with_group_removes_each_sites_footer(monkeypatch, tmp_path, sites):
    records, src = sites
    path = tmp_path / "site.model"
    run(monkeypatch, "fit", "--jsonl", "--group-by-domain", "url", str(src), "-o", str(path))
    model = cleantext.load_model(str(path))
    out = read_jsonl(run(monkeypatch, "--jsonl", "--model", str(path), "--group-by-domain", "url", str(src)).out)
    for before, after in zip(records, out):
        group = registrable_domain(before["url"])
        assert after["text"] == cleantext.clean(before["text"], model=model, group=group)
    assert not any(footer in r["text"] for r in out for footer in SITE_FOOTERS.values())
    without = run(monkeypatch, "--jsonl", str(src)).text
    assert all(footer in without for footer in SITE_FOOTERS.values())  # the rules alone keep them


def test_group_field_and_explain_name_the_learned_span(monkeypatch, tmp_path, sites):
    records, _ = sites
    for r in records:
        r["site"] = registrable_domain(r["url"])
    src = write_jsonl(tmp_path / "grouped.jsonl", records)
    path = tmp_path / "m.model"
    assert run(monkeypatch, "fit", "--jsonl", "--group-field", "site", str(src), "-o", str(path)).code == 0
    explained = run(monkeypatch, "--explain", "--format", "jsonl", "--jsonl", "--model", str(path),
                    "--group-field", "site", str(src))
    rows = read_jsonl(explained.out)
    learned = [row for row in rows if row["category"] == "learned"]
    assert len(learned) == len(records)
    assert all(row["text"] in SITE_FOOTERS.values() and "recurs in" in row["reason"] for row in learned)


def test_fit_parallel_gives_the_same_model_file(monkeypatch, tmp_path, sites):
    _, src = sites
    one, two = tmp_path / "one.model", tmp_path / "two.model"
    run(monkeypatch, "fit", "--jsonl", "--group-by-domain", "url", str(src), "-o", str(one), "-q")
    result = run(monkeypatch, "fit", "--jsonl", "--group-by-domain", "url", str(src), "-o", str(two), "-j", "2")
    assert result.code == 0
    assert one.read_bytes() == two.read_bytes()


def test_fit_text_files_directories_and_globs(monkeypatch, tmp_path, sites):
    records, _ = sites
    folder = tmp_path / "pages" / "deep"
    folder.mkdir(parents=True)
    for r in records:
        (folder / f"{r['id']:03d}.txt").write_text(r["text"], encoding="utf-8")
    texts = [r["text"] for r in records]
    expected = cleantext.fit(texts)
    from_dir, from_glob = tmp_path / "d.model", tmp_path / "g.model"
    assert run(monkeypatch, "fit", str(tmp_path / "pages"), "-o", str(from_dir)).code == 0
    assert run(monkeypatch, "fit", str(tmp_path / "pages" / "**" / "*.txt"), "-o", str(from_glob)).code == 0
    assert cleantext.load_model(str(from_dir)) == expected == cleantext.load_model(str(from_glob))


def test_fit_params_and_their_errors(monkeypatch, tmp_path, sites):
    _, src = sites
    strict = tmp_path / "strict.model"
    assert run(monkeypatch, "fit", "--jsonl", str(src), "--param", "min_docs=1000", "-o", str(strict)).code == 0
    assert "0 learned spans" in repr(cleantext.load_model(str(strict)))
    bad = run(monkeypatch, "fit", "--jsonl", str(src), "--param", "min_dogs=3", "-o", str(strict))
    assert bad.code == 2 and "unknown learning parameter(s) ['min_dogs']" in bad.err
    assert run(monkeypatch, "fit", "--jsonl", str(src), "--param", "min_docs", "-o", str(strict)).code == 2


def test_fit_bad_records(monkeypatch, tmp_path, sites):
    records, _ = sites
    src = tmp_path / "bad.jsonl"
    lines = [json.dumps(r) for r in records]
    lines.insert(5, "{oops")
    src.write_text("\n".join(lines) + "\n")
    path = tmp_path / "m.model"
    stopped = run(monkeypatch, "fit", "--jsonl", str(src), "-o", str(path))
    assert stopped.code == 1 and f"{src}:6: malformed JSON" in stopped.err
    assert not path.exists()
    skipped = run(monkeypatch, "fit", "--jsonl", "--on-error", "skip", str(src), "-o", str(path))
    assert skipped.code == 0 and "1 bad record(s) skipped" in skipped.err
    assert cleantext.load_model(str(path)) == cleantext.fit(r["text"] for r in records)


def test_fit_wrong_field_and_empty_input(monkeypatch, tmp_path, sites):
    _, src = sites
    wrong = run(monkeypatch, "fit", "--jsonl", "--field", "body", str(src), "-o", str(tmp_path / "m"))
    assert wrong.code == 1 and "sites.jsonl:1: no field 'body' (fields: 'url', 'id', 'text')" in wrong.err
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    nothing = run(monkeypatch, "fit", "--jsonl", str(empty), "-o", str(tmp_path / "m"))
    assert nothing.code == 2 and "no documents to fit on" in nothing.err
    assert run(monkeypatch, "fit", "-o", str(tmp_path / "m"), str(tmp_path / "nope")).code == 2


def test_bad_model_file_is_one_line(monkeypatch, tmp_path):
    bad = tmp_path / "bad.model"
    bad.write_bytes(b"this is not a model")
    result = run(monkeypatch, "--model", str(bad), stdin=b"Some text.")
    assert result.code == 2
    assert result.err.startswith("cleantext: error: ") and str(bad) in result.err
    assert result.err.count("\n") == 1


def test_records_without_a_domain_are_counted(monkeypatch, tmp_path, sites):
    records, src = sites
    path = tmp_path / "m.model"
    run(monkeypatch, "fit", "--jsonl", "--group-by-domain", "url", str(src), "-o", str(path))
    odd = write_jsonl(tmp_path / "odd.jsonl", [{"url": "", "text": records[0]["text"]}, records[1]])
    result = run(monkeypatch, "--jsonl", "--model", str(path), "--group-by-domain", "url", "--stats", str(odd))
    assert result.code == 0
    assert "1 record(s) had no group" in result.err


def test_fit_html_pages(monkeypatch, tmp_path, sites):
    pytest.importorskip("trafilatura")
    records, _ = sites
    pages = []
    for r in records[:30]:
        paragraphs = "".join(f"<p>{p}</p>" for p in r["text"].split("\n\n"))
        pages.append({"url": r["url"], "html": f"<html><body><article>{paragraphs}</article></body></html>"})
    src = write_jsonl(tmp_path / "pages.jsonl", pages)
    path = tmp_path / "html.model"
    result = run(monkeypatch, "fit", "--jsonl", "--html", "--field", "html", "--group-by-domain", "url",
                 str(src), "-o", str(path), "-j", "0")
    assert result.code == 0, result.err
    from cleantext.html import extract_text

    expected = cleantext.fit([extract_text(p["html"]) for p in pages],
                             [registrable_domain(p["url"]) for p in pages])
    assert cleantext.load_model(str(path)) == expected
    assert "learned spans" in repr(expected) and not repr(expected).startswith("<cleantext.Model: 0 ")


def test_fit_on_error_keep_leaves_the_record_out_too(monkeypatch, tmp_path, sites):
    records, _ = sites
    src = tmp_path / "bad.jsonl"
    src.write_text("\n".join([json.dumps(r) for r in records] + ["[1, 2]"]) + "\n")
    path = tmp_path / "m.model"
    result = run(monkeypatch, "fit", "--jsonl", "--on-error", "keep", str(src), "-o", str(path))
    assert result.code == 0 and "1 bad record(s) skipped" in result.err
    assert cleantext.load_model(str(path)) == cleantext.fit(r["text"] for r in records)


def test_fit_merges_many_chunks_to_the_library_model(monkeypatch, tmp_path, sites):
    """Small chunks force many per-chunk Stats and merges, with 1 and 2 workers."""
    import cleantext.cli

    records, src = sites
    monkeypatch.setattr(cleantext.cli, "FIT_CHUNK", 7)
    expected = cleantext.fit([r["text"] for r in records], [registrable_domain(r["url"]) for r in records])
    for jobs in ("1", "2"):
        path = tmp_path / f"j{jobs}.model"
        result = run(monkeypatch, "fit", "--jsonl", "--group-by-domain", "url", str(src), "-o", str(path),
                     "-j", jobs)
        assert result.code == 0, result.err
        assert cleantext.load_model(str(path)) == expected


def test_fit_output_folder_must_exist(monkeypatch, tmp_path, sites):
    _, src = sites
    result = run(monkeypatch, "fit", "--jsonl", str(src), "-o", str(tmp_path / "nope" / "m.model"))
    assert result.code == 2 and "no such directory" in result.err


def test_fit_and_report_write_to_stdout_with_dash(monkeypatch, tmp_path):
    """`fit -o -` and `report -o -` made a file named "-"; "-" is stdout, as for cleaning."""
    src = tmp_path / "page.txt"
    src.write_text("Story one.\nShare this article\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    fitted = run(monkeypatch, "fit", str(src), str(src), str(src), "-o", "-", "-q")
    assert fitted.code == 0 and not (tmp_path / "-").exists()
    assert cleantext.Model.from_bytes(fitted.out) == cleantext.fit([src.read_text()] * 3)
    page = run(monkeypatch, "report", str(src), "-o", "-", "-q")
    assert page.code == 0 and page.out.startswith(b"<!DOCTYPE html>") and not (tmp_path / "-").exists()
    piped = run(monkeypatch, "fit", "-", "-o", "-", stdin=b"x")
    assert piped.code == 2 and "not stdin" in piped.err


def test_a_group_field_that_is_not_a_string_is_named_as_the_python_api_names_it(monkeypatch, tmp_path):
    """`--group-field` with true / {"a": 2} named the group "true" / '{"a": 2}' (JSON), fit(groups=) and
    clean_batch(groups=) "True" / "{'a': 2}": a model fitted by the command line removed nothing through the
    Python API for such a column."""
    from cleantext.jobs import RecordFormat
    from cleantext.learn.params import group_name

    fmt = RecordFormat(jsonl=True, group_field="site")
    for value in (True, 7, 1.5, {"b": 1, "a": 2}, [1, "x"]):
        line = json.dumps({"text": "x", "site": value}).encode()
        assert fmt.parse(("c.jsonl", 1, line)).group == group_name(value) == str(value)
    for value in (None, ""):
        assert fmt.parse(("c.jsonl", 1, json.dumps({"text": "x", "site": value}).encode())).group is None
