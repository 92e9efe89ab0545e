"""Page mode (whole-page text): article lines survive, menus, footers and comment threads go.

The pages are hand-made in the shape of real whole-page text (one block a line).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.config import Config
from cleantext.filters import PageBlocks, default

MENU = ["Home", "World", "Politics", "Business", "Technology", "Science", "Health", "Sports",
        "Opinion", "Video", "Subscribe", "Sign in", "Search"]
ARTICLE = [
    "City council approves new budget after months of debate",
    "By Maria Lopez, Staff Writer",
    ("The city council approved a $2.3 billion budget on Tuesday night, ending a standoff that had "
    "delayed repairs to roads and schools across the city since the spring."),
    ("The vote was 7 to 4. Supporters said the plan protects essential services while keeping taxes flat, "
    "and opponents warned that it relies on one-time money that will not be there next year."),
    "What changes for residents",
    ("Bus fares will stay the same, but the city will close two branch libraries on Sundays and delay "
    "the opening of a new community pool until the summer of next year."),
    "\u201cThis is not the budget any of us wanted,\u201d said council member Ana Ruiz.",
    "It passed anyway.",
    ("The mayor is expected to sign the budget later this week, and the new fiscal year begins on July 1, "
    "when the first of the road repairs that were put on hold in the spring will restart."),
]
RELATED = ["Related stories", "Mayor unveils plan for downtown parking", "Schools brace for teacher shortage",
           "Police chief to retire in June"]
COMMENTS = [
    "12 Comments",
    "JohnD on March 3, 2024 at 9:14 am",
    ("I cannot believe they are closing the libraries on Sundays again, this is the third time in five years "
    "and nobody on the council seems to care about the families who depend on them."),
    "Reply",
    "Sue_K on March 3, 2024 at 11:02 am",
    "Totally agree with you, the pool was promised to us years ago and we are still waiting for it to open.",
    "Reply",
]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "Advertise",
          "\u00a9 2024 The Daily Example. All rights reserved."]


def _page(*parts: list[str]) -> str:
    return "\n".join(line for part in parts for line in part)


PAGE = _page(MENU, ARTICLE, RELATED, COMMENTS, FOOTER)


def test_article_lines_survive_page_mode() -> None:
    kept = set(cleantext.clean(PAGE, mode="page").split("\n"))
    for line in ARTICLE[2:]:
        assert line in kept, line


def test_menu_footer_and_comments_go() -> None:
    kept = set(cleantext.clean(PAGE, mode="page").split("\n"))
    assert not kept & set(MENU)
    assert not kept & set(FOOTER)
    assert not kept & set(COMMENTS)


def test_every_removal_is_explained_with_a_page_category() -> None:
    removals = cleantext.explain(PAGE, mode="page")
    by_text = {r.text: r for r in removals}
    assert by_text["Home"].category == "navigation"
    assert by_text["\u00a9 2024 The Daily Example. All rights reserved."].category == "footer"
    assert by_text[COMMENTS[2]].category == "comments"
    page_removals = [r for r in removals if r.filter == "page"]
    assert page_removals and all("content probability" in r.reason for r in page_removals)


def test_article_mode_is_unchanged() -> None:
    assert not any(isinstance(f, PageBlocks) for f in default(Config()))
    assert any(isinstance(f, PageBlocks) for f in default(Config(mode="page")))
    # Article mode does not judge lines by page features (the rules alone may still take a
    # run of section names as a menu); page mode does.
    assert not any(r.filter == "page" for r in cleantext.explain(PAGE))
    assert any(r.filter == "page" for r in cleantext.explain(PAGE, mode="page"))


GERMAN = _page(
    ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Anmelden"],
    [
        "Stadtrat beschließt neuen Haushalt",
        ("Der Stadtrat hat am Dienstagabend nach monatelangem Streit den Haushalt für das kommende Jahr "
        "beschlossen, der unter anderem höhere Ausgaben für Schulen und Straßen vorsieht."),
        ("Die Opposition kritisierte, dass die Stadt sich dabei auf einmalige Einnahmen verlasse, die es "
        "im nächsten Jahr nicht mehr geben werde, und kündigte einen eigenen Antrag an."),
        "Der Bürgermeister will den Haushalt noch in dieser Woche unterzeichnen.",
    ],
    ["Impressum", "Datenschutz", "Kontakt", "\u00a9 2024 Beispiel Zeitung. Alle Rechte vorbehalten."],
)


def test_german_page() -> None:
    kept = cleantext.clean(GERMAN, mode="page").split("\n")
    assert kept[0].startswith("Stadtrat") or kept[0].startswith("Der Stadtrat")
    assert "Der Bürgermeister will den Haushalt noch in dieser Woche unterzeichnen." in kept
    assert not {"Startseite", "Impressum", "Datenschutz"} & set(kept)


def test_deterministic_and_idempotent_enough() -> None:
    once = cleantext.clean(PAGE, mode="page")
    assert cleantext.clean(PAGE, mode="page") == once
    # Cleaning the output again never brings text back and keeps the article body.
    twice = cleantext.clean(once, mode="page")
    assert set(twice.split("\n")) <= set(once.split("\n"))


@pytest.mark.parametrize("text", ["", "\n\n", "Home", "x" * 5000, "\u00a9", "a\u0000b\nc"])
def test_edge_cases_do_not_raise(text: str) -> None:
    out = cleantext.clean(text, mode="page")
    assert len(out) <= len(text) + 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=12))
def test_never_raises_and_never_adds_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    out = cleantext.clean(text, mode="page")
    normalized = cleantext.normalize(text)
    for line in out.split("\n"):
        assert line.strip() in normalized


TAGLINE = ("The Daily Example is an independent newspaper that has covered the city and its "
           "neighbourhoods since 1901, and it is owned by its readers.")
STORIES = [
    ["Bridge reopens after two years of repairs",
     ("The old river bridge reopened to traffic on Monday after two years of repairs that cost the city "
     "far more than the engineers had first expected when the work began."),
     "Drivers said the new lanes were wider and the crossing took half the time it did before the closure."],
    ["Library extends its opening hours",
     ("The central library will stay open until nine in the evening from next month, the city said, "
     "after a survey found that most visitors come after work."),
     "The longer hours will be paid for by a grant from a local foundation for the next three years."],
    ["Farmers market moves to the harbour",
     ("The weekly farmers market will move to the harbour front in May, where there is room for twice "
     "as many stalls as on the square where it has been held since 1985."),
     "Some stall holders worry that their regular customers will not follow them to the new site."],
    ["School board names new superintendent",
     ("The school board named a new superintendent on Thursday, choosing a former teacher who has run "
     "the district's largest high school for the past eight years."),
     "She will start in August and said her first task would be to hire more teachers for the fall."],
]


def _site_page(story: list[str]) -> str:
    return _page(MENU[:6], [TAGLINE], story, FOOTER)


def test_site_model_is_a_feature_of_page_mode() -> None:
    pages = [_site_page(story) for story in STORIES]
    model = cleantext.fit(pages, groups=["daily.example"] * len(pages))
    for story, page in zip(STORIES, pages):
        kept = cleantext.clean(page, mode="page", model=model, group="daily.example").split("\n")
        assert TAGLINE not in kept
        assert not set(MENU) & set(kept)
        for line in story[1:]:
            assert line in kept
    removals = cleantext.explain(pages[0], mode="page", model=model, group="daily.example")
    assert any(r.text == TAGLINE for r in removals)


def test_learned_lines_reach_the_classifier() -> None:
    from cleantext.document import Document
    from cleantext.filters.page_features import NAMES

    pages = [_site_page(story) for story in STORIES]
    model = cleantext.fit(pages, groups=["daily.example"] * len(pages))
    blocks = PageBlocks().with_learned(model.filter("daily.example"))
    page = blocks.analyse(Document(pages[0]))
    flags = {line.text: vec[NAMES.index("repeated")] for line, vec in zip(page.lines, page.vectors)}
    assert flags[TAGLINE] == 1.0 and flags["Home"] == 1.0
    assert flags[STORIES[0][1]] == 0.0
    # Without a model nothing is flagged as repeated.
    plain = PageBlocks().analyse(Document(pages[0]))
    assert not any(vec[NAMES.index("repeated")] for vec in plain.vectors)


BYLINE_THREAD = [
    "Alex on September 17, 2018 at 6:34 am said:",
    ("I skimmed the report and did not see any analysis of how much longer the trips take on the new "
    "buses, which seems like an important part of the picture to me."),
    "Maria (Editor) on September 19, 2018 at 12:48 pm said:",
    ("Thanks for the question, our best guess is that the effect on travel time is small, and we will "
    "look at it again when the next survey comes out."),
]


def test_comment_thread_without_heading_goes() -> None:
    page = _page(MENU, ARTICLE, BYLINE_THREAD, FOOTER)
    kept = cleantext.clean(page, mode="page").split("\n")
    for line in ARTICLE[2:]:
        assert line in kept, line
    assert not set(BYLINE_THREAD) & set(kept)
    categories = {r.text: r.category for r in cleantext.explain(page, mode="page")}
    assert categories[BYLINE_THREAD[1]] == "comments"


FRENCH = _page(
    ["Accueil", "International", "Économie", "Culture", "Se connecter"],
    [
        "Le conseil municipal adopte le budget",
        ("Le conseil municipal a adopté mardi soir le budget de la ville pour l'année prochaine, après "
        "plusieurs mois de débats sur le financement des écoles et des routes."),
        "« Ce n'est pas le budget que nous voulions », a reconnu une élue de l'opposition.",
        ("Le maire doit signer le texte dans la semaine, et les premiers travaux reprendront en juillet "
        "dans les quartiers où ils avaient été suspendus au printemps."),
    ],
    ["Mentions légales", "Contact", "© 2024 Le Quotidien. Tous droits réservés."],
)


def test_french_page_keeps_quote_and_paragraphs() -> None:
    kept = cleantext.clean(FRENCH, mode="page").split("\n")
    for line in FRENCH.split("\n")[6:9]:
        assert line in kept, line
    assert not {"Accueil", "Mentions légales", "© 2024 Le Quotidien. Tous droits réservés."} & set(kept)


QUOTED = [
    "Council votes to keep the night buses",
    ("The council voted on Thursday to keep the night bus routes for another year, after hundreds of "
     "shift workers wrote in to say they had no other way to get home."),
    "\u201cWithout the night bus I would have to leave my job,\u201d one nurse wrote.",
    "\u201cWe heard them.\u201d",
    "Funding",
    ("The routes will cost about four million a year, paid from the parking fund, and the council will "
     "look again at the numbers next spring when the new fares take effect."),
]


def test_short_quotes_and_headings_inside_the_article_survive() -> None:
    page = _page(MENU, QUOTED, RELATED, FOOTER)
    kept = cleantext.clean(page, mode="page").split("\n")
    for line in QUOTED[1:]:
        assert line in kept, line
    assert not set(MENU) & set(kept)
    removed = [r for r in cleantext.explain(page, mode="page") if r.filter == "page"]
    assert removed and all(r.category in ("navigation", "footer", "comments") for r in removed)


# Article lines in the shape of a news feature (written for this test, not taken from the bench): a title,
# in-article headings, a quote that ends in a closing quote, a pull quote and its attribution, short paragraphs.
REAL_ARTICLE = [
    "Harbour ferry keeps the island's shops alive",
    ("Of all the changes on the island, it is the new ferry that has done the most for its high street in recent "
     "years. And among the boats moored at the harbour festival in Kirkwall this week, the ferry still stood out."),
    ("The star of this year's festival was as squat and sturdy as a tugboat. The council's latest vessel, the "
     "Orcadia, carries forty cars or two lorries."),
    "'Lifeline effect'",
    ("The ferry has also given rise to what the harbour master calls a chain of small businesses, run by families "
     "feeding off the crossing's success."),
    "This includes the first café on the pier to stay open all winter. However, the bakery has had mixed reviews.",
    ("Morag Flett says: \"People come over for the day on the ferry and see how lovely the place is, and then "
     "they start thinking about staying for a week.\""),
    "Winning new visitors",
    "That said, one move the council has made this year is to cut the fare for foot passengers.",
    ("It is aimed squarely at day-trippers: those already on the mainland can leave the car at the terminal and "
     "walk straight onto the boat."),
    "A closed harbour?",
    ("Or so says the latest rumour, according to Ewan Rendall. \"The way the story goes is that once the new "
     "pier is built, the old one will be sold off, so it will be closed to fishing boats."),
    "Two or three years from now, the old pier will be a car park for the ferry",
    "Ewan Rendall, harbour users' group",
    ("\"So the boats will have to moor at the new pier, which costs far more than the old one did. They will then "
     "pass the cost on to the shops, because the ferry is the only way to get their catch over."),
    "Like most rumours, this one is fed by silence.",
    ("The council is as careful about its own image as it is about the timetable, and it says little about what "
     "it plans to build next."),
]


@pytest.mark.parametrize("with_related", [False, True])
def test_real_article_lines_survive(with_related: bool) -> None:
    page = _page(MENU, REAL_ARTICLE, RELATED if with_related else [], FOOTER)
    kept = cleantext.clean(page, mode="page").split("\n")
    for line in REAL_ARTICLE:  # the title too: it sits just above the first paragraph
        assert line in kept, line
    assert not (set(MENU) | set(FOOTER)) & set(kept)


# A recipe post in the shape of a blog's whole page: its ingredient list is content.
RECIPE = [
    "Almond cinnamon cookies",
    "Posted on December 3, 2023 by Anna",
    ("I bake these cookies every year in December, and they are always the first to disappear. The dough is "
     "ready in ten minutes and only needs a short rest in the fridge."),
    "Ingredients",
    "300 g flour", "1 tsp baking powder", "100 g ground almonds", "200 g butter", "150 g sugar",
    "1 pinch of salt", "1 egg", "1 tsp cinnamon",
    "Method",
    ("Mix the flour, baking powder, almonds, sugar, salt and cinnamon in a bowl. Add the cold butter in pieces "
     "and the egg and quickly knead everything into a smooth dough."),
    ("Chill the dough for half an hour, then roll it out, cut out the cookies and bake them at 180 degrees for "
     "about twelve minutes, until the edges are golden."),
]
BLOG_MENU = ["Home", "Recipes", "Baking", "Dinner", "About me", "Contact", "Search"]
BLOG_END = ["Share this:", "Facebook", "Twitter", "Pinterest", "Related posts", "Grandma's cinnamon stars",
            "Vanilla crescents without eggs", "\u00a9 2023 Anna's Kitchen", "Imprint", "Privacy"]


def test_recipe_paragraphs_and_headings_survive() -> None:
    page = _page(BLOG_MENU, RECIPE, BLOG_END)
    kept = cleantext.clean(page, mode="page").split("\n")
    for line in (RECIPE[0], RECIPE[2], "Ingredients", "Method", RECIPE[-2], RECIPE[-1]):
        assert line in kept, line
    assert not set(BLOG_MENU) & set(kept)


@pytest.mark.xfail(strict=True, reason=(
    "known loss (docs/page-mode.md, Limits): list items in the middle of a list can fall below the line model's "
    "threshold; bridging such gaps between kept short lines did not help held out (page_eval --lost, 2026-11-30); "
    "a model trained with every dataset weighing the same kept them but lost must-keep snippets (session 20)"))
def test_every_recipe_ingredient_survives() -> None:
    page = _page(BLOG_MENU, RECIPE, BLOG_END)
    kept = cleantext.clean(page, mode="page").split("\n")
    for line in RECIPE[4:12]:
        assert line in kept, line


def test_lost_snippets_name_the_filters_that_removed_them() -> None:
    from benchmarks.page_eval import lost_in, touches
    from cleantext.compose import pipeline_for
    from benchmarks.score import normalise, survives

    page = _page(BLOG_MENU, RECIPE, BLOG_END)
    result = pipeline_for(Config(mode="page")).run(page)
    snippets = [*RECIPE, *BLOG_MENU, "a line that is not on the page"]
    lost = lost_in(result, snippets)
    after = normalise(result.text)
    assert {s for s, _, _ in lost} == {s for s in snippets if s in page and not survives(s, after)}
    assert any(s in BLOG_MENU for s, _, _ in lost)  # the menu is gone, and reported
    for snippet, filters, removals in lost:
        assert removals and all(r.applied and touches(snippet, result.normalized[r.start:r.end]) for r in removals)
        assert filters and set(filters) <= {r.filter for r in removals}
        if snippet in RECIPE:
            assert filters == ("page",)  # page mode's line model, not a rule, removed the recipe's lines
    kept = [s for s in RECIPE if survives(s, after)]
    assert kept and not {s for s, _, _ in lost} & set(kept)


def test_keeping_learned_keeps_what_the_model_would_remove_in_page_mode() -> None:
    """With keep_categories={"learned"} the page classifier cut the model's lines anyway (as navigation or
    footer), reading them as its site feature: it now judges the page as it does without a model."""
    from tests.site_corpus import site_pages

    texts, groups = site_pages(30)
    model = cleantext.fit(texts, groups=groups)
    for text, group in list(zip(texts, groups))[:5]:
        kept = cleantext.clean(text, mode="page", model=model, group=group, keep_categories={"learned"})
        assert kept == cleantext.clean(text, mode="page")
        learned = [r for r in cleantext.explain(text, mode="page", model=model, group=group,
                                                keep_categories={"learned"}) if r.filter == "learned"]
        assert all(not r.applied for r in learned)
