"""The package's one reader of ``regex`` syntax: a syntax tree of the subset that rule patterns use.

Two readers stand on it: :mod:`cleantext.filters.literals` (the literals every
match of a rule must contain: the matcher's gates) and the checkout's
``tools/backtracking.py`` (loops and alternations that could backtrack
super-linearly). Literals and classes become :class:`Atom` (a class's meaning is
left to the regex engine; a plain or escaped character knows its ``literal``),
anchors, lookarounds and flag settings :class:`Zero`, groups :class:`Seq` with
their opening ``head``, and alternations and quantifiers the other nodes. Each
node keeps its source text. (Python's own ``re`` patterns, ftfy's, are read by
the standard library's reader in :mod:`cleantext.normalize`: they are ``re``
syntax, not rule syntax.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex


@dataclass(eq=False)
class Node:
    """A piece of a pattern; ``src`` is its text in the pattern."""

    src: str


@dataclass(eq=False)
class Atom(Node):
    """Matches one character (a literal, a class, an escape such as ``\\w``, or ``.``).

    ``literal`` is the character itself when the atom is one plain character or an escaped
    punctuation mark (``a``, ``\\.``), else None (a class, ``.``, ``\\w``, ``\\x41``, a brace that
    is not a quantifier: ``regex`` reads ``{e<=1}`` as fuzzy matching)."""

    literal: str | None = None


@dataclass(eq=False)
class Zero(Node):
    """Matches no character: an anchor, a word boundary or a lookaround."""

    child: Node | None = None
    behind: bool = False


@dataclass(eq=False)
class Seq(Node):
    """Items one after the other; a group when ``head`` is its opening (``(``, ``(?:``, ``(?P<n>``,
    ``(?i:``, ``(?|``), with one item, the group's body."""

    items: list[Node] = field(default_factory=list)
    head: str = ""


@dataclass(eq=False)
class Alt(Node):
    branches: list[Node] = field(default_factory=list)


@dataclass(eq=False)
class Rep(Node):
    child: Node | None = None
    min: int = 0
    max: int | None = None  # None: unbounded
    possessive: bool = False  # possessive or atomic: gives nothing back, cannot backtrack

    @property
    def loops(self) -> bool:
        return not self.possessive and (self.max is None or self.max > 1)


class _Parser:
    """A recursive-descent parser for the subset of ``regex`` syntax that rules use."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def parse(self) -> Node:
        node = self.alternation()
        if self.i != len(self.p):
            raise ValueError(f"unbalanced ')' at {self.i} in {self.p!r}")
        return node

    def alternation(self) -> Node:
        start = self.i
        branches = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else Alt(self.p[start : self.i], branches)

    def sequence(self) -> Node:
        start = self.i
        items: list[Node] = []
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            items.append(self.quantified(self.atom()))
        return items[0] if len(items) == 1 else Seq(self.p[start : self.i], items)

    def quantified(self, node: Node) -> Node:
        start = self.i - len(node.src)
        while self.i < len(self.p):
            bounds = self._quantifier()
            if bounds is None:
                return node
            low, high = bounds
            possessive = self.i < len(self.p) and self.p[self.i] == "+"
            if self.i < len(self.p) and self.p[self.i] in "?+":
                self.i += 1
            node = Rep(self.p[start : self.i], node, low, high, possessive)
        return node

    def _quantifier(self) -> tuple[int, int | None] | None:
        c = self.p[self.i]
        if c in "*+?":
            self.i += 1
            return {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        if c != "{":
            return None
        m = regex.match(r"\{(\d*)(,?)(\d*)\}", self.p[self.i :])
        if m is None or not (m.group(1) or m.group(3)):
            return None  # a literal brace
        self.i += m.end()
        low = int(m.group(1) or 0)
        if not m.group(2):
            return low, low
        return low, int(m.group(3)) if m.group(3) else None

    def atom(self) -> Node:
        p, start = self.p, self.i
        c = p[self.i]
        if c == "(":
            return self.group()
        if c == "[":
            self.i = _class_end(p, self.i)
            return Atom(p[start : self.i])
        if c == "\\":
            return self.escape()
        self.i += 1
        if c in "^$":
            return Zero(c)
        return Atom(c, None if c in ".]{}" else c)

    def escape(self) -> Node:
        p, start = self.p, self.i
        c = p[self.i + 1] if self.i + 1 < len(p) else "\\"
        self.i += 2
        if c in "bBAZzGmM":
            return Zero(p[start : self.i])
        if c in "pPN" and self.i < len(p) and p[self.i] == "{":
            self.i = p.index("}", self.i) + 1
        elif c in "pP":
            self.i += 1  # a one-letter property: \pL
        elif c in "xuU":
            self.i += {"x": 2, "u": 4, "U": 8}[c]
        elif c.isdigit():  # an octal escape or a back-reference: \101, \0, \12
            while self.i < len(p) and p[self.i].isdigit():
                self.i += 1
        return Atom(p[start : self.i], None if c.isalnum() else c)

    def group(self) -> Node:
        p, start = self.p, self.i
        head = regex.match(r"\((?:\?(?:[:>|]|P<\w+>|<\w+>|<?[=!]|[a-zA-Z\-]+:?|#[^)]*))?", p[self.i :])
        assert head is not None
        kind = head.group(0)
        self.i += len(kind)
        if kind.startswith("(?#") or (kind[-1].isalpha() and kind.startswith("(?")):
            self.i += 1  # a comment or a flag setting such as (?i): matches nothing
            return Zero(p[start : self.i])
        child = self.alternation()
        if self.i >= len(p) or p[self.i] != ")":
            raise ValueError(f"missing ')' for the group at {start} in {p!r}")
        self.i += 1
        src = p[start : self.i]
        if kind in ("(?=", "(?!", "(?<=", "(?<!"):
            return Zero(src, child, behind=kind.startswith("(?<"))
        if kind == "(?>":
            return Rep(src, child, 1, 1, possessive=True)
        return Seq(src, [child], kind)


def _class_end(p: str, i: int) -> int:
    """The index just past the character class that opens at ``p[i]``."""
    i += 1
    if i < len(p) and p[i] == "^":
        i += 1
    if i < len(p) and p[i] == "]":
        i += 1
    while i < len(p) and p[i] != "]":
        if p[i] == "\\":
            i += 1
        elif p.startswith("[:", i) and p.find(":]", i + 2) > i:  # a POSIX class such as [:alpha:]
            i = p.find(":]", i + 2) + 1  # (rules are version 0: any other "[" in a class is a character)
        i += 1
    if i >= len(p):
        raise ValueError(f"unterminated character class in {p!r}")
    return i + 1


def parse(pattern: str) -> Node:
    """The syntax tree of ``pattern``.

    >>> node = parse(r"a(?:b|c)+")
    >>> type(node).__name__, [type(n).__name__ for n in node.items]
    ('Seq', ['Atom', 'Rep'])
    """
    return _Parser(pattern).parse()
