"""The docs site: the filter reference is generated from every rule, and `mkdocs build --strict` passes."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleantext.config import LANGUAGES
from cleantext.rules import COMMON, load

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("gen_filter_reference", ROOT / "scripts" / "gen_filter_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_lists_every_shipped_rule() -> None:
    page = _generator().render()
    rules = [rule for language in (COMMON, *LANGUAGES) for rule in load(language)]
    assert rules
    missing = [rule for rule in rules if f"- `{rule.language}` " not in page or rule.pattern not in page]
    assert not missing, missing[:5]
    assert f"{len(rules)} patterns" in page


def test_reference_code_spans_survive_backticks() -> None:
    code = _generator()._code
    assert code("a`b") == "``a`b``"
    assert code("plain") == "`plain`"


def test_reference_is_written_only_when_it_changes(tmp_path: Path) -> None:
    gen = _generator()
    target = tmp_path / "filters-reference.md"
    assert gen.write(target) is True
    assert gen.write(target) is False
    assert target.read_text(encoding="utf-8") == gen.render()


def test_nav_pages_exist() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("- ") and
             line.strip().endswith(".md")]
    assert "index.md" in pages and "benchmarks.md" in pages
    for page in pages:
        assert (ROOT / "docs" / page).is_file(), page


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    for name in ("docs", "scripts"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                           str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "site")],
                          check=False, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (tmp_path / "site" / "filters-reference" / "index.html").is_file()
