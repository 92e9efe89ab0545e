"""What the reliability checks run on: every pattern in use, attack strings, adversarial documents.

Shared by ``tests/test_linear_time.py`` and ``scripts/reliability_bench.py`` so
that the test and the published figures measure the same inputs. Patterns are
discovered, not listed: rule data as loaded, the compiled alternations of the
shared matcher, and every compiled regex held by a module of the package, so a
pattern added later is checked without anyone remembering to register it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

from .backtracking import REPRESENTATIVES, CharSets
from cleantext.config import LANGUAGES
from cleantext.analysis.regex_syntax import parse
from cleantext.rules import Rule, load_all

#: Rule kinds that are searched for inside a line; the others must match a whole line.
SEARCHED_KINDS = frozenset({"phrases", "inline"})
#: Rule kinds that are plain words (compared, never compiled by the matcher).
WORD_KINDS = frozenset({"cues"})
#: Modules that may fail to import without their optional extra; they are reported, not checked.
OPTIONAL_MODULES = ("cleantext.ray", "benchmarks", "cleantext.html")
#: Seconds after which one regex scan in a check counts as hung.
TIMEOUT = 5.0


@dataclass(frozen=True)
class CheckedPattern:
    """A pattern in use, where it comes from, and whether it is searched or whole-line matched."""

    label: str
    compiled: Any  # re.Pattern or regex.Pattern
    searched: bool
    rules: tuple[Rule, ...] = ()  # for a matcher alternation: the rules it combines

    @property
    def source(self) -> str:
        return str(self.compiled.pattern)

    @property
    def flags(self) -> int:
        return int(self.compiled.flags)

    def run(self, text: str) -> object:
        """One scan of ``text`` the way the library uses this pattern (all matches, or a whole-line match).

        A ``regex`` pattern gives up after :data:`TIMEOUT` seconds (``TimeoutError``), so
        that an exponential pattern fails a check instead of hanging it.
        """
        kwargs = {"timeout": TIMEOUT} if isinstance(self.compiled, regex.Pattern) else {}
        if not self.searched:
            return self.compiled.fullmatch(text, **kwargs)
        return sum(1 for _ in self.compiled.finditer(text, **kwargs))


def rules(languages: tuple[str, ...] = LANGUAGES) -> list[Rule]:
    """Every compiled rule of the shipped rule files."""
    return [rule for rule in load_all(languages) if rule.kind not in WORD_KINDS]


def rule_patterns(languages: tuple[str, ...] = LANGUAGES) -> list[CheckedPattern]:
    flags = regex.IGNORECASE | regex.V0
    return [
        CheckedPattern(f"{r.language}/{r.category}/{r.kind}: {r.pattern}", regex.compile(r.pattern, flags),
                       r.kind in SEARCHED_KINDS)
        for r in rules(languages)
    ]


def alternation_patterns(languages: tuple[str, ...] = LANGUAGES) -> list[CheckedPattern]:
    """The combined alternations the matcher really runs (one regex per kind)."""
    from cleantext.filters.matcher import matcher_for

    matcher = matcher_for(languages)
    found: list[CheckedPattern] = []
    for name, value in sorted(vars(matcher).items()):
        alternations = value.items() if isinstance(value, dict) else [("", value)]
        for key, alt in alternations:
            compiled = getattr(alt, "pattern", None)
            kinds = {rule.kind for rule in getattr(alt, "rules", [])}
            if compiled is None or not kinds:
                continue
            label = f"matcher.{name}" + (f"[{key}]" if key else "")
            found.append(CheckedPattern(label, compiled, kinds <= SEARCHED_KINDS, tuple(alt.rules)))
    return found


def code_patterns(package: str = "cleantext") -> tuple[list[CheckedPattern], list[str]]:
    """Compiled regexes held by the package's modules and classes (searched, to be safe).

    Returns the patterns and the optional modules that could not be imported.
    """
    found: dict[int, CheckedPattern] = {}
    skipped: list[str] = []
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if info.name.endswith(".__main__"):
            continue  # importing it runs the command line
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            if not info.name.startswith(OPTIONAL_MODULES):
                raise
            skipped.append(info.name)
            continue
        for label, value in _compiled_in(module):
            found.setdefault(id(value), CheckedPattern(f"{info.name}.{label}", value, True))
    return list(found.values()), skipped


def _compiled_in(module: Any) -> Iterator[tuple[str, Any]]:
    for name, value in vars(module).items():
        if isinstance(value, (re.Pattern, regex.Pattern)):
            yield name, value
        elif isinstance(value, type) and value.__module__ == module.__name__:
            for attr, inner in vars(value).items():
                if isinstance(inner, (re.Pattern, regex.Pattern)):
                    yield f"{name}.{attr}", inner


def pumps(patterns: list[str], flags: int = regex.IGNORECASE | regex.V0) -> list[str]:
    """Strings to repeat into attacks on these patterns.

    Single characters the patterns can consume (runs of spaces, letters,
    punctuation), a word-and-separator pair, and for each pattern a short
    string it matches, whole and cut short by one character (the near miss
    that makes a backtracking engine try every split).
    """
    found: dict[str, None] = {}
    for source in patterns:
        try:
            sets = CharSets(source, flags)
            tree = parse(source)
        except ValueError:
            continue
        for sample in sets.samples(tree, limit=2):
            for pump in (sample, sample + " ", sample[:-1]):
                if pump.strip():
                    found[pump] = None
    for c in REPRESENTATIVES:
        found[c] = None
    for pair in ("a ", ". ", "a.", "1 ", "a-", "» "):
        found[pair] = None
    return list(found)


def attack(pump: str) -> Callable[[int], str]:
    """``n`` characters of ``pump`` repeated, closed by a character nothing expects."""
    def make(n: int) -> str:
        return (pump * (n // len(pump) + 1))[:n] + "\x01"
    return make


# --- adversarial documents for the whole pipeline ------------------------------------------------

_HEADLINE_BLOCK = "Read more:\nSome headline here\nDear readers,\nwe you our support\nOnce\n"


def _repeat(unit: str) -> Callable[[int], str]:
    """A document of about ``n`` characters made of ``unit`` repeated."""
    return lambda n: unit * max(1, n // len(unit))


#: name -> (build a document of about n characters, the size the bench and test go up to).
ADVERSARIAL: dict[str, tuple[Callable[[int], str], int]] = {
    "one 5 MB line of words": (_repeat("word "), 5_000_000),
    "one line, a long run of spaces": (lambda n: "x" + " " * n + "x", 5_000_000),
    "one line, a long run of tabs and NBSP": (lambda n: "x" + "\t\u00a0" * (n // 2) + "x", 5_000_000),
    "one line without spaces": (lambda n: "a" * n, 5_000_000),
    "one line of dots and quotes": (_repeat('.”"’» '), 2_000_000),
    "300,000 short lines": (_repeat("Short line here.\n"), 5_100_000),
    "blank lines": (_repeat("\n"), 1_000_000),
    '"Read more " repeated on one line': (_repeat("Read more "), 2_000_000),
    '"Advertisement" lines (100k)': (_repeat("Advertisement\n"), 1_400_000),
    '"Sign up for our newsletter" repeated on one line': (_repeat("Sign up for our newsletter "), 2_000_000),
    '"Sign up for our newsletter" lines': (_repeat("Sign up for our newsletter\n"), 1_000_000),
    "inline ad markers on one line": (_repeat("x (ad) "), 700_000),
    "headline lists and appeals": (_repeat(_HEADLINE_BLOCK), 1_000_000),
    "mojibake and entities": (_repeat("cafÃ© &amp; crÃ¨me â€™ "), 1_000_000),
}
