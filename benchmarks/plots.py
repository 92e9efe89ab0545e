"""The two figures of docs/benchmarks.md: a dot plot of P / R / F1 per method and dataset, and MB/s per method."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .data import GOLD_DATASETS
from .score import PRF
from .speed import Timing

if TYPE_CHECKING:
    from .runner import Run

#: Round tick values for a log axis of MB/s.
LOG_TICKS = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500)


def matplotlib_missing() -> str | None:
    """None if matplotlib can draw here, else why not."""
    try:
        import matplotlib

        matplotlib.use("Agg")
    except ImportError:
        return "matplotlib is not installed (pip install 'cleantext-boilerplate[bench]')"
    return None


def plot_quality(run: Run, path: Path) -> None:
    """One panel per dataset, one row per method: F1 (large dot), precision and recall (small marks).

    Filled marks are the headline numbers (held out, or nothing fitted); hollow ones are
    in-sample numbers of a row whose held-out figure is not available. Each panel's axis is
    zoomed to the F1 values but the untouched page text's (a point further left sits on the
    edge with its value written),
    and methods a few thousandths apart stay apart, on separate rows.
    """
    import matplotlib.pyplot as plt

    datasets = [ds for ds in GOLD_DATASETS if any(ds in row for row in run.quality.values())]
    methods = run.methods
    fig, axes = plt.subplots(1, len(datasets), figsize=(2.9 * len(datasets) + 3.2, 0.36 * len(methods) + 1.6),
                             sharey=True, squeeze=False)
    ys = list(range(len(methods)))
    for ax, ds in zip(axes[0], datasets):
        found = {m.key: _headline_or_in_sample(run, m.key, ds) for m in methods}
        # The untouched page text (p) is the floor, not a contender: it may sit off the edge.
        f1s = [prf.f1 for key, (prf, _) in found.items() if prf is not None and key != "p"]
        lo = max(0.0, math.floor((min(f1s, default=0.5) - 0.04) * 20) / 20)
        for y, method in zip(ys, methods):
            prf, hollow = found[method.key]
            if prf is None:
                continue
            face = "white" if hollow else None
            p, r, f = (max(v, lo) for v in (prf.precision, prf.recall, prf.f1))
            ax.plot([min(p, r), max(p, r)], [y, y], color="0.8", lw=1, zorder=1)
            ax.scatter(p, y, marker="^", s=22, color="C0", facecolors=face, zorder=2)
            ax.scatter(r, y, marker="s", s=18, color="C2", facecolors=face, zorder=2)
            ax.scatter(f, y, marker="o", s=46, color="C3", facecolors=face, zorder=3)
            clipped = [f"{name} {v:.2f}" for name, v in (("P", prf.precision), ("R", prf.recall), ("F1", prf.f1))
                       if v < lo]
            if clipped:
                ax.annotate("◀ " + ", ".join(clipped), (lo, y), textcoords="offset points", xytext=(6, 4),
                            fontsize="x-small", color="0.3")
        anchor = found.get("n", (None, False))[0]
        if anchor is not None:
            ax.axvline(anchor.f1, color="C3", ls="--", lw=0.8, alpha=0.5, zorder=0)
        ax.set_xlim(lo - 0.005, 1.005)
        ax.set_title(ds)
        ax.grid(axis="x", alpha=0.3)
        ax.set_xlabel("score")
    axes[0][0].set_yticks(ys)
    axes[0][0].set_yticklabels([f"({m.key}) {m.short or m.label}" for m in methods])
    axes[0][0].invert_yaxis()
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", color="C3", ls="", label="F1"),
               Line2D([], [], marker="^", color="C0", ls="", label="precision"),
               Line2D([], [], marker="s", color="C2", ls="", label="recall"),
               Line2D([], [], marker="o", color="0.3", mfc="white", ls="",
                      label="in-sample only (held-out figure not available)"),
               Line2D([], [], color="C3", ls="--", lw=0.8, label="F1 of trafilatura_nc (n), the anchor"),
               Line2D([], [], marker="$◀$", color="0.3", ls="", label="off the left edge (value written)")]
    fig.legend(handles=handles, loc="lower center", ncol=6, frameon=False)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _headline_or_in_sample(run: Run, key: str, dataset: str) -> tuple[PRF | None, bool]:
    """The headline number, or the in-sample one (second item True) when there is no headline number."""
    prf, _ = run.headline(key, dataset)
    if prf is not None:
        return prf, False
    return run.in_sample(key, dataset), True


def plot_speed(timings: Sequence[Timing], path: Path) -> None:
    """Horizontal bars of MB/s on a log axis with round tick labels (no minor labels), measured methods only."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

    measured = [t for t in timings if t.mb_per_s]
    if not measured:
        return
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(measured) + 1.2))
    speeds = [t.mb_per_s or 0.0 for t in measured]
    ax.barh([t.label for t in measured], speeds, color=[f"C{i}" for i in range(len(measured))])
    for y, value in enumerate(speeds):
        ax.annotate(f"{value:.2f}", (value, y), textcoords="offset points", xytext=(3, -3), fontsize="small")
    ax.set_xscale("log")
    lo, hi = min(speeds) / 1.6, max(speeds) * 2.2
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(FixedLocator([v for v in LOG_TICKS if lo <= v <= hi]))
    ax.xaxis.set_major_formatter(lambda value, _: f"{value:g}")
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("MB/s of input, one core (log scale)")
    ax.grid(axis="x", alpha=0.3)
    ax.invert_yaxis()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
