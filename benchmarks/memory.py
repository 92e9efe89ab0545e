"""Peak memory of ``fit()`` and ``clean()`` on a generated corpus ``times`` larger than the bench pages, in a fresh process.

The corpus is the whole-page texts of the gold datasets repeated ``times``
times; copy ``k`` becomes new sites (``site~k``) and every line of it gets a
copy mark, so no line repeats across copies: the learner sees ``times`` as many
distinct lines and groups, the worst case for its tables. The corpus is
streamed into ``fit()``, never held in memory, so the peak is the learner's.

``clean`` first fits a per-site model on the bench pages themselves (one copy),
then streams the corpus through ``clean()`` with it (each copy cleaned with its
original site's group), so its peak is the model plus what cleaning holds.
Memory is flat in corpus size when the peak at ``2n`` copies is that at ``n``.

Run as ``python -m benchmarks.memory --data DIR --times 10 --what fit``;
it prints one JSON object. :func:`measure` runs it in a subprocess, since
``ru_maxrss`` is a process-wide high-water mark; the imports alone can set that
mark above what the step adds, so a second run (``--trace``) reports the peak of
the Python allocations made during the step (``tracemalloc``), which is the
learner's own memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from .data import pages
from .quality import GOLD_DATASETS
from .speed import normalised_line


def corpus(root: Path, times: int) -> Iterator[tuple[str, str]]:
    """``(text, group)`` pairs: the gold datasets' page texts, ``times`` distinct copies."""
    chosen = [p for p in pages(root) if p.dataset in GOLD_DATASETS and p.paths.get("page_text")]
    for k in range(times):
        for page in chosen:
            text = page.read("page_text") or ""
            if k:
                text = "\n".join(f"{line} ~{k}" if line.strip() else line for line in text.split("\n"))
            yield text, f"{page.site}~{k}"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _child(root: Path, times: int, what: str, trace: bool = False) -> dict:
    import cleantext

    before = _peak_mb()
    if trace:
        tracemalloc.start()
    megabytes = 0.0
    start = time.perf_counter()

    def texts() -> Iterator[str]:
        nonlocal megabytes
        for text, _ in corpus(root, times):
            megabytes += len(text.encode("utf-8")) / 1e6
            yield text

    groups = (group for _, group in corpus(root, times))
    if what == "fit":
        cleantext.fit(texts(), groups=groups)  # type: ignore[attr-defined]
    elif what == "clean":
        model = cleantext.fit((text for text, _ in corpus(root, 1)), groups=(g for _, g in corpus(root, 1)))
        for text, group in zip(texts(), groups):
            cleantext.clean(text, model=model, group=group.split("~")[0])
    else:
        counts: Counter[str] = Counter()
        for text in texts():
            counts.update(key for key in map(normalised_line, text.split("\n")) if key)
    if trace:
        heap_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return {"what": what, "times": times, "heap_peak_mb": round(heap_peak / 1e6, 3)}
    return {"what": what, "times": times, "corpus_mb": round(megabytes, 2),
            "seconds": round(time.perf_counter() - start, 2),
            "peak_rss_mb": round(_peak_mb(), 1), "rss_before_mb": round(before, 1)}


def measure(root: Path, times: int = 10, what: str = "fit", timeout: float = 1800, trace: bool = True) -> dict:
    """Run the child process (timed; then, with ``trace``, under tracemalloc); their JSON merged, or ``{"error": ...}``."""
    found = _run_child(root, times, what, timeout, trace=False)
    if trace and "error" not in found:
        traced = _run_child(root, times, what, timeout, trace=True)
        found["heap_peak_mb"] = traced.get("heap_peak_mb", "n/a")
    return found


def _run_child(root: Path, times: int, what: str, timeout: float, trace: bool) -> dict:
    package_parent = str(Path(__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    cmd = [sys.executable, "-m", "benchmarks.memory", "--data", str(root), "--times", str(times), "--what", what]
    if trace:
        cmd.append("--trace")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"what": what, "times": times, "error": last}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--what", choices=("fit", "clean", "counter"), default="fit")
    parser.add_argument("--trace", action="store_true",
                        help="report the peak of Python allocations during the step (tracemalloc; slower)")
    args = parser.parse_args(argv)
    print(json.dumps(_child(Path(args.data), args.times, args.what, args.trace)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
