"""mkdocs hooks: regenerate the generated pages before every build (see mkdocs.yml ``hooks:``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_filter_reference", _HERE / "gen_filter_reference.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def on_pre_build(config: Any, **kwargs: Any) -> None:
    """docs/filters-reference.md from the rule files shipped in this checkout."""
    _generator().write(Path(config["docs_dir"]) / "filters-reference.md")
