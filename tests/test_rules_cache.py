"""Rule files whose patterns all compiled are not compiled one by one again in the next process.

``cleantext.rules`` remembers such files by a hash of their bytes (and the ``regex`` version) in
``$CLEANTEXT_CACHE_DIR``: most of a cold start was compiling ~2,600 patterns alone only to name the
rule an error is in. A file that did not compile is never remembered, and keeps failing with the
file and the rule named.
"""

from __future__ import annotations

import pytest

from cleantext import languages, rules


@pytest.fixture()
def xx(tmp_path, monkeypatch):
    """A language ``xx`` in a temporary folder, and a cache folder of its own."""
    (tmp_path / "lang" / "xx").mkdir(parents=True)
    monkeypatch.setattr(languages, "root", lambda: tmp_path / "lang")
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def _write(root, text: str) -> None:
    (root / "lang" / "xx" / "rules.toml").write_text(text, encoding="utf-8")


def _compiled(monkeypatch) -> list[str]:
    """The patterns ``rules`` compiles alone from now on."""
    seen: list[str] = []
    real = rules.regex.compile

    def spy(pattern, *args, **kwargs):
        seen.append(pattern)
        return real(pattern, *args, **kwargs)

    monkeypatch.setattr(rules.regex, "compile", spy)
    return seen


def test_a_file_that_compiled_is_not_compiled_alone_again(xx, monkeypatch) -> None:
    _write(xx, '[ads]\nlines = ["anzeige", "werbung \\\\d+"]\n')
    compiled = _compiled(monkeypatch)
    first = rules.load.__wrapped__("xx")
    assert compiled == ["anzeige", "werbung \\d+"]
    assert len(list((xx / "cache").iterdir())) == 1
    second = rules.load.__wrapped__("xx")
    assert second == first and compiled == ["anzeige", "werbung \\d+"]  # nothing compiled the second time


def test_a_changed_file_is_compiled_again(xx, monkeypatch) -> None:
    _write(xx, '[ads]\nlines = ["anzeige"]\n')
    rules.load.__wrapped__("xx")
    _write(xx, '[ads]\nlines = ["anzeige", "(bad"]\n')
    with pytest.raises(rules.RuleError, match=r"cleantext/languages/xx/rules.toml: \[ads\] lines: '\(bad'"):
        rules.load.__wrapped__("xx")


@pytest.mark.parametrize("pattern", ["(bad", "(capturing)"])
def test_a_file_that_did_not_compile_is_never_remembered(xx, pattern) -> None:
    _write(xx, f'[ads]\nlines = ["anzeige", "{pattern}"]\n')
    for _ in range(2):
        with pytest.raises(rules.RuleError, match=r"cleantext/languages/xx/rules.toml"):
            rules.load.__wrapped__("xx")
    assert not (xx / "cache").exists() or not list((xx / "cache").iterdir())


def test_an_empty_cache_dir_setting_turns_the_cache_off(xx, monkeypatch) -> None:
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", "")
    _write(xx, '[ads]\nlines = ["anzeige"]\n')
    compiled = _compiled(monkeypatch)
    rules.load.__wrapped__("xx")
    rules.load.__wrapped__("xx")
    assert compiled == ["anzeige", "anzeige"]
    assert not (xx / "cache").exists()


def test_a_cache_that_cannot_be_written_is_skipped(xx, monkeypatch) -> None:
    (xx / "blocked").write_text("a file where the cache folder would go")
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", str(xx / "blocked" / "cache"))
    _write(xx, '[ads]\nlines = ["anzeige"]\n')
    assert [r.pattern for r in rules.load.__wrapped__("xx")] == ["anzeige"]
    assert [r.pattern for r in rules.load.__wrapped__("xx")] == ["anzeige"]


# -- the shipped rule files: checked once, when they change -----------------------------------


def test_the_list_of_checked_shipped_rule_files_is_current() -> None:
    """Every shipped rule file's bytes are listed, after every one of its patterns compiled alone
    (``checked_lines`` raises RuleError otherwise). If this fails after a rule edit: run
    ``python scripts/check_rules.py``."""
    listed = languages.root().joinpath(rules.CHECKED_FILE).read_text(encoding="utf-8").splitlines()
    assert [line for line in listed if not line.startswith("#")] == rules.checked_lines()


def test_a_shipped_file_is_not_compiled_alone(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", str(tmp_path / "empty-cache"))
    compiled = _compiled(monkeypatch)
    loaded = rules.load.__wrapped__("de")
    assert loaded and compiled == []
    assert not (tmp_path / "empty-cache").exists()  # nothing to remember either


def test_a_file_listed_as_checked_is_trusted_only_with_the_same_bytes(xx, monkeypatch) -> None:
    import hashlib

    good = '[ads]\nlines = ["anzeige"]\n'
    (xx / "lang" / rules.CHECKED_FILE).write_text(
        f"# a comment\n{hashlib.sha256(good.encode()).hexdigest()}  xx/rules.toml\n", encoding="utf-8")
    _write(xx, good)
    compiled = _compiled(monkeypatch)
    assert [r.pattern for r in rules.load.__wrapped__("xx")] == ["anzeige"]
    assert compiled == []
    _write(xx, '[ads]\nlines = ["anzeige", "(capturing)"]\n')  # edited since: checked again
    with pytest.raises(rules.RuleError, match="capturing group"):
        rules.load.__wrapped__("xx")
