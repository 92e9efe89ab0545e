"""What a process's first ``clean()`` pays for: no numpy without page mode or a model, and rule
patterns compiled when a line first reaches them (issue 13's cold start; timed in
``python -m benchmarks.coldstart``, not here)."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

from cleantext import Document
from cleantext.filters.matcher import Matcher
from cleantext.rules import load_all

TEXT = "The council approved the budget on Tuesday.\nSubscribe to our newsletter"


def _loaded_after(code: str) -> list[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_rules_only_cleaning_never_imports_numpy() -> None:
    loaded = _loaded_after(f"import cleantext\nassert 'Subscribe' not in cleantext.clean({TEXT!r})")
    assert "cleantext.filters.blocks" in loaded  # the rule filters ran
    assert not [name for name in loaded if name == "numpy" or name.startswith("numpy.")]
    assert "cleantext.filters.page" not in loaded


def test_page_mode_imports_what_it_needs_on_first_use() -> None:
    loaded = _loaded_after(
        "import cleantext\n"
        f"out = cleantext.clean({TEXT!r}, mode='page')\n"
        "from cleantext.filters import PageBlocks\n"
        "assert type(cleantext.default_pipeline(mode='page').filters[-1]) is PageBlocks\n")
    assert "numpy" in loaded and "cleantext.filters.page" in loaded


def _phrase_line() -> str:
    """A real boilerplate line that only a phrase rule removes."""
    return "Click here to subscribe to our newsletter for the latest news"


def test_the_matcher_compiles_rule_patterns_when_first_needed() -> None:
    matcher = Matcher(load_all(("en",)))
    assert not matcher.phrases.patterns and not matcher.lines.patterns  # nothing compiled yet
    assert "pattern" not in vars(matcher.leading)  # the inline alternations neither
    article = "The council approved the budget on Tuesday after a long debate about the new school."
    doc = Document("\n".join([article, _phrase_line(), "Advertisement"]))
    scans = matcher.scan(doc)
    assert scans[0] is None and scans[1] is not None and scans[2] is not None
    compiled = len(matcher.phrases.patterns) + len(matcher.lines.patterns)
    assert 0 < compiled < len(matcher.phrases.rules) + len(matcher.lines.rules)


def test_a_matcher_pickled_before_or_after_compiling_answers_the_same() -> None:
    lines = ["Subscribe to our newsletter", _phrase_line(), "Advertisement", "Share this article",
             "“Subscribe to our newsletter, they told me, and I did,” said Ms. Park.",
             "The council approved the budget on Tuesday.", "Read more: Council approves budget"]
    fresh = Matcher(load_all(("en",)))
    before = pickle.loads(pickle.dumps(fresh))
    expected = fresh.scan(Document("\n".join(lines)))
    after = pickle.loads(pickle.dumps(fresh))  # now with compiled patterns in it
    for matcher in (before, after):
        assert matcher.scan(Document("\n".join(lines))) == expected
    assert [scan is not None for scan in expected] == [True, True, True, True, False, False, True]


def test_the_comments_rules_compile_when_first_needed_and_pickle_either_way() -> None:
    from cleantext.filters.comments import _WholeLines

    bylines = _WholeLines(("en",), "bylines")
    assert not any(part._one or "pattern" in vars(part) for part in bylines.parts)
    fresh = pickle.loads(pickle.dumps(bylines))
    texts = ["Rosa Diaz says:", "May 3, 2024 at 10:15 am", "The council approved the budget on Tuesday."]
    expected = [bylines.fullmatch(t, t.casefold()) for t in texts]
    assert expected[0] and not expected[2]
    assert any(part._one for part in bylines.parts)  # compiled what those lines reached
    again = pickle.loads(pickle.dumps(bylines))
    assert [m.fullmatch(t, t.casefold()) for m in (fresh, again) for t in texts] == expected * 2
