"""Literals that every match of a rule pattern must contain: the gates of the matcher.

A line is only handed to a rule's regex when one of the rule's required literals
occurs in it (case-folded), so the hundreds of rules cost a few substring tests per
line instead of a regex each. The extraction is conservative: what it does not
understand ends a literal, and a pattern it cannot gate returns None. The patterns are read
as syntax trees (:mod:`cleantext.analysis.regex_syntax`, the package's one regex syntax reader).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Collection
from functools import lru_cache
from pathlib import Path

import regex
from regex._regex import fold_case

from ..analysis import regex_syntax
from ..analysis.regex_syntax import Alt, Atom, Node, Rep, Seq, Zero, parse
from ..rules import cache_dir

#: Every gating literal is at least this long.
MIN_LITERAL = 3
#: A literal set grows by alternatives (``(?:a|b)c``) up to this many strings.
MAX_LITERALS = 64

#: The dotted and dotless i that ``regex`` matches case-insensitively with ``i``, made one letter.
_TURKIC_I = str.maketrans({"I": "i", "\u0130": "i", "\u0131": "i"})
_FOLD_FLAGS = regex.IGNORECASE | regex.UNICODE


def folded(text: str) -> str:
    """``text`` case-folded the way ``regex`` compares case-insensitively (simple folding, one
    character for one), with the Turkish i's made ``i``: two strings that ``regex``'s IGNORECASE
    can match character for character fold to the same string (checked over every code point
    in tests/test_matcher_gates.py).

    >>> folded("STRAẞE İst ſo")
    'straße ist so'
    """
    if text.isascii():
        return text.lower()  # simple folding of ASCII is lower-casing (checked in the tests)
    # regex leaves "I" as it is (Turkish or not, it cannot tell); three C-level replaces cost less than translate
    text = text.replace("I", "i")
    if "\u0130" in text or "\u0131" in text:
        text = text.replace("\u0130", "i").replace("\u0131", "i")
    return fold_case(_FOLD_FLAGS, text)  # type: ignore[no-any-return]


def required(pattern: str, shortest: int = MIN_LITERAL) -> frozenset[str] | None:
    """Folded strings one of which every match of ``pattern`` contains, or None if unknown.

    None too if the best set found has a string shorter than ``shortest``.

    >>> sorted(required(r"\\s*\\((?:Advertisement|sponsored|ad)\\)"))
    ['(ad)', '(advertisement)', '(sponsored)']
    >>> sorted(required(r"(?:read more|see also)\\s*[:»]\\s*.{3,180}"))
    ['read more', 'see also']
    >>> required(r"@\\w{2,30}") is None, required(r"ab?c") is None
    (True, True)
    """
    return _remembered("required", pattern, shortest)  # type: ignore[return-value]


def _required(pattern: str, shortest: int) -> frozenset[str] | None:
    tree = _tree(pattern)
    found = None if tree is None else _required_in(tree, shortest)
    return None if found is None else frozenset(folded(s) for s in found)


@lru_cache(maxsize=4096)  # each reader asks for it: parsed once (nodes are never changed)
def _tree(pattern: str) -> Node | None:
    """The syntax tree of ``pattern`` (:mod:`cleantext.analysis.regex_syntax`), or None where reading
    literals out of it would not be safe: verbose patterns (spaces and ``#`` read otherwise), full
    case folding (``(?f)straße`` matches ``STRASSE``), version 1 syntax, quoted text, named lists,
    conditionals, recursion and back-references by name, a brace that is not a repeat count
    (``{e<=1}``: fuzzy matching), a quantifier after a comment or a flag group, or a pattern the
    reader does not parse."""
    if _UNREAD.search(pattern):
        return None
    try:
        return parse(pattern)
    except (ValueError, AssertionError, IndexError):
        return None


_UNREAD = regex.compile(
    r"\(\?[a-zA-Z^-]*(?:x|f|V1)"  # verbose, full case folding (ß matches SS), version 1 (nested sets)
    r"|\\[QLg]|\(\?(?:\(|[+-]?\d|R\)|&|P[>=])"  # quoting, named lists, conditionals, recursion
    r"|(?:^|[^\\])(?:\\\\)*\{(?!\d*,?\d*\})"  # an unescaped brace that is no repeat count (fuzzy)
    r"|\(\?(?:#[^)]*|[a-zA-Z^-]+)\)[?*+{]"  # a quantifier after a comment or flags: it applies to what precedes
)


def _items(node: Node) -> list[Node]:
    """The items of a sequence that is not a group; any other node is a sequence of one."""
    return node.items if isinstance(node, Seq) and not node.head else [node]


def _product(current: set[str], texts: set[str] | None) -> set[str] | None:
    """Every text of ``current`` followed by every text of ``texts``; None past :data:`MAX_LITERALS`."""
    if texts is None or len(current) * len(texts) > MAX_LITERALS:
        return None
    return {a + b for a in current for b in texts}


def _union(alternation: Alt, read: Callable[[Node], set[str] | None], most: int | None = None) -> set[str] | None:
    """The texts ``read`` gives for every branch of ``alternation`` together; None if a branch has none
    (or past ``most`` texts)."""
    found: set[str] = set()
    for branch in alternation.branches:
        inner = read(branch)
        if inner is None:
            return None
        found |= inner
    return None if most is not None and len(found) > most else found


def _inside(item: Node) -> Node | None:
    """What to read inside an item whose text is not fixed: a repeat's body (one copy at least is
    there) or a group's; None for anything else (a class, an optional part)."""
    body = (item.child if item.min >= 1 else None) if isinstance(item, Rep) else item if isinstance(item, Seq) else None
    return body.items[0] if isinstance(body, Seq) and body.head else body


