"""Literals that every match of a rule pattern must contain: the gates of the matcher.

A line is only handed to a rule's regex when one of the rule's required literals
occurs in it (case-folded), so the hundreds of rules cost a few substring tests per
line instead of a regex each. The extraction is conservative: what it does not
understand ends a literal, and a pattern it cannot gate returns None.
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
from pathlib import Path

import regex
from regex._regex import fold_case

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
    found = _alternation(pattern, shortest)
    return None if found is None else frozenset(folded(s) for s in found)


def _alternation(pattern: str, shortest: int) -> set[str] | None:
    result: set[str] = set()
    for branch in _split_top(pattern):
        found = _branch(branch, shortest)
        if found is None:
            return None
        result |= found
    return result


def _branch(branch: str, shortest: int) -> set[str] | None:
    """The best required set of one branch: the one whose shortest string is longest."""
    candidates: list[set[str]] = []
    current: set[str] = {""}  # the exact texts the current contiguous stretch can have

    def close() -> None:
        nonlocal current
        if current != {""}:
            candidates.append(current)
        current = {""}

    i = 0
    while i < len(branch):
        atom, literals, i = _atom(branch, i)
        after, optional = _quantifier(branch, i)
        repeated = after > i
        i = after
        if optional:
            close()
            continue
        if literals is not None and len(current) * len(literals) <= MAX_LITERALS:
            current = {a + b for a in current for b in literals}
            if repeated:
                close()
            continue
        close()
        if atom is not None:
            inner = _alternation(atom, shortest)
            if inner:
                candidates.append(inner)
    close()
    valid = [c for c in candidates if min(map(len, c)) >= shortest]
    if not valid:
        return None
    return max(valid, key=lambda c: (min(map(len, c)), -len(c)))


def _atom(branch: str, i: int) -> tuple[str | None, set[str] | None, int]:
    """(group body to recurse into, exact texts of the atom if it is literal, index after it)."""
    c = branch[i]
    if c == "\\":
        nxt = branch[i + 1 : i + 2]
        if nxt and not nxt.isalnum():
            return None, {nxt}, i + 2
        end = i + {"x": 4, "u": 6, "U": 10}.get(nxt, 2)
        if nxt in ("p", "P", "N") and branch[end : end + 1] == "{":
            end = branch.find("}", end) + 1
        return None, None, end
    if c == "[":
        return None, None, _class_end(branch, i)
    if c == "(":
        end = _group_end(branch, i)
        body = _group_body(branch[i:end])
        if body is None:
            return None, None, end
        exact = _exact_alternatives(body)
        return body, exact, end
    if c in ".^$|)]{}*+?":
        return None, None, i + 1
    return None, {c}, i + 1


def _group_body(group: str) -> str | None:
    """The body of a capturing or non-capturing group; None for lookarounds, flags and the like."""
    if group.startswith("(?:"):
        return group[3:-1]
    if group.startswith("(?P<"):
        return group[group.index(">") + 1 : -1]
    if group.startswith("(?"):
        return None
    return group[1:-1]


def _exact_alternatives(body: str) -> set[str] | None:
    """The texts a group can match if each alternative is plain literal text, else None."""
    texts = set()
    for branch in _split_top(body):
        if any(ch in branch for ch in "\\[(.^$|)]{}*+?"):
            return None
        texts.add(branch)
    return texts if "" not in texts else None


def _split_top(pattern: str) -> list[str]:
    branches, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    branches.append(pattern[start:])
    return branches


def _class_end(pattern: str, i: int) -> int:
    """The index after the character class that opens at ``i``."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _group_end(pattern: str, i: int) -> int:
    depth, j = 0, i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(pattern, j)
            continue
        depth += c == "("
        depth -= c == ")"
        j += 1
        if depth == 0:
            return j
    return j


def _quantifier(pattern: str, i: int) -> tuple[int, bool]:
    """(index after a quantifier at ``i``, whether it makes the atom optional)."""
    if i >= len(pattern):
        return i, False
    c = pattern[i]
    if c in "?*+":
        j = i + 1 + (i + 1 < len(pattern) and pattern[i + 1] in "?+")
        return j, c != "+"
    if c == "{":
        close = pattern.find("}", i)
        if close > i:
            low = pattern[i + 1 : close].split(",")[0].strip()
            return close + 1, not low.isdigit() or int(low) == 0
    return i, False


#: A clock time as the rules write it ("10:15"): what :func:`needs_time` looks for.
CLOCK = r"\d{1,2}:\d{2}"


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
    if regex.search(r"\(\?[a-zA-Z^-]*x", pattern) or "\\Q" in pattern or len(_split_top(pattern)) != 1:
        return False  # verbose (whitespace and comments read otherwise), quoted text, or alternatives
    i = 0
    while i < len(pattern):  # atom by atom at the top level: a group or a class is one atom, not entered
        after = i + len(CLOCK)
        if pattern.startswith(CLOCK, i) and _quantifier(pattern, after)[0] == after:
            return True
        i = _atom(pattern, i)[2]
    return False


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
    found = _prefixes(pattern, shortest)
    return None if found is None else frozenset(folded(s) for s in found)


def _prefixes(pattern: str, shortest: int) -> set[str] | None:
    found: set[str] = set()
    for branch in _split_top(pattern):
        current: set[str] = {""}
        i = 1 if branch.startswith("^") else 0
        while i < len(branch):
            body, literals, after = _atom(branch, i)
            end, optional = _quantifier(branch, after)
            if optional:
                break
            if literals is None or len(current) * len(literals) > MAX_LITERALS:
                inner = _prefixes(body, shortest) if body is not None else None
                if inner is not None and len(current) * len(inner) <= MAX_LITERALS:
                    current = {a + b for a in current for b in inner}
                break
            current = {a + b for a in current for b in literals}
            i = end
            if end > after:
                break  # a repeated atom: what follows it is not at a fixed place
        if min(map(len, current)) < shortest:
            return None
        found |= current
    return found


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
    literals = []
    for branch in _split_top(pattern):
        literal = _longest_literal(branch)
        if len(literal) < 3:
            return None
        literals.append(literal.lower())
    return tuple(literals)


def _longest_literal(branch: str) -> str:
    best = run = ""
    i = 0
    while i < len(branch):
        c = branch[i]
        if c in "\\[(.^$":
            if c == "\\":
                nxt = branch[i + 1 : i + 2]
                i += {"x": 4, "u": 6, "U": 10}.get(nxt, 2)
                if nxt in ("p", "P") and branch[i : i + 1] == "{":
                    i = branch.find("}", i) + 1
            elif c == "[":
                i = _class_end(branch, i)
            elif c == "(":
                i = _group_end(branch, i)
            else:
                i += 1
            i, _ = _quantifier(branch, i)
            best, run = max(best, run, key=len), ""
            continue
        after, optional = _quantifier(branch, i + 1)
        if optional:
            best, run = max(best, run, key=len), ""
        elif after > i + 1:
            best, run = max(best, run + c, key=len), ""
        else:
            run += c
        i = after
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
    """A hash of this module's code as imported (not of a later edit of the file), with the ``regex``
    and Python versions (case folding, ``str.lower``); None when the file cannot be read."""
    try:
        code = Path(__file__).read_bytes()
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
