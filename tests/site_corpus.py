"""A small generated corpus for the pipeline tests: a few sites, each repeating its own
head and footer lines around distinct made-up stories (nothing copied from real pages)."""

from __future__ import annotations

import random
from collections.abc import Sequence

WORDS = [
    "council", "budget", "river", "harbour", "school", "vote", "mayor",
    "storm", "flood", "bridge", "museum", "nurse", "market", "wage",
]


def site_pages(n: int, *, sites: int = 3, seed: int = 1,
               extra: Sequence[str] = ()) -> tuple[list[str], list[str]]:
    """``n`` pages and their sites: a site head line, four story sentences, ``extra`` lines, a footer."""
    rng = random.Random(seed)
    texts, groups = [], []
    for i in range(n):
        site = f"site{i % sites}.example"
        story = [" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(4)]
        texts.append("\n".join([f"{site} | Local news since 1921", *story, *extra, f"(c) {site} Media"]))
        groups.append(site)
    return texts, groups
