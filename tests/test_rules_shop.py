"""The topic rule file of issue 12 (en/rules-shop.toml: shop furniture of pages of many types) and the
rules written with it that do not ship (benchmarks.rule_mining.TOPIC_CANDIDATES: calls to action,
disclosures, account prompts): the shipped ones remove their lines, and the article lines that sit
closest to any of them stay.

Every boilerplate line below is the kind of line wcxb_dev's pages print (from the "tune" half of its
sites, see benchmarks.rules_eval.site_half); every article line is the kind of line that must
survive: headings, imperative sentences inside articles, quotes, short paragraphs, product names.
"""

from __future__ import annotations

import pytest
import regex

import cleantext
from tests.test_rules_wording import _CLASS_RE, _NESTED_RE, _UNBOUNDED_DOT_RE

from article_lines import AFTER, BEFORE, between

# (category, line): each must be removed between two article paragraphs (wcxb_dev lines).
BOILERPLATE = [
    ("navigation", "Filter & Sort"),
    ("navigation", "Filter and sort"),
    ("navigation", "Free Shipping on Domestic Orders $75+"),
    ("navigation", "Free shipping on all orders over $50"),
    ("ads", "Check Price on Amazon"),
    ("ads", "Check availability"),
    ("comments", "0 Likes"),
    ("comments", "3 likes"),
]

# Article lines next to these rules: each must survive whole.
ARTICLE = [
    "Apply now for the scholarship before March 1, the university said.",
    "Shop now, pay later: the rise of buy-now-pay-later loans",
    "Book Now, Pay Later Is Booming",
    "Learn More About the Mission",
    "Call Me by Your Name",
    "Start Today, Not Tomorrow: How Habits Form",
    '"Apply now," she told the students, "before the money runs out."',
    '"Talk to our experts today," the ad said.',
    "Filter",
    "Sort",
    "In stock markets, the mood was grim.",
    "The shop ran out of stock within an hour of opening.",
    "Table of contents of the report were leaked to reporters.",
    "Customers who bought the phone also complained about the battery.",
    "Sold Out",
    "Free shipping",
    "$99.99",
    "Buy It Now",
    "Get Started Today",
    "Start your free trial",
    "Questions remain about who will pay for the repairs.",
    "The retailer said it may earn a commission on sales of the device from next year.",
    "Next article in the series will look at the river's delta.",
    "You might also like the new museum: it opens on Friday.",
    "This topic was automatically closed 30 days after the last reply. New replies are no longer allowed.",
    "By using the new drug, patients cut their risk by half, the study found.",
    "AirPods Pro 2",
    "The video got 300 likes in an hour.",
    "Likes",
    "Advertisement: the industry's own study found the ban cut smoking by a third.",
    "Free shipping on orders over $50 will end in May, the company said.",
    # wcxb_dev (eventbrite.com): the event's title is only in its save/share strip, and must stay
    "Save this event: How eCommerce Can Use Reverse-Engineering for ModernizationShare this event: How eCommerce Can Use Reverse-Engineering for Modernization",
    "I agree to the terms, she said.",
    "Accept the terms of the ceasefire",
    '"Join our mailing list," the flyer read, "and never miss a meeting."',
    "How we test laptops",
    "Trusted by millions, the app still failed its users.",
    "This story was funded by a grant from the Pulitzer Center.",
    "Apple Watch",
]


@pytest.mark.parametrize("category,line", BOILERPLATE)
def test_boilerplate_line_goes_and_article_stays(category: str, line: str) -> None:
    text = between(line)
    assert cleantext.clean(text) == f"{BEFORE}\n{AFTER}"
    removals = [r for r in cleantext.explain(text) if r.applied]
    assert {r.category for r in removals} == {category}
    assert all("en rule" in r.reason for r in removals)


@pytest.mark.parametrize("line", ARTICLE)
def test_article_line_survives(line: str) -> None:
    text = between(line)
    assert cleantext.clean(text) == text


@pytest.mark.parametrize("category,line", BOILERPLATE)
def test_keep_category_keeps_it(category: str, line: str) -> None:
    text = between(line)
    assert cleantext.clean(text, keep_categories={category}) == text


def test_topic_files_load_after_rules_toml() -> None:
    from cleantext.languages import rule_files

    files = rule_files("en")
    assert files[0] == "rules.toml"
    assert {"rules-shop.toml", "rules-ui.toml"} <= set(files[1:])


def test_candidates_are_not_shipped_and_stay_linear() -> None:
    from benchmarks.rule_mining import TOPIC_CANDIDATES
    from cleantext.rules import load

    shipped = {rule.pattern for rule in load("en")}
    for category, kind, pattern, verdict in TOPIC_CANDIDATES:
        assert pattern not in shipped, pattern
        assert kind in ("lines", "phrases") and verdict.startswith("test "), pattern
        bare = _CLASS_RE.sub("C", pattern)
        assert not _UNBOUNDED_DOT_RE.search(bare) and not _NESTED_RE.search(bare), pattern


@pytest.mark.parametrize("line", ARTICLE)
def test_no_candidate_takes_an_article_line(line: str) -> None:
    """Were a candidate promoted, these article lines must still survive it."""
    from benchmarks.rule_mining import TOPIC_CANDIDATES

    for category, kind, pattern, _ in TOPIC_CANDIDATES:
        compiled = regex.compile(pattern, regex.IGNORECASE | regex.V0)
        hit = compiled.fullmatch(line) if kind == "lines" else compiled.search(line)
        assert hit is None or kind == "phrases" and line.startswith('"'), (pattern, line)
