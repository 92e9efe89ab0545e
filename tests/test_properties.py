"""Hypothesis properties on realistic documents: article sentences mixed with boilerplate lines.

Generated documents look like extracted pages: headings, paragraphs of
sentences (several languages, quotes that end a paragraph), boilerplate lines
(appeals, newsletter prompts, read-more lists, share rows, ad markers, cookie
and paywall notices, in several languages), blank-line layouts, CRLF line
endings, stray whitespace and decoration, plus arbitrary text for good measure.

Properties: idempotent; never adds a word (the output's words are a subsequence
of the words of ``cleantext.normalize(text)``); removals are disjoint, sorted,
in bounds and carry the text they cover; ``explain()`` reproduces ``clean()``;
the safety cap holds back every low-confidence removal together and says why;
``fit`` gives the same model whatever the sharding and merge order.
"""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.learn import LearnParams, Stats
from cleantext.normalize import cut

SENTENCES = [
    "The governor said Wednesday that the territory was targeted overnight by numerous drones.",
    "“The night was not entirely calm. There were a large number of drone attacks,” he said.",
    "\"We will rebuild,\" the mayor told reporters.",
    "Shares rose 3% on Tuesday after the results.",
    "AFP contributed reporting.",
    "It is the third such attack this month.",
    "Der Gouverneur sagte am Mittwoch, die Region sei angegriffen worden.",
    "«Nous ne savons pas», a déclaré le ministre.",
    "El Gobierno anunció nuevas medidas el lunes.",
    "Губернатор сообщил, что ночью регион атаковали беспилотники.",
    "Rząd ogłosił nowe środki w poniedziałek.",
    "Read more about the history of the region in the archive, the author writes.",
    "Readers who support the fund, he said, will receive a letter.",
]
HEADINGS = [
    "More attacks announced",
    "Moscow: bombings and explosions",
    "What happens next",
    "Was jetzt passiert",
    "Что дальше",
]
BOILERPLATE = [
    "Advertisement",
    "ADVERTISEMENT",
    "Read more:",
    "Related",
    "Support The Moscow Times!",
    "A Message from The Moscow Times:",
    "Dear readers,",
    "Your support, no matter how small, makes a world of difference. We rely on readers like you.",
    "Once",
    "Monthly",
    "Continue",
    "Sign up for our free weekly newsletter",
    "Subscribers agree to the Privacy Policy",
    "Comments (12)",
    "Share this article",
    "Facebook | Twitter | Email",
    "t.me/someone",
    "@newsroom",
    "date 2023-05-24 A sentence follows the stamp.",
    "We use cookies to improve your experience.",
    "Subscribe to continue reading",
    "Photo: Reuters",
    "Anzeige",
    "Weiterlesen",
    "Реклама",
    "Читайте также:",
    "Publicité",
    "Lesen Sie auch:",
    "Storm hits coast. Read more",
    "Shares fell (Advertisement) in early trading.",
]
DECORATION = ["", "", "", " ", "  ", "\t", "• ", "» ", "- ", "* "]

paragraph = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map(" ".join)
line = st.one_of(
    paragraph,
    st.sampled_from(HEADINGS),
    st.sampled_from(BOILERPLATE),
    st.tuples(st.sampled_from(DECORATION), st.sampled_from(BOILERPLATE + HEADINGS)).map("".join),
    st.text(max_size=30),
)
separator = st.sampled_from(["\n", "\n\n", "\n\n", "\n \n", "\n\n\n"])


@st.composite
def documents(draw) -> str:
    lines = draw(st.lists(line, max_size=20))
    seps = draw(st.lists(separator, min_size=len(lines), max_size=len(lines)))
    text = "".join(piece + sep for piece, sep in zip(lines, seps))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = " " * draw(st.integers(0, 3)) + text + draw(st.sampled_from(["", " ", "\n"]))
    return text


DOCS = documents() | st.text(max_size=300)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_WORDS = regex.compile(r"\w+")

# Regressions found while writing these properties.
ENTITIES = "x&#13;y &#65279;z &amp;amp; &#27;[31m"  # decoded to \r / BOM / ESC: cleaned again


def _is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(word in it for word in small)


@SETTINGS
@given(DOCS)
@example(ENTITIES)
def test_idempotent(text):
    once = cleantext.clean(text)
    assert cleantext.clean(once) == once


@SETTINGS
@given(DOCS)
@example(ENTITIES)
def test_never_adds_a_word(text):
    normalized = cleantext.normalize(text)
    cleaned = cleantext.clean(text)
    assert _is_subsequence(_WORDS.findall(cleaned), _WORDS.findall(normalized))
    for piece in cleaned.split():  # and every whitespace-free piece appears in the input as is
        assert piece in normalized


@SETTINGS
@given(DOCS)
def test_removals_are_disjoint_sorted_in_bounds_and_explained(text):
    normalized = cleantext.normalize(text)
    removals = cleantext.explain(text)
    previous_end = 0
    for r in removals:
        assert 0 <= r.start < r.end <= len(normalized)
        assert r.start >= previous_end, f"{r} overlaps the removal before it"
        assert normalized[r.start : r.end] == r.text
        assert r.filter and r.category in cleantext.CATEGORIES and r.reason
        previous_end = r.end


