"""Consent notices (issue 12, en/rules-consent.toml and filters/blocks.py's notice lines): a consent
dialog's standard paragraphs (the IAB TCF purposes, a consent manager's cookie categories), each one
long line, go whole when they start with a notice's opening words; article lines that share words
with them stay. The notice lines are written in the shape of those texts, not copied from the bench.
"""

from __future__ import annotations

import pytest

import cleantext
from cleantext.filters.blocks import NOTICE_CATEGORIES, _notice_openers
from cleantext.rules import Rule

BEFORE = "The bakery on Elm Street has sold the same sourdough loaf since 1952, and the queue starts at six."
AFTER = "Knead the dough for ten minutes, then leave it to rise overnight in a cool kitchen."

NOTICES = [
    "Information about your activity on this service (the pages you read, the forms you fill in) can be "
    "stored and combined with other information about you or similar users, and used to build a profile "
    "of your possible interests for advertising by this and other parties.",
    "Advertising presented to you on this service can be based on limited data, such as the site you "
    "are on, your approximate location or your type of device.",
    "Content presented to you on this service can be based on your content personalisation profiles, "
    "which can reflect your activity on this or other services.",
    "Cookies, device or similar online identifiers together with other information can be stored or "
    "read on your device to recognise it each time it connects to a site, for the purposes listed here.",
    "Information regarding which advertising is presented to you and how you interact with it can be "
    "used to measure how well an advert worked.",
    "Reports can be generated based on the combination of data sets regarding your interactions with "
    "advertising or content, to identify common characteristics of audiences.",
    "These cookies are necessary for the website to function and cannot be switched off in our systems. "
    "You can set your browser to block them, but some parts of the site will then not work.",
    "These cookies allow us to count visits and traffic sources so we can measure and improve the site.",
    "These cookies enable the website to provide enhanced functionality and personalisation.",
    "These cookies may be set through our site by our advertising partners to build a profile of your interests.",
    "We process your data to deliver content or advertisements and measure the delivery of such content.",
]

ARTICLE = [
    "Information about your activity is protected by the new law, the regulator said on Monday.",
    "Information about the activity on this service road will be posted at the depot, officials said.",
    "These cookies are necessary for any holiday party, my grandmother insisted every December.",
    "Reports can be generated in seconds, the company claims, but the auditors were not convinced.",
    '"Information about your activity on this service can be stored," the notice says, and few read on.',
    "Advertising presented to children must be labelled, the court ruled.",
    "Cookies, device makers and app stores all face the new rules from January.",
    "We process your data",  # too short to be a notice: the opener alone is a heading at most
]


def _text(line: str) -> str:
    return f"{BEFORE}\n{line}\n{AFTER}"


@pytest.mark.parametrize("line", NOTICES)
def test_notice_line_goes_whole(line: str) -> None:
    text = _text(line)
    assert cleantext.clean(text) == f"{BEFORE}\n{AFTER}", cleantext.explain(text)
    (removal,) = [r for r in cleantext.explain(text) if r.applied]
    assert (removal.filter, removal.category, removal.confidence) == ("blocks", "cookie", "high")
    assert removal.reason.startswith("a cookie notice line (en rule /")


@pytest.mark.parametrize("line", NOTICES[:3])
def test_keep_category_keeps_the_notice(line: str) -> None:
    assert cleantext.clean(_text(line), keep_categories={"cookie"}) == _text(line)


@pytest.mark.parametrize("line", ARTICLE)
def test_article_line_survives(line: str) -> None:
    text = _text(line)
    assert cleantext.clean(text) == text, cleantext.explain(text)


def test_a_run_of_notices_goes_and_the_article_after_it_stays() -> None:
    text = "\n".join([BEFORE, *NOTICES[:4], AFTER, "Bake at 230 degrees for forty minutes."])
    assert cleantext.clean(text) == "\n".join([BEFORE, AFTER, "Bake at 230 degrees for forty minutes."])


def test_bulleted_notice_line_goes_too() -> None:
    text = _text("- " + NOTICES[0])
    assert cleantext.clean(text) == f"{BEFORE}\n{AFTER}"


def test_notice_openers_must_start_with_literal_text() -> None:
    assert NOTICE_CATEGORIES == ("cookie",)
    assert _notice_openers(()) is None
    heads, pattern, rules = _notice_openers((Rule("en", "cookie", "opens", "these cookies allow us"),))
    assert heads == frozenset({"the"}) and pattern.match("These cookies allow us to count") is not None
    with pytest.raises(ValueError, match="literal"):
        _notice_openers((Rule("en", "cookie", "opens", "(?:these|those) cookies"),))
