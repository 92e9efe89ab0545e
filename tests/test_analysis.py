"""The document-level scan (cleantext.analysis + Matcher._maybe) is an optimisation: it must give
exactly what judging every line alone gives, with the compiled engine or without it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cleantext import linememo
from cleantext.analysis import automaton
from cleantext.analysis.automaton import LiteralSet
from cleantext.config import LANGUAGES, Config
from cleantext.document import Document
from cleantext.filters import Appeals, Comments, HeadlineLists, LineRules
from cleantext.filters.matcher import Matcher, matcher_for
from cleantext.pipeline import Pipeline
from cleantext.rules import load_all

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: Lines that hit rules (several languages, non-ASCII letters), lines that nearly do, odd whitespace.
LINES = [
    "ADVERTISEMENT", "Advertisement", "» Read more ›", "READ MORE:", "Related Articles", "İnstagram", "STRAẞE",
    "Storm hits the coast on Monday, officials said.", "Sign up for our newsletter", "Sign (ad) up for our newsletter",
    "Home", "News", "Sport", "TV", "UK", "us", "Business", "Contact us", "12 Comments", "Leave a Reply",
    "Follow us on Twitter", "Share this:", "Facebook | Twitter | Email", "© 2024 The Daily Example. All rights reserved.",
    "© Getty Images", "@someone", "@property", "ad", "Ad", "5 min read", "Updated: May 3, 2024 10:15",
    "Weitere Artikel zum Thema", "Weitere\u00a0Artikel\tzum  Thema", "| \u00a0Weitere\u00a0Artikel\tzum Thema | ",
    "Jetzt Newsletter abonnieren", "Anzeige", "[Anzeige]", "Teilen auf Facebook", "Mehr zum Thema", "Gefällt mir",
    "Über uns", "ÜBER UNS", "Schließen", "Lesen Sie auch:", "Kommentare (3)", "Drucken", "12.05.2023, 14:30 Uhr",
    "Комментарии", "КОММЕНТАРИИ (12)", "Читайте также", "Подписывайтесь на наш канал в Telegram", "Реклама",
    "Поделиться", "Главная", "Новости", "Коментарі", "Читайте також", "Підписуйтесь на наш Telegram-канал",
    "Czytaj także", "CZYTAJ WIĘCEJ", "Udostępnij", "Komentarze", "Reklama", "Zapisz się do newslettera",
    "Wszelkie prawa zastrzeżone", "Lire aussi", "Abonnez-vous à notre newsletter", "Publicité", "Leer más",
    "Suscríbete a nuestro boletín", "Leggi anche", "Pubblicità", "Leia também", "Lees ook", "Meer nieuws",
    "Date 2023-05-24 The council met on Tuesday. Read more", "Text (Advertisement) more text",
    "By continuing to use this site, you agree to our use of cookies.", "To read the full story, please subscribe",
    "This article is only available to subscribers.", "Donate $5", "10 €", "500 ₽", "100 грн", "50 zł",
    "Once", "Monthly", "Continue", "Reply", "Report", "Like", "3 likes", "Rosa said...", "Joined: May 2019",
    "   ", "\t", "-", "—", "x" * 300, "the " * 80, "Read more " + "word " * 70, "A\u2028B", "tab\there", "two  spaces",
]


def _seed_lines() -> list[str]:
    lines = list(LINES)
    for path in sorted((FIXTURES / "seeds").glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    return lines


def _documents(lines: list[str], seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    docs = []
    for _ in range(40):
        picked = rng.sample(lines, min(len(lines), 60))
        docs.append("\n".join(picked))
    docs.append("\n".join(lines))
    return docs


def _rule_lines(matcher: Matcher) -> list[str]:
    """Lines spelled out by plain-literal rules, as they are, shouted, and decorated."""
    import regex

    out = []
    for whole in (matcher.lines, matcher.opens, matcher.headings, *matcher.crumbs.values()):
        for rule in whole.rules:
            if regex.escape(rule.pattern, literal_spaces=True) == rule.pattern:
                out += [rule.pattern, rule.pattern.upper(), f"» {rule.pattern} ›", f"{rule.pattern}\u00a0"]
    return out


def _per_line(matcher: Matcher, doc: Document) -> list:
    return [matcher._scan_at(line) if not line.blank else None for line in doc.lines]


@pytest.mark.parametrize("engine", automaton.ENGINES)
def test_literal_set_engines_agree(engine: str) -> None:
    if engine != "re" and not automaton.compiled():
        pytest.skip("ahocorasick-rs is not installed")
    rng = random.Random(7)
    alphabet = "abc \u00e4\u044f"
    for _ in range(300):
        literals = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))}
        text = "\n".join("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(5))
        literals = {literal for literal in literals if "\n" not in literal}
        found = LiteralSet(literals, engine=engine)
        assert found.present(text) == {literal for literal in literals if literal in text}
        assert found.any(text) == any(literal in text for literal in literals)
        starts, pos = [], 0
        for piece in text.split("\n"):
            starts.append(pos)
            pos += len(piece) + 1
        expected = {i for i, piece in enumerate(text.split("\n")) if any(literal in piece for literal in literals)}
        assert found.lines_with(text, starts) == expected


def test_document_scan_equals_judging_every_line() -> None:
    matcher = matcher_for(LANGUAGES)
    lines = _seed_lines() + _rule_lines(matcher)
    for text in _documents(lines):
        doc = Document(text)
        linememo.clear()
        expected = _per_line(matcher, doc)
        linememo.clear()
        assert matcher._scan_doc(doc) == expected
        assert matcher._scan_doc(Document(text)) == expected  # warm memo


def _pipeline(matcher: Matcher) -> Pipeline:
    config = Config()
    return Pipeline([LineRules((), matcher), Appeals((), matcher), HeadlineLists((), matcher),
                     Comments(config.active_languages, matcher)], config)


def test_pure_python_path_gives_the_same_removals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ahocorasick-rs (forced), a matcher built from the same rules removes the same spans."""
    rules = load_all(LANGUAGES)
    compiled = Matcher(rules)
    monkeypatch.setattr(automaton, "_acr", None)
    plain = Matcher(rules)
    assert plain.whole_gate._automaton is None
    matcher = matcher_for(LANGUAGES)
    texts = _documents(_seed_lines() + _rule_lines(matcher), seed=5)
    for text in texts:
        linememo.clear()
        a = [(r.start, r.end, r.filter, r.category, r.reason, r.confidence) for r in _pipeline(compiled).explain(text)]
        linememo.clear()
        b = [(r.start, r.end, r.filter, r.category, r.reason, r.confidence) for r in _pipeline(plain).explain(text)]
        assert a == b
    assert any(_pipeline(plain).explain(text) for text in texts)


