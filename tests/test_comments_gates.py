"""The comments filter's whole-line rules (bylines, forum furniture): trying only the patterns whose
literal occurs gives what the whole alternation gives, on lines that match and lines that nearly do."""

from __future__ import annotations

import pytest

from cleantext.config import LANGUAGES
from cleantext.filters.comments import _rules_for
from cleantext.filters.literals import folded

LINES = [
    "Rosa said...",
    "Dan says:",
    "written by lynn, October 22, 2012",
    "Posted by: Travis Pahl on March 3, 2008 at 10:15 pm",
    "mark on May 3, 2020 at 10:15 pm",
    "anna | 12 June 2019 10:15 | Reply | Report",
    "Joined: May 2019",
    "Messages 196",
    "Reaction score 76",
    "Beiträge: 1.204",
    "Inscrit le : 12/03/2016",
    "Сообщений: 45",
    "The council met on Monday at 10:15 to vote on the budget.",
    "The vote was 7 to 4, and the mayor said the plan protects essential services.",
    "Comments",
    "",
    "on",
    "said",
]


@pytest.mark.parametrize("kind", ["bylines", "forum"])
@pytest.mark.parametrize("text", LINES)
def test_gated_patterns_match_as_the_alternation(kind: str, text: str) -> None:
    for part in _rules_for(LANGUAGES, kind).parts:
        if part.pattern is None:
            continue
        gated = part.gate is None or part.gate.search(folded(text)) is not None
        expected = gated and part.pattern.fullmatch(text) is not None
        assert part.fullmatch(text, folded(text)) == expected
