"""The docs are whole: every page is in the navigation, and the strict build fails on a broken anchor.

(`tests/test_bench_docs.py` runs the strict build of the real site.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml")  # PyYAML comes with mkdocs (the docs extra)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _config() -> dict[str, Any]:
    # mkdocs.yml may use !!python tags in other projects; ours is plain YAML.
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def nav_pages(nav: Any) -> list[str]:
    """Every page path in a mkdocs ``nav`` (nested sections included).

    >>> nav_pages([{"Home": "index.md"}, {"Guides": [{"A": "a.md"}, "b.md"]}])
    ['index.md', 'a.md', 'b.md']
    """
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    return [page for item in nav or () for page in nav_pages(item)]


def docs_pages(docs: Path) -> list[str]:
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))


def test_every_docs_page_is_in_the_nav() -> None:
    listed = nav_pages(_config()["nav"])
    missing = sorted(set(docs_pages(DOCS)) - set(listed))
    assert not missing, f"docs pages in no navigation (add them to mkdocs.yml nav): {missing}"


def test_every_nav_entry_is_a_page_once() -> None:
    listed = nav_pages(_config()["nav"])
    assert len(listed) == len(set(listed)), "a page is listed twice"
    absent = [page for page in listed if not (DOCS / page).is_file()]
    assert not absent, absent
    assert {"index.md", "contributing.md", "pipelines.md", "reliability.md"} <= set(listed)


def test_the_nav_check_sees_a_missing_page(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("index.md", "sub/deep.md", "stray.md"):
        (tmp_path / name).write_text("# x\n", encoding="utf-8")
    nav = [{"Home": "index.md"}, {"Section": [{"Deep": "sub/deep.md"}]}]
    assert sorted(set(docs_pages(tmp_path)) - set(nav_pages(nav))) == ["stray.md"]


def test_link_validation_is_set_to_fail_the_strict_build() -> None:
    config = _config()
    assert config["strict"] is True
    validation = config["validation"]
    assert validation["links"]["anchors"] == "warn"  # with strict, a warning fails the build
    assert validation["links"]["not_found"] == "warn"
    assert validation["nav"]["omitted_files"] == "warn"
    assert validation["nav"]["not_found"] == "warn"


def _build(tmp_path: Path, pages: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A strict build of a tiny site with the project's validation settings and markdown extensions."""
    pytest.importorskip("mkdocs")
    config = _config()
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    tiny = {
        "site_name": "t",
        "strict": True,
        "validation": config["validation"],
        "markdown_extensions": [e for e in config["markdown_extensions"] if "pymdownx" not in str(e)],
        "nav": [{name: name} for name in pages],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(tiny), encoding="utf-8")
    # No -q: mkdocs -q drops warnings before strict mode counts them, and the build passes.
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                           str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "site")],
                          check=False, capture_output=True, text=True, timeout=120)


def test_strict_build_fails_on_a_broken_anchor_and_passes_a_good_one(tmp_path: Path) -> None:
    good = _build(tmp_path / "good", {"index.md": "# Home\n\nSee [b](b.md#real-heading).\n",
                                      "b.md": "# B\n\n## Real heading\n"})
    assert good.returncode == 0, good.stderr[-2000:]
    bad = _build(tmp_path / "bad", {"index.md": "# Home\n\nSee [b](b.md#no-such-heading).\n",
                                    "b.md": "# B\n\n## Real heading\n"})
    assert bad.returncode != 0
    assert "no-such-heading" in bad.stderr


def test_strict_build_fails_on_a_page_outside_the_nav(tmp_path: Path) -> None:
    result = _build(tmp_path, {"index.md": "# Home\n"})
    assert result.returncode == 0, result.stderr[-2000:]
    (tmp_path / "docs" / "stray.md").write_text("# Stray\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "stray.md" in result.stderr


def test_docs_links_have_no_absolute_or_source_paths() -> None:
    """Links between pages are relative .md links: a `docs/x.md` link breaks on the site."""
    for page in docs_pages(DOCS):
        text = (DOCS / page).read_text(encoding="utf-8")
        assert "](docs/" not in text, page

