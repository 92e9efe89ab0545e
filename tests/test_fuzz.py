"""A bounded run of the atheris fuzz target (fuzz/fuzz_clean.py): it must end without a finding.

The target checks the guarantees (idempotence, nothing added, spans, explain
reproduces clean), not only the absence of crashes. The long run is documented
in docs/reliability.md. Needs the ``fuzz`` extra (atheris).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: A fixed seed and a number of runs make the CI run repeatable; the time cap only guards slow machines.
RUNS = int(os.environ.get("CLEANTEXT_FUZZ_RUNS", "400"))
SECONDS = int(os.environ.get("CLEANTEXT_FUZZ_SECONDS", "60"))


def test_fuzz_clean_finds_nothing(tmp_path):
    pytest.importorskip("atheris", reason="the fuzz extra (atheris) is not installed")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    done = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_clean.py"), "-seed=1", f"-runs={RUNS}",
         f"-max_total_time={SECONDS}",
         "-max_len=8192", "-timeout=30", "-rss_limit_mb=2048", f"-dict={ROOT / 'fuzz' / 'clean.dict'}",
         f"-artifact_prefix={tmp_path}/", "-print_final_stats=1", str(corpus), str(ROOT / "fixtures" / "seeds")],
        check=False, capture_output=True, text=True, timeout=SECONDS + 120, cwd=ROOT,
    )
    log = done.stderr[-4000:]
    findings = [p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-", "leak-"))]
    assert done.returncode == 0 and not findings, f"finding {findings}:\n{log}"
    assert "stat::number_of_executed_units" in done.stderr, log  # it really ran
    runs = int(done.stderr.split("stat::number_of_executed_units:")[1].split()[0])
    assert runs >= min(RUNS, 100), log


def test_fuzz_target_checks_properties_not_only_crashes(monkeypatch):
    """The target's checks fail when a guarantee is broken (here: clean() made to add a word)."""
    pytest.importorskip("atheris", reason="the fuzz extra (atheris) is not installed")
    sys.path.insert(0, str(ROOT / "fuzz"))
    try:
        import fuzz_clean
    finally:
        sys.path.remove(str(ROOT / "fuzz"))
    fuzz_clean.check("Storm hits coast.\nAdvertisement")
    import cleantext.pipeline

    real_cut = cleantext.pipeline.cut
    monkeypatch.setattr(cleantext.pipeline, "cut", lambda text, spans: real_cut(text, spans) + " invented")
    with pytest.raises(AssertionError):
        fuzz_clean.check("Storm hits coast.\nAdvertisement")
