"""Characters sorted by a pattern with one C-level ``str.translate`` or numpy lookup instead of a regex scan.

numpy is imported where an array is first needed, not with the module: ``import cleantext`` and a first
``clean()`` of short or ASCII texts never load it (a quarter of a cold start; ``tests/test_coldstart.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import regex

#: Characters a lazily filled translation table remembers at most (about 10 MB).
_MAX_TABLE = 100_000


class SpaceOut(dict[int, int]):
    """A ``str.translate`` table mapping every character that ``word`` (a one-character-or-more
    pattern of word characters) does not match to a space, filled on first sight of a character.

    ``text.translate(table).split()`` is then what ``word``'s ``findall`` finds, as one C-level
    pass instead of a regex scan, which costs several times more per character.

    >>> "It's 2 o'clock!".translate(SpaceOut(regex.compile(r"\\w+"))).split()
    ['It', 's', '2', 'o', 'clock']
    """

    def __init__(self, word: regex.Pattern[str]) -> None:
        super().__init__()
        self.word = word

    def __missing__(self, code: int) -> int:
        value = code if self.word.fullmatch(chr(code)) else 32
        if len(self) >= _MAX_TABLE:
            self.clear()  # text using very many distinct characters: start again rather than grow
        self[code] = value
        return value


class CodeTable:
    """A numpy lookup table over code points, ``fill(code)`` for each, filled for a text's
    characters on first sight (word characters here, line keys in :mod:`cleantext.learn.spans`)."""

    def __init__(self, fill: Callable[[int], int]) -> None:
        self.fill = fill
        self.values: Any = None
        self.known: Any = None

    def __call__(self, codes: Any) -> Any:
        import numpy as np

        if self.values is None:
            self.values = np.zeros(0x110000, dtype=np.uint32)
            self.known = np.zeros(0x110000, dtype=bool)
        known = self.known[codes]
        if not known.all():
            for code in np.unique(codes[~known]).tolist():
                self.values[code] = self.fill(code)
                self.known[code] = True
        return self.values[codes]


#: Word characters of ``\w`` and newlines stay, any other character becomes a space.
WORD_CHARS = SpaceOut(regex.compile(r"\w|\n"))
#: :data:`WORD_CHARS` as a table.
WORD_CODES = CodeTable(WORD_CHARS.__getitem__)
#: What a :class:`CodeTable` of one character per character gives a character that becomes several
#: (``ß`` case-folded): no code point is this large.
EXPANDS = 0xFFFFFFFF
#: Texts shorter than this are translated with ``str.translate``: numpy's per-call cost outweighs its speed (a
#: non-ASCII text of 200 characters takes about 5 µs either way; one of 2,000 about 55 µs and 12 µs).
_ARRAY_CHARS = 250


def word_lines(text: str) -> str:
    """``text`` mapped through :data:`WORD_CHARS` (with a numpy lookup on longer texts that are not
    ASCII): ``.split()`` of it, or of one of its lines, is what ``regex.findall(r"\\w+", ...)`` finds there.

    >>> word_lines("It's 2\\no'clock!")
    'It s 2\\no clock '
    """
    if len(text) < _ARRAY_CHARS or text.isascii():
        return text.translate(WORD_CHARS)
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return WORD_CODES(codes).tobytes().decode("utf-32-le")


#: :func:`count_word_runs` counts texts at least this long with numpy (shorter ones: ``split()``).
_COUNT_ARRAY_CHARS = 2000
#: Which bytes are ASCII word characters (of ``\w``).
_ASCII_WORD_BYTES: Any = None


def count_word_runs(text: str) -> int:
    """``len(word_lines(text).split())``: the number of ``\\w+`` runs, counted on long texts as the
    starts of runs of word characters in a numpy mask (no list of words is built; about twice as fast
    from a few thousand characters). Same count: no ``\\w`` character is whitespace to ``str.split``.

    >>> count_word_runs("It's 2\\no'clock!"), count_word_runs("a b " * 1000)
    (5, 2000)
    """
    if len(text) < _COUNT_ARRAY_CHARS:
        return len(word_lines(text).split())
    import numpy as np

    global _ASCII_WORD_BYTES
    if text.isascii():
        if _ASCII_WORD_BYTES is None:
            _ASCII_WORD_BYTES = np.array([WORD_CHARS[code] not in (32, 10) for code in range(128)] + [False] * 128)
        word = _ASCII_WORD_BYTES[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    else:
        mapped = WORD_CODES(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
        word = (mapped != 32) & (mapped != 10)
    return int(np.count_nonzero(word[1:] & ~word[:-1])) + int(word[0])