def _exact(node: Node) -> set[str] | None:
    """The texts ``node`` can match when they are fixed and few (at most :data:`MAX_LITERALS`), else
    None. An anchor or lookaround matches the empty text."""
    if isinstance(node, Atom):
        return None if node.literal is None else {node.literal}
    if isinstance(node, Zero):
        return {""}
    if isinstance(node, Alt):
        return _union(node, _exact, MAX_LITERALS)
    if isinstance(node, Rep):
        if node.child is None or node.min != node.max:
            return None
        one, current = _exact(node.child), {""}
        for _ in range(node.min):
            current = _product(current, one)  # type: ignore[assignment]
            if current is None:
                return None
        return current
    current = {""}
    for item in node.items:  # a sequence or a group
        current = _product(current, _exact(item))  # type: ignore[assignment]
        if current is None:
            return None
    return current


def _required_in(node: Node, shortest: int) -> set[str] | None:
    """The best set of texts one of which every match of ``node`` contains, each at least ``shortest``
    long: the one whose shortest text is longest, then the smallest; None if none is known. Fixed
    texts next to each other join (``sign up`` + ``(?:for|to)``); a part that may be absent or whose
    text varies ends the join; an alternation needs a set from each of its branches."""
    if isinstance(node, Alt):
        return _union(node, lambda branch: _required_in(branch, shortest))
    candidates: list[set[str]] = []
    current: set[str] = {""}  # the texts the current stretch of fixed parts can have

    def close() -> None:
        nonlocal current
        if current != {""}:
            candidates.append(current)
        current = {""}

    for item in _items(node):
        joined = _product(current, _exact(item))
        if joined is not None:
            current = joined
            continue
        if isinstance(item, Rep) and item.min >= 1 and item.child is not None:
            joined = _product(current, _exact(item.child))  # one copy at least, then the text varies
            if joined is not None:
                current = joined
                close()
                continue
        close()
        body = _inside(item)
        if body is not None:
            inner = _required_in(body, shortest)
            if inner:
                candidates.append(inner)
    close()
    valid = [c for c in candidates if min(map(len, c)) >= shortest]
    if not valid:
        return None
    return max(valid, key=lambda c: (min(map(len, c)), -len(c)))


#: A clock time as the rules write it ("10:15"): what :func:`needs_time` looks for.
CLOCK = r"\d{1,2}:\d{2}"
_CLOCK_ITEMS = tuple(item.src for item in _items(parse(CLOCK)))


