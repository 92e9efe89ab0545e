"""Linear time on adversarial input: every pattern in use, and clean() on hostile documents.

The checks compare time at size n and 4n (CPU time, best of a few rounds):
linear code takes about 4 times longer, quadratic code about 16 times, so the
bound (8) is generous to noise yet fails on quadratic behaviour. No absolute
speed is asserted. Patterns are discovered (rule files as loaded, the
matcher's alternations, compiled regexes in the package), so rules added later
are checked too.
"""

from __future__ import annotations

import inspect

import pytest
import regex

import cleantext
from cleantext import reliability
from cleantext.backtracking import Growth, audit, cpu_seconds, screen
from cleantext.filters import blocks

#: Time at 4n over time at n above which behaviour counts as super-linear.
BOUND = 8.0

#: Rule patterns known to be quadratic under search, reported to the owner of
#: cleantext/rules (the fix keeps the meaning: a leftmost match starts where the
#: run of spaces starts anyway). An entry stops applying when the pattern changes.
KNOWN_SUPERLINEAR = {
    r"\s*\((?:advertisement|sponsored|ad)\)":
        "en.toml [ads] inline: a line with a long run of spaces re-scans the run from every "
        r"position (40,000 spaces: 21 s; 5 MB: days). Fix: (?<!\s)\s*\((?:advertisement|sponsored|ad)\)",
    r"\s*\[(?:advertisement|sponsored|ad)\]":
        r"en.toml [ads] inline: same as the (ad) rule. Fix: (?<!\s)\s*\[(?:advertisement|sponsored|ad)\]",
    r"\s+(?:read more|continue reading|read the full (?:story|article))\s*(?:»|›|→|\.{3}|…)?$":
        "en.toml [read_more] inline: quadratic under search; only safe because the matcher "
        r"searches the last 160 characters. Fix: prefix (?<!\s)",
}

RULES = reliability.rules()
ALTERNATIONS = reliability.alternation_patterns()
CODE, OPTIONAL_SKIPPED = reliability.code_patterns()


def _known(pattern: str) -> list[pytest.MarkDecorator]:
    reason = KNOWN_SUPERLINEAR.get(pattern)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


# --- (1) static audit ---------------------------------------------------------------------------


@pytest.mark.parametrize("rule", [
    pytest.param(r, id=f"{r.language}/{r.category}/{r.kind}/{i}", marks=_known(r.pattern))
    for i, r in enumerate(RULES)
])
def test_rule_pattern_has_no_backtracking_trap(rule):
    findings = audit(rule.pattern, searched=rule.kind in reliability.SEARCHED_KINDS)
    assert not findings, "\n".join(map(str, findings))


@pytest.mark.parametrize("checked", CODE, ids=[c.label for c in CODE])
def test_code_regex_has_no_backtracking_trap(checked):
    findings = audit(checked.source, searched=True, flags=checked.flags)
    assert not findings, "\n".join(map(str, findings))


def test_audit_finds_the_classic_traps():
    """The static check is not vacuous: it flags what it claims to flag."""
    assert audit(r"(a+)+$")[0].kind == "nested quantifier"
    assert audit(r"(\w+\s?)*:")[0].kind == "nested quantifier"
    assert audit(r"(?:a|aa)+b")[0].kind == "ambiguous alternation"
    assert audit(r"(?:\d|\w)+x")[0].kind == "ambiguous alternation"
    assert audit(r"\s+read more$", searched=True)[0].kind == "leading loop under search"
    assert not audit(r"\s+read more$")  # matched against a whole line: fine
    assert not audit(r"(?<!\s)\s+read more$", searched=True)  # guarded
    assert not audit(r"(?:\w+ ){0,4}newsletter", searched=True)  # words split by a required space


def test_all_optional_modules_were_checked_or_named():
    assert all(name.startswith(reliability.OPTIONAL_MODULES) for name in OPTIONAL_SKIPPED)
    assert len(CODE) >= 5  # the discovery found the package's own regexes


# --- (2) timing of every pattern as the library runs it -----------------------------------------


def _without_known(checked: reliability.CheckedPattern) -> reliability.CheckedPattern:
    """The alternation rebuilt without the reported rules (they have their own xfail test)."""
    kept = [r for r in checked.rules if r.pattern not in KNOWN_SUPERLINEAR]
    if len(kept) == len(checked.rules):
        return checked
    body = "|".join(f"(?:{r.pattern})" for r in kept) or "(?!)"
    return reliability.CheckedPattern(f"{checked.label} without the reported rules",
                                      regex.compile(body, checked.compiled.flags), checked.searched, tuple(kept))


