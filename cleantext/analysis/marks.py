"""Marks that a line's text alone shows: a copyright notice (in the ten languages).

Read by the comments filter (a copyright line ends a thread that would run on into the footer) and by
page mode's line features; kept apart from :mod:`cleantext.filters.page_features` so that the comments
filter does not load page mode's numpy code.
"""

from __future__ import annotations

import regex

from .automaton import LiteralSet

COPYRIGHT_RE = regex.compile(
    r"©|\(c\)\s*\d{4}|copyright\b|all rights reserved|alle rechte vorbehalten|tous droits réservés"
    r"|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados"
    r"|alle rechten voorbehouden|wszelkie prawa zastrzeżone|все права защищены|всі права захищені",
    regex.IGNORECASE,
)
#: Every match of COPYRIGHT_RE, case-folded, contains one of these (a cheap test first: few lines have one).
COPYRIGHT_CUES = ("©", "(c)", "copyright", "rights", "rechte", "droits", "derechos", "diritti", "direitos", "prawa",
                   "права")
COPYRIGHT_CUE_SET = LiteralSet(COPYRIGHT_CUES)


def has_copyright_mark(text: str) -> bool:
    """Whether ``text`` has a copyright mark or notice.

    >>> has_copyright_mark("(C) 2024 Example"), has_copyright_mark("Tous droits réservés"), has_copyright_mark("Copy")
    (True, True, False)
    """
    folded = text.casefold()
    return any(cue in folded for cue in COPYRIGHT_CUES) and bool(COPYRIGHT_RE.search(text))
