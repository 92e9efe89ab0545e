from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def bench_dir() -> Path | None:
    """The benchmark pages: $CLEANTEXT_BENCH, or ../shared/bench beside the checkout."""
    env = os.environ.get("CLEANTEXT_BENCH")
    for candidate in ([Path(env)] if env else []) + [ROOT.parent / "shared" / "bench"]:
        if (candidate / "manifest.tsv").is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.txt"))}
