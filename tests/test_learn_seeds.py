"""Learning on the five seeds: the Moscow Times appeal is learned, the shared wire quotes are not."""

from __future__ import annotations

import pytest

import cleantext
from cleantext.document import Document
from cleantext.learn.spans import line_spans

APPEAL = [
    "Dear readers,",
    "We are facing unprecedented challenges.",
    "These actions are direct attempts to silence independent journalism in Russia.",
    "We, the journalists of The Moscow Times, refuse to be silenced.",
    "Your support, no matter how small, makes a world of difference.",
    "Thank you for standing with us.",
]
GROUPS = {"000": "themoscowtimes.com", "001": "other-outlet.example", "002": "themoscowtimes.com",
          "003": "themoscowtimes.com", "004": "german-outlet.example"}


def _texts(seeds):
    return list(seeds.values())


def _groups(seeds):
    return [GROUPS[name[:3]] for name in seeds]


def _shared_only_by_000_and_001(seeds) -> list[str]:
    """Sentences and lines (as template keys) that 000 and 001 share and no other seed has."""
    keys = []
    for text in seeds.values():
        doc = Document(cleantext.normalize(text))
        keys.append({s.key: doc.text[s.start : s.end] for s in line_spans(doc)})
    shared = keys[0].keys() & keys[1].keys()
    others = set().union(*keys[2:])
    return [keys[0][k] for k in sorted(shared - others)]


@pytest.mark.parametrize("grouped", [False, True], ids=["no-groups", "groups"])
def test_learns_the_appeal_and_no_wire_sentence(seeds, grouped):
    model = cleantext.fit(_texts(seeds), groups=_groups(seeds) if grouped else None)
    wire = _shared_only_by_000_and_001(seeds)
    assert any("The night was not entirely calm." in s for s in wire)  # the case is really there
    for name, text in seeds.items():
        group = GROUPS[name[:3]] if grouped else None
        doc = Document(cleantext.normalize(text))
        learned = {doc.text[s.start : s.end] for s in line_spans(doc) if s.key in model.spans(group)}
        assert not learned & set(wire), f"{name}: learned a sentence shared only by the two wire copies"
        if name[:3] in ("000", "002", "003"):
            for sentence in APPEAL:
                assert any(sentence in span for span in learned), f"{name}: did not learn {sentence!r}"


def test_learned_filter_alone_cuts_the_appeal_and_keeps_the_story(seeds):
    model = cleantext.fit(_texts(seeds))
    text = seeds["003_baddc1fe5ee2b4c8.txt"]
    pipeline = cleantext.Pipeline([model.filter()])
    out = pipeline.clean(text)
    for sentence in APPEAL:
        assert sentence not in out
    assert "Russia’s Defense Ministry said Wednesday it downed 12 Ukrainian missiles" in out
    removals = pipeline.explain(text)
    assert removals and all(r.category == "learned" and "3 distinct documents" in r.reason for r in removals)


def test_clean_with_model_keeps_every_story_sentence_of_001(seeds):
    model = cleantext.fit(_texts(seeds), groups=_groups(seeds))
    text = seeds["001_0ebfa0ebc818d6c6.txt"]
    out = cleantext.clean(text, model=model, group=GROUPS["001"])
    assert out == cleantext.clean(text)  # nothing learned applies to the other outlet's copy
    assert "“The night was not entirely calm. There were a large number of drone attacks." in out


def test_group_needs_a_model():
    with pytest.raises(TypeError, match="model="):
        cleantext.clean("text", group="site")
    with pytest.raises(TypeError, match="cleantext.Model"):
        cleantext.clean("text", model="model.bin")


def test_comments_counter_is_one_template():
    pages = [f"Story number {w} happened today.\nComments ({n})" for w, n in
             [("one", 3), ("two", 12), ("three", 0), ("four", 7)]]
    model = cleantext.fit(pages)
    assert cleantext.clean("A fresh story.\nComments (99)", model=model) == "A fresh story."


def test_learned_sentence_inside_a_paragraph_is_cut_at_sentence_boundaries():
    stories = ["The river rose after two days of rain in the northern hills",
               "Farmers in the valley began the barley harvest a week early",
               "The council voted to repair the old stone bridge next spring",
               "A school choir from the valley won the regional competition"]
    pages = [f"{story}. Follow us on Mastodon for updates. More soon." for story in stories]
    model = cleantext.fit(pages)
    text = "New report.\nThe dam held firm. Follow us on Mastodon for updates. Residents returned home."
    assert cleantext.clean(text, model=model) == "New report.\nThe dam held firm. Residents returned home."


def test_near_duplicate_pages_count_once():
    story = ("The river rose after two days of rain in the northern hills, and the council closed the "
             "old stone bridge while engineers checked its pillars for damage.")
    pages = [f"{story}\nEdition {n}" for n in range(6)]  # one story, six copies
    model = cleantext.fit(pages)
    assert model.spans() == {}
