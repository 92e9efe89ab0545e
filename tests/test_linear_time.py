"""Linear time on adversarial input: every pattern in use, and clean() on hostile documents.

The checks compare time at size n and 4n (CPU time, best of a few rounds):
linear code takes about 4 times longer, quadratic code about 16 times, so the
bound (8) is generous to noise yet fails on quadratic behaviour. No absolute
speed is asserted. Patterns are discovered (rule files as loaded, the
matcher's alternations, compiled regexes in the package), so rules added later
are checked too.
"""

from __future__ import annotations

import pytest
import regex

import cleantext
from cleantext import reliability
from cleantext.backtracking import Growth, audit, cpu_seconds, screen

#: Time at 4n over time at n above which behaviour counts as super-linear.
BOUND = 8.0

RULES = reliability.rules()
ALTERNATIONS = reliability.alternation_patterns()
CODE, OPTIONAL_SKIPPED = reliability.code_patterns()


# --- (1) static audit ---------------------------------------------------------------------------


@pytest.mark.parametrize("rule", [
    pytest.param(r, id=f"{r.language}/{r.category}/{r.kind}/{i}")
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


def _super_linear(checked: reliability.CheckedPattern, sources: list[str]) -> list[str]:
    slow = []
    for pump in reliability.pumps(sources):
        found = screen(f"{checked.label} on {pump!r}*n", reliability.attack(pump), checked.run, bound=BOUND)
        if found is not None and found.ratio >= BOUND:
            slow.append(str(found))
            break  # one attack that works is enough to fail; the rest would only cost time
    return slow


@pytest.mark.parametrize("checked", [
    pytest.param(c, id=c.label) for c in ALTERNATIONS
])
def test_matcher_alternation_runs_in_linear_time(checked):
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

def _document_params():
    for name, (make, size) in reliability.ADVERSARIAL.items():
        yield pytest.param(name, make, size, id=name)


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
