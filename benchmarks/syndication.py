"""A syndication experiment: wire stories inside other sites' templates.

Usage::

    python -m benchmarks.syndication [--stories 20] [--sites 8]

Every story is published by every site: the same wire text (verbatim, as
wire copy is) inside the site's own header, in-article promotion and footer.
Sites edit the copy the way outlets do: some add a dateline, some drop the
last paragraphs, some join short paragraphs. Stories and templates are
generated here from word lists (nothing is copied from the benchmark pages).

A learner that counts raw repeats sees every story sentence in ``sites``
documents and deletes the stories; a learner that counts distinct stories and
looks per site must keep them. Reported: the share of the stories' words kept
and of the templates' words removed, fitted with and without groups, beside a
naive line counter.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cleantext
from cleantext.learn.spans import template_key

from .score import tokens

_PEOPLE = ["Maria Okafor", "Jonas Lindqvist", "Aiko Tanaka", "Rafael Mendes", "Priya Raman", "Tomasz Nowak",
           "Helen Achterberg", "Samuel Osei", "Lucia Ferraro", "Dmitri Volkov", "Grace Mwangi", "Omar Haddad"]
_ROLES = ["the regional governor", "a spokesperson for the ministry", "the head of the port authority",
          "a senior economist at the central bank", "the mayor", "an official at the health agency",
          "the union's chief negotiator", "a researcher at the national observatory"]
_PLACES = ["Valparaiso", "Tromso", "Mombasa", "Gdansk", "Cebu", "Halifax", "Porto", "Izmir", "Darwin", "Kochi",
           "Antofagasta", "Bergen", "Durban", "Riga", "Surabaya", "Nantes", "Kaunas", "Hobart", "Mersin", "Cork"]
_TOPICS = ["flood defences", "the harbour expansion", "grain exports", "a rail strike", "wildfire crews",
           "the fishing quota", "power cuts", "a vaccine campaign", "the bridge collapse", "drought relief",
           "a cyber attack on the hospital", "ferry fares", "the copper mine", "a heatwave", "the new tram line",
           "school closures", "the river pollution", "a housing shortage", "the airport runway", "a storm surge"]
_VERBS = ["said", "told reporters", "wrote in a statement", "said on Tuesday", "added", "said late on Friday"]
_CLAUSES = [
    "the work would take at least {n} more weeks",
    "about {n} families had been moved to temporary shelters overnight",
    "costs had risen by {n} percent since the spring",
    "inspectors found damage in {n} of the districts they visited",
    "{n} crews were working around the clock to restore service",
    "talks would resume once the figures had been checked independently",
    "the decision was taken after consulting residents and local businesses",
    "nobody had been seriously hurt but several roads remained closed",
    "the budget for the next phase had not yet been approved by parliament",
    "the authorities had underestimated how quickly the situation could change",
    "the measures were temporary and would be reviewed at the end of the month",
    "the region had not seen anything like it in more than {n} years",
]
_QUOTES = [
    "We are doing everything we can about {topic}, but people in {place} need to be patient.",
    "This is not the end of the story for {place}, and we will keep asking questions about {topic}.",
    "Nobody in {place} expected {topic} to become a crisis this fast.",
    "The numbers on {topic} speak for themselves, and {place} cannot wait {n} more weeks.",
    "We were told {topic} was under control, and now look at where {place} is.",
    "It will take {n} years to repair the trust that {place} has lost over {topic}.",
]

#: Per-site template pieces: (header lines, promo inside the article, footer lines); {n} varies per page.
_SITE_WORDS = ["Coastal", "Northern", "Evening", "Daily", "Harbour", "Valley", "Metro", "Island", "Prairie", "Summit"]
_SECTIONS = ["Home | World | Business | Sport | Culture", "News  Opinion  Video  Podcasts", "Latest ▸ Regions ▸ Economy"]


@dataclass(frozen=True)
class Page:
    site: str
    story: int
    text: str
    story_text: str
    template_text: str


def _story(rng: random.Random, index: int) -> tuple[str, list[str]]:
    place, topic = _PLACES[index % len(_PLACES)], _TOPICS[index % len(_TOPICS)]
    headline = f"{place} officials warn of delays over {topic}"
    paragraphs = []
    for _ in range(rng.randint(7, 10)):
        sentences = []
        for _ in range(rng.randint(1, 3)):
            who = rng.choice(_PEOPLE + _ROLES)
            clause = rng.choice(_CLAUSES).format(n=rng.randint(2, 60))
            if rng.random() < 0.25:
                quote = rng.choice(_QUOTES).format(topic=topic, place=place, n=rng.randint(2, 60))
                sentences.append(f"“{quote[0].upper() + quote[1:]}” {who} {rng.choice(_VERBS)}.")
            else:
                sentence = f"{who} {rng.choice(_VERBS)} that {clause} in {place}"
                sentences.append(sentence[0].upper() + sentence[1:] + f", as the dispute over {topic} continued.")
        paragraphs.append(" ".join(sentences))
    return headline, paragraphs


def _template(rng: random.Random, index: int, menu: int = 0) -> tuple[list[str], str, list[str]]:
    name = f"The {_SITE_WORDS[index % len(_SITE_WORDS)]} {['Courier', 'Herald', 'Post', 'Ledger'][index % 4]}"
    header = [name, _SECTIONS[index % len(_SECTIONS)], "Updated {date} · {n} min read"]
    size = menu + 3 * (index % 4) if menu else 0  # a page-text menu, of a different size per site
    kinds = ["news and weather", "sport", "jobs", "events", "property"]
    header[1:1] = [f"{name.split()[1]} {_PLACES[(j + index) % len(_PLACES)]} {kinds[j // len(_PLACES) % 5]}"
                   for j in range(size)]
    promo = f"Get {name} app for breaking news alerts on your phone."
    footer = [
        f"Support independent journalism: {name} relies on readers like you.",
        "Become a member from just {n} a month and read without limits.",
        "Share this article", "Comments ({n})", f"© {name} {{year}}. All rights reserved.",
    ]
    links = ["About us", "Contact", "Careers", "Advertise with us", "Privacy policy", "Terms of use"]
    footer += links[: index % 5] if menu else []  # page text: footers of different sizes too
    return header, promo, footer


def corpus(stories: int = 20, sites: int = 8, seed: int = 1, menu: int = 0) -> list[Page]:
    """Every story in every site's template, with per-site edits; deterministic for a seed.

    ``menu`` adds about that many menu lines to every page's header, a different number
    per site (whole-page text, where the template outweighs the story and copies are no
    longer near duplicates).
    """
    rng = random.Random(seed)
    wire = [_story(rng, i) for i in range(stories)]
    templates = [_template(rng, i, menu) for i in range(sites)]
    pages = []
    for s, (header, promo, footer) in enumerate(templates):
        site = f"site{s}.example"
        for i, (headline, paragraphs) in enumerate(wire):
            body = list(paragraphs)
            if s % 3 == 1:
                body[0] = f"{_PLACES[i % len(_PLACES)].upper()} (Wire) — {body[0]}"
            if s % 4 == 2:
                body = body[: len(body) - 2]
            if s % 4 == 3:
                body = [" ".join(body[j : j + 2]) for j in range(0, len(body), 2)]
            fill = {"n": rng.randint(2, 99), "date": f"{rng.randint(1, 28)} May 2024", "year": 2024}
            head = [line.format(**fill) for line in header]
            foot = [line.format(**fill) for line in footer]
            at = min(3, len(body))
            article = [headline, *body[:at], promo, *body[at:]]
            text = "\n\n".join([*head, *article, *foot])
            pages.append(Page(site, i, text, "\n".join([headline, *body]), "\n".join([*head, promo, *foot])))
    return pages


def naive_counter(pages: Sequence[Page], min_docs: int = 5) -> Callable[[str], str]:
    """Drop every line whose normalised form is in at least ``min_docs`` documents."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({template_key(line) for line in page.text.splitlines() if line.strip()})
    frequent = {key for key, n in counts.items() if n >= min_docs and key}
    return lambda text: "\n".join(line for line in text.splitlines() if template_key(line) not in frequent)


