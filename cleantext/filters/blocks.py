"""Blocks: boilerplate that runs over several lines after a trigger line.

Two shapes are common in extracted article text:

* an *appeal*: a trigger ("A Message from The Moscow Times:", "Sign up for our
  free weekly newsletter") followed by its body (paragraphs addressed to the
  reader: "we", "our", "your support") and UI crumbs ("Once", "Monthly",
  "Continue"). The block runs while lines look like that and stops at the
  first line that does not: an article paragraph closes it.
* a *headline list*: a heading ("Read more:", "Related", "More from CNN")
  followed by headline lines (short, no closing full stop) up to the first
  line that reads like a paragraph.
* a *menu*: three or more consecutive lines that are each a section name
  ("News", "Sport", "Business", "Weather").
* a *consent notice*: the standard texts of consent dialogs (the IAB TCF purposes, a consent
  manager's cookie categories) run 150 to 700 characters a line, longer than whole-line rules
  look at. A ``[cookie]`` ``opens`` pattern is such a notice's opening words: a line that *starts*
  with one goes whole (:data:`NOTICE_CATEGORIES`), however long. The openers are long fixed
  phrases no article sentence starts with ("Information about your activity on this service").

The trigger and crumbs are high-confidence removals; the body lines and
headlines are low-confidence, so the safety cap can hold them back.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from .. import languages
from ..document import Document, Line
from ..removal import Removal
from .matcher import TRIM, Matcher, matcher_for, trimmed

#: An appeal or list never runs longer than this many non-blank lines.
MAX_BLOCK_LINES = 16
#: A body line continues an appeal if at least this share of its words are cues ...
MIN_CUE_SHARE = 0.06
#: ... and at least this many.
MIN_CUES = 2
#: A headline is at most this many words.
MAX_HEADLINE_WORDS = 25
#: A line ending in a colon is a headline (a label: "Also read these stories:") up to this many words;
#: longer, it is a sentence introducing what follows ("… finden Sie im DATEV Hilfe-Center und weitere
#: Informationen erhalten Sie auf den Seiten von e.Consult:", a trafilatura_eval `with` snippet).
MAX_COLON_HEADLINE_WORDS = 15
#: A run of section names is a menu from this many lines on.
MIN_MENU_LINES = 3
#: Categories whose ``opens`` patterns are also the opening words of a long notice line (consent dialogs).
NOTICE_CATEGORIES = ("cookie",)
#: A notice line has at least this many words (its opener alone is a few).
MIN_NOTICE_WORDS = 8

_WORDS_RE = regex.compile(r"\w+")
_OPENING_QUOTE = "\"'“‘«„‚‹「『"
_SALUTATION_RE = regex.compile(r"^\w+(?:\s+\w+){0,4}\s*[,:!]$")
#: A byline ("By Erin Hitchcock", "Von Anna Schmidt").
_BYLINE_RE = regex.compile(rf"^(?:{languages.alternation('byline_words')})\s+\p{{Lu}}", regex.IGNORECASE)
_MONTHS = rf"(?:{languages.alternation('month_stems')})\w*\.?"
#: A date ("January 11, 2008", "11 Jan 2008", "17.07.2011") or a publication label with a number.
_DATELINE_RE = regex.compile(
    rf"\b{_MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}\.?\s+(?:de\s+)?{_MONTHS},?\s+(?:de\s+)?\d{{4}}\b|\b\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}}\b"
    rf"|\b(?:{languages.alternation('published_words')})\b.{{0,40}}\d",
    regex.IGNORECASE)
#: A dateline and a byline are short.
MAX_DATELINE_WORDS = 12
MAX_BYLINE_WORDS = 10
#: A line of at least this many words that ends a sentence and is not a headline is an article paragraph.
MIN_PARAGRAPH_WORDS = 10
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "»", "“")


class Appeals:
    """Removes the body and crumbs of a donation / newsletter / paywall appeal after its trigger."""

    name = "blocks"

    def __init__(self, languages: tuple[str, ...], matcher: Matcher | None = None) -> None:
        self.matcher = matcher or matcher_for(languages)
        self.notices = _notice_openers(tuple(r for r in self.matcher.opens.rules if r.category in NOTICE_CATEGORIES))

    def __call__(self, doc: Document) -> Iterator[Removal]:
        scans = self.matcher.scan(doc)
        if self.notices is not None:
            yield from self._notices(doc, scans)
        for line, scan in self.matcher.hits(doc):
            if scan.opens is None:
                continue
            rule = scan.opens
            if rule.category == "comments":
                continue  # a comment thread: the comments filter (filters/comments.py) takes it
            if scan.whole is None:
                yield Removal(line.start, line.end, "blocks", rule.category,
                              f"opens a {rule.category} block ({rule.language} rule /{rule.pattern}/)")
            yield from self._body(doc, scans, line, rule.category)

    def _notices(self, doc: Document, scans: list) -> Iterator[Removal]:
        """Lines that start with a consent notice's opening words (:data:`NOTICE_CATEGORIES`), whole."""
        heads, pattern, rules = self.notices  # type: ignore[misc]
        for line in doc.lines:  # the cheapest test first: most lines start with no opener's first characters
            text = line.text.lstrip(TRIM)
            if text[:_HEAD].casefold() not in heads or line.words < MIN_NOTICE_WORDS:
                continue
            text = text.rstrip(TRIM)  # trimmed(line.text)
            scan = scans[line.index]
            if scan is not None and (scan.whole is not None or scan.opens is not None):
                continue  # a whole-line rule or an ordinary block takes it
            match = pattern.match(text)
            if match is not None:
                rule = rules[match.lastgroup]
                yield Removal(line.start, line.end, "blocks", rule.category,
                              f"a {rule.category} notice line ({rule.language} rule /{rule.pattern}/)")

    def _body(self, doc: Document, scans: list, opener: Line, category: str) -> Iterator[Removal]:
        cues = self.matcher.cues.get(category, frozenset())
        taken = 0
        for line in _after(doc, opener):
            if line.blank:
                continue
            if taken >= MAX_BLOCK_LINES:
                return
            scan = scans[line.index]
            if scan is not None and scan.opens is not None:
                return  # the next block starts; it reports itself
            taken += 1
            if scan is not None and scan.whole is not None:
                continue  # removed by the line rules already
            where = f"line {opener.index + 1}"
            if self.matcher.is_crumb(category, line):
                yield Removal(line.start, line.end, "blocks", category,
                              f"UI crumb of the {category} block opened at {where}")
            elif _SALUTATION_RE.match(line.stripped) and line.words <= 5:
                yield Removal(line.start, line.end, "blocks", category,
                              f"salutation in the {category} block opened at {where}", "low")
            elif (found := _cues(line, cues)) is not None:
                yield Removal(line.start, line.end, "blocks", category,
                              f"continues the {category} block opened at {where} "
                              f"({found} reader-addressed cue words)", "low")
            else:
                return


