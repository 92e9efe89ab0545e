"""Whole-line and inline markers from the rule data.

A line that *is* boilerplate ("Advertisement", "Support The Moscow Times!",
"Comments (12)") goes whole; a short line that *contains* a boilerplate
phrase ("For the latest headlines, follow our Google News channel ...") goes
whole too, or, after a long lead of article sentences, from the sentence
that holds the phrase on (never a phrase inside quotation marks); an inline
marker ("date 2023-05-24" before the first sentence, a trailing "Read more")
is cut and the sentence it sits in stays.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..removal import Removal
from .matcher import Matcher, matcher_for


class LineRules:
    """Removes lines that the rule data marks as boilerplate, and inline markers."""

    name = "lines"

    def __init__(self, languages: tuple[str, ...], matcher: Matcher | None = None) -> None:
        self.matcher = matcher or matcher_for(languages)

    def __call__(self, doc: Document) -> Iterator[Removal]:
        text = doc.text  # each removal carries its text, as the pipeline keeps it
        for line, scan in self.matcher.hits(doc):
            if scan.whole is not None:
                hit, rule = scan.whole, scan.whole.rule
                whole = hit.start <= line.start and hit.end >= line.end
                how = "is" if rule.kind == "lines" else "contains" if whole else "contain"
                what = "line" if whole else "closing sentences that"
                start, end = max(hit.start, line.start), min(hit.end, line.end)
                yield Removal(
                    start,
                    end,
                    filter="lines",
                    category=rule.category,
                    reason=f"{what} {how} a {rule.category} phrase ({rule.language} rule /{rule.pattern}/)",
                    text=text[start:end],
                )
            for hit in scan.inline:
                yield Removal(
                    hit.start,
                    hit.end,
                    filter="inline",
                    category=hit.rule.category,
                    reason=f"inline {hit.rule.category} marker ({hit.rule.language} rule /{hit.rule.pattern}/)",
                    text=text[hit.start : hit.end],
                )
