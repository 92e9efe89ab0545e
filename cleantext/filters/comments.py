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
the last marked one have lost their furniture. Page mode does neither.

Language data (headings, bylines, crumbs) lives in ``cleantext/languages/*/rules.toml``;
this module holds no words of any language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..config import LANGUAGES
from ..document import Document, Line
from ..linememo import LineMemo
from ..removal import Removal
from ..rules import load_all
from .literals import folded, required
from .matcher import MAX_LINE_CHARS, LineScan, Matcher, _any_of, core_of, matcher_for

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
#: ... and in page mode no gap in a thread under an early heading holds that many times the median entry,
#: nor more than this many words.
MIN_BRIDGE_WORDS = 150
#: A stamp line (date or time) has at most this many words.
MAX_STAMP_WORDS = 12
#: A weak marker (a stamp without date, a byline without one) counts when another marker is this close.
PAIR_LINES = 2

_TIME_RE = regex.compile(r"(?<![\d.:$€£])\b\d{1,2}[:h]\d{2}\b(?![.:]?\d{3})")
#: Characters of code, prices and markup: a line holding one is no stamp (log lines, "$29.95", dict entries).
_NOT_STAMP_RE = regex.compile(r"[\x27\"=;{}<>$€£\\]")
_DATE_RE = regex.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
_YEAR_RE = regex.compile(r"\b(?:19|20)\d{2}\b")
_DIGIT_RE = regex.compile(r"\d")
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

    def fullmatch(self, text: str, folded_text: str) -> bool:
        return any(part.fullmatch(text, folded_text) for part in self.parts)


class _GatedAlternation:
    """One alternation of whole-line patterns, tried only when one of their required literals occurs."""

    def __init__(self, patterns: Sequence[str], shortest: int) -> None:
        body = "|".join(f"(?:{p})" for p in patterns)
        self.pattern = regex.compile(body, regex.IGNORECASE | regex.V0) if patterns else None
        needed = [required(p, shortest=shortest) for p in patterns]
        self.gate = None
        if patterns and all(needed):
            self.gate = _any_of(lit for literals in needed for lit in literals or ())  # a trie: one pass

    def fullmatch(self, text: str, folded_text: str) -> bool:
        if self.pattern is None or (self.gate is not None and self.gate.search(folded_text) is None):
            return False
        return self.pattern.fullmatch(text) is not None


@lru_cache(maxsize=32)
def _rules_for(languages: tuple[str, ...], kind: str) -> _WholeLines:
    return _WholeLines(languages, kind)


class Comments:
    """Removes a comment thread: from its heading or first entry through its last entry (see module doc)."""

    name = "comments"

    def __init__(self, languages: tuple[str, ...] = LANGUAGES, matcher: Matcher | None = None,
                 from_shape: bool = True) -> None:
        self.languages = languages or LANGUAGES
        #: Also take threads without a heading, from their entries' shape (off in page mode, see docs/categories.md).
        self.from_shape = from_shape
        self.matcher = matcher or matcher_for(self.languages)
        self.bylines = _rules_for(self.languages, "bylines")
        self.forum = _rules_for(self.languages, "forum")
        self._markers = LineMemo()

    def __repr__(self) -> str:
        return f"Comments(languages={self.languages!r}, from_shape={self.from_shape!r})"

    def marker(self, line: Line) -> Marker | None:
        """The thread furniture ``line`` is, if any (memoised per line text)."""
        found = self._markers.get(line.text, False)
        if found is False:
            found = self._markers.remember(line.text, self._marker(line))
        return found  # type: ignore[no-any-return]

    def _marker(self, line: Line) -> Marker | None:
        text = core_of(line.text)
        if not text:
            return None
        if len(text) > MAX_LINE_CHARS:
            # A forum post printed on one line after its author and role ("mcrouse Admin Hi @Linc, ...").
            head = " ".join(text.split(maxsplit=2)[:2])
            if self.forum.fullmatch(head, folded(head)):
                return Marker(FORUM, False, f"forum post furniture {head!r}")
            return None
        folded_text = folded(text)
        if self.forum.fullmatch(text, folded_text):
            return Marker(FORUM, False, f"forum post furniture {text!r}")
        if self.matcher.is_crumb("comments", line):
            return Marker(CRUMB, True, f"entry crumb {text!r}")
        if self.bylines.fullmatch(text, folded_text):
            return Marker(BYLINE, _DIGIT_RE.search(text) is not None, f"author line {text!r}")
        has_time, has_date = _TIME_RE.search(text) is not None, _DATE_RE.search(text) is not None
        if (has_time or has_date) and line.words <= MAX_STAMP_WORDS and not _NOT_STAMP_RE.search(text):
            if _stamp_share(text) >= 0.3:
                # A year alone is no stamp ("IPL 2024" in a menu); with a time it dates one.
                return Marker(STAMP, has_time and (has_date or _YEAR_RE.search(text) is not None),
                              f"date stamp {text!r}")
        return None

    def __call__(self, doc: Document) -> Iterator[Removal]:
        lines = doc.content_lines
        if not lines:
            return
        scans = self.matcher.scan(doc)
        heading_at = [_comments_heading(scans[line.index]) for line in lines]
        markers = [self.marker(line) for line in lines]
        if not any(heading_at) and sum(1 for m in markers if m is not None) < MIN_ENTRIES:
            return  # neither a heading nor enough furniture for a thread
        if sum(1 for m in markers if m is not None and m.kind == FORUM) >= MIN_FORUM_LINES:
            return  # a forum: its posts are the content
        markers = [None if m is not None and m.kind == FORUM else m for m in markers]
        before = _words_before(lines)
        enough = MIN_ARTICLE_WORDS
        stops = _prefix_counts([_is_block_start(scans[line.index]) for line in lines])
        threads: list[list] = []  # [first, last content position, reason, confidence]
        # A heading's thread first, then threads found by their shape after it.
        found = self._threads(lines, scans, markers, heading_at, before, enough)
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
            # Article mode: trafilatura prints a page's thread last and drops some entries' furniture, so the
            # entries after the last marked one read as text; the thread runs on to the next block or the end.
            tail = _next_block(lines, scans, threads[-1][1]) - 1
            if tail > threads[-1][1]:
                threads[-1][1] = tail
                threads[-1][2] += "; then the text after its last marked entry, up to the next block or the end"
        for start, end, reason, confidence in threads:
            for line in lines[start : end + 1]:
                scan = scans[line.index]
                if scan is not None and scan.whole is not None and scan.whole.rule.category != "comments":
                    continue  # another category's line rule reports it
                yield Removal(line.start, line.end, self.name, "comments", reason, confidence)

    def _threads(self, lines: Sequence[Line], scans: list[LineScan | None], markers: list[Marker | None],
                 heading_at: list[bool], before: list[int], enough: float) -> Iterator[tuple[int, int, str, str]]:
        """(first, last content position, reason, confidence) of each thread, in order."""
        entries = [_Entry(i, m) for i, m in enumerate(markers) if m is not None]
        n = len(lines)
        stops = _prefix_counts([_is_block_start(scans[line.index]) for line in lines])
        for i in range(n):
            if not heading_at[i] or before[i] < MIN_HEADING_WORDS:
                continue
            label = core_of(lines[i].text)
            run = _run_from(entries, i, stops, before)
            if not self.from_shape and before[i] < MIN_FORM_THREAD_SHARE * before[-1] and not (
                    _COUNT_RE.search(label) and sum(1 for e in run if e.marker.strong) >= MIN_ENTRIES
                    and not _bridges_article(i, run, before)):
                continue  # page mode: menus and sidebars above the article; only a counted, furnished thread
            if run and _count_entries(run) >= 1:
                end = self._end(lines, scans, run)
                strong = _count_entries(run) >= 2
                yield (i, end, f"comment thread under the heading {label!r} (line {lines[i].index + 1}),"
                       f" {len(run)} entry markers, the first: {run[0].marker.what}", "high" if strong else "low")
                break
            if (self.from_shape and before[i] >= MIN_COUNTED_WORDS
                    and before[i] >= MIN_COUNTED_SHARE * before[-1]):
                end = _next_block(lines, scans, i) - 1
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
            if _count_entries(run) < MIN_ENTRIES or sum(1 for e in run if e.marker.strong) < 2:
                continue
            # Crumbs ("Reply") follow an entry's text; so do bylines when one closes the thread (or only the
            # comment form follows it).
            trailing = own or run[0].marker.kind == CRUMB or (
                run[-1].marker.kind != CRUMB and (self._end(lines, scans, run) == run[-1].position
                                                  or _form_after(lines, scans, run[-1].position) is not None
                                                  and _is_form(scans[lines[run[-1].position + 1].index])))
            start = run[0].position - 1 if trailing else run[0].position
            if own:
                start = max(start, own.position + 1)
            if start < 0 or before[start] < enough or _is_block_start(scans[lines[start].index]):
                continue
            if before[start] < ARTICLE_TO_ENTRY * _median_entry_words(run, before):
                continue  # the text above reads like one more entry (a forum's first post), not an article
            yield (start, self._end(lines, scans, run),
                   f"comment thread of {_count_entries(run)} entries with no heading; the first: {run[0].marker.what}",
                   "high")

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


def _count_entries(run: Sequence[_Entry]) -> int:
    """Entries in a run: strong markers, and weak ones with a marker of another kind within :data:`PAIR_LINES`
    lines (a byline and its stamp make one entry; two dates in a row do not), each after text of its own."""
    count, last_counted = 0, -10
    for k, entry in enumerate(run):
        if k and run[k - 1].position == entry.position - 1 and run[k - 1].marker.kind == entry.marker.kind:
            continue  # a run of stamp or byline lines with no text between (a log, a table) is one entry at most
        near = _paired(run, k)
        if not entry.marker.strong and not near:
            continue
        if near and entry.position - last_counted <= PAIR_LINES and not entry.marker.strong:
            continue  # the other half of a pair already counted
        count += 1
        last_counted = entry.position
    return count


def _bridges_article(i: int, run: Sequence[_Entry], before: Sequence[int]) -> bool:
    """Whether a gap between heading ``i`` and the markers of ``run`` holds far more words than the run's
    median entry: an article under a comment count printed above it, not one more comment."""
    positions = [i, *(e.position for e in run[:2])]  # the article sits right under the count, if anywhere
    gaps = [before[b] - before[a] for a, b in zip(positions, positions[1:])]
    return bool(gaps) and max(gaps) > max(MIN_BRIDGE_WORDS, ARTICLE_TO_ENTRY * _median_entry_words(run, before))


def _median_entry_words(run: Sequence[_Entry], before: Sequence[int]) -> float:
    """The median number of words from one marker of ``run`` to the next."""
    sizes = sorted(before[b.position] - before[a.position] for a, b in zip(run, run[1:]))
    return float(sizes[len(sizes) // 2]) if sizes else 0.0


def _stamp_share(text: str) -> float:
    """The share of a line's characters that are digits, separators or short words (a stamp is mostly them)."""
    digits = sum(1 for c in text if c.isdigit())
    return digits / max(len(text.replace(" ", "")), 1)


def _words_before(lines: Sequence[Line]) -> list[int]:
    counts, total = [], 0
    for line in lines:
        counts.append(total)
        total += line.words
    return counts
