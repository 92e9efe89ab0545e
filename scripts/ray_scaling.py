"""Fit and clean throughput with Ray Data on 1 and 2 workers, against the in-process path.

    python scripts/ray_scaling.py --docs 20000 --workers 1 2 --repeat 3

Generates a deterministic synthetic corpus (sites with repeated boilerplate
lines around distinct article sentences), then times, on one local Ray
runtime: ``cleantext.fit``/``clean_batch`` in this process, and
``cleantext.ray.fit``/``clean`` limited to N concurrent workers (Ray tasks for
fit, an actor pool for clean; each clean run starts its actors, and that is
timed). Each path runs ``--repeat`` times and the best time counts (the machine
may be shared). Prints a Markdown table in documents per second, with the load
average before and after, and checks that every path gives the same model and
the same cleaned texts.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleantext

T = TypeVar("T")

WORDS = [
    "council",
    "budget",
    "river",
    "harbour",
    "school",
    "strike",
    "vote",
    "election",
    "mayor",
    "storm",
    "flood",
    "road",
    "rail",
    "bridge",
    "museum",
    "hospital",
    "nurse",
    "teacher",
    "farmer",
    "market",
    "price",
    "wage",
    "energy",
    "wind",
    "solar",
    "coast",
    "police",
    "court",
    "judge",
    "report",
    "study",
    "science",
    "climate",
    "winter",
    "summer",
    "festival",
    "music",
    "theatre",
    "library",
    "station",
]


def synthetic_corpus(docs: int, sites: int = 50, seed: int = 0) -> list[dict[str, object]]:
    """Rows ``{"id", "site", "text"}``: 6-12 article sentences between site boilerplate lines."""
    rng = random.Random(seed)
    rows = []
    for i in range(docs):
        site = f"site{rng.randrange(sites)}.example"
        head = f"{site.title()} | Local news since 1921"
        tail = f"Copyright {site} Media Group. Registered office: 1 {site} Street."
        body = [_sentence(rng) for _ in range(rng.randint(6, 12))]
        rows.append({"id": i, "site": site, "text": "\n".join([head, *body, tail])})
    return rows


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    return " ".join(words).capitalize() + "."


def _rate(docs: int, seconds: float) -> str:
    return f"{docs / seconds:,.0f}"


def _by_id(ds: Any) -> dict[int, str]:
    return {row["id"]: row["text"] for row in ds.take_all()}


def _best(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    """The shortest wall time of ``repeat`` runs, and the last result."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--blocks", type=int, default=16, help="Ray Data blocks the corpus is split into"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per path; the best time counts")
    args = parser.parse_args(argv)

    import ray

    import cleantext.ray as ctray

    rows = synthetic_corpus(args.docs)
    texts = [r["text"] for r in rows]
    groups = [r["site"] for r in rows]
    load_before = os.getloadavg()[0]
    warm = cleantext.fit(texts[:200], groups=groups[:200])  # compiles rules, imports lazily
    cleantext.clean_batch(texts[:200], model=warm, groups=groups[:200])

    fit_s, model = _best(args.repeat, lambda: cleantext.fit(texts, groups=groups))
    clean_s, expected = _best(
        args.repeat, lambda: cleantext.clean_batch(texts, model=model, groups=groups)
    )
    table = [("in-process", _rate(len(rows), fit_s), _rate(len(rows), clean_s))]

    pythonpath = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    ray.init(
        num_cpus=max(args.workers),
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": pythonpath}},
    )
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        ds = ray.data.from_items(rows, override_num_blocks=args.blocks)
        ctray.fit(ds, group_column="site")  # warm up: worker processes, imports
        for n in args.workers:
            tasks = ray.data.TaskPoolStrategy(size=n)
            actors = ray.data.ActorPoolStrategy(size=n)
            fit_s, ray_model = _best(
                args.repeat, partial(ctray.fit, ds, group_column="site", compute=tasks)
            )
            cleaned = ctray.clean(ds, ray_model, group_column="site", compute=actors)
            clean_s, out = _best(args.repeat, partial(_by_id, cleaned))
            if ray_model != model or [out[i] for i in range(len(rows))] != expected:
                print(f"MISMATCH with {n} worker(s): Ray and in-process differ", file=sys.stderr)
                return 1
            table.append(
                (f"Ray Data, {n} worker(s)", _rate(len(rows), fit_s), _rate(len(rows), clean_s))
            )
    finally:
        ray.shutdown()

    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    print(f"{len(rows):,} documents, {args.blocks} blocks, {os.cpu_count()} CPUs, {load}\n")
    print("| path | fit (docs/s) | clean (docs/s) |\n|---|---:|---:|")
    for name, fit_rate, clean_rate in table:
        print(f"| {name} | {fit_rate} | {clean_rate} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
