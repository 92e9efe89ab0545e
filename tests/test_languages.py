"""Language data is one folder per language; adding a language touches no Python code (issue 13.4)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import cleantext
from cleantext import languages
from cleantext.config import LANGUAGES
from cleantext.filters.page_features import stopwords
from cleantext.rules import load

FOLDER = Path(languages.__file__).parent


def test_order_lists_every_language_folder_once():
    folders = sorted(p.name for p in FOLDER.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert sorted(languages.codes()) == folders
    assert len(set(languages.codes())) == len(languages.codes())
    assert LANGUAGES == languages.codes()
    assert LANGUAGES[0] == "en"


@pytest.mark.parametrize("code", languages.codes())
def test_every_language_has_rules_stopwords_and_valid_words(code):
    assert load(code), f"{code} has no rules"
    assert len(stopwords(code)) >= 20
    assert (FOLDER / code / "words.toml").is_file()


def test_word_lists_are_read_from_the_language_files():
    assert "dezember" in languages.words("month_stems")  # de
    assert "przez" in languages.words("byline_words")  # pl
    assert "pubblicato" in languages.words("published_words")  # it
    with pytest.raises(ValueError, match="unknown word list"):
        languages.words("nope")


def test_a_bad_words_file_names_the_file(tmp_path, monkeypatch):
    (tmp_path / "order.txt").write_text("xx\n", encoding="utf-8")
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "words.toml").write_text('byline_words = ["Von"]\n', encoding="utf-8")
    monkeypatch.setattr(languages, "root", lambda: tmp_path)
    languages._word_file.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"cleantext/languages/xx/words.toml: byline_words must be"):
            languages._word_file("xx")
    finally:
        languages._word_file.cache_clear()


ADDED_RULES = textwrap.dedent("""\
    [newsletter]
    lines = ["tilaa uutiskirjeemme!?"]
    """)
ADDED_STOPWORDS = "\n".join(["ja", "on", "ei", "se", "että", "hän", "oli", "ovat", "mutta", "kun", "joka",
                             "niin", "myös", "tai", "kuin", "jo", "vain", "sen", "hänen", "nyt", "ole"]) + "\n"


def test_adding_a_language_is_a_folder_and_a_line(tmp_path):
    """A copy of the package with Finnish added as data only: its rule removes, page mode knows its stopwords."""
    copy = tmp_path / "cleantext"
    shutil.copytree(Path(cleantext.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "languages" / "fi").mkdir()
    (copy / "languages" / "fi" / "rules.toml").write_text(ADDED_RULES, encoding="utf-8")
    (copy / "languages" / "fi" / "stopwords.txt").write_text(ADDED_STOPWORDS, encoding="utf-8")
    with open(copy / "languages" / "order.txt", "a", encoding="utf-8") as handle:
        handle.write("fi\n")
    script = textwrap.dedent("""\
        import cleantext
        assert cleantext.__file__.startswith(%r), cleantext.__file__
        from cleantext.config import LANGUAGES
        assert LANGUAGES[-1] == "fi", LANGUAGES
        text = "Helsingin kaupunki avaa uuden kirjaston ensi vuonna.\\nTilaa uutiskirjeemme"
        print(cleantext.clean(text, languages=["fi"]))
        from cleantext.filters.page_features import page_language
        print(page_language("hän oli kotona ja se on hyvä".split(), LANGUAGES))
        """) % str(copy)
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.splitlines() == ["Helsingin kaupunki avaa uuden kirjaston ensi vuonna.", "fi"]


def test_topic_rule_files_load_after_rules_toml(tmp_path, monkeypatch):
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "rules.toml").write_text('[ads]\nlines = ["anzeige"]\n', encoding="utf-8")
    (tmp_path / "xx" / "rules-shop.toml").write_text('[ads]\nlines = ["jetzt kaufen"]\n', encoding="utf-8")
    (tmp_path / "xx" / "rules-bad.toml").write_text('[nonsense]\nlines = ["x"]\n', encoding="utf-8")
    monkeypatch.setattr(languages, "root", lambda: tmp_path)
    assert languages.rule_files("xx") == ("rules.toml", "rules-bad.toml", "rules-shop.toml")
    from cleantext import rules

    with pytest.raises(rules.RuleError, match=r"cleantext/languages/xx/rules-bad.toml: unknown category"):
        rules.load.__wrapped__("xx")
    (tmp_path / "xx" / "rules-bad.toml").unlink()
    assert [r.pattern for r in rules.load.__wrapped__("xx")] == ["anzeige", "jetzt kaufen"]


@pytest.mark.parametrize("code", languages.codes())
def test_every_language_has_comment_voice_words(code):
    # benchmarks.comment_tail reads these (first/second person pronouns, greetings and thanks)
    import tomllib

    data = tomllib.loads((FOLDER / code / "words.toml").read_text(encoding="utf-8"))
    assert data.get("voice_pronouns") and data.get("voice_social")
