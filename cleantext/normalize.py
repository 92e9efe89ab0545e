"""Repairing text before filters see it, and laying out what survives.

Two stages, kept apart so that offsets stay meaningful:

* :func:`repair` runs *before* filtering: mojibake and broken HTML entities
  (ftfy, configured not to change the article's own characters such as curly
  quotes), control characters, line endings, lone surrogates. Offsets of every
  ``Removal`` refer to its output. It is skipped (the fast path) on text that
  cannot need it.
* :func:`cut` runs *after* filtering: it drops the removed spans, joins what is
  left and tidies whitespace, keeping the input's line structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise

import ftfy
from ftfy.badness import BADNESS_RE, is_bad

try:  # the stdlib's reader of re syntax: ftfy's patterns are read, not copied (new versions are followed)
    from re import _parser as parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as parser  # type: ignore[no-redef]

from .linememo import LineMemo

# C0 controls but tab and newline, DEL, and the BOM: removed before ftfy looks.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufeff]")
# C1 controls: part of mojibake that ftfy repairs, so removed only after it.
_C1_RE = re.compile("[\x80-\x9f]")
# Line breaks other than "\n" (those of str.splitlines but the data separators \x1c-\x1e): a vertical tab
# or form feed (pdftotext's page break) removed would glue the words either side of it.
_NEWLINES_RE = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
# Characters whose presence means ftfy may have something to fix: the
# Latin-1 / cp1252 range that mojibake is made of, and HTML entities.
_MAYBE_BROKEN_RE = re.compile("[\u00c0-\u00ff\u0080-\u00bf\u20ac\u2018-\u201e\u2020-\u2022\u2026\u2030\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2122\u2039\u203a\ufffd]|&[#a-zA-Z0-9]{2,8};?")
_BLANK_RUN_RE = re.compile(r"\n{3,}")
# Every character _strip_controls acts on (ESC, surrogates, line endings but \n, C0 controls, DEL, BOM).
_STRIPPED_RE = re.compile("[\x1b\ud800-\udfff\r\x85\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")
# Where a cut joins two pieces, no space goes before closing or after opening punctuation.
_NO_SPACE_BEFORE = frozenset(".,;:!?)]}”’»…")
_NO_SPACE_AFTER = frozenset("([{“‘«„")


def _entity_re() -> re.Pattern[str]:
    """What ftfy's ``unescape_html`` replaces: ftfy's own ``HTML_ENTITY_RE``, or any ``&`` if unsure.

    ``unescape_html`` is ``HTML_ENTITY_RE.sub(...)``: text without a match is left
    as it is ("Q&A", "AT&T", "Fish & chips", "&nbsp" without its semicolon). The
    pattern is read from ftfy, so a new ftfy is followed; if ``unescape_html`` no
    longer uses it, or a match need not start with "&", every "&" counts again.
    """
    from ftfy import fixes

    pattern = getattr(fixes, "HTML_ENTITY_RE", None)
    unescape = getattr(fixes, "unescape_html", None)
    if (
        isinstance(pattern, re.Pattern)
        and isinstance(pattern.pattern, str)
        and "HTML_ENTITY_RE" in getattr(getattr(unescape, "__code__", None), "co_names", ())
        and list(parser.parse(pattern.pattern, pattern.flags))[:1] == [(parser.LITERAL, ord("&"))]
    ):
        return pattern
    return re.compile("&")


_ENTITY_RE = _entity_re()


def _has_entity(text: str) -> bool:
    """Whether ftfy's ``unescape_html`` could change ``text`` (every match starts with "&": that test goes first)."""
    return "&" in text and _ENTITY_RE.search(text) is not None


#: _may_change's verdicts per segment, by whether the config unescapes HTML.
_MAY_CHANGE = (LineMemo(), LineMemo())

#: Rounds of repair at most (each round after the first runs only if the previous one changed the text).
MAX_REPAIR_ROUNDS = 4


@lru_cache(maxsize=2)
def _ftfy_config(uncurl_quotes: bool) -> ftfy.TextFixerConfig:
    return ftfy.TextFixerConfig(
        unescape_html="auto",
        fix_encoding=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=uncurl_quotes,
        fix_line_breaks=False,  # done below, without changing offsets ftfy does not know about
        remove_control_chars=False,  # done below
        normalization=None,  # NFC would silently change the article's characters
        explain=False,
    )