class HeadlineLists:
    """Removes the headline lines under a "Read more:" / "Related" / "More from ..." heading."""

    name = "lists"

    def __init__(self, languages: tuple[str, ...], matcher: Matcher | None = None) -> None:
        self.matcher = matcher or matcher_for(languages)

    def __call__(self, doc: Document) -> Iterator[Removal]:
        scans = self.matcher.scan(doc)
        for line, scan in self.matcher.hits(doc):
            if scan.heading is None:
                continue
            rule = scan.heading
            if scan.whole is None:
                yield Removal(line.start, line.end, "lists", rule.category,
                              f"{rule.category} heading ({rule.language} rule /{rule.pattern}/)")
            yield from self._headlines(doc, scans, line, rule.category)
        yield from self._menus(doc, scans)

    def _menus(self, doc: Document, scans: list) -> Iterator[Removal]:
        """Runs of at least MIN_MENU_LINES consecutive section-name lines (navigation crumbs)."""
        lines, text = doc.lines, doc.text
        run: list[Line] = []
        for index in [*sorted(self.matcher.crumb_lines(doc, "navigation")), None]:
            # consecutive content lines: only blank lines (whitespace) between this crumb and the run's last
            if index is not None and (not run or text[run[-1].end : lines[index].start].isspace()):
                run.append(lines[index])
                continue
            if len(run) >= MIN_MENU_LINES:
                names = ", ".join(repr(r.stripped) for r in run[:3])
                for item in run:
                    scan = scans[item.index]
                    if scan is None or scan.whole is None:
                        yield Removal(item.start, item.end, "lists", "navigation",
                                      f"menu: {len(run)} section names in a row ({names}, ...)")
            run = [] if index is None else [lines[index]]

    def _headlines(self, doc: Document, scans: list, heading: Line, category: str) -> Iterator[Removal]:
        run: list[Line] = []
        stop: Line | None = None  # the line after the run, when it is not a headline (the article's text)
        for line in _after(doc, heading):
            if line.blank:
                continue
            scan = scans[line.index]
            if scan is not None and (scan.opens is not None or scan.heading is not None):
                break
            if scan is not None and scan.whole is not None:
                continue
            if len(run) >= MAX_BLOCK_LINES:
                break
            if not is_headline(line):
                stop = line
                break
            run.append(line)
        if stop is not None:
            below = stop if _title_block_below(doc, stop) else None
            run = run[: len(run) - _own_title_lines(run, _opens_text(doc, heading), below)]
        label = trimmed(heading.text)
        for line in run:
            yield Removal(line.start, line.end, "lists", category,
                          f"headline listed under the {label!r} heading (line {heading.index + 1})", "low")


