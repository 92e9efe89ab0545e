"""benchmarks.memory measures the step, not the process that started it.

On Linux a child started by fork + exec inherits its parent's ``ru_maxrss``: a runner
holding the bench pages made every step report the runner's own peak. These tests hold
a large buffer in this process while the child runs and check that it does not show.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks import memory

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")

LINES = ["Home", "News", "Sign up for our newsletter", "© 2024 Example"]


@pytest.fixture()
def bench(tmp_path: Path) -> Path:
    root = tmp_path / "bench"
    rows = ["dataset\tsite\tpage_id\turl\tpage_text"]
    for site in ("a.com", "b.com", "c.com"):
        for n in range(4):
            rel = f"big9/page_text/{site}-{n}.txt"
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            story = [f"Story {n} of {site}: the council met on Tuesday and approved the budget after a debate. " * 4]
            (root / rel).write_text("\n".join(LINES[:2] + story + LINES[2:]), encoding="utf-8")
            rows.append(f"big9\t{site}\t{site}-{n}\thttps://{site}/{n}\t{rel}")
    (root / "manifest.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def test_the_written_corpus_streams_back_as_generated(bench: Path, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    memory.write_corpus(bench, 3, folder)
    texts, groups = memory.streamed(folder)
    assert list(zip(texts, groups)) == list(memory.corpus(bench, 3))
    assert len({t for t, _ in memory.corpus(bench, 3)}) == 36  # every copy distinct


@pytest.mark.parametrize("what", ["counter", "clean"])
def test_the_peak_is_the_step_s_not_the_parent_s(bench: Path, what: str) -> None:
    held = bytearray(600 * 1024 * 1024)  # this process: 600 MB resident while the child runs
    held[:: 4096] = b"x" * len(held[:: 4096])
    found = memory.measure(bench, times=2, what=what)
    del held
    assert "error" not in found, found
    assert found["peak_from"] == "step"
    assert 0 < found["rss_before_mb"] <= found["peak_rss_mb"] < 500
    assert found["rss_after_mb"] <= found["peak_rss_mb"]
    assert isinstance(found["heap_peak_mb"], float) and found["heap_peak_mb"] > 0
    assert found["corpus_mb"] > 0
