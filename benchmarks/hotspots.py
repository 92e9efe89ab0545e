"""Where ``clean()`` spends its time: cProfile over the bench texts, summarised per function."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Hotspot:
    function: str
    calls: int
    own_seconds: float
    share: float  # of the total profiled time, own time only


def profile(func: Callable[[str], object], texts: Sequence[str], top: int = 12) -> list[Hotspot]:
    """The ``top`` functions by own time while ``func`` runs over ``texts``."""
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        func(text)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt or 1.0  # type: ignore[attr-defined]
    rows = []
    for (filename, line, name), (_, calls, own, _cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(Hotspot(_where(filename, line, name), calls, own, own / total))
    rows.sort(key=lambda h: h.own_seconds, reverse=True)
    return rows[:top]


def _where(filename: str, line: int, name: str) -> str:
    if filename == "~":
        return name  # a builtin, e.g. "<method 'search' of '_regex.Pattern' objects>"
    for marker in ("site-packages/", "cleantext/"):
        if marker in filename:
            filename = ("" if marker == "site-packages/" else "cleantext/") + filename.split(marker, 1)[1]
            break
    return f"{filename}:{line}({name})"
