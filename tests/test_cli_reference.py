"""docs/cli-reference.md is generated from the parsers: this fails when an option changed and the page
was not regenerated (run ``python scripts/gen_cli_reference.py``), and when a documented page lacks a
command or an option."""

from __future__ import annotations

import importlib.util
import re

from cli_helpers import ROOT

from cleantext.cli import build_fit_parser, build_parser


def _generator():
    spec = importlib.util.spec_from_file_location("gen_cli_reference", ROOT / "scripts" / "gen_cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current():
    page = (ROOT / "docs" / "cli-reference.md").read_text(encoding="utf-8")
    assert page == _generator().render(), "docs/cli-reference.md is stale: run python scripts/gen_cli_reference.py"


def test_cli_reference_names_every_option():
    page = (ROOT / "docs" / "cli-reference.md").read_text(encoding="utf-8")
    for parser in (build_parser(), build_fit_parser()):
        for action in parser._actions:
            for flag in action.option_strings:
                assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", page), flag
    assert "## cleantext fit" in page


def test_every_option_is_explained_in_the_guide():
    """docs/cli.md, the page people read, mentions every long option of the clean and fit commands."""
    guide = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = sorted({
        flag
        for parser in (build_parser(), build_fit_parser())
        for action in parser._actions
        for flag in action.option_strings
        if flag.startswith("--") and flag not in ("--help", "--version") and flag not in guide
    })
    assert not missing, f"docs/cli.md does not mention {missing}"
