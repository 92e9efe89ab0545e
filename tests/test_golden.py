"""Golden files: the five seed articles and their hand-written expected output."""

from __future__ import annotations

import pytest

import cleantext
from tests.conftest import FIXTURES

SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_matches_golden(path):
    expected = (FIXTURES / "expected" / path.name).read_text(encoding="utf-8").rstrip("\n")
    assert cleantext.clean(path.read_text(encoding="utf-8")) == expected


def test_five_seeds_are_shipped():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_every_output_line_is_an_input_line_or_part_of_one(path):
    text = path.read_text(encoding="utf-8")
    for line in cleantext.clean(text).splitlines():
        assert line.strip() in text


ARTICLE_LINES = [
    # titles and headings
    "Drone Attacks Overnight in Russian Border Region – Governor",
    "Russia Says Repelled ‘Incursion Attempt’ Into Border Region",
    "More attacks announced",
    "Moscow: bombings and explosions",
    "Ukraine: intra-Russian crisis",
    "limited influence",
    "Repeated sabotage in Russia",
    # quotes, short paragraphs, attribution
    "“The most important thing is that there are no casualties,” he added.",
    "AFP contributed reporting.",
    "The ministry’s statement could not be independently verified.",
    "Local officials were inspecting nearby buildings to see if they were damaged, Demidov said.",
]


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_lines_of_the_seeds_survive(seeds, line):
    source = next(name for name, text in seeds.items() if line in text)
    assert line in cleantext.clean(seeds[source])


@pytest.mark.parametrize(
    "line",
    [
        "Support The Moscow Times!",
        "Sign up for our free weekly newsletter",
        "Subscribers agree to the Privacy Policy",
        "A Message from The Moscow Times:",
        "Not ready to support today?",
        "Remind me later.",
        "For the latest headlines, follow our Google News channel online or via the app.",
        "Advertisement",
        "Read more:",
        "NATO says training Ukrainian pilots on F-16 jets does not make it party to conflict",
        "date 2023-05-24",
    ],
)
def test_boilerplate_of_the_seeds_goes(seeds, line):
    for text in seeds.values():
        if line in text:
            assert line not in cleantext.clean(text)