def needs_ftfy(text: str) -> bool:
    """Whether ftfy could change ``text`` (the fast path's test).

    >>> needs_ftfy("Plain ASCII, nothing to fix.")
    False
    >>> needs_ftfy("The Moscow Times’ appeal")  # a curly quote alone is not mojibake
    False
    >>> needs_ftfy("The Moscow Timesâ€™ appeal")
    True
    >>> needs_ftfy("Fish &amp; chips")
    True
    >>> needs_ftfy("Q&A: AT&T, R&D, Fish & chips")  # an "&" but no entity
    False
    """
    if text.isascii():
        return _has_entity(text) or "\x1b" in text  # entities; ftfy strips ANSI escapes too
    if _MAYBE_BROKEN_RE.search(text) is None:
        return False
    return "&" in text or "\ufffd" in text or _looks_bad(text)


def _may_need_ftfy(text: str) -> bool:
    """False only where ftfy changes nothing; cheaper than :func:`needs_ftfy` on long texts.

    :func:`fix_text` only ever hands ftfy the lines where ``_SUSPECT_RE`` finds
    something, so a text without any such character is left as it is; a text with
    some is judged line by line there (ftfy's ``is_bad`` on the whole page costs
    ~1.7 µs a character, on the suspect lines only a fraction of that).
    Whatever the text's length: :func:`needs_ftfy` judges a text as a whole, and ftfy's
    "^"-anchored mojibake ("Ã " opening a line) only at its start, so a text of more than
    ftfy's ``max_decode_length`` given to it went unrepaired where ftfy, line by line, fixes it.
    """
    if text.isascii():
        return _has_entity(text) or "\x1b" in text
    return _SUSPECT_RE.search(text) is not None


def fix_text(text: str, config: ftfy.TextFixerConfig) -> str:
    r"""Exactly ``ftfy.fix_text(text, config)``, but ftfy only sees the lines it could change.

    ftfy fixes a text line by line ("segments"). With our config, a line is
    left as it is unless it has an HTML entity to unescape (a match of ftfy's
    own entity pattern, while ftfy's "auto" mode still unescapes: up to the
    line with the first ``<``; "Q&A" is no entity),
    a C1 control, or mojibake by ftfy's own test (``is_bad``). A page usually
    has a few such lines among hundreds, and ftfy costs ~40 µs a line.

    >>> cfg = _ftfy_config(False)
    >>> text = "Plain line.\nFish &amp; chips\nThe Moscow Timesâ€™ appeal\n<b>&amp;</b>\n"
    >>> fix_text(text, cfg) == ftfy.fix_text(text, cfg)
    True
    """
    if not _segment_fast_path_applies(config):
        return ftfy.fix_text(text, config)
    first_lt = text.find("<")
    unescaping, plain = config, config._replace(unescape_html=False)
    pieces: list[str] = []
    done = 0
    while (match := _SUSPECT_RE.search(text, done)) is not None:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start()) + 1 or len(text)
        segment = text[start:end]
        if len(segment) > config.max_decode_length:
            # ftfy cuts a line this long into pieces of max_decode_length from the line's start (what it
            # does given the line alone) and judges each piece whole: handed to it, with "auto" turned
            # off only if a "<" came before the line (one inside it turns it off at its own piece).
            cfg = plain if config.unescape_html == "auto" and -1 < first_lt < start else unescaping
            pieces += [text[done:start], ftfy.fix_text(segment, cfg)]
            done = end
            continue
        # ftfy's "auto": entities are unescaped until the first segment holding a "<".
        cfg = plain if config.unescape_html == "auto" and -1 < first_lt < end else unescaping
        if _may_change(segment, cfg):
            pieces += [text[done:start], ftfy.fix_and_explain(segment, cfg).text]
            done = end
        else:
            pieces.append(text[done:end])
            done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _segment_fast_path_applies(config: ftfy.TextFixerConfig) -> bool:
    """Whether every fixer ``config`` turns on is one :func:`fix_text` knows to be a no-op on plain lines."""
    return (
        not config.uncurl_quotes
        and not config.fix_latin_ligatures
        and not config.fix_character_width
        and not config.fix_line_breaks
        and not config.remove_control_chars
        and config.normalization is None
    )


def _may_change(segment: str, config: ftfy.TextFixerConfig) -> bool:
    """Whether ftfy may change ``segment`` (a line and its newline); memoised per line (lines recur)."""
    memo = _MAY_CHANGE[bool(config.unescape_html)]
    found = memo.get(segment)
    if found is None:
        found = memo.remember(segment, _may_change_now(segment, config))
    return found  # type: ignore[no-any-return]


