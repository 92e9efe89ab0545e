"""What ``filters/literals`` reads out of rule patterns is remembered for the next process.

Reading the ~2,600 shipped patterns (required literals, prefixes) was half of a first ``clean()``
once the regexes compile lazily. The answers are kept in ``$CLEANTEXT_CACHE_DIR`` in a file named by
a hash of the module's code and the ``regex`` and Python versions; a process that finds the file
answers from it, and its answers must be exactly the ones reading the patterns gives.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor

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
    _new_process(monkeypatch)
    return tmp_path / "cache"


def _new_process(monkeypatch) -> None:
    monkeypatch.setattr(literals, "_MEMO", literals._Memo())


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
    junk_files = ("{not json", json.dumps({"nonsense 3 x": ["a"]}), json.dumps({"required 3 x": 7}), "[]",
                  json.dumps({"required 3 subscribe to our newsletter": "abc"}),
                  json.dumps({"required_literals 0 x": [1, 2]}))
    for junk in junk_files:
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
    assert literals._MEMO.unsaved == 1  # kept for a later save
    assert literals.required_literals(r"sign up for (?:our|the) newsletter") == ("sign up for ",)
    assert (tmp_path / "blocked").read_text() == "a file where the cache folder would go"


def test_the_file_is_readable_by_all(cache) -> None:
    literals.required("subscribe to our newsletter")
    literals.save_answers()
    [written] = cache.glob("literals-*")
    assert written.stat().st_mode & 0o777 == 0o644
    assert not list(cache.glob(".literals-*"))  # no temporary file left


def test_threads_reading_and_saving_at_once(cache, monkeypatch) -> None:
    patterns = sorted({rule.pattern for rule in load_all()})
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        def work(part: int) -> list:
            out = []
            for n, pattern in enumerate(patterns[part::4]):
                out.append(literals.required(pattern))
                if n % 50 == 0:
                    literals.save_answers()
            return out

        with ThreadPoolExecutor(4) as pool:
            found = list(pool.map(work, range(4)))
    finally:
        sys.setswitchinterval(old)
    literals.save_answers()
    assert found == [[literals._required(p, literals.MIN_LITERAL) for p in patterns[part::4]] for part in range(4)]
    [written] = cache.glob("literals-*")
    assert len(json.loads(written.read_text(encoding="utf-8"))) == len(patterns)


def test_a_full_memo_reads_again_instead_of_growing(cache, monkeypatch) -> None:
    monkeypatch.setattr(literals, "MAX_REMEMBERED", 2)
    for word in ("alpha", "bravo", "charlie", "delta"):
        assert literals.required(f"{word} news") == frozenset({f"{word} news"})
    assert len(literals._MEMO.answers) == 2


@pytest.mark.parametrize("change", ["code", "regex", "python"])
def test_another_version_starts_another_file(cache, monkeypatch, change) -> None:
    before = literals._answers_file()
    assert before is not None and before.name == f"literals-{literals._code_hash()}.json"
    if change == "code":
        real = literals.Path.read_bytes
        monkeypatch.setattr(literals.Path, "read_bytes", lambda self: real(self) + b"\n# edited\n")
    elif change == "regex":
        monkeypatch.setattr(literals.regex, "__version__", "0.0.0-other")
    else:
        monkeypatch.setattr(literals.sys, "version_info", (3, 99, 0))
    monkeypatch.setattr(literals, "_CODE_HASH", literals._code_hash())
    assert literals._answers_file() != before and literals._answers_file().parent == before.parent


def test_the_running_code_names_the_file_not_a_later_edit(cache, monkeypatch) -> None:
    before = literals._answers_file()
    monkeypatch.setattr(literals.Path, "read_bytes", lambda self: b"edited while running")
    assert literals._answers_file() == before
