"""Hostile model files: one error class (ModelError) naming the file and the problem; atomic saves.

Every truncation and every single-bit flip of a real model file is tried, so
no corruption can load silently as another (for example empty) model.
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import cleantext
from cleantext.learn import LearnParams, ModelError
from cleantext.learn.model import MAGIC

TEMPLATE = ["Follow the Daily Planet on every platform", "© Daily Planet Media Group"]
STORIES = ["The governor said Wednesday that the territory was targeted.", "Shares rose 3% on Tuesday.",
           "It is the third attack this month.", "AFP contributed reporting."]


@pytest.fixture(scope="module")
def model() -> cleantext.Model:
    texts = ["\n".join([*TEMPLATE, STORIES[i % 4], STORIES[(i + 1) % 4]]) for i in range(8)]
    groups = ["planet"] * 6 + ["bugle", None]
    fitted = cleantext.fit(texts, groups=groups, **LearnParams(min_docs=2, min_groups=2).to_dict())
    assert fitted.scopes, "the fixture model must hold learned spans for corruption to matter"
    return fitted


def _load_error(path: Path) -> str:
    with pytest.raises(ModelError) as info:
        cleantext.load_model(path)
    message = str(info.value)
    assert str(path) in message, f"the error does not name the file: {message}"
    return message


def test_every_truncation_is_a_model_error(tmp_path, model):
    data = model.to_bytes()
    path = tmp_path / "cut.model"
    for length in range(len(data)):
        path.write_bytes(data[:length])
        message = _load_error(path)
        assert any(word in message for word in ("truncated", "empty", "not a cleantext model", "corrupt"))


def test_every_bit_flip_is_a_model_error(tmp_path, model):
    data = model.to_bytes()
    path = tmp_path / "flipped.model"
    for index in range(len(data)):
        for bit in (0, 3, 7):
            flipped = bytearray(data)
            flipped[index] ^= 1 << bit
            path.write_bytes(bytes(flipped))
            _load_error(path)


def test_trailing_bytes_are_a_model_error(tmp_path, model):
    path = tmp_path / "long.model"
    path.write_bytes(model.to_bytes() + b"\0")
    assert "trailing" in _load_error(path)


def _with_header(data: bytes, change) -> bytes:
    """The same model with its header edited and the checksum recomputed (a consistent file)."""
    import hashlib

    pos = len(MAGIC)
    head_len = int.from_bytes(data[pos : pos + 8], "big")
    header = json.loads(data[pos + 8 : pos + 8 + head_len])
    change(header)
    head = json.dumps(header, sort_keys=True).encode("ascii")
    blob = MAGIC + len(head).to_bytes(8, "big") + head + data[pos + 8 + head_len : -32]
    return blob + hashlib.sha256(blob).digest()


@pytest.mark.parametrize("version", [2, 99, "1", None, True, -1, 0])
def test_wrong_version_is_a_model_error(tmp_path, model, version):
    path = tmp_path / "version.model"
    path.write_bytes(_with_header(model.to_bytes(), lambda h: h.update(version=version)))
    assert "version" in _load_error(path)


@pytest.mark.parametrize("name, content", [
    ("empty", b""),
    ("json", json.dumps({"format": "cleantext.learned-spans", "version": 1}).encode()),
    ("pickle", pickle.dumps({"spans": [1, 2, 3]})),
    ("gzip", gzip.compress(b"CLEANTEXT-MODEL\n")),
    ("text", b"Advertisement\nRead more\n"),
    ("magic only", MAGIC),
    ("other format", None),
])
def test_wrong_type_of_file_is_a_model_error(tmp_path, model, name, content):
    if content is None:
        content = _with_header(model.to_bytes(), lambda h: h.update(format="something.else"))
    path = tmp_path / f"{name}.model"
    path.write_bytes(content)
    _load_error(path)


def test_missing_file_and_directory_are_model_errors(tmp_path):
    assert "no such file" in _load_error(tmp_path / "missing.model")
    assert "directory" in _load_error(tmp_path)


def test_model_error_is_the_one_class(model):
    assert issubclass(ModelError, ValueError)  # callers catching ValueError keep working
    assert cleantext.ModelError is ModelError


def test_failed_save_keeps_the_old_file_and_leaves_no_temporary(tmp_path, model, monkeypatch):
    path = tmp_path / "site.model"
    model.save(path)
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        cleantext.fit(["other\ntext"] * 3).save(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.model"]


def test_killed_mid_write_keeps_the_old_file(tmp_path, model):
    """A process killed half-way through writing: the old model still loads, unchanged."""
    path = tmp_path / "site.model"
    model.save(path)
    before = path.read_bytes()
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        import cleantext
        real_fdopen = os.fdopen
        def dying_fdopen(fd, *args, **kwargs):
            handle = real_fdopen(fd, *args, **kwargs)
            real_write = handle.write
            def write(data):
                real_write(data[: len(data) // 2])
                handle.flush()
                os._exit(9)  # killed: no cleanup, no exception handlers
            handle.write = write
            return handle
        os.fdopen = dying_fdopen
        cleantext.fit(["a new model\\nline"] * 5).save({str(path)!r})
    """)
    done = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, timeout=120)
    assert done.returncode == 9, done.stderr.decode()
    assert path.read_bytes() == before
    assert cleantext.load_model(path) == model
    # the half-written temporary (if any) is beside the target under another name, never loaded
    assert all(p.name.startswith(".site.model.") for p in tmp_path.iterdir() if p.name != "site.model")
