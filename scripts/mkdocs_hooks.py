"""mkdocs hooks: regenerate the generated pages before every build (see mkdocs.yml ``hooks:``).

* ``docs/filters-reference.md`` from the rule files (``scripts/gen_filter_reference.py``);
* ``docs/cli-reference.md`` from the command line's parsers (``scripts/gen_cli_reference.py``).

A page is only written when its text changes, so ``mkdocs serve`` does not rebuild in a loop.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent


def _script(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, _HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _write_if_changed(path: Path, text: str) -> bool:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def on_pre_build(config: Any, **kwargs: Any) -> None:
    """The generated pages, from the rule files and the parsers of this checkout."""
    docs = Path(config["docs_dir"])
    _script("gen_filter_reference").write(docs / "filters-reference.md")
    if (_HERE / "gen_cli_reference.py").is_file():
        _write_if_changed(docs / "cli-reference.md", _script("gen_cli_reference").render())