@SETTINGS
@given(DOCS)
@example(ENTITIES)
def test_explain_reproduces_clean(text):
    result = cleantext.default_pipeline().run(text)
    assert result.normalized == cleantext.normalize(text)
    applied = [(r.start, r.end) for r in cleantext.explain(text) if r.applied]
    assert cut(cleantext.normalize(text), applied) == cleantext.clean(text)


@SETTINGS
@given(DOCS, st.floats(0.0, 1.0))
def test_safety_cap_holds_back_all_low_confidence_removals_and_says_why(text, share):
    removals = cleantext.explain(text, max_low_confidence_share=share)
    low = [r for r in removals if r.confidence != "high"]
    capped = [r for r in removals if r.capped]
    assert all(r.confidence != "high" for r in capped)  # high confidence is never capped
    if capped:
        assert capped == low  # all or nothing
        assert all("safety cap" in r.reason for r in capped)
        doc = cleantext.Document(cleantext.normalize(text))
        low_words = sum(len(_WORDS.findall(r.text)) for r in low)
        assert low_words > share * doc.words


def test_safety_cap_keeps_a_document_that_is_mostly_low_confidence_boilerplate():
    headlines = [
        "Ukraine says it shot down nine drones overnight",
        "Governor reports damage to a gas pipeline",
        "Prices of bread rise for the third month",
        "Schools reopen in the border districts",
        "Rail link restored after the storm",
    ]
    text = "Read more:\n" + "\n".join(headlines)
    removals = cleantext.explain(text)
    kept = cleantext.clean(text)
    for headline in headlines:
        assert headline in kept
    capped = [r for r in removals if r.capped]
    assert len(capped) == len(headlines)
    assert all("kept by the safety cap" in r.reason and "max_low_confidence_share" in r.reason for r in capped)
    # with the cap off, the same spans are removed: the cap is what kept them
    uncapped = cleantext.clean(text, max_low_confidence_share=1.0)
    assert not any(headline in uncapped for headline in headlines)


@SETTINGS
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200))
def test_never_raises_on_any_str(text):
    cleaned = cleantext.clean(text)
    assert isinstance(cleaned, str)
    cleaned.encode("utf-8")  # no lone surrogates left
    cleantext.explain(text)


# --- fit: the same model whatever the sharding and the merge order ------------------------------

SITE_TEMPLATE = ["Follow the Daily Planet on every platform", "© Daily Planet Media Group"]
corpus_doc = st.tuples(
    st.lists(st.sampled_from(SENTENCES + HEADINGS), min_size=1, max_size=4),
    st.sampled_from(["planet", "bugle", None]),
    st.booleans(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(corpus_doc, min_size=1, max_size=24), st.randoms(use_true_random=False),
       st.sampled_from([200_000, 100]))
def test_fit_is_independent_of_sharding_and_merge_order(docs, rnd, max_items):
    """Also with the smallest memory bound, where shards prune before they merge."""
    texts, groups = [], []
    for body, group, templated in docs:
        lines = (SITE_TEMPLATE if templated else []) + body
        texts.append("\n".join(lines))
        groups.append(group)
    params = LearnParams(min_docs=2, min_groups=2, max_items=max_items)
    reference = cleantext.fit(texts, groups=groups, **params.to_dict()).to_bytes()

    order = list(range(len(texts)))
    rnd.shuffle(order)
    shard_count = rnd.randint(1, max(1, len(texts)))
    shards = [Stats(params) for _ in range(shard_count)]
    for index in order:
        shards[rnd.randrange(shard_count)].add(texts[index], group=groups[index])
    rnd.shuffle(shards)
    while len(shards) > 1:  # merge random pairs: any tree of merges
        a = shards.pop(rnd.randrange(len(shards)))
        b = shards.pop(rnd.randrange(len(shards)))
        shards.append(a.merge(b))
    assert shards[0].finalize().to_bytes() == reference


# Found by fuzz/fuzz_clean.py: whole-line and phrase rules must judge a line as it reads after its
# inline markers are cut (filters/matcher.py _scan_line), or cleaning the output finds more.
def test_idempotent_when_an_inline_cut_shortens_a_line():
    body = "Please support us, the reporters said in a statement on Monday. "
    body = (body + "word " * 60)[:268].strip() + "."
    once = cleantext.clean("date 2023-05-24 " + body)
    assert cleantext.clean(once) == once


def test_idempotent_when_an_inline_cut_joins_a_phrase():
    once = cleantext.clean("The mayor said the shelter would open. Sign (ad) up for our newsletter, he added.")
    assert cleantext.clean(once) == once


def test_fit_sharding_property_is_not_vacuous():
    """On a corpus with a site template, the model learns spans, and a sharded fit gives the same bytes."""
    texts = ["\n".join([*SITE_TEMPLATE, SENTENCES[i % 7], SENTENCES[(i + 3) % 7]]) for i in range(9)]
    groups = ["planet"] * 6 + ["bugle", "bugle", None]
    params = LearnParams(min_docs=2, min_groups=2)
    whole = cleantext.fit(texts, groups=groups, **params.to_dict())
    assert whole.scopes
    left, right = Stats(params), Stats(params)
    for index, (text, group) in enumerate(zip(texts, groups)):
        (left if index % 2 else right).add(text, group=group)
    assert right.merge(left).finalize().to_bytes() == whole.to_bytes()
