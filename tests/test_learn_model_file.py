"""Model files: round trip, atomic save, and errors that name the file and the problem."""

from __future__ import annotations

import json
import pickle

import pytest

import cleantext
from cleantext.learn import ModelError
from cleantext.learn.model import MAGIC, VERSION


@pytest.fixture(scope="module")
def model(request):
    seeds = request.getfixturevalue("seeds")
    return cleantext.fit(list(seeds.values()), groups=["mt", "b", "mt", "mt", "c"])


def test_round_trip_through_a_file(tmp_path, model, seeds):
    path = tmp_path / "site.model"
    model.save(path)
    loaded = cleantext.load_model(path)
    assert loaded == model and loaded.to_bytes() == path.read_bytes()
    text = seeds["002_587fa2079d3e9a3e.txt"]
    assert cleantext.clean(text, model=loaded, group="mt") == cleantext.clean(text, model=model, group="mt")
    assert not [p for p in tmp_path.iterdir() if p.name != "site.model"]  # no temporary file left


def test_pickle_round_trip(model):
    assert pickle.loads(pickle.dumps(model)) == model


def test_file_is_self_describing(model):
    data = model.to_bytes()
    assert data.startswith(MAGIC)
    head_len = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 8], "big")
    header = json.loads(data[len(MAGIC) + 8 : len(MAGIC) + 8 + head_len])
    assert header["format"] == "cleantext.learned-spans" and header["version"] == VERSION
    assert header["params"]["min_docs"] == 3 and header["documents"] == 5
    assert header["group_documents"] == {"b": 1, "c": 1, "mt": 3}


def _write(tmp_path, data: bytes):
    path = tmp_path / "broken.model"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("cut", [0, 5, len(MAGIC) + 3, 60, -1, -40])
def test_truncated_file_is_named(tmp_path, model, cut):
    data = model.to_bytes()
    path = _write(tmp_path, data[:cut])
    with pytest.raises(ModelError) as err:
        cleantext.load_model(path)
    assert str(path) in str(err.value) and err.value.path == str(path)
    assert any(word in str(err.value) for word in ("truncated", "empty", "not a cleantext model", "corrupt"))


def test_flipped_byte_is_a_checksum_error(tmp_path, model):
    data = bytearray(model.to_bytes())
    data[-50] ^= 0x01
    with pytest.raises(ModelError, match="checksum"):
        cleantext.load_model(_write(tmp_path, bytes(data)))


def test_newer_version_says_upgrade(tmp_path, model):
    data = model.to_bytes()
    newer = data.replace(f'"version":{VERSION}'.encode(), f'"version":{VERSION + 1}'.encode())
    with pytest.raises(ModelError, match=r"version 2 is newer.*upgrade"):
        cleantext.load_model(_write(tmp_path, newer))


@pytest.mark.parametrize("content", [b'{"format": "something else"}', b"\x80\x04\x95 pickle", b"hello\n"])
def test_wrong_type_of_file(tmp_path, content):
    with pytest.raises(ModelError, match="not a cleantext model"):
        cleantext.load_model(_write(tmp_path, content))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ModelError, match="no such file"):
        cleantext.load_model(tmp_path / "nope.model")
    with pytest.raises(ModelError, match="directory"):
        cleantext.load_model(tmp_path)


def test_failed_save_leaves_the_old_model(tmp_path, model, monkeypatch):
    path = tmp_path / "site.model"
    model.save(path)
    before = path.read_bytes()

    def boom(*args):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError, match="disk full"):
        cleantext.fit(["a"]).save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["site.model"]


def test_info_summarises_the_model(model):
    info = model.info()
    assert info["documents"] == 5 and info["groups"] == 3
    assert info["learned_spans"]["mt"] > 10  # the appeal's lines and sentences
    assert json.loads(json.dumps(info)) == info