def needs_time(pattern: str) -> bool:
    r"""Whether every match of ``pattern`` holds a clock time (:data:`CLOCK`): the pattern is one branch
    (no ``|`` outside a group) with :data:`CLOCK` written at its top level, outside any group and class,
    not quantified. A conservative test: False when unsure (verbose or quoted patterns).

    >>> needs_time(r"[\w ]{1,40} on .{0,40}\d{1,2}:\d{2}\s?(?:[ap]m)?"), needs_time(r"by \w+ at \d{1,2}:\d{2}")
    (True, True)
    >>> needs_time(r"(?:\d{1,2}:\d{2} )?x"), needs_time(r"x \d{1,2}:\d{2}|y"), needs_time(r"x \d{1,2}:\d{2}?")
    (False, False, False)
    >>> needs_time(r"[\d{1,2}:\d{2}] x"), needs_time(r"\\d{1,2}:\d{2}"), needs_time(r"(?x) \d{1,2}:\d{2}")
    (False, False, False)
    """
    tree = _tree(pattern)
    if tree is None or isinstance(tree, Alt):
        return False  # verbose or quoted (read otherwise), or alternatives
    sources = [item.src for item in _items(tree)]  # a group or a class is one item, not entered
    width = len(_CLOCK_ITEMS)
    return any(tuple(sources[i : i + width]) == _CLOCK_ITEMS for i in range(len(sources) - width + 1))


def prefixes(pattern: str, shortest: int = MIN_LITERAL) -> frozenset[str] | None:
    """Folded strings one of which every match of ``pattern`` starts with, or None if unknown.

    >>> sorted(prefixes(r"(?:Read more|see also)\\s*[:»]\\s*.{3,180}"))
    ['read more', 'see also']
    >>> sorted(prefixes(r"(?:read (?:next|also)|related)\\s*:"))
    ['read also', 'read next', 'related']
    >>> prefixes(r"\\d+ comments?") is None, prefixes(r"(?:jetzt )?anmelden") is None
    (True, True)
    """
    return _remembered("prefixes", pattern, shortest)  # type: ignore[return-value]


def _folded_prefixes(pattern: str, shortest: int) -> frozenset[str] | None:
    tree = _tree(pattern)
    found = None if tree is None else _prefixes_of(tree)
    if found is None or min(map(len, found)) < shortest:
        return None
    # a text that starts with another of the set adds nothing ("support " and "support us")
    return frozenset(folded(s) for s in found if not any(s != t and s.startswith(t) for t in found))


