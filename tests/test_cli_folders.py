"""Folders in, folders out: ``--group-by-dir``, ``-O DIR``, ``--resume``, in-process.

Outputs are compared with the library (``cleantext.fit`` / ``cleantext.clean`` with the
same groups), so these tests fail if the CLI drifts from it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import PNG, SITE_FOOTERS, run, site_folders, tree

import cleantext
from cleantext.inputs import expand_inputs, read_items


@pytest.fixture
def sites(tmp_path: Path) -> tuple[Path, dict[str, list[Path]]]:
    root = tmp_path / "sites"
    files = site_folders(root, 60)
    (root / "news.example.com" / "logo.png").write_bytes(PNG + bytes(range(256)))
    return root, files


def _library_model(files: dict[str, list[Path]]) -> cleantext.Model:
    texts, groups = [], []
    for site in sorted(files):
        for path in files[site]:
            texts.append(path.read_text(encoding="utf-8"))
            groups.append(site)
    return cleantext.fit(texts, groups)


# ----------------------------------------------------------------------------- the done-when scenario


def test_fit_by_folder_then_clean_into_a_folder(monkeypatch, tmp_path, sites):
    """fit --group-by-dir DIR -o M; then --model M --group-by-dir -O OUT DIR: each folder's footer goes."""
    root, files = sites
    model_path, out = tmp_path / "m.model", tmp_path / "out"
    fitted = run(monkeypatch, "fit", "--group-by-dir", str(root), "-o", str(model_path), "--stats")
    assert fitted.code == 0, fitted.err
    assert "cleantext: 60 documents read\n  1 input(s) skipped: not text\n" in fitted.err
    assert f"warning: skipped {root / 'news.example.com' / 'logo.png'}: not text (a PNG image)" in fitted.err
    assert "in 3 group(s)" in fitted.err and "without groups" not in fitted.err
    model = cleantext.load_model(str(model_path))
    assert model == _library_model(files)

    cleaned = run(monkeypatch, "--model", str(model_path), "--group-by-dir", "-O", str(out), str(root), "--stats")
    assert cleaned.code == 0, cleaned.err
    assert "logo.png: not text (a PNG image)" in cleaned.err and "1 input(s) skipped: not text" in cleaned.err
    written = tree(out)
    expected = {str(p.relative_to(root)): p for paths in files.values() for p in paths}
    assert sorted(written) == sorted(expected)  # OUT/<site>/<file>, and no output for the PNG
    for rel, path in expected.items():
        text = path.read_text(encoding="utf-8")
        site = rel.split(os.sep)[0]
        after = written[rel].decode("utf-8")
        assert after == cleantext.clean(text, model=model, group=site) + "\n"
        assert SITE_FOOTERS[site] in text and SITE_FOOTERS[site] not in after  # the footer is learned
        assert text.split("\n\n")[1] in after  # the article stays


def test_fit_without_groups_on_several_inputs_warns(monkeypatch, tmp_path, sites):
    root, files = sites
    result = run(monkeypatch, "fit", str(root), "-o", str(tmp_path / "m.model"))
    assert result.code == 0
    assert "warning: 61 inputs fitted without groups" in result.err  # the 60 pages and the PNG and "--group-by-dir" in result.err
    one_site = run(monkeypatch, "fit", str(root / "news.example.com"), "-o", str(tmp_path / "one.model"))
    assert one_site.code == 0 and "without groups" not in one_site.err  # one folder: one site, no groups needed


