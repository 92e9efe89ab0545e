"""Comments: a reader comment thread, from its heading or its first entry through its last entry.

A thread is found in one of two ways:

* from its **heading** ("12 Comments", "Leave a Reply", "Kommentare",
  "Комментарии": the ``opens`` rules of ``[comments]``), once enough article
  text stands above it (a comment count under the title is not a thread), when
  the entries' furniture follows it or a comment form closes it;
* without a heading, from the **shape of its entries**: author lines ("Rosa
  said...", "written by lynn, October 22, 2012": the ``bylines`` rules), date
  and time stamps on short lines, and per-entry crumbs ("Reply", "Report",
  "Like", "3 likes": the ``crumbs`` rules), at least :data:`MIN_ENTRIES` of them
  close together, after the article.

The thread runs from the heading (or first entry) through the body of its last
entry, never further than the longest entry seen in it, and then through the
comment form ("Post a Comment") if one follows. It stops at a line another
block rule opens (a headline list, an appeal). Pages whose entries start at the
top (a forum, where the posts are the content) have no article above them and
keep their posts.

Threads found in any order are one thread when they overlap or touch, and the
text between two threads with no other block between them belongs to the thread
(entries whose furniture the extractor dropped split the marked ones into runs).
In article mode a high-confidence last thread runs on to the next block or the
end of the text: trafilatura prints a page's thread last, and the entries after
the last marked one have lost their furniture; so does a heading with no entry
furniture after it. Page mode does either only when the article stands above
the thread: the prose above it (lines of 8 words or more) is at least twice
the prose after it, or (a heading) it quotes a line above it, the title ("34
responses to “…”"). A count printed under the title has the article below it,
and so has a blog front page's "Comments" link, with the next post after it;
a footer after a thread holds little prose, and its copyright line ends the
thread (the page classifier reports the footer).

Page mode (``page=True``: whole-page text, or an extractor's main-content text
cleaned with ``mode="page"``) finds threads both ways, with guards for what such
text holds that trafilatura's does not: menus above the article, and forum and
Q&A pages printing their posts with the same furniture as a thread's entries:

* a forum's author box printed one cell a line ("Messages" / "196") is forum
  furniture, as on one line;
* a thread found by its shape needs prose above it (lines of 8 words or more: a
  menu, a breadcrumb trail or a thread title is no article) and starts after the
  article's body: leading markers followed by an article-sized gap (the
  article's own dateline) are no entries. It is no thread when its entries
  continue the text above it: a crumb leads the run (it closes the text above),
  the same crumb closes that text ("79 Likes" above, "22 Likes" below), it
  opens with a stamp of the entries' shape ("Aug 08, 2006" / "Sep 01, 2006"), or
  an entry repeats a long line of it (a reply quoting the first post);
* a heading opens no thread when it is per-post or per-teaser furniture (two
  different counts, "9 Comments" and "1 Comment"; one uncounted heading printed
  twice), when a later heading gives the same count (the first one sits under
  the title), or when an article-sized gap follows it.

Language data (headings, bylines, crumbs) lives in ``cleantext/languages/*/rules.toml``;
this module holds no words of any language.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate

import regex

from .. import languages
from ..config import LANGUAGES
from ..document import Document, Line
from ..linememo import LineMemo
from ..removal import Removal
from ..rules import load_all
from ..analysis.automaton import LiteralSet
from ..analysis.chars import word_lines
from ..analysis.marks import has_copyright_mark
from .literals import folded, needs_time, required, save_answers
from .matcher import MAX_LINE_CHARS, TRIM, LineScan, Matcher, any_of, gate_text, has_odd_spaces, core_of, matcher_for

#: A thread without a heading needs at least this many entries.
MIN_ENTRIES = 3
#: Entry markers further apart than this many lines, or words, belong to different runs.
MAX_GAP = 30
MAX_GAP_WORDS = 600
#: At least this many words of article stand above a thread without a heading ...
MIN_ARTICLE_WORDS = 40
#: ... and above a comments heading (a count under the title is not a thread).
MIN_HEADING_WORDS = 20
#: A comments heading ("29 Comments", "Comments", "{ 4 comments… read them below or add one }") with no entry
#: markers after it takes the rest of the text (article mode: trafilatura puts a page's thread last) after
#: this many words of article (a short blog post has 60; a count under a title has a dozen above it) ...
MIN_COUNTED_WORDS = 40
#: ... and this share of the document's words.
MIN_COUNTED_SHARE = 0.05
#: Page mode: a thread takes the rest of the text (after a heading with no entry markers, or after its last marked
#: entry) only when the prose above it (lines of :data:`MIN_QUOTE_WORDS` or more) is this many times the prose
#: after it: a comment count under the title has the article below it, a thread heading has it above.
PROSE_ABOVE_TO_AFTER = 2.0
#: ... or when the heading quotes a line above it of at least this many words (the article's title).
MIN_NAMED_WORDS = 3
#: A heading with no entry markers after it, closed by a comment form, needs this share above it.
MIN_FORM_THREAD_SHARE = 0.5
#: The body of the last entry runs at most this many lines when the entries show no longer one.
MIN_BODY_LINES = 4
#: ... and never more than this many.
MAX_BODY_LINES = 40
#: A comment form after a heading, with no entries, closes a thread this many lines on at most.
MAX_FORM_LINES = 60
#: A page with this many lines of forum post furniture is a forum (posts are content): no thread is taken.
MIN_FORUM_LINES = 1
#: Without a heading, the article above a thread has at least this many times the words of its median entry.
ARTICLE_TO_ENTRY = 3.0
#: ... and in page mode no gap at a thread's start (after its heading or its first marker) holds that many times
#: the median entry, nor more than this many words (an article under a count, or after its own dateline).
MIN_BRIDGE_WORDS = 150
#: Page mode: a line of at least this many words is prose (menus and breadcrumbs are not), and one that a thread's
#: entry repeats from the text above it is a quote of an earlier post (a forum's reply); a forum's label and value
#: lines ("Messages" / "196") have this many words at most.
MIN_QUOTE_WORDS = 8
MAX_LABEL_WORDS = 3
#: A stamp line (date or time) has at most this many words.
MAX_STAMP_WORDS = 12
#: A weak marker (a stamp without date, a byline without one) counts when another marker is this close.
PAIR_LINES = 2
#: Bylines without a date ("Sharon says", "Jill Winger says") head entries when at least this many of one form
#: ("says", "said...": the same last word, with its punctuation), of at most :data:`MAX_NAME_BYLINE_WORDS` words and no
#: comma ("Maria Lopez, a teacher, said:" introduces a quote), name at least :data:`MIN_BYLINE_NAMES` authors.
MIN_SAME_BYLINES = 4
MAX_NAME_BYLINE_WORDS = 6
MIN_BYLINE_NAMES = 3

_TIME_RE = regex.compile(r"(?<![\d.:$€£])\b\d{1,2}[:h]\d{2}\b(?![.:]?\d{3})")
#: Characters of code, prices and markup: a line holding one is no stamp (log lines, "$29.95", dict entries).
_NOT_STAMP_RE = regex.compile(r"[\x27\"=;{}<>$€£\\]")
_DATE_RE = regex.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
_YEAR_RE = regex.compile(r"\b(?:19|20)\d{2}\b")
_DIGIT_RE = regex.compile(r"\d")
#: What a line needs to be a date stamp or a dated author line, searched over a whole document (see
#: :meth:`Comments.markers`): a time (:data:`_TIME_RE`), a date (:data:`_DATE_RE`) or a digit last before
#: decoration (:data:`_NAME_DATE_RE`), each loosened to what any match of it holds; then the rest of the line.
_STAMP_GATE_RE = regex.compile(
    rf"(?:\d[:h]\d\d|\d[./-]\d{{1,2}}[./-]\d\d|\d[{regex.escape(TRIM)}]*$)[^\n]*", regex.MULTILINE)
_NUMBER_RE = regex.compile(r"\d+")
_LETTERS_RE = regex.compile(r"[^\W\d_]+")
_MONTH = rf"(?i:(?:{languages.alternation('month_stems')})\p{{L}}*\.?)"
#: An author line dated with a month name and no time: "Jermaine 07 Nov 12", "Ash Menon November 8, 2012" (one to
#: three capitalised names, then day, month and year in either order; month names of every language's
#: ``month_stems``). Weak alone: a list of such lines with different names heads a thread (:func:`_repeated_bylines`).
_NAME_DATE_RE = regex.compile(
    r"^(?P<name>\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,2})\s+"
    rf"(?P<date>\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?(?:\d{{4}}|\d{{2}})"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:\d{{4}}|\d{{2}}))")
#: A heading that counts one or more comments ("12 Comments", "Kommentare (3)").
_COUNT_RE = regex.compile(r"(?<!\d)(?:[1-9]\d*)(?!\d)")

#: Marker kinds: ``byline`` heads an entry, ``crumb`` trails one, ``stamp`` is a date/time line.
#: ``forum`` is a forum post's furniture ("Joined: May 2019"): a page with several is a forum.
BYLINE, CRUMB, STAMP, FORUM = "byline", "crumb", "stamp", "forum"


@dataclass(frozen=True)
class Marker:
    """A line of thread furniture: its kind, and whether it is enough alone (``strong``)."""

    kind: str
    strong: bool
    what: str


@dataclass(frozen=True)
class _Entry:
    position: int  # index into doc.content_lines
    marker: Marker


class _WholeLines:
    """The rules of one kind of ``[comments]`` of some languages, as whole-line alternations.

    Each alternation is tried only on a line that holds one of its rules' required literals
    (folded; a necessary condition), so most lines skip the regexes.
    """

    def __init__(self, languages: tuple[str, ...], kind: str) -> None:
        patterns = [rule.pattern for rule in load_all(languages) if rule.category == "comments" and rule.kind == kind]
        long_literals = {p: required(p) for p in patterns}
        self.parts = [
            _GatedAlternation([p for p in patterns if long_literals[p]], shortest=3),
            _GatedAlternation([p for p in patterns if not long_literals[p]], shortest=1),
        ]

    def fullmatch(self, text: str, folded_text: str, present: Collection[str] | None = None) -> bool:
        """Whether a rule matches all of ``text`` (``folded_text``: ``folded(text)``; ``present``: the literals
        of :meth:`literals` that occur in ``folded_text``, or a superset of them, if the caller found them and
        ``text`` holds no clock time).

        Only the rules needing one of ``present`` are tried: any rule that matches needs a literal of
        ``folded_text``, so trying more rules than those gives the same answer.
        """
        return any(part.fullmatch(text, folded_text, present) for part in self.parts)

    def literals(self) -> frozenset[str] | None:
        """Folded literals one of which every line that :meth:`fullmatch` accepts holds, unless it holds a clock
        time (the rules that need one are left out); None if some other rule has no literal."""
        found: set[str] = set()
        for part in self.parts:
            if part.undigited is None:
                return None
            found |= part.undigited
        return frozenset(found)


class _GatedAlternation:
    """One alternation of whole-line patterns, tried only when one of their required literals occurs.

    With a gate, only the patterns one of whose literals occurs are tried, each on its own: an
    alternation fullmatches a line exactly when one of its patterns does, and most lines that pass
    the gate hold the literal of a few patterns (" on ", " at "), whose ``.{1,100}`` would otherwise
    be tried for every pattern.
    """

    def __init__(self, patterns: Sequence[str], shortest: int) -> None:
        self.patterns = tuple(patterns)
        needed = [required(p, shortest=shortest) for p in patterns]
        #: The required literals of the patterns that can match a line without a digit (None: one has none).
        self.undigited: frozenset[str] | None = frozenset(
            lit for p, literals in zip(patterns, needed) if not needs_time(p) for lit in literals or ())
        if any(not literals and not needs_time(p) for p, literals in zip(patterns, needed)):
            self.undigited = None
        self.gate = None
        if patterns and all(needed):
            self.gate = any_of(lit for literals in needed for lit in literals or ())  # a trie: one pass
        #: each required literal -> the indices of the patterns needing it (in order), each compiled on
        #: its own when first tried (:meth:`_compiled`: a process's first lines compile only what they reach)
        self.by_literal: dict[str, list[int]] = {}
        self._one: dict[int, regex.Pattern[str]] = {}
        if self.gate is not None:
            for index, literals in enumerate(needed):
                for literal in literals or ():
                    self.by_literal.setdefault(literal, []).append(index)

    @cached_property
    def pattern(self) -> regex.Pattern[str] | None:
        """All patterns as one alternation (None without any), compiled when first used."""
        body = "|".join(f"(?:{p})" for p in self.patterns)
        return regex.compile(body, regex.IGNORECASE | regex.V0) if self.patterns else None

    def _compiled(self, index: int) -> regex.Pattern[str]:
        pattern = self._one.get(index)
        if pattern is None:
            pattern = self._one[index] = regex.compile(self.patterns[index], regex.IGNORECASE | regex.V0)
        return pattern

    def fullmatch(self, text: str, folded_text: str, present: Collection[str] | None = None) -> bool:
        if not self.patterns:
            return False
        if self.gate is None:
            return self.pattern.fullmatch(text) is not None  # type: ignore[union-attr]
        if present is None:
            if self.gate.search(folded_text) is None:
                return False  # most lines: one pass of the trie
            present = self.gate.present(folded_text)
        tried = set()
        by_literal = self.by_literal
        for literal in present:
            for index in by_literal.get(literal, ()):
                if index not in tried:
                    if self._compiled(index).fullmatch(text) is not None:
                        return True
                    tried.add(index)
        return False


@lru_cache(maxsize=32)
def _rules_for(languages: tuple[str, ...], kind: str) -> _WholeLines:
    rules = _WholeLines(languages, kind)
    save_answers()  # what was read out of the patterns, for the next process
    return rules


class Comments:
    """Removes a comment thread: from its heading or first entry through its last entry (see module doc)."""

    name = "comments"

    def __init__(self, languages: tuple[str, ...] = LANGUAGES, matcher: Matcher | None = None,
                 from_shape: bool = True, page: bool = False) -> None:
        self.languages = tuple(languages)  # () with languages=[]: no language's rules, as for the other filters
        #: Also take threads without a heading, from their entries' shape.
        self.from_shape = from_shape
        #: Whole-page text (``mode="page"``): menus stand above the article and forum or Q&A pages print their
        #: posts with the same furniture as a thread's entries, so the page guards apply (see the module doc).
        self.page = page
        self.matcher = matcher or matcher_for(self.languages)
        self.bylines = _rules_for(self.languages, "bylines")
        self.forum = _rules_for(self.languages, "forum")
        self._markers = LineMemo()
        #: The literals of the forum and byline rules and the gate of the entry crumbs, searched once over a
        #: whole document (None: some rule has none, and every line is asked; see :meth:`markers`).
        forum, bylines = self.forum.literals(), self.bylines.literals()
        crumbs = self.matcher.crumb_gate_literals("comments")
        self._rule_literals = (forum or frozenset()) | (bylines or frozenset())
        self._crumb_literals = crumbs or frozenset()
        self._gate = None if forum is None or bylines is None or crumbs is None else LiteralSet(
            self._rule_literals | self._crumb_literals)

    def __repr__(self) -> str:
        return f"Comments(languages={self.languages!r}, from_shape={self.from_shape!r}, page={self.page!r})"

    def marker(self, line: Line) -> Marker | None:
        """The thread furniture ``line`` is, if any (memoised per line text)."""
        found = self._markers.get(line.text, False)
        if found is False:
            found = self._markers.remember(line.text, self._marker(line))
        return found  # type: ignore[no-any-return]

    def markers(self, doc: Document) -> list[Marker | None]:
        """:meth:`marker` of each of ``doc.content_lines``, asked only of the lines that may be furniture.

        A line is thread furniture only when it passes the matcher's gate of the entry crumbs (a literal
        or a prefix at its start: :meth:`Matcher.crumb_gate_literals`), holds a literal of a forum or
        byline rule (those of the rules that need a clock time aside), or a time, a date or a last digit
        (:data:`_STAMP_GATE_RE`: what a stamp, a month-dated author line and a rule needing a time need):
        each is a necessary condition of branches of :meth:`_marker`, on the line's core, which is part of
        its text unless :func:`core_of` collapses its whitespace (such lines are asked with no hints). One
        automaton pass and one regex pass over the document find them; most lines are none of them, and
        those without a time, a date or a last digit skip the stamp tests.
        """
        lines = doc.content_lines
        if self._gate is None:
            return [self.marker(line) for line in lines]
        folded_text, line_starts = gate_text(doc)
        maybe = self._gate.lines_with(folded_text, line_starts)
        stamps = {doc.line_at(found.start()).index for found in _STAMP_GATE_RE.finditer(doc.text)}
        odd = set()
        if has_odd_spaces(doc):  # lines whose core the literals may not be part of: asked with no hints
            odd = {line.index for line in lines if "  " in line.text or not line.text.isprintable()}
        out: list[Marker | None] = [None] * len(lines)
        asked = maybe | stamps | odd
        if not asked:
            return out
        positions = [line.index for line in lines]
        memo, gate, crumb_literals = self._markers, self._gate, self._crumb_literals
        for index in asked:
            k = bisect_left(positions, index)
            if k == len(positions) or positions[k] != index:
                continue  # a blank line
            line = lines[k]
            found = memo.get(line.text, False)
            if found is False:
                if index in odd:
                    found = self._marker(line)
                else:
                    # The gate's literals in the line ("\n" and the folded line, as the gate saw it): a crumb
                    # needs one of the crumb gate's, a rule one of its own unless the line holds a time.
                    present = gate.present(folded_text[line.start : line.end + 1])
                    crumb = None if not crumb_literals.isdisjoint(present) else False
                    if index in stamps:
                        found = self._marker(line, crumb=crumb)
                    else:
                        found = self._marker(line, crumb=crumb, rules=not self._rule_literals.isdisjoint(present),
                                             stamp=False, present=present)
                found = memo.remember(line.text, found)
            out[k] = found
        return out

    def _marker(self, line: Line, *, crumb: bool | None = None, rules: bool = True, stamp: bool = True,
                present: Collection[str] | None = None) -> Marker | None:
        """:meth:`marker`, not memoised. The hints are what :meth:`markers` found of the line, each exact or a
        necessary condition, so the answer is the same with or without them: ``crumb``, whether it is an entry
        crumb (None: ask the matcher); ``rules``, False if no forum or byline rule can match it; ``stamp``,
        False if it can be no stamp nor month-dated author line; ``present``, the gate's literals that occur
        in the line, or a superset of them, when it holds no clock time (see :meth:`_WholeLines.fullmatch`).
        """
        text = core_of(line.text)
        if not text:
            return None
        if len(text) > MAX_LINE_CHARS:
            # A forum post printed on one line after its author and role ("mcrouse Admin Hi @Linc, ...").
            if not rules:
                return None
            head = " ".join(text.split(maxsplit=2)[:2])
            if self.forum.fullmatch(head, folded(head), present):
                return Marker(FORUM, False, f"forum post furniture {head!r}")
            return None
        folded_text = folded(text) if rules else ""
        if rules and self.forum.fullmatch(text, folded_text, present):
            return Marker(FORUM, False, f"forum post furniture {text!r}")
        if self.matcher.is_crumb("comments", line) if crumb is None else crumb:
            return Marker(CRUMB, True, f"entry crumb {text!r}")
        if rules and self.bylines.fullmatch(text, folded_text, present):
            return Marker(BYLINE, _DIGIT_RE.search(text) is not None, f"author line {text!r}")
        if not stamp:
            return None
        has_time, has_date = _TIME_RE.search(text) is not None, _DATE_RE.search(text) is not None
        if (has_time or has_date) and line.words <= MAX_STAMP_WORDS and not _NOT_STAMP_RE.search(text):
            if _stamp_share(text) >= 0.3:
                # A year alone is no stamp ("IPL 2024" in a menu); with a time it dates one.
                return Marker(STAMP, has_time and (has_date or _YEAR_RE.search(text) is not None),
                              f"date stamp {text!r}")
        if _name_date(text) is not None:
            return Marker(BYLINE, False, f"dated author line {text!r}")
        return None

    def __call__(self, doc: Document) -> Iterator[Removal]:
        lines = doc.content_lines
        if not lines:
            return
        scans = self.matcher.scan(doc)
        heading_at = [_comments_heading(scans[line.index]) for line in lines]
        markers = self.markers(doc)
        if not any(heading_at) and sum(1 for m in markers if m is not None) < MIN_ENTRIES:
            return  # neither a heading nor enough furniture for a thread
        if sum(1 for m in markers if m is not None and m.kind == FORUM) >= MIN_FORUM_LINES:
            return  # a forum: its posts are the content
        words = _line_words(lines, doc.text)
        if self.page and self._forum_pairs(lines, words) >= MIN_FORUM_LINES:
            return  # the same, with each label and its value on two lines ("Messages" / "196")
        markers = [None if m is not None and m.kind == FORUM else m for m in markers]
        markers = _repeated_bylines(lines, markers)
        before = _words_before(words)
        prose = _words_before(words, MIN_QUOTE_WORDS)
        enough = MIN_ARTICLE_WORDS
        stops = _prefix_counts([_is_block_start(scans[line.index]) for line in lines])
        threads: list[list] = []  # [first, last content position, reason, confidence]
        # A heading's thread first, then threads found by their shape after it.
        found = self._threads(lines, scans, markers, heading_at, before, enough, words, prose, stops)
        for start, end, reason, confidence in sorted(found, key=lambda t: (t[0], -t[1])):
            if threads and start <= threads[-1][1] + 1:
                # One thread overlapping or touching the one before (a heading's thread, then the entries found
                # by their shape above the comment form that closes it, "Post a Comment"): one thread.
                threads[-1][1] = max(threads[-1][1], end)
                continue
            if threads and stops[start] - stops[threads[-1][1] + 1] == 0:
                # Entries with no furniture between two threads, with no other block between: one thread whose
                # furniture lapsed (trafilatura drops some), not article text printed between two threads.
                start = threads[-1][1] + 1
            threads.append([start, end, reason, confidence])
        if threads and self.from_shape and threads[-1][3] == "high":
            # Trafilatura prints a page's thread last and drops some entries' furniture, so the entries after the
            # last marked one read as text; the thread runs on to the next block or the end. In page mode only
            # when the article stands above the thread, not below it (see _article_above).
            tail = _next_block(lines, scans, threads[-1][1]) - 1
            if self.page:  # whole-page text: the page's footer follows the thread
                tail = _before_copyright(lines, threads[-1][1] + 1, tail)
            if tail > threads[-1][1] and (
                    not self.page or _article_above(lines, threads[-1][0], threads[-1][1], prose)):
                threads[-1][1] = tail
                threads[-1][2] += "; then the text after its last marked entry, up to the next block or the end"
        for start, end, reason, confidence in threads:
            for line in lines[start : end + 1]:
                scan = scans[line.index]
                if scan is not None and scan.whole is not None and scan.whole.rule.category != "comments":
                    continue  # another category's line rule reports it
                yield Removal(line.start, line.end, self.name, "comments", reason, confidence)

    def _threads(self, lines: Sequence[Line], scans: list[LineScan | None], markers: list[Marker | None],
                 heading_at: list[bool], before: list[int], enough: float, words: Sequence[int],
                 prose: Sequence[int], stops: Sequence[int]) -> Iterator[tuple[int, int, str, str]]:
        """(first, last content position, reason, confidence) of each thread, in order; ``words``: each line's
        words, ``before`` and ``prose``: :func:`_words_before` of them, ``stops``: :func:`_prefix_counts` of
        the block starts."""
        entries = [_Entry(i, m) for i, m in enumerate(markers) if m is not None]
        n = len(lines)
        forms = Counter(_heading_form(lines[i].text) for i in range(n) if heading_at[i])
        counts = {_COUNT_RE.search(core_of(lines[i].text)) for i in range(n) if heading_at[i]}
        counts = {m.group() for m in counts if m is not None}
        taken: set[str] = set()  # the shapes of the entry markers of the threads found so far
        for i in range(n):
            if not heading_at[i] or before[i] < MIN_HEADING_WORDS:
                continue
            form = _heading_form(lines[i].text)
            if self.page and (len(counts) > 1 if form == "#" else forms[form] > 1):
                continue  # each post's or teaser's own comment count ("9 Comments", "3 Comments"): no thread
            label = core_of(lines[i].text)
            run = _run_from(entries, i, stops, before)
            if self.page and (_bridges_article(i, run, before) or _counted_again(lines, heading_at, i)):
                continue  # a count printed above the article (under its title): the thread opens further down
            if run and _count_entries(run, lines) >= 1:
                end = self._end(lines, scans, run)
                strong = _count_entries(run, lines) >= 2
                taken |= {_shape(lines[e.position].text) for e in run}
                yield (i, end, f"comment thread under the heading {label!r} (line {lines[i].index + 1}),"
                       f" {len(run)} entry markers, the first: {run[0].marker.what}", "high" if strong else "low")
                break
            if (self.from_shape and before[i] >= MIN_COUNTED_WORDS and before[i] >= MIN_COUNTED_SHARE * before[-1]
                    and (not self.page or _article_above(lines, i, i, prose)
                         or _names_a_line_above(lines, i, words))):
                end = _next_block(lines, scans, i) - 1
                if self.page:  # the page's footer follows the thread
                    end = _before_copyright(lines, i + 1, end)
                yield (i, end, f"comment thread under the heading {label!r} (line {lines[i].index + 1}),"
                       f" with no entry furniture below it, after {before[i]} words of article", "high")
                break
            if before[i] < MIN_FORM_THREAD_SHARE * before[-1]:
                continue
            form = _form_after(lines, scans, i)
            if form is not None:
                yield (i, form, f"comment thread under the heading {label!r} (line {lines[i].index + 1}),"
                       f" closed by the comment form {core_of(lines[form].text)!r}", "low")
                break
        for run in _runs(entries, stops, before) if self.from_shape else ():
            run = _from_first_entry(run)
            # The article's own author line just above a thread whose bylines all share another form
            # ("Posted by Eric Earling at … | Email This", then "Posted by: Travis Pahl on …"): not an entry,
            # and the entries' bylines follow their text.
            own = _article_byline(run, lines)
            if own:
                run = run[1:]
            if self.page:
                # Whole-page text: the article's own dateline above its body is no entry, and a thread whose
                # entries continue the text above it (the same crumb closes it, or they quote its lines) is a
                # forum's or a Q&A page's, whose posts are the content.
                # A run whose first marker has the shape of an earlier thread's entries ("Tim Worstall 11.06.12 at
                # 11:06 am") continues that thread after one long entry: its long entries and replies quoting
                # earlier comments are the thread's, not a forum's.
                continued = bool(run) and _shape(lines[run[0].position].text) in taken
                if not continued:
                    run = _after_article_gap(run, before, lines)
                if not run or run[0].marker.kind == CRUMB or (
                        not continued and _continues_above(run, entries, lines, words)):
                    continue
            if _count_entries(run, lines) < MIN_ENTRIES or sum(1 for e in run if e.marker.strong) < 2:
                continue
            # Crumbs ("Reply") follow an entry's text; so do bylines when one closes the thread (or only the
            # comment form follows it), unless the first two stand one under the other (no text of its own).
            trailing = own or run[0].marker.kind == CRUMB or (
                run[-1].marker.kind != CRUMB and run[1].position - run[0].position > 1
                and (self._end(lines, scans, run) == run[-1].position
                     or _form_after(lines, scans, run[-1].position) is not None
                     and _is_form(scans[lines[run[-1].position + 1].index])))
            start = run[0].position - 1 if trailing else run[0].position
            if own:
                start = max(start, own.position + 1)
            # Page mode counts only prose above the thread (lines of MIN_QUOTE_WORDS words or more): a menu, a
            # breadcrumb trail and a forum thread's title are no article.
            above = prose[start] if self.page and start >= 0 else before[max(start, 0)]
            if start < 0 or above < enough or _is_block_start(scans[lines[start].index]):
                continue
            if above < ARTICLE_TO_ENTRY * _median_entry_words(run, before) and not _dated_authors(run, lines, start):
                continue  # the text above reads like one more entry (a forum's first post), not an article
            taken |= {_shape(lines[e.position].text) for e in run}
            yield (start, self._end(lines, scans, run),
                   f"comment thread of {_count_entries(run, lines)} entries with no heading;"
                   f" the first: {run[0].marker.what}", "high")

    def _forum_pairs(self, lines: Sequence[Line], words: Sequence[int]) -> int:
        """Lines of forum post furniture printed as a label line and a value line ("Reaction score" / "76",
        "Joined" / "Mar 2016": a page-text extractor puts each cell of a post's author box on its own line;
        ``words``: each line's words)."""
        found = 0
        for k, (label, value) in enumerate(zip(lines, lines[1:])):
            if words[k] > MAX_LABEL_WORDS or words[k + 1] > MAX_LABEL_WORDS or not _DIGIT_RE.search(value.text):
                continue
            pair = f"{core_of(label.text)} {core_of(value.text)}"
            found += self.forum.fullmatch(pair, folded(pair))
        return found

    def _end(self, lines: Sequence[Line], scans: list[LineScan | None], run: Sequence[_Entry]) -> int:
        """The last content position of a thread whose last marker is ``run[-1]``."""
        gaps = [b.position - a.position for a, b in zip(run, run[1:])]
        body = min(MAX_BODY_LINES, max([MIN_BODY_LINES, *gaps]))
        last = run[-1].position
        end = last
        for j in range(last + 1, min(len(lines), last + body + 1)):
            if _is_block_start(scans[lines[j].index]):
                return end
            end = j
        if end == len(lines) - 1 or _is_form(scans[lines[min(end + 1, len(lines) - 1)].index]):
            form = _form_after(lines, scans, end)
            return form if form is not None else end
        return end


def _repeated_bylines(lines: Sequence[Line], markers: list[Marker | None]) -> list[Marker | None]:
    """``markers`` with the undated bylines of a repeated form made strong: a widget that prints each comment
    under its author's name and a verb ("Sharon says", "Amy says", "Doris Adams-Boyd says", ...) with the date
    dropped by the extractor. See :data:`MIN_SAME_BYLINES`; a two- or three-person interview stays.

    >>> from cleantext.document import Document
    >>> doc = Document("\\n".join(["Sharon says", "Nice.", "Amy says", "Yes.", "Jill Winger says", "Ok.", "Amy says"]))
    >>> m = Marker(BYLINE, False, "author line")
    >>> [x.strong for x in _repeated_bylines(doc.content_lines, [m, None, m, None, m, None, m]) if x]
    [True, True, True, True]
    """
    by_form: dict[str, list[int]] = {}
    name_of: dict[int, str] = {}
    for k, m in enumerate(markers):
        if m is None or m.kind != BYLINE or m.strong:
            continue
        text = core_of(lines[k].text)
        dated = _name_date(text)
        if dated is not None:  # "Jermaine 07 Nov 12", "Rob 07 Nov 12": one form per shape of the date
            name_of[k] = dated[0]
            by_form.setdefault(f"date {dated[1]}", []).append(k)
        elif lines[k].words <= MAX_NAME_BYLINE_WORDS and "," not in lines[k].text:
            name_of[k] = folded(text)
            by_form.setdefault(folded(text).split()[-1], []).append(k)  # "says", "said...", "says:"
    out = list(markers)
    for found in by_form.values():
        names = {name_of[k] for k in found}
        if len(found) >= MIN_SAME_BYLINES and len(names) >= MIN_BYLINE_NAMES:
            for k in found:
                marker = markers[k]
                assert marker is not None
                out[k] = Marker(BYLINE, True, f"{marker.what}, one of {len(found)} of one form")
    return out


_NOT_NAMES = frozenset(languages.words("date_words") + languages.words("byline_words")
                       + languages.words("published_words"))


def _name_date(text: str) -> tuple[str, str] | None:
    """(folded name, shape of the date) of an author line dated with a month name (:data:`_NAME_DATE_RE`), else
    None; a weekday, a byline word or a publication label is no name ("Friday December 28 2007", "Posted Jan. 5,
    2008").

    >>> _name_date("Jason Fried 07 Nov 12"), _name_date("Friday December 28 2007")
    (('jason fried', '0 a 0'), None)
    """
    if not (text[:1].isupper() and text[-1:].isdigit()):
        return None  # what the pattern needs, tested first: it is tried on most distinct lines of a text
    found = _NAME_DATE_RE.fullmatch(text)
    if found is None:
        return None
    name = folded(found.group("name"))
    if any(word.strip(".") in _NOT_NAMES for word in name.split()):
        return None
    return name, _shape(found.group("date"))


def _dated_authors(run: Sequence[_Entry], lines: Sequence[Line], start: int) -> bool:
    """Whether every entry of ``run`` is headed by an author line dated with a month name, at least
    :data:`MIN_SAME_BYLINES` of one date shape naming :data:`MIN_BYLINE_NAMES` authors ("Jermaine 07 Nov 12",
    "Radex 07 Nov 12", ...), and the text above ``start`` has none of that shape: a forum prints its first post
    under the same author line as the replies, so the text above is the article, however short.
    """
    found = [_name_date(core_of(lines[e.position].text)) for e in run]
    dated = [f for f in found if f is not None]
    shapes = {shape for _, shape in dated}
    if len(dated) < max(len(found), MIN_SAME_BYLINES) or len(shapes) != 1 or len(set(dated)) < MIN_BYLINE_NAMES:
        return False
    above = (_name_date(core_of(line.text)) for line in lines[: max(start, 0)])
    return not any(f is not None and f[1] in shapes for f in above)


def _comments_heading(scan: LineScan | None) -> bool:
    return scan is not None and scan.opens is not None and scan.opens.category == "comments"


def _next_block(lines: Sequence[Line], scans: list[LineScan | None], i: int) -> int:
    """The first content position after ``i`` that opens another kind of block (``len(lines)`` if none)."""
    return next((j for j in range(i + 1, len(lines)) if _is_block_start(scans[lines[j].index])), len(lines))


def _is_form(scan: LineScan | None) -> bool:
    """A comments line rule (a comment form's "Post a Comment", "Leave a Reply", a count)."""
    return scan is not None and scan.whole is not None and scan.whole.rule.category == "comments"


def _is_block_start(scan: LineScan | None) -> bool:
    """The line opens another kind of block (a headline list, an appeal): a thread stops before it."""
    if scan is None:
        return False
    if scan.heading is not None:
        return True
    return scan.opens is not None and scan.opens.category != "comments"


def _form_after(lines: Sequence[Line], scans: list[LineScan | None], i: int) -> int | None:
    """The last comment-form line of the consecutive form lines closing the text after ``i``, if the text
    after ``i`` ends with them (within :data:`MAX_FORM_LINES`)."""
    n = len(lines)
    if n - 1 - i > MAX_FORM_LINES:
        return None
    last = None
    for j in range(n - 1, i, -1):
        if _is_form(scans[lines[j].index]):
            last = j if last is None else last
        elif last is not None:
            break
    return last


def _prefix_counts(flags: Sequence[bool]) -> list[int]:
    """``counts[i]``: how many of ``flags[:i]`` are true."""
    counts, total = [0], 0
    for flag in flags:
        total += flag
        counts.append(total)
    return counts


def _apart(a: int, b: int, stops: Sequence[int], before: Sequence[int]) -> bool:
    """Whether content positions ``a`` < ``b`` are too far apart for one thread (in lines or words), or
    another block starts between."""
    return b - a > MAX_GAP or before[b] - before[a] > MAX_GAP_WORDS or stops[b] - stops[a + 1] > 0


def _run_from(entries: Sequence[_Entry], i: int, stops: Sequence[int], before: Sequence[int]) -> list[_Entry]:
    """The entries after position ``i``, the first within :data:`MAX_GAP` of it and each within that of the
    previous one, with no other block starting between."""
    run: list[_Entry] = []
    last = i
    for entry in entries:
        if entry.position <= i:
            continue
        if _apart(last, entry.position, stops, before):
            break
        run.append(entry)
        last = entry.position
    return run


def _runs(entries: Sequence[_Entry], stops: Sequence[int], before: Sequence[int]) -> Iterator[list[_Entry]]:
    """Maximal runs of entries each within :data:`MAX_GAP` lines of the previous one (see :func:`_apart`)."""
    run: list[_Entry] = []
    for entry in entries:
        if run and _apart(run[-1].position, entry.position, stops, before):
            yield run
            run = []
        run.append(entry)
    if run:
        yield run


def _paired(run: Sequence[_Entry], k: int) -> bool:
    """Whether another marker of ``run`` is within :data:`PAIR_LINES` lines of ``run[k]``."""
    here, kind = run[k].position, run[k].marker.kind
    return any(abs(e.position - here) <= PAIR_LINES and e.marker.kind != kind
               for e in run[max(0, k - 2) : k + 3] if e is not run[k])


def _from_first_entry(run: Sequence[_Entry]) -> list[_Entry]:
    """``run`` without its leading weak markers that stand alone ("As you may recall, Colon writes:")."""
    for k, entry in enumerate(run):
        if entry.marker.strong or _paired(run, k):
            return list(run[k:])
    return []


_PUNCT_RE = regex.compile(r"[^\w\s]")


def _article_byline(run: Sequence[_Entry], lines: Sequence[Line]) -> _Entry | None:
    """``run[0]`` if it is a byline whose punctuation is that of none of the run's other bylines, which are
    at least two, two thirds of them of one form (the article's author line above its thread), else None."""
    if len(run) < 3 or run[0].marker.kind != BYLINE:
        return None
    forms = Counter("".join(_PUNCT_RE.findall(lines[e.position].text)) for e in run[1:] if e.marker.kind == BYLINE)
    total = sum(forms.values())
    if total < 2 or forms.most_common(1)[0][1] * 3 < total * 2:
        return None
    return run[0] if "".join(_PUNCT_RE.findall(lines[run[0].position].text)) not in forms else None


def _form(text: str) -> str:
    """A line's text with its digits as 0, folded: "9 Comments" and "3 Comments" are one form."""
    return _NUMBER_RE.sub("0", folded(core_of(text)))


def _shape(text: str) -> str:
    """A line's shape: each run of letters as ``a``, of digits as ``0`` ("Aug 08, 2006" -> "a 0, 0")."""
    return _LETTERS_RE.sub("a", _NUMBER_RE.sub("0", core_of(text)))


def _heading_form(text: str) -> str:
    """``#`` for a counted comments heading ("9 Comments", "Kommentare (3)"), else the heading's own
    :func:`_form`: a page with two uncounted headings of one form, or two different counts, prints them per
    post or per teaser (a Q&A page's "9 Comments" under one answer, "1 Comment" under the next)."""
    return "#" if _COUNT_RE.search(core_of(text)) else _form(text)


def _counted_again(lines: Sequence[Line], heading_at: Sequence[bool], i: int) -> bool:
    """Whether heading ``i`` counts comments and a later heading gives the same count ("53 Comments" under the
    title, "53 Responses to …" above the thread)."""
    count = _COUNT_RE.search(core_of(lines[i].text))
    return count is not None and any(
        heading_at[j] and count.group() in _COUNT_RE.findall(core_of(lines[j].text)) for j in range(i + 1, len(lines)))


def _after_article_gap(run: Sequence[_Entry], before: Sequence[int], lines: Sequence[Line]) -> list[_Entry]:
    """``run`` from its first marker that no article-sized gap follows (more words than :data:`MIN_ARTICLE_WORDS`
    and :data:`ARTICLE_TO_ENTRY` times the median entry of the rest, up to the next strong or paired marker): the
    article's own dateline above its body, then entries or a dated headline list after it, is no thread
    starting at the dateline."""
    run = list(run)
    while len(run) > MIN_ENTRIES:
        rest = _from_first_entry(run[1:])
        gap = before[rest[0].position] - before[run[0].position] if rest else 0
        if gap <= max(MIN_ARTICLE_WORDS, ARTICLE_TO_ENTRY * _median_entry_words(rest, before)):
            break
        if _shape(lines[run[0].position].text) in {_shape(lines[e.position].text) for e in rest}:
            return []  # the long text opens like each entry ("Aug 08, 2006", "Sep 01, 2006"): a forum's first post
        run = rest
    return run


def _continues_above(run: Sequence[_Entry], entries: Sequence[_Entry], lines: Sequence[Line],
                     words: Sequence[int]) -> bool:
    """Whether the text above ``run`` is one more of its entries: a crumb of the run's form (digits aside:
    "79 Likes", "22 Likes") closes text above it, or a line of the run repeats a long line above it (a reply
    quoting the opening post). Both mark a forum or a Q&A page, whose first post is no article."""
    if not run:
        return False
    first = run[0].position
    crumbs = {_form(lines[e.position].text) for e in run if e.marker.kind == CRUMB}
    if any(e.marker.kind == CRUMB and _form(lines[e.position].text) in crumbs
           for e in entries if e.position < first):
        return True
    previous = [e for e in entries if e.position < first][-1:]
    if previous and previous[0].marker.kind == STAMP and _shape(lines[previous[0].position].text) in {
            _shape(lines[e.position].text) for e in run if e.marker.kind == STAMP}:
        return True  # the text above opens with a stamp like each entry's ("Aug 08, 2006", "Sep 01, 2006")
    above = {lines[k].stripped for k in range(first) if words[k] >= MIN_QUOTE_WORDS}
    return any(lines[k].stripped in above for k in range(first, min(run[-1].position + MAX_BODY_LINES, len(lines)))
               if words[k] >= MIN_QUOTE_WORDS)


def _count_entries(run: Sequence[_Entry], lines: Sequence[Line]) -> int:
    """Entries in a run: strong markers, and weak ones with a marker of another kind within :data:`PAIR_LINES`
    lines (a byline and its stamp make one entry; two dates in a row do not), each after text of its own, or
    a dated byline of another author right under one (the extractor printed the entries' text elsewhere)."""
    count, last_counted = 0, -10
    for k, entry in enumerate(run):
        if k and run[k - 1].position == entry.position - 1 and run[k - 1].marker.kind == entry.marker.kind and not (
                _other_authors(run[k - 1], entry, lines)):
            continue  # a run of stamp or byline lines with no text between (a log, a table) is one entry at most
        near = _paired(run, k)
        if not entry.marker.strong and not near:
            continue
        if near and entry.position - last_counted <= PAIR_LINES and not entry.marker.strong:
            continue  # the other half of a pair already counted
        count += 1
        last_counted = entry.position
    return count


def _other_authors(a: _Entry, b: _Entry, lines: Sequence[Line]) -> bool:
    """Whether ``a`` and ``b`` are bylines dated with a year whose words differ: "written by lynn, October 25, 2012"
    printed right above "written by sarah, October 28, 2012" heads two entries, not one.

    >>> from cleantext.document import Document
    >>> lines = Document("written by lynn, October 25, 2012\\nwritten by sarah, October 28, 2012").content_lines
    >>> m = Marker(BYLINE, True, "author line")
    >>> _other_authors(_Entry(0, m), _Entry(1, m), lines), _other_authors(_Entry(0, m), _Entry(0, m), lines)
    (True, False)
    """
    if not (a.marker.kind == b.marker.kind == BYLINE and a.marker.strong and b.marker.strong):
        return False
    if not (_YEAR_RE.search(lines[a.position].text) and _YEAR_RE.search(lines[b.position].text)):
        return False  # a table's rows ("Action | 07:34", "Comedy | 02:58") are not dated
    return _LETTERS_RE.findall(folded(lines[a.position].text)) != _LETTERS_RE.findall(folded(lines[b.position].text))


def _bridges_article(i: int, run: Sequence[_Entry], before: Sequence[int]) -> bool:
    """Whether a gap between heading ``i`` and the markers of ``run`` holds far more words than the run's
    median entry: an article under a comment count printed above it, not one more comment."""
    positions = [i, *(e.position for e in run[:2])]  # the article sits right under the count, if anywhere
    gaps = [before[b] - before[a] for a, b in zip(positions, positions[1:])]
    return bool(gaps) and max(gaps) > max(MIN_BRIDGE_WORDS, ARTICLE_TO_ENTRY * _median_entry_words(run, before))


def _article_above(lines: Sequence[Line], start: int, end: int, prose: Sequence[int]) -> bool:
    """Page mode: whether the prose above a thread from content position ``start`` through ``end`` (lines of
    :data:`MIN_QUOTE_WORDS` words or more; menus, breadcrumbs and titles are not prose) is at least
    :data:`MIN_COUNTED_WORDS` and :data:`PROSE_ABOVE_TO_AFTER` times the prose after ``end``: the text after a
    thread heading (a comment form, a footer, entries whose furniture the extractor dropped) holds little prose
    next to the article above it, while a count under the title, or the last "Comments" link of a blog's front
    page, has an article (or the next post) below it. ``prose``: :func:`_words_before` of the lines' words,
    counting prose lines only.

    >>> from cleantext.document import Document
    >>> para = "The council voted on Monday to keep the early ferry running until the end of the year."
    >>> doc = Document("\\n".join(["Menu", para, para, para, "3 Comments", "Post a comment", "About us"]))
    >>> lines = doc.content_lines
    >>> prose = _words_before([line.words for line in lines], MIN_QUOTE_WORDS)
    >>> _article_above(lines, 4, 4, prose), _article_above(lines, 1, 1, prose)
    (True, False)
    """
    last = lines[-1].words
    total = prose[-1] + (last if last >= MIN_QUOTE_WORDS else 0)  # the prose of all the lines
    above = prose[start] if start < len(lines) else total
    after = total - prose[end + 1] if end + 1 < len(lines) else 0
    return above >= MIN_COUNTED_WORDS and above >= PROSE_ABOVE_TO_AFTER * after


def _names_a_line_above(lines: Sequence[Line], i: int, words: Sequence[int]) -> bool:
    """Whether heading ``i`` quotes a line above it of at least :data:`MIN_NAMED_WORDS` words, the article's
    title ("34 responses to “Anthony Lynn …”" below the headline "Anthony Lynn …"): a thread's heading, never
    a count under the title.

    >>> from cleantext.document import Document
    >>> title = "Ferry timetable to change in May"
    >>> doc = Document("\\n".join(["Menu", title, "Text.", f"3 thoughts on “{title}”"]))
    >>> words = [line.words for line in doc.content_lines]
    >>> _names_a_line_above(doc.content_lines, 3, words), _names_a_line_above(doc.content_lines, 2, words)
    (True, False)
    """
    heading = folded(core_of(lines[i].text))
    return any(words[k] >= MIN_NAMED_WORDS and (title := folded(core_of(lines[k].text))) and title in heading
               and len(title) < len(heading) for k in range(i))


def _before_copyright(lines: Sequence[Line], first: int, end: int) -> int:
    """``end``, or the line before the first copyright line from ``first`` through ``end``: a page's
    copyright line ends a thread that would run on into its footer."""
    return next((j - 1 for j in range(first, end + 1) if has_copyright_mark(lines[j].text)), end)


def _median_entry_words(run: Sequence[_Entry], before: Sequence[int]) -> float:
    """The median number of words from one marker of ``run`` to the next."""
    sizes = sorted(before[b.position] - before[a.position] for a, b in zip(run, run[1:]))
    return float(sizes[len(sizes) // 2]) if sizes else 0.0


def _stamp_share(text: str) -> float:
    """The share of a line's characters that are digits, separators or short words (a stamp is mostly them)."""
    digits = sum(1 for c in text if c.isdigit())
    return digits / max(len(text.replace(" ", "")), 1)


def _words_before(words: Sequence[int], shortest: int = 0) -> list[int]:
    """``counts[i]``: the words of the lines before line ``i`` (``words``: each line's, :func:`_line_words`),
    counting only lines of at least ``shortest`` words.

    >>> _words_before([3, 9, 1, 8]), _words_before([3, 9, 1, 8], 8)
    ([0, 3, 12, 13], [0, 0, 9, 9])
    """
    counts = list(accumulate((w if w >= shortest else 0 for w in words) if shortest else words, initial=0))
    counts.pop()
    return counts


def _line_words(lines: Sequence[Line], text: str) -> list[int]:
    """``[line.words for line in lines]`` of lines of the document ``text``, counted as
    :func:`~cleantext.analysis.chars.word_lines` leaves the whole text (one pass, several times faster
    than the pattern line by line).

    >>> from cleantext.document import Document
    >>> doc = Document("It's 2 o'clock.\\n" + "Ein Wort, noch eins. " * 40)
    >>> _line_words(doc.lines, doc.text) == [line.words for line in doc.lines]
    True
    """
    mapped = word_lines(text)
    return [len(mapped[line.start : line.end].split()) for line in lines]
