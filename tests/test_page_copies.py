"""Page mode removes a line that repeats one of the two lines just above it (5+ words); the first copy is
judged by the line model like any line, and copies further apart or shorter are left to it.

The caption is real: Resiliparse's text of a chron.com gallery (scrapinghub), which writes each slide's
caption once per slide, and the same caption again under "Image 1 of 9".
"""

from __future__ import annotations

import cleantext
from cleantext.document import Document
from cleantext.filters.page import MIN_COPY_WORDS, PageBlocks, decide, later_copies

CAPTION = ("In this Sunday, Nov. 10, 2019, photograph, a long row of unsold E-Pace sports-utility vehicles sits at a "
           "Jaguar dealership in Littleton, Colo. (AP Photo/David Zalubowski)")
CREDIT = "Photo: David Zalubowski, STF / Associated Press"
ARTICLE = [
    "New vehicle sales in the Houston area plunged 10 percent last month, despite low interest rates and clearance deals.",
    "Local auto dealers sold 30,154 new cars, trucks and SUVs in October, the second-highest sales volume of the year "
    "thus far but still down 10 percent from a year ago, according to the TexAuto Facts report from InfoNation.",
    "Consumers have purchased 208,560 new vehicles this year, down 5 percent from the year-to-date period last year. "
    "Truck and SUV sales are down 2.6 percent, while sedan sales are down 12.3 percent.",
    "\u201cPeople are a little more cautious in regards to purchasing vehicles,\u201d InfoNation President Dan McDowell "
    "said, adding, \u201c2019 is just not as strong as 2018.\u201d",
    "The sales slump comes even as the average interest rate on a new vehicle loan stayed below 6 percent for the "
    "fourth consecutive month.",
]
# The gallery as Resiliparse writes it (lines 1-21 of the page), then the article.
GALLERY = [
    "  \u2022 " + CAPTION + " Photo: David Zalubowski, STF / Associated Press / Copyright 2019 The Associated Press.",
    "    " + CAPTION, "    " + CAPTION, "    " + CREDIT, CREDIT, "Image 1 of / 9", "Caption", "Close", "Image 1 of 9",
    CAPTION, CAPTION, CREDIT,
]
PAGE = "\n\n".join([*GALLERY, *ARTICLE])


def _removals(text: str) -> list:
    return list(PageBlocks()(Document(text)))


def test_a_caption_repeated_goes_after_its_first_copy() -> None:
    lines = [line.strip() for line in PAGE.split("\n\n")]
    copies = later_copies(lines, [len(line.split()) for line in lines])
    # The copies right under a copy (the caption's second and fourth, the credit's second) go when the copy above
    # stays; the first copies, and the caption's third copy under "Image 1 of 9" (3+ lines from the last), are the
    # model's to judge.
    assert {i: j for i, j in enumerate(copies) if j >= 0} == {2: 1, 4: 3, 10: 9}
    page = PageBlocks().analyse(Document(PAGE))
    assert page.copies == copies
    # A copy and the line it repeats are never both kept.
    assert not any(j >= 0 and page.keep[i] and page.keep[j] for i, j in enumerate(copies))
    removed = {r.text.strip(): r for r in _removals(PAGE)}
    for r in _removals(PAGE):
        if "repeats the line" in r.reason:
            assert r.text.strip() in (CAPTION, CREDIT) and r.category in ("navigation", "footer")
    # Every article paragraph stays.
    assert not any(p in removed for p in ARTICLE)
    assert cleantext.clean(PAGE, mode="page").count(CAPTION) <= 2


def test_the_first_copy_stays_when_the_model_keeps_it() -> None:
    lines = [CAPTION, CAPTION, CAPTION, CAPTION, CAPTION, *ARTICLE]
    words = [len(line.split()) for line in lines]
    copies = later_copies(lines, words)
    keep = decide([0.9] * len(lines), 0.35, [False] * len(lines), words, copies=copies)
    assert keep == [True, False, False, False, False] + [True] * len(ARTICLE)


def test_a_copy_stays_when_the_line_it_repeats_goes() -> None:
    # evang.at (trafilatura_eval): the subtitle is written twice around a photo credit; the model drops the first
    # and keeps the second, which must then stay (a `with` snippet of the annotators).
    subtitle = ("Chalupka: \u201cVerantwortliche in Pfarrgemeinden sollen als Gespr\u00e4chspartner*innen zur "
                "Verf\u00fcgung stehen\u201d")
    lines = [subtitle, "In Gottesdiensten gilt FFP2-Maskenpflicht. Foto: ccnull/Marco Verch/cc by sa 2.0", subtitle]
    words = [len(line.split()) for line in lines]
    copies = later_copies(lines, words)
    assert copies == [-1, -1, 0]
    assert decide([0.02, 0.1, 0.9], 0.28, [False] * 3, words, copies=copies) == [False, False, True]
    assert decide([0.9, 0.1, 0.9], 0.28, [False] * 3, words, copies=copies) == [True, False, False]


def test_a_chorus_sung_again_after_a_verse_stays() -> None:
    # A song's chorus comes back after each verse: copies, but not of the lines just above, so the rule leaves them.
    verse_1 = ["In a cavern, in a canyon, excavating for a mine,", "Dwelt a miner forty-niner, and his daughter Clementine."]
    chorus = ["Oh my darling, oh my darling, oh my darling, Clementine!",
              "You are lost and gone forever, dreadful sorry, Clementine."]
    verse_2 = ["Light she was and like a fairy, and her shoes were number nine,",
               "Herring boxes, without topses, sandals were for Clementine."]
    lines = [*verse_1, *chorus, *verse_2, *chorus]
    assert later_copies(lines, [len(line.split()) for line in lines]) == [-1] * len(lines)


def test_short_repeated_cells_are_left_to_the_model() -> None:
    # A comparison table's cells ("Yes", "Free shipping") and a list's "Read more" repeat line after line.
    lines = ["Free shipping", "Free shipping", "Yes", "Yes", "Yes", "Read more", "Read more", "Add to compare list", "Add to compare list"]
    words = [len(line.split()) for line in lines]
    assert max(words) < MIN_COPY_WORDS
    assert later_copies(lines, words) == [-1] * len(lines)


def test_bullets_and_indentation_do_not_hide_a_copy() -> None:
    lines = ["\u2022 " + CAPTION, "    " + CAPTION, "- " + CAPTION]
    assert later_copies(lines, [30] * 3) == [-1, 0, 1]
    assert later_copies(["\u2022", "\u2022", "\u2022"], [30] * 3) == [-1, -1, -1]
    assert later_copies([], []) == []
