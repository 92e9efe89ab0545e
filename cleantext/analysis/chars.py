"""Characters sorted by a pattern with one C-level ``str.translate`` instead of a regex scan."""

from __future__ import annotations

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
