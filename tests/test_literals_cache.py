"""What ``filters/literals`` reads out of rule patterns is remembered for the next process.

Reading the ~2,600 shipped patterns (required literals, prefixes) was half of a first ``clean()``
once the regexes compile lazily. The answers are kept in ``$CLEANTEXT_CACHE_DIR`` in a file named by
a hash of the module's code and the ``regex`` and Python versions; a process that finds the file
answers from it, and its answers must be exactly the ones reading the patterns gives.
"""

from __future__ import annotations

import json

import pytest

from cleantext.filters import literals
from cleantext.rules import load_all

READERS = {"required": lambda p: literals.required(p), "required1": lambda p: literals.required(p, shortest=1),
           "prefixes": lambda p: literals.prefixes(p), "prefixes1": lambda p: literals.prefixes(p, shortest=1),
           "required_literals": lambda p: literals.required_literals(p)}
FRESH = {"required": lambda p: literals._required(p, literals.MIN_LITERAL),
         "required1": lambda p: literals._required(p, 1),
         "prefixes": lambda p: literals._folded_prefixes(p, literals.MIN_LITERAL),
         "prefixes1": lambda p: literals._folded_prefixes(p, 1),
         "required_literals": lambda p: literals._required_literals(p, 0)}


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    """A cache folder of its own, and the module as a new process finds it (nothing read yet)."""
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(literals, "_answers", None)
    monkeypatch.setattr(literals, "_unsaved", 0)
    return tmp_path / "cache"


def _new_process(monkeypatch) -> None:
    monkeypatch.setattr(literals, "_answers", None)
    monkeypatch.setattr(literals, "_unsaved", 0)


def test_answers_from_the_cache_are_the_readings_of_every_shipped_pattern(cache, monkeypatch) -> None:
    patterns = sorted({rule.pattern for rule in load_all()})
    first = {name: [read(p) for p in patterns] for name, read in READERS.items()}
    literals.save_answers()
    [written] = cache.glob("literals-*")
    assert written.name.startswith("literals-") and written.suffix == ".json"
    _new_process(monkeypatch)
    spent = []
    for reader, (_, make) in list(literals._READERS.items()):  # a reading now would be a miss of the file
        monkeypatch.setitem(literals._READERS, reader, (lambda *a: spent.append(a), make))
    again = {name: [read(p) for p in patterns] for name, read in READERS.items()}
    assert not spent  # every answer came from the file
    assert again == first
    assert first == {name: [fresh(p) for p in patterns] for name, fresh in FRESH.items()}
    assert all(type(a) is type(b) for name in first for a, b in zip(first[name], again[name]))


def test_a_corrupt_cache_file_is_read_again_and_rewritten(cache, monkeypatch) -> None:
    literals.required("subscribe to our newsletter")
    literals.save_answers()
    [written] = cache.glob("literals-*")
    for junk in ("{not json", json.dumps({"nonsense 3 x": ["a"]}), json.dumps({"required 3 x": 7}), "[]"):
        written.write_text(junk, encoding="utf-8")
        _new_process(monkeypatch)
        assert literals.required("subscribe to our newsletter") == frozenset({"subscribe to our newsletter"})
        literals.save_answers()
        assert "required 3 subscribe to our newsletter" in json.loads(written.read_text(encoding="utf-8"))


def test_no_cache_folder_no_file(cache, monkeypatch) -> None:
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", "")
    assert literals.prefixes(r"(?:read more|see also)\s*:") == frozenset({"read more", "see also"})
    literals.save_answers()
    assert not cache.exists()


def test_a_folder_that_cannot_be_written_is_skipped(tmp_path, monkeypatch) -> None:
    (tmp_path / "blocked").write_text("a file where the cache folder would go")
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", str(tmp_path / "blocked" / "cache"))
    _new_process(monkeypatch)
    assert literals.required_literals(r"sign up for (?:our|the) newsletter") == ("sign up for ",)
    literals.save_answers()  # no error
    assert literals.required_literals(r"sign up for (?:our|the) newsletter") == ("sign up for ",)


def test_another_version_of_the_code_starts_another_file(cache, monkeypatch) -> None:
    literals.required("subscribe to our newsletter")
    literals.save_answers()
    before = literals._answers_file()
    monkeypatch.setattr(literals.regex, "__version__", "0.0.0-other")
    assert literals._answers_file() != before and literals._answers_file().parent == before.parent
