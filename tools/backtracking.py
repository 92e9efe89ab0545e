"""Audit regular expressions for super-linear backtracking: a static check and a timing check.

A cleaner that runs unattended over billions of pages must not let one page
stall a worker: every pattern has to run in time linear in its input. Two
complementary checks, used by ``tests/test_linear_time.py`` on all rule data
and on the library's own compiled regexes:

* :func:`audit` reads a pattern's syntax tree and flags the constructs that
  backtrack super-linearly: a loop whose body can match the empty string or
  re-split its input between iterations (``(\\w+\\s?)+``), an alternation whose
  branches can match the same text under a loop (``(a|\\w)+``), and, for
  patterns that are *searched* rather than matched against a whole line, a
  leading loop followed by something that can fail (``\\s*\\(ad\\)``: on a run of
  spaces every start position re-scans the run, so the search is quadratic).
* :func:`growth` times a compiled pattern on adversarial strings of size ``n``
  and ``4n`` (CPU time, so other processes do not disturb it): linear code takes
  about 4 times longer, quadratic code about 16 times.

Character classes are never re-implemented here: whether a class contains a
character is asked of the regex engine itself, over a small alphabet of
representative characters plus every literal of the pattern.

>>> [f.kind for f in audit(r"(\\w+\\s?)+$")]
['nested quantifier']
>>> [f.kind for f in audit(r"(?:a|\\w)+")]
['ambiguous alternation']
>>> [f.kind for f in audit(r"\\s*\\((?:ad|sponsored)\\)", searched=True)]
['leading loop under search']
>>> audit(r"(?:\\s*[|/]\\s*(?:facebook|twitter|x))+"), audit(r"\\w+"), audit(r"(?<!\\s)\\s*\\(ad\\)", searched=True)
([], [], [])
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

import regex

from cleantext.analysis.regex_syntax import Alt, Atom, Node, Rep, Seq, Zero, parse

#: Characters that stand in for the classes (letters of several scripts, digits,
#: whitespace, punctuation, symbols, quotes); each pattern adds its own literals.
REPRESENTATIVES = "aZq5_ \t\n.,-:;!?()[]{}\"'/|&%#@+*=<>~$€£«»“”‘’…·•—\u00a0éßжЖ中한😀\ufffd\x01"
#: A loop with a larger upper bound than this is treated like an unbounded one.
LOOP_BOUND = 100


@dataclass(frozen=True)
class Finding:
    """One construct in one pattern that can backtrack super-linearly."""

    pattern: str
    kind: str
    where: str
    why: str

    def __str__(self) -> str:
        return f"{self.kind} at {self.where!r} in /{self.pattern}/: {self.why}"


# --- sets of characters, computed over a representative alphabet -------------------------------


class CharSets:
    """First/last/all character sets, nullability and sample strings of the nodes of one tree."""

    def __init__(self, pattern: str, flags: int) -> None:
        literals = {c for c in pattern if not c.isspace()}
        literals |= {c.swapcase() for c in literals if len(c.swapcase()) == 1}
        self.alphabet = "".join(sorted(set(REPRESENTATIVES) | literals))
        self.flags = flags
        self._atoms: dict[str, frozenset[str]] = {}

    def atom(self, node: Atom) -> frozenset[str]:
        found = self._atoms.get(node.src)
        if found is None:
            try:
                compiled = regex.compile(node.src, self.flags)
            except regex.error:  # e.g. a back-reference: assume it can be any character
                found = frozenset(self.alphabet)
            else:
                found = frozenset(c for c in self.alphabet if compiled.fullmatch(c))
            self._atoms[node.src] = found
        return found

    def nullable(self, node: Node | None) -> bool:
        if node is None or isinstance(node, Zero):
            return True
        if isinstance(node, Atom):
            return False
        if isinstance(node, Seq):
            return all(self.nullable(n) for n in node.items)
        if isinstance(node, Alt):
            return any(self.nullable(n) for n in node.branches)
        assert isinstance(node, Rep)
        return node.min == 0 or self.nullable(node.child)

    def first(self, node: Node | None) -> frozenset[str]:
        return self._edge(node, forward=True)

    def last(self, node: Node | None) -> frozenset[str]:
        return self._edge(node, forward=False)

    def _edge(self, node: Node | None, forward: bool) -> frozenset[str]:
        if node is None or isinstance(node, Zero):
            return frozenset()
        if isinstance(node, Atom):
            return self.atom(node)
        if isinstance(node, Alt):
            return frozenset().union(*(self._edge(n, forward) for n in node.branches))
        if isinstance(node, Rep):
            return self._edge(node.child, forward)
        assert isinstance(node, Seq)
        found: frozenset[str] = frozenset()
        for item in node.items if forward else reversed(node.items):
            found |= self._edge(item, forward)
            if not self.nullable(item):
                break
        return found

    def samples(self, node: Node | None, limit: int = 6) -> list[str]:
        """A few short strings that ``node`` matches (for overlap tests, not exhaustive)."""
        if node is None or isinstance(node, Zero):
            return [""]
        if isinstance(node, Atom):
            return sorted(self.atom(node))[:3] or []
        if isinstance(node, Alt):
            out = [s for b in node.branches for s in self.samples(b, limit)]
            return list(dict.fromkeys(out))[:limit]
        if isinstance(node, Rep):
            inner = self.samples(node.child, limit)
            counts = sorted({node.min, max(node.min, 1), max(node.min, 2)})
            if node.max is not None:
                counts = [c for c in counts if c <= node.max]
            return list(dict.fromkeys(s * c for s in inner for c in counts))[:limit]
        assert isinstance(node, Seq)
        out = [""]
        for item in node.items:
            out = [a + b for a in out for b in self.samples(item, limit)][:limit]
        return out


def _walk(node: Node | None) -> Iterator[Node]:
    """Every node under ``node`` (lookaround bodies excluded: they do not consume)."""
    if node is None:
        return
    yield node
    children: list[Node | None] = []
    if isinstance(node, Seq):
        children = list(node.items)
    elif isinstance(node, Alt):
        children = list(node.branches)
    elif isinstance(node, Rep):
        children = [node.child]
    for child in children:
        yield from _walk(child)


# --- the static audit -------------------------------------------------------------------------


def audit(pattern: str, *, searched: bool = False, flags: int = regex.IGNORECASE | regex.V0) -> list[Finding]:
    """Constructs in ``pattern`` that can backtrack super-linearly (empty list: none found).

    ``searched`` says the pattern is searched for anywhere in a text (``search``,
    ``finditer``, ``sub``) rather than matched against a whole line, which adds
    the leading-loop check.
    """
    tree = parse(pattern)
    sets = CharSets(pattern, flags)
    findings: list[Finding] = []
    for node in _walk(tree):
        if isinstance(node, Rep) and node.loops:
            findings.extend(_loop_findings(pattern, node, sets))
    if searched:
        findings.extend(_leading_loop(pattern, [tree], sets))
    return list({(f.kind, f.where): f for f in findings}.values())


def _loop_findings(pattern: str, loop: Rep, sets: CharSets) -> Iterator[Finding]:
    body = loop.child
    if body is None or isinstance(body, Atom):
        return
    if sets.nullable(body):
        yield Finding(pattern, "nested quantifier", loop.src,
                      "the loop body can match the empty string, so iterations can be split in many ways")
        return
    boundary = sets.first(body) & sets.last(body)
    for inner in _walk(body):
        if not (isinstance(inner, Rep) and inner.loops):
            continue
        overlap = sets.first(inner.child) & boundary
        if overlap:
            yield Finding(pattern, "nested quantifier", loop.src,
                          f"the inner loop {inner.src!r} and the outer loop can both take "
                          f"{_show(overlap)}, so the input splits between iterations in many ways")
            return
    for alt in (n for n in _walk(body) if isinstance(n, Alt)):
        clash = _overlapping_branches(alt, sets)
        if clash:
            yield Finding(pattern, "ambiguous alternation", loop.src,
                          f"under a loop, the branches {clash[0]!r} and {clash[1]!r} both match {clash[2]!r}")
            return
    twice = regex.compile(f"(?:{body.src}){{2,}}", sets.flags)
    for sample in sets.samples(body, limit=12):
        if sample and twice.fullmatch(sample):
            has_alt = any(isinstance(n, Alt) for n in _walk(body))
            yield Finding(pattern, "ambiguous alternation" if has_alt else "nested quantifier", loop.src,
                          f"{sample!r} is one iteration of the loop body and also two or more")
            return


def _overlapping_branches(alt: Alt, sets: CharSets) -> tuple[str, str, str] | None:
    compiled = [regex.compile(f"(?:{b.src})", sets.flags) for b in alt.branches]
    for i, a in enumerate(alt.branches):
        for j in range(i + 1, len(alt.branches)):
            b = alt.branches[j]
            if not sets.first(a) & sets.first(b):
                continue
            for sample in sets.samples(a):
                if sample and compiled[j].fullmatch(sample):
                    return a.src, b.src, sample
            for sample in sets.samples(b):
                if sample and compiled[i].fullmatch(sample):
                    return a.src, b.src, sample
    return None


def _leading_loop(pattern: str, items: list[Node], sets: CharSets) -> Iterator[Finding]:
    """A loop at the start of a searched pattern, with something after it that can fail."""
    for index, item in enumerate(items):
        rest = items[index + 1 :]
        if isinstance(item, Zero):
            return  # anchored or guarded by a lookaround: not every position re-scans
        if isinstance(item, Seq):
            yield from _leading_loop(pattern, item.items + rest, sets)
            return
        if isinstance(item, Alt):
            for branch in item.branches:
                yield from _leading_loop(pattern, [branch, *rest], sets)
            return
        if isinstance(item, Rep) and item.loops and (item.max is None or item.max > LOOP_BOUND):
            if not all(sets.nullable(n) for n in rest):
                yield Finding(pattern, "leading loop under search", item.src,
                              f"on a long run of {_show(sets.first(item.child))} every start position re-scans "
                              "the run before the rest fails: quadratic (guard it, e.g. (?<!\\s) before \\s*)")
            return
        if not sets.nullable(item):
            return


def _show(chars: frozenset[str]) -> str:
    return "".join(sorted(chars))[:12].encode("unicode_escape").decode("ascii")


# --- the timing check -------------------------------------------------------------------------


@dataclass(frozen=True)
class Growth:
    """How the time of one operation grew from size ``n`` to ``4n``."""

    label: str
    n: int
    small: float  # seconds at n
    large: float  # seconds at 4n

    @cached_property
    def ratio(self) -> float:
        return self.large / max(self.small, 1e-9)

    def __str__(self) -> str:
        return (f"{self.label}: {self.small * 1e3:.2f} ms at n={self.n:,}, "
                f"{self.large * 1e3:.2f} ms at 4n (x{self.ratio:.1f}; linear is about x4)")


def cpu_seconds(run: Callable[[], object], *, min_total: float = 0.005) -> float:
    """CPU seconds per call of ``run``, repeating fast calls until they add up to ``min_total``."""
    repeat = 1
    while True:
        start = time.process_time()
        for _ in range(repeat):
            run()
        spent = time.process_time() - start
        if spent >= min_total or repeat >= 4096:
            return spent / repeat
        repeat *= 4


def growth(label: str, make: Callable[[int], object], run: Callable[[object], object], n: int,
           *, min_time: float = 0.005, max_n: int = 1 << 22, trials: int = 3) -> Growth:
    """Time ``run(make(n))`` and ``run(make(4n))``, first doubling ``n`` until a run takes ``min_time``.

    Growing ``n`` first keeps constant overheads from hiding the shape of the
    curve. Inputs are built outside the timed calls; the two sizes are timed in
    turn ``trials`` times and the best of each kept, so a busy machine inflates
    both or neither.
    """
    small_input = make(n)
    while n * 8 <= max_n and cpu_seconds(lambda: run(small_input), min_total=0) < min_time:  # noqa: B023
        n *= 2
        small_input = make(n)
    large_input = make(4 * n)
    small = large = float("inf")
    for _ in range(trials):
        small = min(small, cpu_seconds(lambda: run(small_input)))
        large = min(large, cpu_seconds(lambda: run(large_input)))
    return Growth(label, n, small, large)


def screen(label: str, make: Callable[[int], object], run: Callable[[object], object], *,
           n: int = 1024, bound: float = 8.0, floor: float = 0.002) -> Growth | None:
    """A cheap first look: one run at ``n`` and ``4n``; if that looks super-linear, measure again.

    Returns the careful measurement (best of two rounds) when the quick one exceeded
    ``bound`` and the large run took at least ``floor`` seconds (below that, timings are
    noise), else None. A scan that times out (``TimeoutError``) counts as infinitely slow.
    """
    small_input, large_input = make(n), make(4 * n)
    try:
        small = cpu_seconds(lambda: run(small_input), min_total=0)
        large = cpu_seconds(lambda: run(large_input), min_total=0)
        if large < floor or large < bound * small:
            return None
        return growth(label, make, run, n, min_time=0, trials=2)
    except TimeoutError:
        return Growth(label, n, 0.0, float("inf"))
