"""Rule data compiled into a few combined patterns, scanned once per document.

Every kind of rule becomes one alternation of named groups, so a line is
tested against all languages and categories in one regex call; which rule
matched is read back from the group name. The scan of a document is memoised
on the document so that all rule filters of one pipeline run share it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..document import Document, Line
from ..rules import Rule, load_all

#: Decoration stripped from both ends of a line before whole-line matching.
TRIM = " \t\u00a0\u2022\u00b7\u25cf\u25aa\u25a0\u25a1\u25e6\u2023|>\u00bb\u203a<\u00ab\u2039*#~=_\u25ba\u25b6\u2192\u2190\u25b8\u25b9\u2013\u2014-"
#: Whole-line rules only look at lines up to this many characters.
MAX_LINE_CHARS = 200
#: Phrase rules only mark lines up to this many characters (about 40 words).
MAX_PHRASE_LINE_CHARS = 280
#: Inline rules anchored at a line's start or end only look this far in.
EDGE_CHARS = 160

_FLAGS = regex.IGNORECASE | regex.V0
_SPACES_RE = regex.compile(r"\s+")


@dataclass(frozen=True)
class Hit:
    """A rule that matched a line: the rule and the matched span (document offsets)."""

    rule: Rule
    start: int
    end: int


class _Alternation:
    """One compiled alternation over many rules; reports which rule matched."""

    def __init__(self, rules: Sequence[Rule], *, wrap: str = "{}") -> None:
        self.rules = list(rules)
        body = "|".join(f"(?P<r{i}>{wrap.format(rule.pattern)})" for i, rule in enumerate(self.rules))
        self.pattern = regex.compile(body, _FLAGS) if self.rules else None

    def rule(self, match: regex.Match[str]) -> Rule:
        return self.rules[int(match.lastgroup[1:])]  # type: ignore[index]

    def fullmatch(self, text: str) -> Rule | None:
        if self.pattern is None:
            return None
        match = self.pattern.fullmatch(text)
        return self.rule(match) if match else None

    def search(self, text: str) -> regex.Match[str] | None:
        return self.pattern.search(text) if self.pattern is not None else None

    def finditer(self, text: str) -> Iterable[regex.Match[str]]:
        return self.pattern.finditer(text) if self.pattern is not None else ()


@dataclass
class LineScan:
    """What the rules say about one line."""

    whole: Hit | None = None  # a lines/phrases rule: the whole line is boilerplate
    opens: Rule | None = None  # the line opens a block
    heading: Rule | None = None  # the line heads a headline list
    inline: tuple[Hit, ...] = ()


class Matcher:
    """All rules of some languages, compiled; use :func:`matcher_for` to share one."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        by_kind: dict[str, list[Rule]] = {}
        for rule in rules:
            by_kind.setdefault(rule.kind, []).append(rule)
        self.lines = _Alternation(by_kind.get("lines", []))
        self.phrases = _Alternation(by_kind.get("phrases", []))
        self.opens = _Alternation(by_kind.get("opens", []))
        self.headings = _Alternation(by_kind.get("headings", []))
        inline = by_kind.get("inline", [])
        self.leading = _Alternation([r for r in inline if r.pattern.startswith("^")])
        self.trailing = _Alternation([r for r in inline if r.pattern.endswith("$") and not r.pattern.startswith("^")])
        self.anywhere = _Alternation([r for r in inline if not r.pattern.startswith("^") and not r.pattern.endswith("$")])
        self.crumbs: dict[str, _Alternation] = {}
        self.cues: dict[str, frozenset[str]] = {}
        for category in {r.category for r in by_kind.get("crumbs", [])}:
            self.crumbs[category] = _Alternation([r for r in by_kind["crumbs"] if r.category == category])
        for rule in by_kind.get("cues", []):
            words = self.cues.get(rule.category, frozenset())
            self.cues[rule.category] = words | {rule.pattern.casefold()}

    def scan(self, doc: Document) -> list[LineScan | None]:
        """Per line (by index): what matched, or None. Memoised on ``doc``."""
        cached = doc.memo.get(self)
        if cached is None:
            cached = [self._scan_line(line) if not line.blank else None for line in doc.lines]
            doc.memo[self] = cached
        return cached  # type: ignore[return-value]

    def is_crumb(self, category: str, line: Line) -> bool:
        crumbs = self.crumbs.get(category)
        text = core_of(line.text)
        return bool(crumbs and text and len(text) <= MAX_LINE_CHARS and crumbs.fullmatch(text))

    def _scan_line(self, line: Line) -> LineScan | None:
        text = line.text
        core = core_of(text)
        whole = opens = heading = None
        if core and len(core) <= MAX_LINE_CHARS:
            rule = self.lines.fullmatch(core)
            if rule is not None:
                whole = Hit(rule, line.start, line.end)
            opens = self.opens.fullmatch(core)
            heading = self.headings.fullmatch(core)
        if whole is None and len(text) <= MAX_PHRASE_LINE_CHARS:
            match = self.phrases.search(core)
            if match is not None:
                whole = Hit(self.phrases.rule(match), line.start, line.end)
        inline = () if whole is not None else self._inline(line)
        if whole is None and opens is None and heading is None and not inline:
            return None
        return LineScan(whole, opens, heading, inline)

    def _inline(self, line: Line) -> tuple[Hit, ...]:
        text, base = line.text, line.start
        hits: list[Hit] = []
        head = text[:EDGE_CHARS]
        match = self.leading.search(head)
        if match is not None and match.end() > match.start():
            hits.append(Hit(self.leading.rule(match), base + match.start(), base + match.end()))
        tail_offset = max(0, len(text) - EDGE_CHARS)
        match = self.trailing.search(text[tail_offset:])
        if match is not None and match.end() > match.start():
            hits.append(Hit(self.trailing.rule(match), base + tail_offset + match.start(), base + tail_offset + match.end()))
        for match in self.anywhere.finditer(text):
            if match.end() > match.start():
                hits.append(Hit(self.anywhere.rule(match), base + match.start(), base + match.end()))
        return tuple(hits)


def trimmed(text: str) -> str:
    """A line without surrounding whitespace and decoration (bullets, arrows, pipes).

    >>> trimmed("  » Read more ›  ")
    'Read more'
    """
    return text.strip(TRIM)


def core_of(text: str) -> str:
    """What whole-line rules see: the trimmed line with every whitespace run (tabs, no-break
    spaces from table layouts) made one space. Only used to decide; offsets stay the line's.

    >>> core_of("| \xa0Weitere\xa0Artikel\tzum Thema | ")
    'Weitere Artikel zum Thema'
    """
    return _SPACES_RE.sub(" ", trimmed(text))


@lru_cache(maxsize=16)
def matcher_for(languages: tuple[str, ...]) -> Matcher:
    """The compiled matcher for these languages (built once per process)."""
    return Matcher(load_all(languages))
