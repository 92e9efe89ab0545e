"""Rule data compiled for a fast scan, once per document.

Most lines match no rule, so the scan is built to say "no" cheaply: a rule's regex
only runs on a line that holds text every match of the rule must contain (its
prefix or a required literal, see :mod:`.literals`), found with a dictionary
lookup, a trie-shaped ``re`` pattern and a 3-gram index; the few rules without
such text stay in small alternations of named groups. Every gate is a necessary
condition, so the rule reported is the one a plain alternation of all rules would
report (tests/test_matcher_gates.py). The scan of a document is memoised on the
document so that all rule filters of one pipeline run share it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from ..analysis.automaton import LiteralSet
from ..document import Document, Line
from ..linememo import LineMemo
from ..normalize import cut
from ..rules import Rule, load_all
from .literals import folded, prefixes, required, required_literals, save_answers

#: Decoration stripped from both ends of a line before whole-line matching.
TRIM = " \t\u00a0\u2022\u00b7\u25cf\u25aa\u25a0\u25a1\u25e6\u2023|>\u00bb\u203a<\u00ab\u2039*#~=_\u25ba\u25b6\u2192\u2190\u25b8\u25b9\u2013\u2014-"
#: Whole-line rules only look at lines up to this many characters.
MAX_LINE_CHARS = 200
#: Phrase rules only mark lines up to this many characters (about 40 words).
MAX_PHRASE_LINE_CHARS = 280
#: Inline rules anchored at a line's start or end only look this far in.
EDGE_CHARS = 160

#: A phrase rule leaves the sentences before the phrase's own when they hold this many words.
PHRASE_LEAD_WORDS = 20
#: ... unless the lead addresses the reader: this many cue words (of any category) ...
LEAD_CUES = 3
#: ... making up this share of its words.
LEAD_CUE_SHARE = 0.1

_FLAGS = regex.IGNORECASE | regex.V0
_WORD_RE = regex.compile(r"\w+")
#: The end of a sentence: closing punctuation (and quotes), space, then a capital, digit or opening quote.
_SENTENCE_END_RE = regex.compile(r"[.!?…][\"”’»)\]]*\s+(?=[\"“„«(\[]?[\p{Lu}\d])")
#: Quotation marks (opening, closing) besides the straight double quote.
_QUOTE_PAIRS = (("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("»", "«"), ("‹", "›"), ("‘", "’"), ("‚", "‘"),
                ("「", "」"), ("『", "』"))
_SPACES_RE = regex.compile(r"\s+")
#: Substrings of this length index literals (every gating literal is at least this long).
GRAM = 3


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
        self.body = "|".join(f"(?P<r{i}>{wrap.format(rule.pattern)})" for i, rule in enumerate(self.rules))

    @cached_property
    def pattern(self) -> regex.Pattern[str] | None:
        """The alternation (None without rules), compiled when first used: a process's first ``clean()``
        compiles only what its lines reach (the cold start)."""
        return regex.compile(self.body, _FLAGS) if self.rules else None

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


def grams_of(text: str) -> set[str]:
    """The substrings of length :data:`GRAM` of ``text``.

    >>> sorted(grams_of("abcd"))
    ['abc', 'bcd']
    """
    return {text[i : i + GRAM] for i in range(len(text) - GRAM + 1)}


def any_of(literals: Iterable[str]) -> _AnyOf | None:
    """Something whose ``search(text)`` is not None exactly when one of ``literals`` occurs in
    ``text`` (case-sensitively); None if no literal is given. Its ``pattern`` is the same test as
    one trie-shaped ``re`` pattern; ``search`` runs an Aho-Corasick automaton when there is one
    (:class:`~cleantext.analysis.automaton.LiteralSet`), twice as fast on short lines.

    >>> found = any_of(["news", "newsletter", "cookie"])
    >>> found.pattern, found.search("our newsroom") is not None, found.search("new")
    ('(?:cookie|news(?:letter)?)', True, None)
    """
    found = _AnyOf(literals)
    return found if found else None


class _AnyOf(LiteralSet):
    """A :class:`~cleantext.analysis.automaton.LiteralSet` asked like an ``re`` pattern (see :func:`any_of`)."""

    __slots__ = ()

    @property
    def pattern(self) -> str:
        trie = self.trie()
        return trie.pattern if trie is not None else ""

    def search(self, text: str) -> bool | None:
        """True when some literal occurs in ``text``, else None."""
        return True if self.any(text) else None


class _LiteralIndex:
    """Which of many literals (each with ids: the rules it gates) occur in a text.

    One pass of a :class:`~cleantext.analysis.automaton.LiteralSet` finds them all (testing
    every literal with ``in`` cost hundreds of substring searches per line). Every literal is
    at least :data:`GRAM` characters long; ``keys`` are their first :data:`GRAM` characters.

    >>> index = _LiteralIndex([("newsletter", 0), ("cookies", 1), ("news", 2)])
    >>> sorted(index.found("our newsletter"))
    [0, 2]
    """

    def __init__(self, literals: Iterable[tuple[str, int]]) -> None:
        self.by_gram: dict[str, list[tuple[str, int]]] = {}
        for literal, ident in literals:
            if len(literal) < GRAM:
                raise ValueError(f"literal {literal!r} is shorter than {GRAM} characters")
            self.by_gram.setdefault(literal[:GRAM], []).append((literal, ident))
        self.keys = frozenset(self.by_gram)
        self.any = LiteralSet(literal for entries in self.by_gram.values() for literal, _ in entries)
        self.idents: dict[str, list[int]] = {}
        for entries in self.by_gram.values():
            for literal, ident in entries:
                self.idents.setdefault(literal, []).append(ident)

    def ids_of(self, present: Iterable[str]) -> set[int]:
        """The ids of the literals among ``present`` (all literals found in a text, see :class:`_LiteralScan`)."""
        idents = self.idents
        return {ident for literal in present if literal in idents for ident in idents[literal]}

    def found(self, text: str) -> set[int]:
        """The ids of the literals that occur in ``text`` (one automaton pass, see :class:`LiteralSet`)."""
        return self.ids_of(self.any.present(text)) if self.any else set()


class _LiteralScan(LiteralSet):
    """Every literal of a set that occurs in a text (:class:`~cleantext.analysis.automaton.LiteralSet`).

    >>> scan = _LiteralScan(["news", "newsletter", "letter", "cookie"])
    >>> sorted(scan.present("our newsletter"))
    ['letter', 'news', 'newsletter']
    >>> scan.present("nothing here")
    set()
    """

    @property
    def prefixes(self) -> frozenset[str]:
        """The literals (the name of the trie scan's table of them)."""
        return self.literals


class _WholeLine:
    """Rules matched against a whole line, tried only when their required literals occur in it.

    Reports the rule one alternation of all of them would report with ``fullmatch``: the
    first rule, in order, that matches the whole text. Most rules start with known text
    (:func:`~cleantext.filters.literals.prefixes`): they are looked up by the line's first
    characters. Others need a literal somewhere
    (:func:`~cleantext.filters.literals.required`): they are indexed by it. Both are
    folded, so the tests are necessary conditions under IGNORECASE; only the rules that
    pass are tried, one by one, in order. Rules with neither stay in a small alternation
    tried on every line.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        literals: list[tuple[str, int]] = []
        ungated: list[Rule] = []
        self.ungated_index: list[int] = []
        self.by_head: dict[str, list[tuple[str, int]]] = {}
        for index, rule in enumerate(self.rules):
            starts = prefixes(rule.pattern)
            needed = required(rule.pattern) if starts is None else None
            if starts is not None:
                for start in starts:
                    self.by_head.setdefault(start[:GRAM], []).append((start, index))
            elif needed is not None:
                literals += [(literal, index) for literal in needed]
            else:
                ungated.append(rule)
                self.ungated_index.append(index)
        self.ungated = _Alternation(ungated)
        self.index = _LiteralIndex(literals)
        self.patterns: dict[int, regex.Pattern[str]] = {}

    def fullmatch(self, text: str, folded_text: str | None = None, present: set[str] | None = None) -> Rule | None:
        """The first rule that matches all of ``text``.

        ``folded_text`` is ``folded(text)``, when the caller has it;
        ``present``: every literal of the index that occurs in ``folded_text``, if the caller found them
        (a :class:`_LiteralScan` over a superset of the index's literals).
        """
        best = len(self.rules)
        match = self.ungated.pattern.fullmatch(text) if self.ungated.pattern is not None else None
        if match is not None:
            best = self.ungated_index[int(match.lastgroup[1:])]  # type: ignore[index]
        if folded_text is None:
            folded_text = folded(text)
        if present is not None:
            candidates = self.index.ids_of(present)
        else:
            candidates = self.index.found(folded_text) if self.index.keys else set()
        for start, index in self.by_head.get(folded_text[:GRAM], ()):
            if folded_text.startswith(start):
                candidates.add(index)
        if candidates:
            for index in sorted(candidates):
                if index >= best:
                    break
                if self._pattern(index).fullmatch(text) is not None:
                    best = index
                    break
        return self.rules[best] if best < len(self.rules) else None

    def _pattern(self, index: int) -> regex.Pattern[str]:
        pattern = self.patterns.get(index)
        if pattern is None:
            pattern = self.patterns[index] = regex.compile(self.rules[index].pattern, _FLAGS)
        return pattern


class _Gated(_Alternation):
    """An alternation searched only in lines that contain one of its rules' required literals.

    Every rule needs a literal (one character will do: a handful of substring tests per
    line is cheap), or the gate stays open. Exact: a line without any of them cannot match.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(rules)
        needed = [required(rule.pattern, shortest=1) for rule in self.rules]
        self.literals: tuple[str, ...] | None = None
        if all(literals is not None for literals in needed):
            self.literals = tuple(sorted({literal for literals in needed if literals for literal in literals}))
        self.any = None if self.literals is None else LiteralSet(self.literals)

    def may_match(self, folded_text: str) -> bool:
        """False when no rule can match ``folded_text`` (a :func:`folded` line or a superstring)."""
        return self.any is None or self.any.any(folded_text)


class _Prefiltered:
    """Rules searched anywhere in a line, skipping those whose required literal is absent.

    One alternation of hundreds of unanchored patterns is tried at every position of
    every line, which dominated the cost of a scan. Instead, substring tests on the
    folded line find which rules' required literals (see :func:`required_literals`,
    or :func:`required` for rules whose literal sits in an alternation) occur, and only
    those rules are searched. The result is the rule the full alternation would
    report: the leftmost match, the earliest rule on a tie (tests/test_matcher_gates.py).
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self.patterns: dict[int, regex.Pattern[str]] = {}
        by_literal: dict[str, list[int]] = {}
        ungated: list[Rule] = []
        for index, rule in enumerate(self.rules):
            plain = required_literals(rule.pattern)
            literals = required(rule.pattern) if plain is None else {folded(literal) for literal in plain}
            if not literals:
                ungated.append(rule)
                continue
            for literal in sorted(literals):
                by_literal.setdefault(literal, []).append(index)
        self.by_literal = list(by_literal.items())
        self.literals = _LiteralIndex((literal, n) for n, (literal, _) in enumerate(self.by_literal))
        self.ungated = _Alternation(ungated)
        self.order = {id(rule): index for index, rule in enumerate(self.rules)}

    def search(self, text: str, folded_text: str | None = None, present: set[str] | None = None) -> Rule | None:
        """The rule the alternation of all rules finds first in ``text`` (``folded_text``: its fold, if known;
        ``present``: every literal of the rules that occurs in it, if the caller found them)."""
        found = self.find(text, folded_text, present)
        return None if found is None else found[0]

    def find(self, text: str, folded_text: str | None = None,
             present: set[str] | None = None) -> tuple[Rule, regex.Match[str]] | None:
        """What :meth:`search` finds, with the rule's match (its offsets in ``text``)."""
        best: tuple[int, int, regex.Match[str]] | None = None
        match = self.ungated.search(text)
        if match is not None:
            best = (match.start(), self.order[id(self.ungated.rule(match))], match)
        if present is not None:
            found = self.literals.ids_of(present)
        else:
            found = self.literals.found(folded(text) if folded_text is None else folded_text)
        candidates = {index for n in found for index in self.by_literal[n][1]}
        for index in sorted(candidates):
            match = self._pattern(index).search(text)
            if match is not None and (best is None or (match.start(), index) < best[:2]):
                best = (match.start(), index, match)
        return None if best is None else (self.rules[best[1]], best[2])

    def _pattern(self, index: int) -> regex.Pattern[str]:
        pattern = self.patterns.get(index)  # compiled when first needed, as in _WholeLine
        if pattern is None:
            pattern = self.patterns[index] = regex.compile(self.rules[index].pattern, _FLAGS)
        return pattern


@dataclass(frozen=True)
class LineScan:
    """What the rules say about one line."""

    whole: Hit | None = None  # a lines/phrases rule: the whole line is boilerplate
    opens: Rule | None = None  # the line opens a block
    heading: Rule | None = None  # the line heads a headline list
    inline: tuple[Hit, ...] = ()

    def shifted(self, base: int) -> LineScan:
        """The same verdict for the line placed at document offset ``base`` (hits moved by it)."""
        whole = None if self.whole is None else Hit(self.whole.rule, self.whole.start + base, self.whole.end + base)
        inline = tuple(Hit(h.rule, h.start + base, h.end + base) for h in self.inline)
        return LineScan(whole, self.opens, self.heading, inline)


_UNSEEN = object()


class _CrumbGate:
    """Which lines of a document the crumb rules of one category may match, for all lines at once.

    A rule of :class:`_WholeLine` is tried on a line's core only when the core starts with one of its
    prefixes or holds one of its literals; the rules without either ("tv", "\\d+ €") are gated here by
    their one-character literals or prefixes when they have some, and tried on the line's core when not
    (:attr:`leftover`). Every test is a necessary condition of a match.
    """

    def __init__(self, crumbs: _WholeLine | None, ungated: Sequence[Rule] = ()) -> None:
        heads = [] if crumbs is None else [start for entries in crumbs.by_head.values() for start, _ in entries]
        anywhere = [] if crumbs is None else list(crumbs.index.idents)
        leftover = []
        for rule in (crumbs.ungated.rules if crumbs is not None else ungated):
            starts = prefixes(rule.pattern, shortest=1)
            needed = required(rule.pattern, shortest=1) if starts is None else None
            if starts is not None:
                heads += starts
            elif needed is not None:
                anywhere += needed
            else:
                leftover.append(regex.compile(rule.pattern, _FLAGS))
        # a newline then a prefix: a line that starts with it; a newline then decoration: a line the
        # prefix may start after the decoration (judged)
        self.gate = LiteralSet([*anywhere, *(f"\n{head}" for head in heads), *(f"\n{c}" for c in TRIM if heads)])
        self.has_heads = bool(heads)
        self.leftover = tuple(leftover)

    def lines(self, doc: Document) -> set[int]:
        """The indices of the lines of ``doc`` that hold a literal, or start with a prefix (or with
        decoration), of some rule; not covered: lines whose whitespace :func:`core_of` may collapse,
        and the :attr:`leftover` rules (see :meth:`Matcher.crumb_lines`)."""
        return self.gate.lines_with(*gate_text(doc)) if self.gate else set()

    @classmethod
    def of_rules(cls, rules: Sequence[Rule]) -> _CrumbGate:
        """The same gate for whole-line rules that :class:`_WholeLine` could not gate (``ungated``):
        the share-button row, "© …", "ad", dotted German dates (see :meth:`Matcher._maybe`)."""
        return cls(None, rules)


def has_odd_spaces(doc: Document) -> bool:
    """Whether some line of ``doc`` holds two spaces or an unprintable character (tab, no-break space):
    whitespace :func:`core_of` may collapse. False for most pages: no line then needs the test."""
    found = doc.memo.get(has_odd_spaces)
    if found is None:
        text = doc.text
        found = doc.memo[has_odd_spaces] = "  " in text or not text.replace("\n", "").isprintable()
    return found  # type: ignore[return-value]


def _lines_of(folded_text: str, lines: list[Line]) -> tuple[str, list[int]]:
    """Some lines of a document as :func:`gate_text` gives the whole (a newline, then the folded lines
    joined by newlines) and where each starts in it, cut out of the document's gate text ``folded_text``."""
    pieces = [folded_text[line.start + 1 : line.end + 1] for line in lines]  # it has a newline first
    starts = list(accumulate([len(piece) + 1 for piece in pieces[:-1]], initial=1))
    return "\n" + "\n".join(pieces), starts


def gate_text(doc: Document) -> tuple[str, list[int]]:
    """A newline, then ``folded(doc.text)`` (folding is one character for one: offsets hold), and where
    each line starts in it; once per document. The newline lets "start of a line" be a literal."""
    found = doc.memo.get(gate_text)
    if found is None:
        found = doc.memo[gate_text] = ("\n" + folded(doc.text), [start + 1 for start in doc._starts])
    return found  # type: ignore[return-value]


class Matcher:
    """All rules of some languages, compiled; use :func:`matcher_for` to share one."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        by_kind: dict[str, list[Rule]] = {}
        for rule in rules:
            by_kind.setdefault(rule.kind, []).append(rule)
        self.lines = _WholeLine(by_kind.get("lines", []))
        self.phrases = _Prefiltered(by_kind.get("phrases", []))
        self.opens = _WholeLine(by_kind.get("opens", []))
        self.headings = _WholeLine(by_kind.get("headings", []))
        inline = by_kind.get("inline", [])
        self.leading = _Gated([r for r in inline if r.pattern.startswith("^")])
        self.trailing = _Gated([r for r in inline if r.pattern.endswith("$") and not r.pattern.startswith("^")])
        self.anywhere = _Gated([r for r in inline if not r.pattern.startswith("^") and not r.pattern.endswith("$")])
        # One scan finds the literals of all whole-line and phrase indexes in a line.
        self.whole_literals = _LiteralScan(
            literal for index in (self.lines.index, self.opens.index, self.headings.index, self.phrases.literals)
            for literal in index.idents)
        # One search for the three inline gates, likewise.
        gates = (self.leading, self.trailing, self.anywhere)
        self.inline_gate = None
        if all(gate.literals is not None for gate in gates):
            self.inline_gate = LiteralSet(literal for gate in gates for literal in gate.literals or ())
        # What the document-level prefilter (Matcher._maybe) searches: literals some whole-line or phrase
        # rule needs anywhere in the line, and prefixes some whole-line rule needs at the start of its core.
        whole_kinds = (self.lines, self.opens, self.headings)
        self.whole_gate = LiteralSet(
            [literal for kind in whole_kinds for literal in kind.index.idents]
            + [literal for rule in self.phrases.rules for literal in _gate_literals(rule.pattern)])
        heads = [start for kind in whole_kinds for entries in kind.by_head.values() for start, _ in entries]
        self.has_heads = bool(heads)
        # One automaton for the whole document: those literals, the inline gate's, and each prefix
        # after a newline (a line that starts with it; lines that start with decoration are judged).
        self.doc_gate = LiteralSet([*self.whole_gate.literals, *(f"\n{head}" for head in heads),
                                    *(f"\n{c}" for c in TRIM if heads),
                                    *(self.inline_gate.literals if self.inline_gate is not None else ())])
        self._ungated_kinds = tuple(kind.ungated for kind in whole_kinds if kind.ungated.rules)
        self.phrases_ungated = bool(self.phrases.ungated.rules)
        self.crumbs: dict[str, _WholeLine] = {}
        self.cues: dict[str, frozenset[str]] = {}
        for category in {r.category for r in by_kind.get("crumbs", [])}:
            self.crumbs[category] = _WholeLine([r for r in by_kind["crumbs"] if r.category == category])
        for rule in by_kind.get("cues", []):
            words = self.cues.get(rule.category, frozenset())
            self.cues[rule.category] = words | {rule.pattern.casefold()}
        self.all_cues = frozenset().union(*self.cues.values())
        # What a line's text alone decides, remembered across documents (see cleantext.linememo).
        self._scans = LineMemo()
        self._crumbs: dict[str, LineMemo] = {category: LineMemo() for category in self.crumbs}
        self._crumb_gates = {category: _CrumbGate(crumbs) for category, crumbs in self.crumbs.items()}

    @cached_property
    def ungated_whole(self) -> tuple[regex.Pattern[str], ...]:
        """The alternations of the whole-line rules with neither a literal nor a prefix (compiled when first
        needed), tried on each short line the document-level gate passes over (:meth:`_maybe`) that
        :attr:`ungated_gate` leaves open."""
        return tuple(kind.pattern for kind in self._ungated_kinds)

    @cached_property
    def ungated_gate(self) -> _CrumbGate:
        """The one-character prefixes and literals of the rules of :attr:`ungated_whole` (those
        :class:`_WholeLine` gates by longer ones only): a short line passed over by the document gate
        is tried against them only if it starts with such a prefix (or decoration) or holds such a
        literal, or some rule has neither (:attr:`_CrumbGate.leftover`). Built when first needed."""
        return _CrumbGate.of_rules([rule for kind in self._ungated_kinds for rule in kind.rules])

    def scan(self, doc: Document) -> list[LineScan | None]:
        """Per line (by index): what matched, or None. Memoised on ``doc``, and per line text."""
        cached = doc.memo.get(self)
        if cached is None:
            cached = self._scan_doc(doc)
            doc.memo[self] = cached
        return cached  # type: ignore[return-value]

    def hits(self, doc: Document) -> list[tuple[Line, LineScan]]:
        """The lines of ``doc`` that some rule hits, with what hit them, in order (:meth:`scan` without the Nones)."""
        self.scan(doc)
        return doc.memo[(self, "hits")]  # type: ignore[return-value]

    def _scan_doc(self, doc: Document) -> list[LineScan | None]:
        """:meth:`scan` for one document: lines seen before come from the memo; of the others, only
        those :meth:`_maybe` cannot rule out are judged one by one (:meth:`_scan_line`), the rest
        are None. Same answer as judging every line (tests/test_analysis.py)."""
        lines = doc.lines
        out: list[LineScan | None] = [None] * len(lines)
        memo = self._scans
        get = memo.get
        misses: list[Line] = []
        hit: list[int] = []
        for line in lines:
            text = line.text
            if not text or text.isspace():
                continue
            scan = get(text, _UNSEEN)
            if scan is _UNSEEN:
                misses.append(line)
            elif scan is not None:
                out[line.index] = scan.shifted(line.start) if line.start else scan  # type: ignore[union-attr]
                hit.append(line.index)
        if misses:
            maybe = self._maybe(doc, misses)
            max_chars, remember = memo.max_chars, memo.remember
            for line in misses:
                if line.index in maybe:
                    scan = out[line.index] = self._scan_at(line)
                    if scan is not None:
                        hit.append(line.index)
                elif len(line.text) <= max_chars:
                    remember(line.text, None)
        hit.sort()
        doc.memo[(self, "hits")] = [(lines[index], out[index]) for index in hit]
        return out

    def _maybe(self, doc: Document, misses: list[Line]) -> set[int]:
        """The indices of the lines among ``misses`` that some rule may hit: a superset of those
        whose :meth:`_scan_line` is not None, found with a few scans of the whole folded document.

        A line can only be hit when an inline gate literal occurs in it (inline rules), or when
        its core is short enough for a whole-line or phrase rule and a literal or prefix of such
        a rule occurs in it, or an ungated whole-line rule matches its core. The literals are
        searched in the folded line; the core is a piece of the line unless the line holds
        whitespace that :func:`core_of` collapses, and such lines are always judged.
        """
        if self.inline_gate is None:  # an inline rule without a literal: every line is judged
            return {line.index for line in misses}
        # Only the lines not seen before are scanned, and lines too long for any whole-line or phrase
        # rule only for the inline rules' literals (a smaller automaton): on a site's pages most short
        # lines are in the memo, and what is left is mostly article paragraphs.
        short: list[Line] = []
        long: list[Line] = []
        for line in misses:
            text = line.text
            if len(text) > MAX_PHRASE_LINE_CHARS and len(text.strip(TRIM)) > MAX_LINE_CHARS:
                long.append(line)  # too long for any whole-line or phrase rule
            else:
                short.append(line)
        folded_text = gate_text(doc)[0]
        maybe: set[int] = set()
        short_text = _lines_of(folded_text, short) if short else None
        if short_text is not None:
            maybe.update(short[i].index for i in self.doc_gate.lines_with(*short_text))
        if long:
            maybe.update(long[i].index for i in self.inline_gate.lines_with(*_lines_of(folded_text, long)))
        odd = has_odd_spaces(doc)
        ungated, phrases_ungated = self.ungated_whole, self.phrases_ungated
        if not (odd or phrases_ungated or ungated):
            return maybe
        # The short lines an ungated rule may match (None: every one; see ungated_gate).
        open_: set[int] | None = None
        if ungated and not phrases_ungated and short_text is not None:
            gate = self.ungated_gate
            if not gate.leftover:
                open_ = {short[i].index for i in gate.gate.lines_with(*short_text)} if gate.gate else set()
        for line in short if not odd else misses:
            index = line.index
            if index in maybe:
                continue
            text = line.text
            if odd and ("  " in text or not text.isprintable()):
                maybe.add(index)  # whitespace core_of may collapse (or an unprintable character): judged
                continue
            if len(text) > MAX_PHRASE_LINE_CHARS and len(text.strip(TRIM)) > MAX_LINE_CHARS:
                continue  # too long for any whole-line or phrase rule
            if phrases_ungated:
                maybe.add(index)  # a phrase rule without literals
            elif ungated and (open_ is None or index in open_):
                core = text.strip(TRIM)  # the core: nothing to collapse
                if core and len(core) <= MAX_LINE_CHARS and any(p.fullmatch(core) is not None for p in ungated):
                    maybe.add(index)
        return maybe

    def _scan_at(self, line: Line) -> LineScan | None:
        scan = self._scans.get(line.text, _UNSEEN)
        if scan is _UNSEEN:
            if len(line.text) > self._scans.max_chars:
                return self._scan_line(line)
            scan = self._scans.remember(line.text, self._scan_line(Line(0, 0, len(line.text), line.text)))
        if scan is None or not line.start:
            return scan  # type: ignore[return-value]
        return scan.shifted(line.start)  # type: ignore[union-attr]

    def is_crumb(self, category: str, line: Line) -> bool:
        crumbs = self.crumbs.get(category)
        if crumbs is None:
            return False
        memo = self._crumbs[category]
        found = memo.get(line.text)
        if found is None:
            text = line.text.strip(TRIM)
            if not text.isprintable() or "  " in text:
                text = _SPACES_RE.sub(" ", text)  # core_of(line.text)
            found = memo.remember(line.text, bool(text and len(text) <= MAX_LINE_CHARS and crumbs.fullmatch(text)))
        return found  # type: ignore[no-any-return]

    def _crumb_gate_lines(self, doc: Document, category: str) -> set[int]:
        key = (self, category)
        found = doc.memo.get(key)
        if found is None:
            found = doc.memo[key] = self._crumb_gates[category].lines(doc)
        return found  # type: ignore[return-value]

    def crumb_gate_literals(self, category: str) -> frozenset[str] | None:
        """The literals gating the crumb rules of ``category``, found in :func:`gate_text` (a line that starts
        with a rule's prefix holds a newline and the prefix there): every line :meth:`is_crumb` accepts holds
        one, unless :func:`core_of` collapses its whitespace (:func:`has_odd_spaces`). Empty if the category
        has no crumb rules, None if some crumb rule has no literal to gate on (every line must be asked)."""
        gate = self._crumb_gates.get(category)
        if gate is None:
            return frozenset()
        if gate.leftover:
            return None
        return frozenset(gate.gate.literals) if gate.gate else frozenset()

    def crumb_lines(self, doc: Document, category: str) -> set[int]:
        """The indices of the lines of ``doc`` that are UI crumbs of ``category`` (``is_crumb`` of each
        line, asked only of the lines the category's gates leave open)."""
        gate = self._crumb_gates.get(category)
        if gate is None:
            return set()
        lines, is_crumb = doc.lines, self.is_crumb
        found = self._crumb_gate_lines(doc, category)
        # Besides the lines found: those whose whitespace core_of may collapse, or every line for
        # an ungated rule without literals.
        if gate.leftover:
            found = found | {line.index for line in lines if line.text}
        elif has_odd_spaces(doc):
            found = found | {line.index for line in lines if "  " in line.text or not line.text.isprintable()}
        return {index for index in found if is_crumb(category, lines[index])}

    def _scan_line(self, line: Line) -> LineScan | None:
        inline = self._inline(line)
        whole, opens, heading = self._whole(line, line.text)
        if whole is None and inline:
            # Also judge the line as it will read once its inline markers are cut, so that
            # cleaning the output finds nothing new ("Sign (ad) up for our newsletter" is the
            # prompt "Sign up for our newsletter"; a line under the phrase length limit only
            # once its date stamp goes is measured without it).
            whole, cut_opens, cut_heading = self._whole(line, _as_cut(line, inline))
            opens, heading = opens or cut_opens, heading or cut_heading
        if whole is not None:
            # A phrase's sentences can leave other sentences of the line, and their inline markers.
            inline = tuple(h for h in inline if h.end <= whole.start or h.start >= whole.end)
        if whole is None and opens is None and heading is None and not inline:
            return None
        return LineScan(whole, opens, heading, inline)

    def _whole(self, line: Line, text: str) -> tuple[Hit | None, Rule | None, Rule | None]:
        """Whole-line verdicts on ``text`` (the line, or the line as cut): a line or phrase
        rule that takes the whole line, a block opener, a list heading."""
        core = core_of(text)
        whole = opens = heading = None
        short = bool(core) and len(core) <= MAX_LINE_CHARS
        if not short and len(text) > MAX_PHRASE_LINE_CHARS:
            return None, None, None
        folded_core = folded(core)
        present = self.whole_literals.present(folded_core)
        if short:
            rule = self.lines.fullmatch(core, folded_core, present=present)
            if rule is not None:
                whole = Hit(rule, line.start, line.end)
            opens = self.opens.fullmatch(core, folded_core, present=present)
            heading = self.headings.fullmatch(core, folded_core, present=present)
        if whole is None and len(text) <= MAX_PHRASE_LINE_CHARS:
            whole = self._phrase(line, text, core, folded_core, present)
        return whole, opens, heading

    def _phrase(self, line: Line, text: str, core: str, folded_core: str, present: set[str]) -> Hit | None:
        """A phrase rule's hit on the line: the whole line, or from the sentence holding the phrase
        to the line's end when other sentences of 20+ words that do not address the reader come
        first (:func:`phrase_start`); None when the phrase sits inside quotation marks (reported
        speech, a quoted slogan). Sentences after the phrase go with it: on the benchmark they
        were the appeal's own (a consent text, a moderation notice), never article text."""
        found = self.phrases.find(core, folded_core, present=present)
        if found is None:
            return None
        rule, match = found
        if quoted(core, match.start(), match.end()):
            return None
        start = phrase_start(core, match.start())
        if not start or self._addressed(core[:start]):
            return Hit(rule, line.start, line.end)
        at = line.text.rfind(core[start:]) if text is line.text else -1
        return Hit(rule, line.start + at, line.end) if at >= 0 else None

    def _addressed(self, text: str) -> bool:
        """Whether ``text`` talks to the reader (at least :data:`LEAD_CUES` cue words of any block
        category, :data:`LEAD_CUE_SHARE` of all its words): a lead that is part of the appeal
        ("Our weekly newsletter … You will receive it in your mailbox")."""
        cues = self.all_cues
        words = _WORD_RE.findall(text.casefold())
        found = sum(1 for word in words if word in cues)
        return found >= LEAD_CUES and found >= LEAD_CUE_SHARE * len(words)

    def _inline(self, line: Line) -> tuple[Hit, ...]:
        text, base = line.text, line.start
        hits: list[Hit] = []
        folded_text = folded(text)
        if self.inline_gate is not None and not self.inline_gate.any(folded_text):
            return ()
        head = text[:EDGE_CHARS]
        match = self.leading.search(head) if self.leading.may_match(folded_text) else None
        if match is not None and match.end() > match.start():
            hits.append(Hit(self.leading.rule(match), base + match.start(), base + match.end()))
        tail_offset = max(0, len(text) - EDGE_CHARS)
        match = self.trailing.search(text[tail_offset:]) if self.trailing.may_match(folded_text) else None
        if match is not None and match.end() > match.start():
            hits.append(Hit(self.trailing.rule(match), base + tail_offset + match.start(), base + tail_offset + match.end()))
        if self.anywhere.may_match(folded_text):
            quotes: Quotes | None = None
            for match in self.anywhere.finditer(text):
                if match.end() <= match.start():
                    continue
                if quotes is None:
                    quotes = Quotes(text)
                if not quotes.around(match.start(), match.end()):
                    hits.append(Hit(self.anywhere.rule(match), base + match.start(), base + match.end()))
        return tuple(hits)


def _gate_literals(pattern: str) -> frozenset[str]:
    """Folded literals one of which every match of ``pattern`` holds (the longest of the two
    readings of :mod:`.literals`); empty if none is known."""
    plain = required_literals(pattern)
    found = [literals for literals in (required(pattern), plain and frozenset(map(folded, plain))) if literals]
    return max(found, key=lambda literals: min(map(len, literals)), default=frozenset())


def _as_cut(line: Line, hits: tuple[Hit, ...]) -> str:
    """The line's text with its inline hits cut, laid out as the pipeline's cut lays it out."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((h.start - line.start, h.end - line.start) for h in hits):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return cut(line.text, merged)


def quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sits inside quotation marks: a quote opens before it, is not
    closed before it, and a closing mark follows it. A rule's wording inside quotes is speech or
    a title the article reports, not the page talking to its reader.

    >>> line = '"Subscribe to our newsletter, they told me, and I did," said Ann.'
    >>> quoted(line, 1, 27), quoted("Subscribe to our newsletter", 0, 27)
    (True, False)
    >>> quoted("Er sagte: „Abonnieren Sie unseren Newsletter“.", 11, 44)
    True
    """
    return Quotes(text).around(start, end)


class Quotes:
    """The quotation marks of one line, indexed once, so that asking :func:`quoted` for every
    match of a line costs a few bisections each, not a scan of the line (a line with thousands
    of inline markers stays linear)."""

    __slots__ = ("_at", "_length")

    def __init__(self, text: str) -> None:
        marks = {'"'} | {c for pair in _QUOTE_PAIRS for c in pair}
        self._at: dict[str, list[int]] = {}
        for i, char in enumerate(text):
            if char in marks:
                self._at.setdefault(char, []).append(i)
        self._length = len(text)

    def around(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` is inside an open quotation that closes after it."""
        if not self._at:
            return False
        straight = self._at.get('"', ())
        if straight and bisect_left(straight, start) % 2 and bisect_left(straight, end) < len(straight):
            return True
        for opening, closing in _QUOTE_PAIRS:
            opens, closes = self._at.get(opening), self._at.get(closing)
            if not opens or not closes:
                continue
            k = bisect_left(opens, start)
            if k == 0:
                continue
            at = opens[k - 1]
            # no closing mark in (at, start), and one at or after end
            j = bisect_right(closes, at)
            if (j == len(closes) or closes[j] >= start) and bisect_left(closes, end) < len(closes):
                return True
        return False


def phrase_start(text: str, at: int) -> int:
    """Where a phrase rule's removal starts in ``text`` when the phrase starts at ``at``: 0 (the
    whole line), unless the sentences before the phrase's own sentence hold at least
    :data:`PHRASE_LEAD_WORDS` words; then the start of that sentence, so that an article
    paragraph ending in an appeal keeps its article sentences.

    >>> phrase_start("Sign up for our newsletter.", 0)
    0
    >>> lead = "The council voted on Tuesday to close the old bridge to cars for the whole summer, the mayor said on Wednesday. "
    >>> phrase_start(lead + "Sign up for our newsletter.", len(lead)) == len(lead)
    True
    """
    start = 0
    for match in _SENTENCE_END_RE.finditer(text, 0, min(len(text), at + 1)):
        start = match.end()
    if start and len(_WORD_RE.findall(text, 0, start)) >= PHRASE_LEAD_WORDS:
        return start
    return 0


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
    core = trimmed(text)
    # Every whitespace character but the space is unprintable: a printable line without a
    # double space has nothing to collapse, and the regex substitution is the costly part.
    if core.isprintable() and "  " not in core:
        return core
    return _SPACES_RE.sub(" ", core)


@lru_cache(maxsize=16)
def matcher_for(languages: tuple[str, ...]) -> Matcher:
    """The compiled matcher for these languages (built once per process; what it read out of the
    patterns is remembered for the next process, :func:`~cleantext.filters.literals.save_answers`)."""
    matcher = Matcher(load_all(languages))
    save_answers()
    return matcher