def _may_change_now(segment: str, config: ftfy.TextFixerConfig) -> bool:
    if config.unescape_html and _has_entity(segment):
        return True  # else unescape_html leaves it as it is: the other fixers decide
    if "\x1b" in segment and config.remove_terminal_escapes:
        return True  # ftfy strips ANSI escapes ("\x1b[A"), even on an ASCII line
    if segment.isascii():
        return False
    if _C1_RE.search(segment) is not None or _SURROGATE_RE.search(segment) is not None:
        return True
    return _looks_bad(segment)


def _looks_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, its slow scan run only around the characters mojibake needs.

    Every match of ``BADNESS_RE`` holds one of :data:`_MOJIBAKE_CHARS` and is at
    most :data:`_BAD_WIDTH` characters long, so it lies within ``_BAD_WIDTH - 1``
    characters of one: only those windows are searched (``search(text, pos, endpos)``
    keeps "^" at the text's real start). Without both facts, ``is_bad`` scans it all.
    """
    if _MOJIBAKE_CHARS is None:
        return is_bad(text)
    if _BAD_WIDTH is None:
        return _MOJIBAKE_CHARS.search(text) is not None and is_bad(text)
    search = BADNESS_RE.search
    reach = _BAD_WIDTH - 1
    low = high = 0  # the window being gathered: text[low:high], empty before the first character
    for match in _MOJIBAKE_CHARS.finditer(text):
        at = match.start()
        if at - reach > high:  # apart from the window so far: search that one, start another
            if low < high and search(text, low, high) is not None:
                return True
            low = at - reach
        high = at + reach + 1
    return low < high and search(text, low, high) is not None


def _mojibake_chars() -> re.Pattern[str] | None:
    """A character class that every match of ftfy's ``BADNESS_RE`` contains, or None if unsure.

    ``is_bad`` runs a big alternation at every character (~1.7 µs a char).
    Each of its alternatives requires some non-ASCII character from a small
    class (``[ÃÂ]``, the "bad" symbols, ...): a line with none of them cannot be
    bad. The classes are read from ftfy's own pattern, so a new ftfy is
    handled, or (if an alternative has no such class) ``is_bad`` always runs.
    """
    if BADNESS_RE.flags & re.IGNORECASE:
        return None
    items = list(parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags))
    if len(items) != 1 or items[0][0] is not parser.BRANCH:
        return None
    chars: set[str] = set()
    for branch in items[0][1][1]:
        options = [found for op, av in branch if (found := _nonascii_set(op, av))]
        if not options:
            return None
        chars |= min(options, key=len)
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _bad_width() -> int | None:
    """The longest match of ftfy's ``BADNESS_RE``, if a match reads no character outside itself.

    That holds if the pattern only consumes characters (sets, literals, "." and
    bounded repeats) and anchors at most to the text's or a line's start, which
    ``search`` with ``pos`` reads from the whole text: no "$", "\\b", lookaround,
    backreference or atomic group. Otherwise None.
    """
    plain = {parser.LITERAL, parser.NOT_LITERAL, parser.IN, parser.ANY}
    starts = {parser.AT_BEGINNING, parser.AT_BEGINNING_STRING, parser.AT_BEGINNING_LINE}

    def consumes_only(items: Iterable[tuple[object, object]]) -> bool:
        for op, av in items:
            if op in plain:
                continue
            if op is parser.AT and av in starts:
                continue
            if op is parser.BRANCH and all(consumes_only(branch) for branch in av[1]):  # type: ignore[index]
                continue
            if op is parser.SUBPATTERN and not av[1] and not av[2] and consumes_only(av[3]):  # type: ignore[index]
                continue
            if op in (parser.MAX_REPEAT, parser.MIN_REPEAT) and consumes_only(av[2]):  # type: ignore[index]
                continue
            return False
        return True

    if not isinstance(BADNESS_RE.pattern, str) or BADNESS_RE.flags & (re.MULTILINE | re.DOTALL | re.IGNORECASE):
        return None
    items = parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    width = items.getwidth()[1]
    return width if consumes_only(items) and width <= 64 else None


def _nonascii_set(op: object, av: object) -> set[str] | None:
    """The characters a mandatory regex item matches, if they are all listed and all non-ASCII."""
    if op is parser.LITERAL:
        found = {chr(av)}  # type: ignore[arg-type]
    elif op is parser.IN:
        found = set()
        for kind, value in av:  # type: ignore[attr-defined]
            if kind is parser.LITERAL:
                found.add(chr(value))
            elif kind is parser.RANGE and value[1] - value[0] < 512:
                found.update(map(chr, range(value[0], value[1] + 1)))
            else:
                return None  # NEGATE, CATEGORY (\s, \w) or a huge range
    else:
        return None
    return found if all(ord(c) > 127 for c in found) else None


_MOJIBAKE_CHARS = _mojibake_chars()
_BAD_WIDTH = _bad_width()
# Where fix_text must look: an "&", an escape, a C1 control, a surrogate, or a character mojibake needs.
_SUSPECT_RE = re.compile("[&\x1b\x80-\x9f\ud800-\udfff" + (_MOJIBAKE_CHARS.pattern[1:-1] if _MOJIBAKE_CHARS else "\x80-\U0010ffff") + "]")


def repair(text: str, *, fix_unicode: bool = True, uncurl_quotes: bool = False) -> str:
    """Repair ``text`` so filters see clean characters; the identity on clean text.

    >>> repair("caf\\u00c3\\u00a9 \\x00ok\\r\\nnext")
    'café ok\\nnext'
    >>> repair("“Quoted,” he said.")
    '“Quoted,” he said.'
    """
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}; decode bytes first (e.g. data.decode('utf-8'))")
    # Repeat until nothing changes (ftfy's own output can still hold what a second look repairs:
    # a stray C1 control hid the mojibake "read\x8fÂ»", a BOM inside "âï»¿\x80\x99s" another),
    # so that repairing, hence cleaning, the output changes nothing. Clean text takes one round.
    for _ in range(MAX_REPAIR_ROUNDS):
        repaired = _repair_once(text, fix_unicode, uncurl_quotes)
        if repaired == text:
            break
        text = repaired
    return text


def _repair_once(text: str, fix_unicode: bool, uncurl_quotes: bool) -> str:
    text = _fix_unicode(_strip_controls(text), fix_unicode, uncurl_quotes)
    if not text.isascii() and _C1_RE.search(text):
        text = _C1_RE.sub("", text)
    return text


def _fix_unicode(text: str, fix_unicode: bool, uncurl_quotes: bool) -> str:
    if not fix_unicode or not (uncurl_quotes or _may_need_ftfy(text)):
        return text
    fixed = _fix_text(text, _ftfy_config(uncurl_quotes))
    if fixed == text:
        return text
    # an entity can decode to what the first pass removes ("&#13;", "&#65279;"): again,
    # so that cleaning the output changes nothing (idempotence)
    return _strip_controls(fixed)


def _fix_text(text: str, config: ftfy.TextFixerConfig) -> str:
    """ftfy line by line, each line deciding for itself whether to unescape HTML entities.

    ``ftfy.fix_text`` (6.3) stops unescaping for *every later line* once one line
    holds a ``<``; removing that line as boilerplate would then change how the
    rest is repaired, and cleaning twice would differ. Fixing lines separately
    keeps the decision local (ftfy works line by line anyway).

    >>> _fix_text("<b>x</b>\\nFish &amp; chips", _ftfy_config(False))
    '<b>x</b>\\nFish & chips'
    """
    if "<" not in text:
        return fix_text(text, config)
    if not _segment_fast_path_applies(config):
        return "\n".join(fix_text(line, config) for line in text.split("\n"))
    # fix_text leaves a line without a suspect character as it is: only those lines are fixed.
    pieces: list[str] = []
    done = 0
    while (match := _SUSPECT_RE.search(text, done)) is not None:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        end = len(text) if end < 0 else end
        pieces += [text[done:start], fix_text(text[start:end], config)]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _strip_controls(text: str) -> str:
    """ANSI escapes, lone surrogates, other line endings and C0 controls, as :func:`repair` says."""
    if _STRIPPED_RE.search(text) is None:
        return text  # none of the characters below: one scan instead of four
    if "\x1b" in text:
        text = _ANSI_RE.sub("", text)
    if _SURROGATE_RE.search(text):
        text = _SURROGATE_RE.sub("\ufffd", text)
    if "\r" in text or "\x0b" in text or "\x0c" in text or not text.isascii():
        text = _NEWLINES_RE.sub("\n", text)
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub("", text)
    return text


def cut(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Remove sorted, non-overlapping ``spans`` from ``text`` and lay out the rest.

    A line that a removal empties disappears (it does not leave a blank line);
    a line cut in the middle is joined with one space; runs of blank lines
    become one blank line; trailing spaces and leading/trailing blank lines go.

    >>> cut("Title\\n\\nAd\\n\\nBody text.\\n", [(7, 9)])
    'Title\\n\\nBody text.'
    >>> cut("date 2023-05-24 A sentence. Read more", [(0, 16), (28, 37)])
    'A sentence.'
    """
    # Lines no span touches only lose their trailing whitespace: they are copied in runs
    # (map(str.rstrip, ...)); the loop below visits only the lines a span reaches, in the
    # order and with the span pointer the line-by-line walk had, so any span list gives
    # what that walk gave (tests/test_normalize_fastpaths.py keeps it as the reference).
    spans = list(spans)
    lines = text.split("\n")
    if not spans:
        return _layout(list(map(str.rstrip, lines)))
    lines_out: list[str] = []
    n_spans = len(spans)
    last = len(lines) - 1
    span_index = 0
    index = 0  # the line the walk is at
    line_start = 0
    copied = 0  # lines[copied:index] are still to be copied
    while span_index < n_spans:
        line_end = line_start + len(lines[index])
        first = spans[span_index][0]
        if not first < line_end:
            # no span starts before this line ends: on to the first line that ends after the
            # next span starts (the walk would find every line in between untouched)
            if not first < len(text):
                break  # no line does: the walk leaves the rest as it is
            next_end = text.find("\n", int(first) + 1)
            if next_end < 0:
                next_end = len(text)
            next_start = text.rfind("\n", 0, next_end) + 1
            index += text.count("\n", line_start, next_start)
            line_start, line_end = next_start, next_end
        if copied < index:
            lines_out += map(str.rstrip, lines[copied:index])
        copied = index + 1
        start, end = spans[span_index]
        if start <= line_start < end and line_end <= end:
            # the usual removal, a whole line: it goes, and no span after this one that starts
            # in the line can bring any of it back; they are passed over as the walk did
            if not end > line_end:
                span_index += 1
                while span_index < n_spans and spans[span_index][0] < line_end:
                    if spans[span_index][1] > line_end:
                        break  # goes on into the next line
                    span_index += 1
        else:
            pieces: list[str] = []
            cursor = line_start
            touched = False
            indented = True  # the first piece left starts the line: it keeps the line's indent
            while span_index < n_spans and spans[span_index][0] < line_end:
                start, end = spans[span_index]
                if end <= line_start:
                    span_index += 1
                    continue
                touched = True
                if start > cursor:
                    if not pieces:
                        indented = cursor == line_start
                    pieces.append(text[cursor:start])
                cursor = max(cursor, min(end, line_end))
                if end > line_end:
                    break  # the span goes on into the next line
                span_index += 1
            if not touched:
                lines_out.append(lines[index].rstrip())
            else:
                if cursor < line_end:
                    if not pieces:
                        indented = cursor == line_start
                    pieces.append(text[cursor:line_end])
                if pieces:  # else removed whole: what _join would find empty
                    kept = _join(pieces, indented=indented)
                    if kept.strip():
                        lines_out.append(kept)
        if index == last:
            break
        index += 1
        line_start = line_end + 1
    lines_out += map(str.rstrip, lines[copied:])
    return _layout(lines_out)


def _join(pieces: Sequence[str], *, indented: bool = True) -> str:
    """Join what is left of a cut line, one space where a cut was; the first piece's leading whitespace
    is kept when it starts the line (``indented``: its indent), not when a cut came before it (the space
    after a sentence cut from the line's start)."""
    kept = [piece.strip() for piece in pieces if piece.strip()]
    parts = kept[:1]  # joined once at the end: a line with many cuts stays linear
    for before, piece in pairwise(kept):
        glue = "" if piece[0] in _NO_SPACE_BEFORE or before[-1] in _NO_SPACE_AFTER else " "
        parts.append(glue + piece)
    joined = "".join(parts)
    if pieces and joined:
        lead = pieces[0][: len(pieces[0]) - len(pieces[0].lstrip())]
        joined = lead + joined if pieces[0].strip() and indented else joined
    return joined


def _layout(lines: list[str]) -> str:
    out = "\n".join(lines)
    if "\n\n\n" in out:
        out = _BLANK_RUN_RE.sub("\n\n", out)
    return out.strip("\n")
