"""Page mode keeps the list that a kept line ending in a colon announces (``decide(announces=...)``).

The lines are real: Resiliparse's text of billboard.com's and remember8090.it's pages (scrapinghub), whose
tour dates and Amazon offers the line model took for the page's footer when the dataset was left out of
its training (docs/page-mode.md, "Announced lists").
"""

from __future__ import annotations

from cleantext.document import Document
from cleantext.filters.page import MAX_ANNOUNCED_LINES, MAX_ANNOUNCED_WORDS, PageBlocks, decide, introduces

TOUR = [
    "Long considered one of the Rock & Roll Hall of Fame great slights, the Doobies last month were finally "
    "nominated for induction.",
    "The Doobie Brothers 50th Anniversary Tour 2020 dates:",
    "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
    "June 10 -- MIDFLORIDA Credit Union Amphitheatre, Tampa, FL",
    "June 14 -- Ameris Bank Amphitheatre (Formerly Verizon Amphitheatre), Alpharetta, GA",
    "June 17 -- Bridgestone Arena, Nashville, TN",
]
OFFERS = [
    "E chi siamo noi per astenersi da questa corsa consumistica? Ecco allora le offerte PRO-NOSTALGICI anni "
    "\u201980 e \u201990 da non lasciarsi sfuggire su a Amazon:",
    "1) Lego Star Wars 75188 Bombardiere della Resistenza",
    "http://amzn.to/2iJFhRj",
    "2) Polistil 960574 Pista Elettrica Sorpasso",
    "http://amzn.to/2hZfWFJ",
]


def _words(lines: list[str]) -> list[int]:
    return [len(line.split()) for line in lines]


def _decide(lines: list[str], probabilities: list[float], marked: list[bool] | None = None) -> list[bool]:
    return decide(probabilities, 0.5, [False] * len(lines), _words(lines), announces=[introduces(x) for x in lines],
                  marked=marked or [False] * len(lines))


def test_the_tour_dates_after_a_kept_colon_line_stay():
    kept = _decide(TOUR, [0.9, 0.6, 0.1, 0.1, 0.2, 0.1])
    assert kept == [True] * len(TOUR)


def test_the_offers_and_their_links_stay():
    kept = _decide(OFFERS, [0.95, 0.2, 0.05, 0.2, 0.05])
    assert kept == [True] * len(OFFERS)


def test_without_the_colon_line_kept_nothing_is_added():
    # The announcing line itself falls below the threshold: the list is left to the line model.
    assert _decide(TOUR, [0.9, 0.3, 0.1, 0.1, 0.2, 0.1]) == [True, False, False, False, False, False]
    # No colon: a kept line followed by short low lines (a footer menu) keeps nothing more.
    footer = ["The four will tour together for the first time in nearly a quarter century.", "Contact us",
              "Privacy policy", "Terms of use"]
    assert _decide(footer, [0.9, 0.1, 0.1, 0.1]) == [True, False, False, False]


def test_the_run_stops_at_a_marked_line_a_long_line_and_the_limit():
    share = ["Share this:", "Facebook", "Twitter", "Email"]
    # A kept "Share this:" whose buttons a rule marks announces nothing.
    assert _decide(share, [0.6, 0.1, 0.1, 0.1], marked=[False, True, True, True]) == [True, False, False, False]
    # The run stops at the first marked line: what comes after it is the line model's again.
    assert _decide(TOUR, [0.9, 0.6, 0.1, 0.1, 0.2, 0.1], marked=[False, False, False, True, False, False]) == [
        True, True, True, False, False, False]
    long_line = " ".join(["word"] * (MAX_ANNOUNCED_WORDS + 1))
    assert _decide(["Here is the list:", "one item", long_line, "another item"], [0.9, 0.1, 0.1, 0.1]) == [
        True, True, False, False]
    items = ["Ingredients:"] + [f"{n} cups of flour" for n in range(MAX_ANNOUNCED_LINES + 5)]
    kept = _decide(items, [0.9] + [0.1] * (len(items) - 1))
    assert kept == [True] * (MAX_ANNOUNCED_LINES + 1) + [False] * 5


def test_the_run_goes_on_over_items_the_model_keeps():
    # The first dates are above the threshold, the later ones below: all stay.
    assert _decide(TOUR, [0.9, 0.7, 0.5, 0.45, 0.3, 0.25]) == [True] * len(TOUR)
    # A kept paragraph longer than an item ends the run; a later colon line announces again.
    paragraph = ("Then the band rests for a month before the second leg of the tour starts in the autumn, with "
                 "dates in Canada and the Pacific Northwest still to be announced by the promoter in the coming "
                 "weeks, the statement from the band's management company said on Tuesday.")
    lines = ["Dates:", "June 9", paragraph, "Menu", "More dates:", "July 1", "July 2"]
    assert _decide(lines, [0.9, 0.1, 0.9, 0.1, 0.6, 0.1, 0.1]) == [True, True, True, False, True, True, True]


def test_page_mode_keeps_a_kept_colon_lines_list_through_the_filter():
    """Through PageBlocks: whatever the line model says of the dates, a kept announcing line keeps them."""
    article = [
        "The Doobie Brothers will unite with former frontman Michael McDonald for a 2020 North American tour "
        "celebrating the band\u2019s 50th anniversary.",
        "Singer-guitarists Tom Johnston and Patrick Simmons, singer-keyboardist McDonald, and multi-instrumentalist "
        "John McFee will tour together for the first time in nearly 25 years during the trek.",
        "Tickets for the 50th anniversary tour go on sale to the general public starting Friday, December 6th, at "
        "10 a.m. local time via Live Nation.",
    ]
    page = "\n\n".join(article) + "\n\n" + "\n".join(TOUR[1:])
    flt = PageBlocks()
    analysis = flt.analyse(Document(page))
    texts = [line.text for line in analysis.lines]
    at = texts.index(TOUR[1])
    # The shipped model keeps the announcing line and the first dates, and not the last two (0.32, 0.25):
    # the announcement keeps them.
    assert analysis.keep[at]
    assert min(analysis.probabilities[at:]) < analysis.threshold
    assert all(analysis.keep), [t for t, k in zip(texts, analysis.keep) if not k]
    assert not list(flt(Document(page)))
