"""The cleaning mode the CLI picks when --mode is not given."""

from __future__ import annotations

import pytest

from cleantext.cli import build_parser
from cleantext.cliargs import config_options


@pytest.mark.parametrize(
    ("argv", "mode"),
    [
        ([], "article"),
        (["--html"], "article"),
        (["--html", "--extractor", "trafilatura"], "article"),
        # Resiliparse's text keeps menus and footers: it is whole-page text.
        (["--html", "--extractor", "resiliparse"], "page"),
        (["--html", "--extractor", "resiliparse", "--mode", "article"], "article"),
        (["--mode", "page"], "page"),
    ],
)
def test_mode_follows_the_extractor_unless_given(argv: list[str], mode: str) -> None:
    args = build_parser().parse_args([*argv, "page.html"])
    assert config_options(args)["mode"] == mode
