"""The learned filter: article lines survive, learned spans go with a reason, any text is safe."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from tests.test_golden import ARTICLE_LINES

TEMPLATE = ["Support The Moscow Times!", "Sign up for our free weekly newsletter", "Remind me later.",
            "Share this article on social media", "Comments (12)"]
STORIES = [
    "Russia’s Defense Ministry said Wednesday it downed 12 Ukrainian missiles in the western Belgorod region.",
    "Farmers in the valley began the barley harvest a week early after the dry spring.",
    "The council voted to repair the old stone bridge before the winter floods.",
    "A school choir from the coast won the national competition for the first time.",
    "Shipping companies rerouted tankers around the strait after the storm warning.",
]


def _pages() -> list[str]:
    return ["\n\n".join([TEMPLATE[0], story, *TEMPLATE[1:]]) for story in STORIES]


MODEL = cleantext.fit(_pages(), groups=["mt"] * len(STORIES))


def test_template_goes_and_article_lines_survive():
    article = "\n\n".join(ARTICLE_LINES)
    text = "\n\n".join([TEMPLATE[0], article, *TEMPLATE[1:]])
    out = cleantext.clean(text, model=MODEL, group="mt")
    assert out == cleantext.clean(article)  # every template line gone, nothing else touched
    for line in ARTICLE_LINES:
        assert line in out


def test_every_learned_removal_names_its_evidence():
    text = _pages()[0]
    removals = [r for r in cleantext.explain(text, model=MODEL, group="mt") if r.filter == "learned"]
    assert removals
    for r in removals:
        assert r.category == "learned"
        assert "distinct documents out of 5 in group 'mt'" in r.reason
        assert r.confidence == "high"  # in every page of its group


def test_other_groups_are_not_touched():
    text = _pages()[0]
    assert cleantext.clean(text, model=MODEL, group="another-site") == cleantext.clean(text)
    assert cleantext.clean(text, model=MODEL) == cleantext.clean(text)  # no group: only shared spans


def test_spans_learned_in_several_groups_apply_everywhere():
    pages, groups = [], []
    for site in ("a.example", "b.example", "c.example"):
        for story in STORIES[:3]:
            pages.append(f"{story} ({site})\nAdvertisement\nEnd of story {site}.")
            groups.append(site)
    model = cleantext.fit(pages, groups=groups)
    removals = cleantext.Pipeline([model.filter("new.example")]).explain("Fresh story.\nAdvertisement")
    assert [r.text for r in removals] == ["Advertisement"]
    assert "recurs in 3 groups" in removals[0].reason


def test_a_sentence_repeated_by_two_stories_of_a_site_is_content():
    quote = "“The night was not entirely calm. There were a large number of drone attacks,” Gladkov said."
    pages = [f"{story}\n{quote}" if i < 2 else story for i, story in enumerate(STORIES)]
    model = cleantext.fit(pages, groups=["site"] * len(pages))
    assert quote in cleantext.clean(pages[0], model=model, group="site")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=6), st.text(max_size=300))
def test_any_unicode_fits_and_cleans_without_raising(corpus, text):
    model = cleantext.fit(corpus + corpus)
    out = cleantext.clean(text, model=model)
    assert len(out) <= len(cleantext.normalize(text))
    assert cleantext.clean(text, model=cleantext.Model.from_bytes(model.to_bytes())) == out


def test_a_model_keeps_a_bounded_number_of_group_filters(monkeypatch) -> None:
    from cleantext.learn import model as model_module

    monkeypatch.setattr(model_module, "MAX_CACHED_FILTERS", 3)
    first = MODEL.filter("site-0")
    for n in range(1, 6):
        MODEL.filter(f"site-{n}")
    assert len(MODEL._filters) == 3
    assert MODEL.filter("site-5") is MODEL.filter("site-5")  # recent ones are kept ...
    assert MODEL.filter("site-0") is not first  # ... the oldest was dropped and is rebuilt
    text = "Fresh story.\nAdvertisement"
    assert cleantext.clean(text, model=MODEL, group="site-0") == cleantext.clean(text, model=MODEL, group="site-0")


def test_a_group_filter_does_not_copy_the_shared_spans() -> None:
    """Each group's filter held a merged copy of the shared spans: a worker keeping 1,024 group filters of a
    model with 50,000 shared spans grew to 5 GB. The filter now reads the model's own tables."""
    pages, groups = [], []
    for site in ("a.example", "b.example", "c.example"):
        for story in STORIES:
            pages.append(f"{story}\nFrom the regional desk of the network\nEnd of story on {site}.\nOnly on {site} today")
            groups.append(site)
    model = cleantext.fit(pages, groups=groups)
    own, shared = model.scopes_for("a.example")
    assert own and shared  # a site's own line, and the desk line learned in three groups
    for group in ("a.example", "new.example", None):
        flt = model.filter(group)
        assert flt._shared is shared  # the model's table, not a copy
        own = model.scopes_for(group)[0]
        assert flt._own is own or not own
    text = "Fresh story.\nFrom the regional desk of the network\nOnly on a.example today"
    for group in ("a.example", "new.example", None):  # the same removals as the merged view of Model.spans
        removed = [r.text for r in cleantext.explain(text, model=model, group=group) if r.filter == "learned"]
        lines = [line for line in text.split("\n")[1:] if any(
            key in model.spans(group) for key in _line_keys(line))]
        assert removed == lines


def _line_keys(line: str) -> list[int]:
    from cleantext.learn.spans import spans_of_line

    return [key for _, _, _, key, _ in spans_of_line(line)]