def test_bench_pages_scan_the_same(bench_pages: list[str] | None = None) -> None:
    """On real page text (../shared/bench, when present), the document scan equals the per-line one."""
    from benchmarks.data import find_bench, pages
    from cleantext.normalize import repair

    root = find_bench()
    if root is None:
        pytest.skip("no ../shared/bench pages here")
    listed = [p for p in pages(root, "l3s_gn1") if p.paths.get("page_text")][:60]
    if not listed:
        pytest.skip("no bench data")
    matcher = matcher_for(LANGUAGES)
    for page in listed:
        doc = Document(repair(page.read("page_text")))
        linememo.clear()
        expected = _per_line(matcher, doc)
        linememo.clear()
        assert matcher._scan_doc(doc) == expected


def _crumbs_alone(matcher: Matcher, doc: Document, category: str) -> list[bool]:
    """is_crumb for every line of ``doc``, one by one, from an empty memo."""
    linememo.clear()
    return [matcher.is_crumb(category, line) for line in doc.lines]


@pytest.mark.parametrize("category", sorted(matcher_for(LANGUAGES).crumbs))
def test_crumb_lines_of_a_document_are_its_crumbs(category: str) -> None:
    matcher = matcher_for(LANGUAGES)
    lines = _seed_lines() + _rule_lines(matcher)
    for text in _documents(lines, seed=11):
        doc = Document(text)
        expected = _crumbs_alone(matcher, doc, category)
        linememo.clear()
        assert matcher.crumb_lines(doc, category) == {i for i, crumb in enumerate(expected) if crumb}
    assert any(expected)


def test_hits_are_the_lines_with_a_scan() -> None:
    matcher = matcher_for(LANGUAGES)
    for text in _documents(_seed_lines() + _rule_lines(matcher), seed=2):
        doc = Document(text)
        scans = matcher.scan(doc)
        assert matcher.hits(doc) == [(line, scan) for line, scan in zip(doc.lines, scans) if scan is not None]