def _own_title_lines(run: list[Line], at_top: bool, stop: Line | None = None) -> int:
    """How many of the last lines of a headline run, just above the article's text (``stop``),
    are the article's own title block: a dateline ("Published: Friday, January 11, 2008"), the
    byline before it, and the title before those; the title alone when the byline or dateline is
    ``stop`` itself ("Reuters"), or when the list heads the text (no article paragraph above it).
    Those lines stay.

    >>> from cleantext.document import Document
    >>> doc = Document("Wrong-way driver halted\\nErin Hitchcock, Burnaby Now\\nPublished: Friday, January 11, 2008")
    >>> _own_title_lines(doc.content_lines, at_top=False)
    3
    >>> _own_title_lines(Document("Storm hits coast\\nMarkets fall again").content_lines, at_top=False)
    0
    """
    k = len(run)
    if stop is not None and (is_byline(stop) or is_dateline(stop)):
        pass  # the title block goes on below the run: the run's last line is the title
    elif k and is_dateline(run[k - 1]):
        k -= 1
        if k >= 2 and is_byline(run[k - 1]):
            k -= 1  # the byline between the title and the date ("Erin Hitchcock, Burnaby Now")
    elif k and is_byline(run[k - 1]):
        k -= 1
    elif not at_top:
        return 0
    kept = len(run) - max(k - 1, 0)
    if not at_top and any(is_dateline(line) for line in run[: len(run) - kept]):
        return 0  # a list of dated entries: the last one is one more entry, not the article's title
    return kept


def _title_block_below(doc: Document, stop: Line) -> bool:
    """Whether ``stop`` starts the rest of a title block: a byline or dateline, then at most one
    more, then an article paragraph (not one more dated entry of a list)."""
    if not (is_byline(stop) or is_dateline(stop)):
        return False
    seen = 0
    for line in _after(doc, stop):
        if line.blank:
            continue
        if seen < 1 and (is_byline(line) or is_dateline(line)):
            seen += 1
            continue
        return _is_paragraph(line)
    return False


def _is_paragraph(line: Line) -> bool:
    """A line of article text: long, ending a sentence, not headline-like."""
    return line.words >= MIN_PARAGRAPH_WORDS and line.stripped.endswith(_SENTENCE_ENDS) and not is_headline(line)


