"""Token-bag precision / recall / F1 against gold, macro-averaged over pages.

Tokens are ``\\w+`` runs, lower-cased, compared as multisets (the definition in
the benchmark folder's README, as in the web content extraction literature).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import regex

_TOKEN_RE = regex.compile(r"\w+")
_NON_WORD_RE = regex.compile(r"[\W_]+")


def tokens(text: str) -> Counter[str]:
    """
    >>> sorted(tokens("The cat, the HAT.").items())
    [('cat', 1), ('hat', 1), ('the', 2)]
    """
    return Counter(_TOKEN_RE.findall(text.lower()))


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    def __str__(self) -> str:
        return f"{self.precision:.3f} / {self.recall:.3f} / {self.f1:.3f}"


def score(output: str, gold: str) -> PRF:
    """P/R/F1 of one page.

    >>> score("a b c", "a b d")
    PRF(precision=0.6666666666666666, recall=0.6666666666666666, f1=0.6666666666666666)
    """
    out, ref = tokens(output), tokens(gold)
    common = sum((out & ref).values())
    n_out, n_ref = sum(out.values()), sum(ref.values())
    precision = common / n_out if n_out else (1.0 if not n_ref else 0.0)
    recall = common / n_ref if n_ref else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def macro(scores: Iterable[PRF]) -> PRF:
    """The mean of precision, recall and F1 over pages."""
    items = list(scores)
    if not items:
        return PRF(0.0, 0.0, 0.0)
    n = len(items)
    return PRF(sum(s.precision for s in items) / n, sum(s.recall for s in items) / n, sum(s.f1 for s in items) / n)


def normalise(text: str) -> str:
    """The form in which snippets are compared: case-folded words joined by single spaces.

    >>> normalise("  Wählen Sie Ihren Zugang –\\nund lesen Sie weiter: ")
    'wählen sie ihren zugang und lesen sie weiter'
    """
    return _NON_WORD_RE.sub(" ", text.casefold()).strip()


def survives(snippet: str, normalised_text: str) -> bool:
    """Whether ``snippet`` (raw) is found in an already :func:`normalise`-d text.

    >>> survives("Cookies & Tracking", normalise("Read: cookies  &  tracking."))
    True
    """
    needle = normalise(snippet)
    return bool(needle) and f" {needle} " in f" {normalised_text} "