def test_fit_jsonl_without_groups_suggests_the_jsonl_options(monkeypatch, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text('{"text": "One page."}\n')
    b.write_text('{"text": "Another page."}\n')
    result = run(monkeypatch, "fit", "--jsonl", str(a), str(b), "-o", str(tmp_path / "m.model"))
    assert result.code == 0 and "--group-field or --group-by-domain" in result.err


def test_group_by_dir_groups_by_the_first_folder_under_the_argument(tmp_path):
    (tmp_path / "d" / "site-a" / "2024").mkdir(parents=True)
    (tmp_path / "d" / "site-a" / "2024" / "x.txt").write_text("x")
    (tmp_path / "d" / "site-b").mkdir()
    (tmp_path / "d" / "site-b" / "y.txt").write_text("y")
    (tmp_path / "d" / "top.txt").write_text("t")
    found = expand_inputs([str(tmp_path / "d")])
    assert [(f.rel, f.folder) for f in found] == [  # a folder's files, then its sub-folders, sorted
        ("top.txt", "d"),
        (os.path.join("site-a", "2024", "x.txt"), "site-a"),
        (os.path.join("site-b", "y.txt"), "site-b"),
    ]
    # a folder given directly, a file named directly, and a glob give the same groups
    assert [f.folder for f in expand_inputs([str(tmp_path / "d" / "site-b")])] == ["site-b"]
    assert [f.folder for f in expand_inputs([str(tmp_path / "d" / "site-b" / "y.txt")])] == ["site-b"]
    globbed = expand_inputs([str(tmp_path / "d" / "*" / "*.txt")])
    assert [(f.rel, f.folder) for f in globbed] == [(os.path.join("site-b", "y.txt"), "site-b")]
    items = list(read_items(found, jsonl=False, group_by_dir=True))
    assert [(i.group, i.index, i.payload) for i in items] == [("d", 0, b"t"), ("site-a", 1, b"x"),
                                                              ("site-b", 2, b"y")]
    assert all(i.group is None for i in read_items(found, jsonl=False))


def test_group_by_dir_with_jsonl_files(monkeypatch, tmp_path):
    """JSONL files in per-site folders: each record takes its file's folder as group."""
    import json

    from cli_helpers import site_corpus

    records = site_corpus(60)
    root = tmp_path / "j"
    for r in records:
        folder = root / r["url"].split("/")[2]
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "part.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps(r) + "\n")
    path = tmp_path / "m.model"
    assert run(monkeypatch, "fit", "--jsonl", "--group-by-dir", str(root), "-o", str(path)).code == 0
    ordered = sorted(records, key=lambda r: (r["url"].split("/")[2], r["id"]))
    expected = cleantext.fit([r["text"] for r in ordered], [r["url"].split("/")[2] for r in ordered])
    assert cleantext.load_model(str(path)) == expected


def test_group_by_dir_when_cleaning_needs_a_model(monkeypatch, sites):
    root, _ = sites
    result = run(monkeypatch, "--group-by-dir", str(root))
    assert result.code == 2 and "--group-by-dir picks each record's group in the model; add --model" in result.err


# ----------------------------------------------------------------------------- -O DIR


def test_output_dir_mirrors_the_inputs(monkeypatch, tmp_path):
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    (src / "a" / "b" / "page.txt").write_text("Deep page.\n\nAdvertisement")
    (src / "top.txt").write_text("Top page.\n\nShare this article")
    (src / "empty.txt").write_text("")
    out = tmp_path / "out"
    result = run(monkeypatch, str(src), "-O", str(out))
    assert result.code == 0 and result.out == b"" and result.err == ""
    assert tree(out) == {
        os.path.join("a", "b", "page.txt"): b"Deep page.\n",
        "empty.txt": b"\n",
        "top.txt": b"Top page.\n",
    }
    again = run(monkeypatch, str(src / "top.txt"), str(src / "a"), "-O", str(tmp_path / "two"))
    assert sorted(tree(tmp_path / "two")) == [os.path.join("b", "page.txt"), "top.txt"]
    assert again.code == 0


def test_output_dir_jsonl_and_compression(monkeypatch, tmp_path):
    import gzip

    src = tmp_path / "in"
    src.mkdir()
    (src / "one.jsonl").write_text('{"text": "A.\\n\\nAdvertisement", "id": 1}\n{"text": "B.", "id": 2}\n')
    (src / "empty.jsonl").write_text("")
    (src / "two.jsonl.gz").write_bytes(gzip.compress(b'{"text": "C.\\n\\nShare this article"}\n'))
    out = tmp_path / "out"
    assert run(monkeypatch, "--jsonl", str(src), "-O", str(out)).code == 0
    written = tree(out)
    assert written["one.jsonl"] == b'{"text": "A.", "id": 1}\n{"text": "B.", "id": 2}\n'
    assert written["empty.jsonl"] == b""  # an input without records still gets its (empty) output
    assert gzip.decompress(written["two.jsonl.gz"]) == b'{"text": "C."}\n'


@pytest.mark.parametrize("argv, message", [
    (["-"], "stdin has no file name"),
    (["--resume"], "add -O DIR"),
    (["-o", "x.txt", "-O", "out", "a.txt"], "not allowed with argument"),
])
def test_output_dir_usage_errors(monkeypatch, tmp_path, argv, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("A.")
    args = [*argv, "-O", "out"] if argv == ["-"] else argv
    try:
        result = run(monkeypatch, *args)
    except SystemExit as exc:  # argparse's own error for mutually exclusive options
        assert exc.code == 2
        return
    assert result.code == 2 and message in result.err


def test_output_dir_refuses_two_inputs_on_one_output_and_overwriting_inputs(monkeypatch, tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text("A.")
    clash = run(monkeypatch, str(tmp_path / "x" / "same.txt"), str(tmp_path / "y" / "same.txt"),
                "-O", str(tmp_path / "out"))
    assert clash.code == 2 and "would both be written to" in clash.err
    onto = run(monkeypatch, str(tmp_path / "x"), "-O", str(tmp_path / "x"))
    assert onto.code == 2 and "would overwrite the input" in onto.err
    assert (tmp_path / "x" / "same.txt").read_text() == "A."


# ----------------------------------------------------------------------------- --resume


def test_resume_skips_complete_outputs_and_removes_leftovers(monkeypatch, tmp_path, sites):
    root, _ = sites
    full, partial = tmp_path / "full", tmp_path / "partial"
    assert run(monkeypatch, str(root), "-O", str(full)).code == 0
    assert run(monkeypatch, str(root), "-O", str(partial)).code == 0
    # as a killed run leaves it: some outputs missing, one temporary file of the output being written
    missing = sorted(partial.rglob("*.txt"))[20:]
    for path in missing:
        path.unlink()
    leftover = missing[0].parent / f".{missing[0].name}.abc123.tmp"
    leftover.write_bytes(b"half a docu")
    done = sorted(partial.rglob("*.txt"))[0]
    os.utime(done, (1, 1))  # a complete output is not rewritten
    resumed = run(monkeypatch, str(root), "-O", str(partial), "--resume")
    assert resumed.code == 0, resumed.err
    assert "resuming: 20 of 61 output(s) already complete" in resumed.err  # the PNG never has one
    assert tree(partial) == tree(full)  # byte-identical, and the leftover is gone
    assert os.stat(done).st_mtime == 1


def test_folders_give_the_same_bytes_with_two_workers(monkeypatch, tmp_path, sites):
    root, _ = sites
    models, outs = [], []
    for jobs in ("1", "2"):
        model, out = tmp_path / f"m{jobs}.model", tmp_path / f"out{jobs}"
        assert run(monkeypatch, "fit", "--group-by-dir", str(root), "-o", str(model), "-j", jobs).code == 0
        assert run(monkeypatch, "--model", str(model), "--group-by-dir", str(root), "-O", str(out),
                   "-j", jobs).code == 0
        models.append(model.read_bytes())
        outs.append(tree(out))
    assert models[0] == models[1] and outs[0] == outs[1] and len(outs[0]) == 60


def test_an_output_folder_inside_the_inputs_never_writes_over_another_input(monkeypatch, tmp_path):
    """-O into a folder of the inputs: an output that is another input would replace it (and with enough
    inputs that input was read after it was written over: its text was lost everywhere). Refused, before
    anything is written."""
    root = tmp_path / "e"
    (root / "sub").mkdir(parents=True)
    for i in range(70):  # more than one chunk of inputs
        (root / f"a{i:02d}.txt").write_text(f"doc {i:02d} body text here.\n", encoding="utf-8")
    (root / "sub" / "a00.txt").write_text("ORIGINAL sub text\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    result = run(monkeypatch, str(root), "-O", str(root / "sub"))
    assert result.code == 2
    assert f"would overwrite the input {root / 'sub' / 'a00.txt'} (the output of {root / 'a00.txt'})" in result.err
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before  # nothing written


def test_an_output_that_is_a_folder_is_refused_before_any_work(monkeypatch, tmp_path):
    src = tmp_path / "page.txt"
    src.write_text("Body text.\n", encoding="utf-8")
    (tmp_path / "out" / "page.txt").mkdir(parents=True)
    under = run(monkeypatch, str(src), "-O", str(tmp_path / "out"))
    assert under.code == 2 and "which is a directory" in under.err and "Traceback" not in under.err
    resumed = run(monkeypatch, str(src), "-O", str(tmp_path / "out"), "--resume")  # not taken for a done output
    assert resumed.code == 2 and "which is a directory" in resumed.err
    onto = run(monkeypatch, str(src), "-o", str(tmp_path / "out"))
    assert onto.code == 2 and f"-o {tmp_path / 'out'}: is a directory" in onto.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "page.txt"]  # no temporary file left


@pytest.mark.parametrize("command", [[], ["fit"], ["report"]])
def test_minus_o_onto_an_input_is_refused(monkeypatch, tmp_path, command):
    """Cleaning, fitting and the report all write -o whole at the end: onto an input, that input was
    replaced (`cleantext fit page.txt -o page.txt` left a model where the text was)."""
    src = tmp_path / "page.txt"
    src.write_text("Body text of a page.\n\nShare this article\n", encoding="utf-8")
    alias = tmp_path / "alias.txt"
    os.link(src, alias)  # the same file under another name
    for target in (src, alias):
        result = run(monkeypatch, *command, str(src), "-o", str(target))
        assert result.code == 2 and f"is the input {src}" in result.err
    assert src.read_text(encoding="utf-8") == "Body text of a page.\n\nShare this article\n"


def test_a_failed_write_is_one_line_naming_the_output(monkeypatch, tmp_path):
    """An output that cannot be written at the end (a full disk; a path made a folder meanwhile) is an error
    naming it, not a traceback; the temporary file goes and nothing is left half-written."""
    from cleantext import io as ct_io

    src = tmp_path / "page.txt"
    src.write_text("Body text.\n", encoding="utf-8")

    def full(self):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device", self.tmp, None, self.path)

    monkeypatch.setattr(ct_io.AtomicFile, "commit", full)
    result = run(monkeypatch, str(src), "-o", str(tmp_path / "out.txt"))
    assert result.code == 1 and result.err.strip() == f"cleantext: error: {tmp_path / 'out.txt'}: No space left on device"



@pytest.mark.parametrize("where", ["fsync", "write"])
@pytest.mark.parametrize("output", ["-o", "-O"])
def test_a_full_disk_names_the_output(monkeypatch, tmp_path, where, output):
    """ENOSPC comes from write, flush, fsync or close, which name no file: the error said only "[Errno 28] No
    space left on device". It names the output now, for -o and -O; no temporary file is left."""
    import errno

    from cleantext import io as ct_io

    src = tmp_path / "in" / "page.txt"
    src.parent.mkdir()
    src.write_text("Body text.\n", encoding="utf-8")

    def full(*args):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "fsync":
        monkeypatch.setattr(ct_io.os, "fsync", full)
    else:
        monkeypatch.setattr(ct_io.AtomicFile, "__init__", _full_stream(ct_io.AtomicFile.__init__, full))
    target = tmp_path / ("out.txt" if output == "-o" else "out")
    result = run(monkeypatch, str(src), output, str(target))
    named = target if output == "-o" else target / "page.txt"
    assert result.code == 1
    assert result.err == f"cleantext: error: {named}: {os.strerror(errno.ENOSPC)}\n"
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def _full_stream(init, full):  # type: ignore[no-untyped-def]
    """AtomicFile.__init__ whose stream fails on write, as a full disk does."""
    class Full:
        def __init__(self, raw):  # type: ignore[no-untyped-def]
            self.raw = raw

        def write(self, data):  # type: ignore[no-untyped-def]
            full()

        def __getattr__(self, name):  # type: ignore[no-untyped-def]
            return getattr(self.raw, name)

    def patched(self, path):  # type: ignore[no-untyped-def]
        init(self, path)
        self.stream = Full(self.stream)
    return patched


def test_output_checks_leave_links_and_models_alone(monkeypatch, tmp_path):
    """-o onto a symbolic link to an input replaces the link, not the input: allowed. `fit corpus/ -o
    corpus/site.model` again: the old model is one of the inputs (skipped as not text): refit over it."""
    src = tmp_path / "corpus" / "page.txt"
    src.parent.mkdir()
    src.write_text("Body text of a page.\n\nShare this article\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(src)
    assert run(monkeypatch, str(src), "-o", str(link)).code == 0
    assert not link.is_symlink() and src.read_text(encoding="utf-8").startswith("Body text")
    model = src.parent / "site.model"
    for _ in range(2):
        assert run(monkeypatch, "fit", str(src.parent), "-o", str(model), "-q").code == 0
    assert cleantext.load_model(model).docs == 1