def _super_linear(checked: reliability.CheckedPattern, sources: list[str]) -> list[str]:
    slow = []
    for pump in reliability.pumps(sources):
        found = screen(f"{checked.label} on {pump!r}*n", reliability.attack(pump), checked.run, bound=BOUND)
        if found is not None and found.ratio >= BOUND:
            slow.append(str(found))
            break  # one attack that works is enough to fail; the rest would only cost time
    return slow


def _alternation_marks(checked: reliability.CheckedPattern) -> list[pytest.MarkDecorator]:
    known = [KNOWN_SUPERLINEAR[r.pattern] for r in checked.rules if r.pattern in KNOWN_SUPERLINEAR]
    return [pytest.mark.xfail(strict=True, reason=known[0])] if known else []


@pytest.mark.parametrize("checked", [
    pytest.param(c, id=c.label, marks=_alternation_marks(c)) for c in ALTERNATIONS
])
def test_matcher_alternation_runs_in_linear_time(checked):
    slow = _super_linear(checked, [r.pattern for r in checked.rules])
    assert not slow, "\n".join(slow)


@pytest.mark.parametrize("checked", [
    pytest.param(c, id=c.label) for c in ALTERNATIONS if _alternation_marks(c)
])
def test_matcher_alternation_without_the_reported_rules_runs_in_linear_time(checked):
    """The rest of an alternation that holds a reported rule must still be linear."""
    checked = _without_known(checked)
    slow = _super_linear(checked, [r.pattern for r in checked.rules])
    assert not slow, "\n".join(slow)


@pytest.mark.parametrize("checked", CODE, ids=[c.label for c in CODE])
def test_code_regex_runs_in_linear_time(checked):
    slow = _super_linear(checked, [checked.source])
    assert not slow, "\n".join(slow)


def test_timing_check_catches_a_quadratic_pattern():
    """The timing check is not vacuous: the classic quadratic search is caught."""
    # Alone, regex's literal prefilter hides it; inside an alternation (as in the matcher) it shows.
    checked = reliability.CheckedPattern("demo", regex.compile(r"\s*(?:\(ad\)|\[ad\])"), True)
    found = screen("demo", reliability.attack(" "), checked.run, bound=BOUND)
    assert found is not None and found.ratio >= BOUND, found


# --- (3) clean() on adversarial documents, n vs 4n ----------------------------------------------

_KNOWN_RULES_LOADED = bool({r.pattern for r in RULES} & set(KNOWN_SUPERLINEAR))
#: The quadratic loops reported in filters/blocks.py (each block copies the rest of the line list).
_BLOCKS_SLICE = "doc.lines[opener.index + 1 :]" in inspect.getsource(blocks)
_BLOCKS_REASON = ("filters/blocks.py: Appeals._body and HeadlineLists._headlines loop over "
                  "doc.lines[index + 1 :], a copy of the rest of the document per block, so a page of "
                  "many blocks is quadratic in lines (reported; scripts/reliability_bench.py shows x13-14 "
                  "for 4x the size at 1 MB, about 15 s of CPU, too long for this module: not run while that "
                  "code is there)")
#: Documents whose timing is known to fail because of code owned elsewhere (reported). Each
#: mark applies only while the reported code is present; then the test runs and must pass.
KNOWN_SLOW_DOCUMENTS = {
    "one line, a long run of spaces": pytest.mark.xfail(
        _KNOWN_RULES_LOADED, run=False, strict=True,
        reason="the en [ads] inline rules above make this take days at 5 MB; not run while they are loaded"),
    "one line, a long run of tabs and NBSP": pytest.mark.xfail(
        _KNOWN_RULES_LOADED, run=False, strict=True, reason="same as the run of spaces"),
    '"Sign up for our newsletter" lines': pytest.mark.xfail(
        _BLOCKS_SLICE, run=False, strict=True, reason=_BLOCKS_REASON),
    "headline lists and appeals": pytest.mark.xfail(
        _BLOCKS_SLICE, run=False, strict=True, reason=_BLOCKS_REASON),
}


def _document_params():
    for name, (make, size) in reliability.ADVERSARIAL.items():
        marks = [KNOWN_SLOW_DOCUMENTS[name]] if name in KNOWN_SLOW_DOCUMENTS else []
        yield pytest.param(name, make, size, id=name, marks=marks)


@pytest.mark.parametrize("name, make, size", list(_document_params()))
def test_clean_time_is_proportional_to_size(name, make, size):
    small, large = make(size // 4), make(size)

    def measure() -> Growth:
        return Growth(name, len(small), cpu_seconds(lambda: cleantext.clean(small), min_total=0.05),
                      cpu_seconds(lambda: cleantext.clean(large), min_total=0))

    first = measure()
    if first.ratio < BOUND:
        return
    second = measure()  # one more look before calling it super-linear: the machine is shared
    assert second.ratio < BOUND, f"{first}\n{second}"