def _prefixes_of(node: Node) -> set[str] | None:
    """Texts one of which every match of ``node`` starts with (``{""}`` when nothing is known of
    its start); None only past :data:`MAX_LITERALS`."""
    if isinstance(node, Alt):
        return _union(node, _prefixes_of, MAX_LITERALS)
    current: set[str] = {""}
    for item in _items(node):
        joined = _product(current, _exact(item))
        if joined is not None:
            current = joined
            continue
        body = _inside(item)  # of a repeat, its first copy starts the text; what follows it varies
        joined = None if body is None else _product(current, _prefixes_of(body))
        if joined is not None:
            current = joined
        break
    return current


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-case literals one of which every match of ``pattern`` contains, or None if unknown.

    One literal per top-level branch: the longest run of plain characters that no
    quantifier makes optional. Conservative: anything it does not understand ends a run.

    >>> required_literals(r'sign up for (?:our|the) (?:\\w+ ){0,4}newsletter')
    ('sign up for ',)
    >>> required_literals(r'wir (?:verwenden|nutzen) cookies|cookie-einstellungen')
    (' cookies', 'cookie-einstellungen')
    >>> required_literals(r'\\d+ comments?') is None
    False
    >>> required_literals(r'[\\w ]{2,40} says:') , required_literals(r'(?:a|b)c')
    ((' says:',), None)
    """
    return _remembered("required_literals", pattern, 0)  # type: ignore[return-value]


def _required_literals(pattern: str, _: int) -> tuple[str, ...] | None:
    tree = _tree(pattern)
    if tree is None:
        return None
    literals = []
    for branch in tree.branches if isinstance(tree, Alt) else [tree]:
        literal = _longest_run(branch)
        if len(literal) < 3:
            return None
        literals.append(folded(literal))  # not lower(): "İ".lower() is two characters, folded() one
    return tuple(literals)


def _longest_run(branch: Node) -> str:
    """The longest run of characters of ``branch`` that every match holds one after the other."""
    best = run = ""
    for item in _items(branch):
        if isinstance(item, Atom) and item.literal is not None:
            run += item.literal
        elif isinstance(item, Zero):
            continue  # matches nothing: the characters either side are next to each other
        elif isinstance(item, Rep) and item.min >= 1 and isinstance(item.child, Atom) and item.child.literal:
            best, run = max(best, run + item.child.literal, key=len), ""
        else:
            best, run = max(best, run, key=len), ""
    return max(best, run, key=len)


# What the readers above answer for a pattern is remembered: reading the ~2,600 shipped patterns is
# half of a process's first clean() once the regexes compile lazily (issue 13's cold start), and the
# answers depend on nothing but this module's code, ``regex``'s case folding and the pattern.

#: reader name -> (the reading, how its answer is kept in JSON and made again); a set is kept sorted
_READERS: dict[str, tuple[Callable[[str, int], Collection[str] | None], Callable[[list[str]], Collection[str]]]] = {
    "required": (_required, frozenset),
    "prefixes": (_folded_prefixes, frozenset),
    "required_literals": (_required_literals, tuple),
}
#: Answers a process keeps at most (in memory and in the cache file): patterns of users' own matchers
#: would otherwise grow them forever; beyond it, patterns are read each time they are asked about.
MAX_REMEMBERED = 50_000


def _code_hash() -> str | None:
    """A hash of this module's code and of the syntax reader's as imported (not of a later edit of the
    files), with the ``regex`` and Python versions (case folding, ``str.lower``); None when a file
    cannot be read."""
    try:
        code = Path(__file__).read_bytes() + b"\0" + Path(regex_syntax.__file__).read_bytes()
    except OSError:
        return None
    versions = f"\0regex {regex.__version__}\0python {sys.version_info[:2]}".encode()
    return hashlib.sha256(code + versions).hexdigest()[:32]


_CODE_HASH = _code_hash()
_MISSING = object()


class _Memo:
    """The answers of this process, read from the cache file when first asked; one lock guards
    loading, adding and copying them (threads share one matcher's construction)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.answers: dict[str, Collection[str] | None] | None = None
        self.unsaved = 0

    def loaded(self) -> dict[str, Collection[str] | None]:
        with self.lock:
            if self.answers is None:
                self.answers = _read_answers(_answers_file())
            return self.answers


_MEMO = _Memo()


def _remembered(reader: str, pattern: str, shortest: int) -> Collection[str] | None:
    memo = _MEMO
    answers = memo.answers if memo.answers is not None else memo.loaded()
    key = f"{reader} {shortest} {pattern}"
    found = answers.get(key, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    found = _READERS[reader][0](pattern, shortest)  # a pure reading: two threads may both make it
    with memo.lock:
        if key not in answers and len(answers) < MAX_REMEMBERED:
            answers[key] = found
            memo.unsaved += 1
    return found


def _answers_file() -> Path | None:
    """The cache file of this module's answers (:func:`~cleantext.rules.cache_dir`), named by
    :data:`_CODE_HASH`: another version of the code, of ``regex`` or of Python starts another file."""
    folder = cache_dir()
    if folder is None or _CODE_HASH is None:
        return None
    return folder / f"literals-{_CODE_HASH}.json"


def _read_answers(path: Path | None) -> dict[str, Collection[str] | None]:
    """The answers kept in ``path``; empty when there is none, or it cannot be read, or anything in it
    is not an answer (None or a list of strings, under a known reader's key): then it is read again
    from the patterns and written afresh by :func:`save_answers`."""
    answers: dict[str, Collection[str] | None] = {}
    if path is None:
        return answers
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return answers
    if not isinstance(kept, dict):
        return answers
    for key, value in kept.items():
        reader = _READERS.get(key.split(" ", 1)[0])
        if reader is None or not (value is None or (isinstance(value, list)
                                                     and all(isinstance(item, str) for item in value))):
            return {}
        answers[key] = None if value is None else reader[1](value)
    return answers


def save_answers() -> None:
    """Write the answers to the cache file if this process found new ones (atomically: a reader never
    sees half a file; readable by all, as a shared cache folder needs); skipped when there is no cache
    folder or it cannot be written."""
    memo = _MEMO
    path = _answers_file()
    with memo.lock:
        if not memo.unsaved or memo.answers is None or path is None:
            return
        snapshot, unsaved = dict(memo.answers), memo.unsaved
        memo.unsaved = 0
    kept = {key: None if value is None else (sorted(value) if isinstance(value, frozenset) else list(value))
            for key, value in snapshot.items()}
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(kept, out, ensure_ascii=False, sort_keys=True)
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        with memo.lock:
            memo.unsaved += unsaved  # tried again at the next save
