"""The two figures of docs/benchmarks.md: precision-recall per method per dataset, and MB/s per method."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from .methods import Method
from .quality import Cell
from .speed import Timing


def matplotlib_missing() -> str | None:
    """None if matplotlib can draw here, else why not."""
    try:
        import matplotlib

        matplotlib.use("Agg")
    except ImportError:
        return "matplotlib is not installed (pip install 'cleantext-boilerplate[bench]')"
    return None


def plot_quality(methods: Sequence[Method], table: Mapping[str, Mapping[str, Cell]], path: Path) -> None:
    """One panel per dataset, one labelled point (recall, precision) per method."""
    import matplotlib.pyplot as plt

    datasets = sorted({ds for row in table.values() for ds in row})
    fig, axes = plt.subplots(1, len(datasets), figsize=(4.2 * len(datasets), 4.2), squeeze=False)
    for ax, ds in zip(axes[0], datasets):
        for i, method in enumerate(methods):
            cell = table.get(method.key, {}).get(ds)
            if cell is None or cell.prf is None:
                continue
            ax.scatter(cell.prf.recall, cell.prf.precision, color=f"C{i}", label=f"({method.key}) {method.label}")
            ax.annotate(method.key, (cell.prf.recall, cell.prf.precision), textcoords="offset points", xytext=(4, 4))
        ax.set_title(ds)
        ax.set_xlabel("recall")
        ax.set_ylabel("precision")
        ax.set_xlim(0.4, 1.01)
        ax.set_ylim(0.4, 1.01)
        ax.grid(alpha=0.3)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, fontsize="small", frameon=False)
    fig.tight_layout(rect=(0, 0.18, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_speed(timings: Sequence[Timing], path: Path) -> None:
    """Horizontal bars of MB/s (log scale), measured methods only."""
    import matplotlib.pyplot as plt

    measured = [t for t in timings if t.mb_per_s]
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(measured) + 1.2))
    ax.barh([t.label for t in measured], [t.mb_per_s or 0.0 for t in measured], color=[f"C{i}" for i in range(len(measured))])
    for y, t in enumerate(measured):
        ax.annotate(f"{t.mb_per_s:.2f}", (t.mb_per_s, y), textcoords="offset points", xytext=(3, -3), fontsize="small")
    ax.set_xscale("log")
    ax.set_xlabel("MB/s of input, one core (log scale)")
    ax.invert_yaxis()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
