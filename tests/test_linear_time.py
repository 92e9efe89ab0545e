"""Linear time on adversarial input: every pattern in use, and clean() on hostile documents.

No absolute speed is asserted (speed lives in the benchmark), only how time grows,
with margins that load on a shared machine cannot reach:

* patterns: time at n and 4n (CPU time). Linear code takes about 4 times longer,
  quadratic code about 16 times; a first look above 8 is measured again, the two
  sizes timed in turn five times and the minimum of each kept (load only ever adds
  time, so the minimum is the closest to the unloaded cost), and only that ratio fails;
* documents: time at n and 8n, the minimum of up to three interleaved rounds: linear
  is about 8, quadratic about 64, the bound is 20 (2.5 times linear, a third of quadratic).
  On a loaded machine CPU time itself grows with memory traffic (one run at x20.1 on blank
  lines, unloaded x10.6): a ratio still above the bound is measured again beside linear work
  of the same sizes, and the bound scaled by that work's growth beyond x8, at most twice.

Patterns are discovered (rule files as loaded, the matcher's alternations, compiled
regexes in the package), so rules added later are checked too.
"""

from __future__ import annotations

import pytest
import regex

import cleantext
from cleantext.document import Document
from tools import reliability
from tools.backtracking import audit, cpu_seconds, growth, screen

#: Time at 4n over time at n above which a pattern counts as super-linear.
BOUND = 8.0
#: Documents: the factor between the two sizes, the bound on the ratio, and the rounds at most.
DOC_FACTOR, DOC_BOUND, DOC_ROUNDS = 8, 20.0, 3
#: At most this factor on DOC_BOUND when linear work of the same sizes grows faster than linearly (load).
MAX_LOAD_SCALE = 2.0
#: Rounds of the confirming measurement of a pattern that looked super-linear.
CONFIRM_TRIALS = 5

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
        label, make = f"{checked.label} on {pump!r}*n", reliability.attack(pump)
        found = screen(label, make, checked.run, bound=BOUND)
        if found is not None and found.ratio >= BOUND and found.large != float("inf"):
            found = growth(label, make, checked.run, found.n, min_time=0, trials=CONFIRM_TRIALS)
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


def _linear_reference(text: str) -> int:
    """Work that is linear by construction and allocates as clean() does: a Document (an object per
    line) and the text's words. Its growth from n to 8n shows what load does to linear work."""
    return len(Document(text).lines) + len(text.split())


def _load_scale(reference: float) -> float:
    """How much the document bound grows with the linear reference's growth: not at all unloaded, at most
    :data:`MAX_LOAD_SCALE` times (the bound stays below quadratic's x64)."""
    return min(MAX_LOAD_SCALE, max(1.0, reference / DOC_FACTOR))


@pytest.mark.parametrize("name, make, size", list(_document_params()))
def test_clean_time_is_proportional_to_size(name, make, size):
    small, large = make(size // DOC_FACTOR), make(size)
    best_small = best_large = float("inf")
    for _ in range(DOC_ROUNDS):  # interleaved, the minimum of each: load inflates a round, never deflates it
        best_small = min(best_small, cpu_seconds(lambda: cleantext.clean(small), min_total=0.05))
        best_large = min(best_large, cpu_seconds(lambda: cleantext.clean(large), min_total=0))
        if best_large < DOC_BOUND * best_small:
            return
    # Still above the bound: on a loaded machine CPU time itself grows with memory traffic (a large
    # document's objects no longer fit in a cache other processes share). Time linear work of the same
    # sizes, interleaved with clean(), and allow clean() the growth it shows beyond DOC_FACTOR.
    ratio = reference = float("inf")
    for _ in range(DOC_ROUNDS):
        ref_small = cpu_seconds(lambda: _linear_reference(small), min_total=0.05)
        best_small = min(best_small, cpu_seconds(lambda: cleantext.clean(small), min_total=0.05))
        ref_large = cpu_seconds(lambda: _linear_reference(large), min_total=0)
        best_large = min(best_large, cpu_seconds(lambda: cleantext.clean(large), min_total=0))
        reference = min(reference, ref_large / ref_small)
        ratio = best_large / best_small
        if ratio < DOC_BOUND * _load_scale(reference):
            return
    assert ratio < DOC_BOUND * _load_scale(reference), (
        f"{name}: {best_small * 1e3:.1f} ms at n={len(small):,}, {best_large * 1e3:.1f} ms at {DOC_FACTOR}n "
        f"(x{ratio:.1f}; linear is about x{DOC_FACTOR}, linear work of the same sizes grew x{reference:.1f})")


def test_document_timing_catches_quadratic_work():
    """The document check is not vacuous: work that grows with n squared fails it."""
    def quadratic(text: str) -> int:
        return sum(1 for i in range(0, len(text), 50) for _ in range(0, len(text), 50))

    small, large = "x" * 10_000, "x" * 10_000 * DOC_FACTOR
    ratio = cpu_seconds(lambda: quadratic(large), min_total=0) / cpu_seconds(lambda: quadratic(small))
    assert ratio > DOC_BOUND
