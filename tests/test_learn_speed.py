"""The learner's whole-document fast paths give the answers of the line-by-line definitions.

``spans.analyse`` keys every line of a document with array operations and
``spans.documents_keys`` keys several documents at once; ``analysis.chars.word_lines`` maps
long texts to their words with a numpy lookup. Each is compared here with the plain per-line (or
``str.translate``) code it replaces, on crafted lines and on random texts made of
the characters that make keying hard (numbers, date words, sentence ends, quotes,
abbreviations, compatibility characters, combining marks, odd whitespace).
"""

from __future__ import annotations

import random

import regex

import cleantext
from cleantext.analysis.chars import WORD_CHARS, word_lines
from cleantext.learn import spans
from cleantext.learn.stats import Stats

LINES = [
    "",
    "   ",
    "Home | News | Sport",
    "» Comments (12)",
    "Updated May 24, 2023 at 10:15",
    "UPDATED 2023-05-24 AT 9:05 — 12 —",
    "Storm hits the coast. Read more. Share this article!",
    "“We will rebuild.” Maria Okafor said. Mr. Smith agreed. Then he left.",
    "The U.S. Senate met on Monday. J. Doe spoke. It ended at 5 p.m. Everyone left.",
    "Call 555 1234. 2 more items. 3 4 5.",
    "Straße und Maße. Größe 2½ Zoll™. Weiter.",
    "Cafe\u0301 au lait. Na\u0308ive. Done.",
    "Ligature \ufb01ne. Full\uff37idth. Super\u00b2 script. Circled \u2460 one.",
    "Hangul \u1100\u1161 jamo. \uac00\u11a8 syllable. Done.",
    "Odd\x1cspace. Next\x1dsentence. Third.",
    "Private \ue000 use. Another sentence. Third.",
    "İstanbul. ΣΊΣΥΦΟΣ. Ǆ digraph. Done.",
    "tab\tseparated\tcells. Next one.",
    "wed sun sat. mar may jun. July 4th.",
    "x " * 600 + ". Long line. Another sentence here.",
    "Long sentence " * 80 + "ends here. Short one. " + "word " * 250,
    "emoji ❤️ love. Next sentence.",
    "\u0301leading mark. Then text.",
    "> \u0338composed. Next.",
]

ALPHABET = (
    "abcXYZ  ..!?…\"'”’»)]“‘«([0123456789²½ßİ™ﬁ\u0301\u0308\u00a0\t|>-—•#:,;/"
    "MrDrJ.S.monmaydecwed\x1c\ue000\u1100\u1161\uac00é日本。！"
)


def _random_text(rnd: random.Random) -> str:
    lines = []
    for _ in range(rnd.randint(0, 12)):
        if rnd.random() < 0.3:
            lines.append(rnd.choice(LINES))
        else:
            lines.append("".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 80))))
    return "\n".join(lines)


def _texts() -> list[str]:
    rnd = random.Random(13)
    return ["\n".join(LINES), *LINES, *(_random_text(rnd) for _ in range(400))]


def test_line_keys_are_the_definitions() -> None:
    for text in _texts():
        found = spans.analyse(text)
        assert found is not None
        assert len(found.keys) == len(found.lines) == len(text.split("\n"))
        for index, line in enumerate(found.lines):
            if index in found.long:
                continue
            want = [key for *_, key in spans._keyed_pieces(line)]
            assert spans.line_key_strings(found.keys[index]) == want, repr(line)


def test_document_keys_are_the_line_by_line_keys() -> None:
    for text in _texts():
        assert spans.document_keys(text) == spans._document_keys_by_line(text), repr(text[:200])


def test_documents_keyed_together_are_keyed_alone() -> None:
    texts = _texts()
    for start in range(0, len(texts), 50):
        batch = texts[start : start + 50]
        assert spans.documents_keys(batch) == [spans._document_keys_by_line(t) for t in batch]


def test_words_of_long_texts_are_the_translation() -> None:
    rnd = random.Random(5)
    for _ in range(50):
        text = "".join(rnd.choice(ALPHABET + "ÄÖÜ\ud800\n") for _ in range(rnd.randint(2000, 5000))).casefold()
        assert word_lines(text) == text.translate(WORD_CHARS)
        assert word_lines(text).split() == regex.findall(r"\w+", text)


def test_fit_in_batches_is_fit_one_by_one() -> None:
    texts = [t for t in _texts() if t.strip()]
    groups = [f"site{i % 3}" for i in range(len(texts))]
    one = Stats()
    for text, group in zip(texts, groups):
        one.add(text, group)
    assert cleantext.fit(texts, groups=groups).to_bytes() == one.finalize().to_bytes()
    assert cleantext.fit(texts).to_bytes() == cleantext.fit(iter(texts)).to_bytes()
