"""Page mode removes a line that repeats one of the two lines just above it (5+ words); the first copy is
judged by the line model like any line, and copies further apart or shorter are left to it.

The caption is real: Resiliparse's text of a chron.com gallery (scrapinghub), which writes each slide's
caption once per slide, and the same caption again under "Image 1 of 9".
"""

from __future__ import annotations

import numpy as np

import cleantext
from cleantext.document import Document
from cleantext.filters.page import MIN_COPY_WORDS, PageBlocks, decide, later_copies
from cleantext.filters.page_features import page_copies

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
    copies = later_copies(page_copies(lines), [len(line.split()) for line in lines])
    # The copies right under a copy go (the caption's second and fourth, the credit's second); the first copies,
    # and the caption's third copy under "Image 1 of 9" (3+ lines from the last) are the model's to judge.
    assert [i for i, c in enumerate(copies) if c] == [2, 4, 10]
    removed = {r.text.strip(): r for r in _removals(PAGE)}
    by_copy = [r for r in _removals(PAGE) if "repeats a line" in r.reason]
    assert by_copy and all(r.text.strip() in (CAPTION, CREDIT) for r in by_copy)
    assert all(r.category in ("navigation", "footer") for r in by_copy)
    # Every article paragraph stays.
    assert not any(p in removed for p in ARTICLE)
    assert cleantext.clean(PAGE, mode="page").count(CAPTION) <= 2


def test_the_first_copy_stays_when_the_model_keeps_it() -> None:
    lines = [CAPTION, CAPTION, CAPTION, *ARTICLE]
    copies = later_copies(page_copies(lines), [len(line.split()) for line in lines])
    keep = decide([0.9] * len(lines), 0.35, [False] * len(lines), [len(line.split()) for line in lines], copies=copies)
    assert keep == [True, False, False] + [True] * len(ARTICLE)


def test_a_chorus_sung_again_after_a_verse_stays() -> None:
    # A song's chorus comes back after each verse: copies, but not of the lines just above, so the rule leaves them.
    verse_1 = ["In a cavern, in a canyon, excavating for a mine,", "Dwelt a miner forty-niner, and his daughter Clementine."]
    chorus = ["Oh my darling, oh my darling, oh my darling, Clementine!",
              "You are lost and gone forever, dreadful sorry, Clementine."]
    verse_2 = ["Light she was and like a fairy, and her shoes were number nine,",
               "Herring boxes, without topses, sandals were for Clementine."]
    lines = [*verse_1, *chorus, *verse_2, *chorus]
    found = page_copies(lines)
    assert found[6:, 2].tolist() == [1.0, 1.0]  # copies of earlier lines ...
    assert later_copies(found, [len(line.split()) for line in lines]) == [False] * len(lines)  # ... kept


def test_short_repeated_cells_are_left_to_the_model() -> None:
    # A comparison table's cells ("Yes", "Free shipping") and a list's "Read more" repeat line after line.
    lines = ["Free shipping", "Free shipping", "Yes", "Yes", "Yes", "Read more", "Read more", "Add to compare list", "Add to compare list"]
    words = [len(line.split()) for line in lines]
    assert max(words) < MIN_COPY_WORDS
    assert later_copies(page_copies(lines), words) == [False] * len(lines)


def test_bullets_and_indentation_do_not_hide_a_copy() -> None:
    lines = ["\u2022 " + CAPTION, "    " + CAPTION, "- " + CAPTION]
    assert later_copies(page_copies(lines), [30] * 3) == [False, True, True]
    assert page_copies(["\u2022", "\u2022", "\u2022"]).sum() == 0.0
    assert later_copies(np.zeros((0, 4)), []) == []
