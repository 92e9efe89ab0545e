from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
_OWN_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    # A cache folder of the run's own (rule-compile markers, the literal readers' answers), unless one
    # is given: the tests never write to the user's ~/.cache, and they start cold, as a new machine does.
    if "CLEANTEXT_CACHE_DIR" not in os.environ:
        _OWN_CACHE.append(tempfile.mkdtemp(prefix="cleantext-test-cache-"))
        os.environ["CLEANTEXT_CACHE_DIR"] = _OWN_CACHE[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _OWN_CACHE:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("CLEANTEXT_CACHE_DIR", None)


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
