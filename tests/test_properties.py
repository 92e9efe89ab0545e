"""Hypothesis properties: never adds text, idempotent, never raises, explain reproduces clean."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.normalize import cut

ARTICLE = [
    "The governor said Wednesday that the territory was targeted overnight by numerous drones.",
    "“The night was not entirely calm. There were a large number of drone attacks,” he said.",
    "More attacks announced",
    "Moscow: bombings and explosions",
    "AFP contributed reporting.",
    "Shares rose 3% on Tuesday.",
    "Der Gouverneur sagte am Mittwoch, die Region sei angegriffen worden.",
    "«Nous ne savons pas», a déclaré le ministre.",
]
BOILERPLATE = [
    "Advertisement",
    "Read more:",
    "Support The Moscow Times!",
    "A Message from The Moscow Times:",
    "Dear readers,",
    "Your support, no matter how small, makes a world of difference.",
    "Once",
    "Monthly",
    "Sign up for our free weekly newsletter",
    "Subscribers agree to the Privacy Policy",
    "Comments (12)",
    "Share this article",
    "t.me/someone",
    " date 2023-05-24 A sentence follows the stamp.",
    "We use cookies to improve your experience.",
    "Anzeige",
    "Реклама",
]
LINE = st.one_of(
    st.sampled_from(ARTICLE),
    st.sampled_from(BOILERPLATE),
    st.text(max_size=40),
    st.just(""),
)
DOCS = st.lists(LINE, max_size=25).map("\n".join) | st.text()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(DOCS)
def test_never_adds_text(text):
    normalized = cleantext.normalize(text)
    for line in cleantext.clean(text).split("\n"):
        # a cut line is joined from pieces of one input line, each present in it
        for piece in line.split(" "):
            assert piece in normalized


@SETTINGS
@given(DOCS)
def test_idempotent(text):
    once = cleantext.clean(text)
    assert cleantext.clean(once) == once


@SETTINGS
@given(DOCS)
def test_explain_reproduces_clean(text):
    normalized = cleantext.normalize(text)
    applied = [(r.start, r.end) for r in cleantext.explain(text) if r.applied]
    assert cut(normalized, applied) == cleantext.clean(text)


@SETTINGS
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200))
def test_never_raises_on_any_str(text):
    result = cleantext.clean(text)
    assert isinstance(result, str)
    result.encode("utf-8")  # no lone surrogates left


def test_hostile_strings():
    for text in ["\ud800 lone", "nul\x00byte", "\x1b[31mred\x1b[0m", "\u202eevil", "\ufeffBOM",
                 "e\u0301\u0301\u0301", "🧨" * 50, "x" * 1_000_000, "\n" * 10_000]:
        cleantext.clean(text).encode("utf-8")
