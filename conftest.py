"""Settings for every test run, whichever paths it is given (doctests of cleantext/ included)."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

# Modules that must not be imported by --doctest-modules collection.
collect_ignore = ["cleantext/__main__.py"]

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