def _opens_text(doc: Document, heading: Line) -> bool:
    """Whether ``heading`` comes before the text's first article paragraph (a list at the top)."""
    for line in doc.lines[: heading.index]:
        if _is_paragraph(line):
            return False
    return True


def is_byline(line: Line) -> bool:
    """A short line naming the author: "By Erin Hitchcock", "Erin Hitchcock, Burnaby Now", "Reuters".

    >>> from cleantext.document import Document
    >>> [is_byline(l) for l in Document("By Anna Smith\\nTim Shufelt, Ottawa Citizen\\nCouncil approves new bridge plan").content_lines]
    [True, True, False]
    """
    text = line.stripped
    if line.words > MAX_BYLINE_WORDS:
        return False
    if _BYLINE_RE.match(text) or "," in text or ";" in text:
        return True
    return line.words <= 3 and all(word[:1].isupper() for word in text.split())


def is_dateline(line: Line) -> bool:
    """A short line that dates the article ("Published: Friday, January 11, 2008", "12/28/2007").

    >>> from cleantext.document import Document
    >>> [is_dateline(l) for l in Document("Updated 8:49 am EST January 23\\nMay the best team win").content_lines]
    [True, False]
    """
    return line.words <= MAX_DATELINE_WORDS and _DATELINE_RE.search(line.text) is not None


def _after(doc: Document, line: Line) -> Iterator[Line]:
    """The lines after ``line``, without copying the rest of the document (a page of many
    blocks would otherwise be quadratic in its lines)."""
    lines = doc.lines
    for index in range(line.index + 1, len(lines)):
        yield lines[index]


def is_headline(line: Line) -> bool:
    """A short line that reads like a headline: no closing full stop, one sentence; ending in a colon,
    only as short as a label (:data:`MAX_COLON_HEADLINE_WORDS`).

    >>> from cleantext.document import Document
    >>> doc = Document("NATO says training Ukrainian pilots does not make it party to conflict\\n"
    ...                "He added that a gas pipeline was damaged in the district.")
    >>> [is_headline(line) for line in doc.lines]
    [True, False]
    """
    text = line.stripped
    if not 2 <= line.words <= MAX_HEADLINE_WORDS or len(text) > 220:
        return False
    if text.endswith((".", ";", ",")) and not text.endswith(("...", "…")):
        return False
    if text.endswith(":") and line.words > MAX_COLON_HEADLINE_WORDS:
        return False
    return ". " not in text[:-1]


#: How many first characters of a notice opener index it (:func:`_notice_openers`).
_HEAD = 3
_HEAD_RE = regex.compile(r"[\w ,]{3}")


@lru_cache(maxsize=16)
def _notice_openers(rules: tuple) -> tuple[frozenset[str], regex.Pattern[str], dict] | None:
    """The notice openers as (their first characters, casefolded; one anchored alternation with a
    named group per rule; the rule of each group), or None without any. Every opener must start with
    :data:`_HEAD` literal characters (letters, digits, spaces, commas): lines are only tried when
    theirs are one of those."""
    if not rules:
        return None
    heads = set()
    for rule in rules:
        if not _HEAD_RE.fullmatch(rule.pattern[:_HEAD]):
            raise ValueError(f"a notice opener must start with {_HEAD} literal characters: /{rule.pattern}/")
        heads.add(rule.pattern[:_HEAD].casefold())
    groups = {f"n{i}": rule for i, rule in enumerate(rules)}
    pattern = regex.compile("|".join(f"(?P<{name}>{rule.pattern})" for name, rule in groups.items()),
                            regex.IGNORECASE | regex.V0)
    return frozenset(heads), pattern, groups


def _cues(line: Line, cues: frozenset[str]) -> int | None:
    """The number of cue words if the line reads as addressed to the reader, else None."""
    text = line.stripped
    if not cues or text[:1] in _OPENING_QUOTE:
        return None
    words = _WORDS_RE.findall(text.casefold())
    found = sum(1 for word in words if word in cues)
    if found >= MIN_CUES and found >= MIN_CUE_SHARE * len(words):
        return found
    return None