def kept_and_removed(pages: Sequence[Page], clean: Callable[[Page], str]) -> tuple[float, float]:
    """(share of the stories' words kept, share of the templates' words removed), over all pages."""
    story_total = story_kept = template_total = template_left = 0
    for page in pages:
        out = tokens(clean(page))
        story, template = tokens(page.story_text), tokens(page.template_text)
        story_total += sum(story.values())
        story_kept += sum((out & story).values())
        template_total += sum(template.values())
        template_left += sum(((out - story) & template).values())
    return story_kept / story_total, 1 - template_left / template_total


def run(stories: int = 20, sites: int = 8, seed: int = 1, menu: int = 0) -> dict[str, tuple[float, float]]:
    """The experiment's rows: method -> (story words kept, template words removed)."""
    pages = corpus(stories, sites, seed, menu)
    texts, groups = [p.text for p in pages], [p.site for p in pages]
    grouped, ungrouped = cleantext.fit(texts, groups=groups), cleantext.fit(texts)
    naive = naive_counter(pages)
    uncapped = cleantext.Config(max_low_confidence_share=1.0)  # measure the learner, not the safety cap

    def only(model: cleantext.Model, group: str | None) -> Callable[[Page], str]:
        return lambda page: cleantext.Pipeline([model.filter(group)], uncapped).clean(page.text)

    return {
        "naive line counter (>= 5 documents)": kept_and_removed(pages, lambda p: naive(p.text)),
        "learned, fitted with groups": kept_and_removed(pages, lambda p: only(grouped, p.site)(p)),
        "learned, fitted without groups": kept_and_removed(pages, only(ungrouped, None)),
        "rules + learned (groups)": kept_and_removed(pages, lambda p: cleantext.clean(p.text, model=grouped, group=p.site)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--sites", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--menu", type=int, default=0, help="menu lines per page header (page-text-like)")
    args = parser.parse_args(argv)
    print(f"{args.stories} stories x {args.sites} sites, {args.menu} menu lines\n")
    print("| method | story words kept | template words removed |\n|---|---|---|")
    for method, (kept, removed) in run(args.stories, args.sites, args.seed, args.menu).items():
        print(f"| {method} | {kept:.1%} | {removed:.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
