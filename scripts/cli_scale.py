"""Fit and clean generated JSONL corpora of growing size with the CLI; report time and peak memory.

    python scripts/cli_scale.py                          # 25k, 50k, 100k records, -j 2
    python scripts/cli_scale.py --sizes 2000 --jobs 1    # a quick check
    python scripts/cli_scale.py --steps fit --param max_items=50000   # fitting under a smaller bound

Each corpus is generated into a temporary directory (nothing is committed):
records of about 1 KB on 200 sites, each page its own story (random
sentences) wrapped in its site's menu and footer, some with rule boilerplate.
For each size the script runs, as real processes,

    python -m cleantext fit --jsonl --group-by-domain url corpus.jsonl -o site.model -j N -q
    python -m cleantext --jsonl --model site.model --group-by-domain url corpus.jsonl -o out.jsonl -j N -q

and samples /proc every 0.1 s for the peak resident memory of the whole
process tree (parent + workers, summed) and of the largest single process
(its VmHWM). It prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "river", "council", "budget", "school", "harbour", "train", "mayor", "storm", "market",
    "bridge", "library", "festival", "hospital", "farmer", "election", "museum", "factory",
    "island", "court", "village", "tower", "garden", "police", "ferry", "minister", "tax",
    "season", "coach", "striker", "player", "winter", "summer", "road", "airport", "engineer",
    "nurse", "doctor", "teacher", "student", "price", "energy", "housing", "rent", "wage",
    "strike", "union", "protest", "vote", "law", "judge", "witness", "trial", "report",
]


def record(i: int, rng: random.Random, sites: int) -> dict:
    site = i % sites
    host = f"www.site{site}.co.uk" if site % 2 else f"news.site{site}.com"  # 200 registrable domains
    sentences = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 22))).capitalize() + "."
        for _ in range(rng.randint(4, 8))
    ]
    lines = [
        " ".join(rng.sample(WORDS, 6)).title(),
        f"Home | World | Business | Sport | Site {site} Local",
        *sentences,
        f"Site {site} Daily is an independent publication of the Site {site} Trust",
    ]
    if rng.random() < 0.3:
        lines.insert(3, "Sign up for our free weekly newsletter")
    return {"id": i, "url": f"https://{host}/{2020 + i % 5}/{i}", "text": "\n\n".join(lines)}


def write_corpus(path: Path, n: int, *, seed: int = 0, sites: int = 200) -> int:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps(record(i, rng, sites)) + "\n")
    return path.stat().st_size


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def _kb(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(argv: list[str]) -> tuple[float, float, float]:
    """Run ``argv``; return (seconds, peak MB of the summed tree, peak MB of one process)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, cwd=ROOT)
    tree_peak = one_peak = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        tree_peak = max(tree_peak, sum(_kb(p, "VmRSS") for p in pids))
        one_peak = max([one_peak] + [_kb(p, "VmHWM") for p in pids])
        time.sleep(0.1)
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)} failed with exit code {proc.returncode}")
    return time.monotonic() - start, tree_peak / 1024, one_peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="25000,50000,100000", help="records per corpus, comma-separated")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--param", action="append", default=[], help="passed to `cleantext fit --param`")
    parser.add_argument("--steps", default="fit,clean", help="which steps to run (clean needs fit)")
    args = parser.parse_args()
    cli = [sys.executable, "-m", "cleantext"]
    params = [f"--param={p}" for p in args.param]
    print("| records | MB | step | seconds | MB/s | peak RSS, all processes (MB) | peak RSS, largest process (MB) |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="cleantext-scale-") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            corpus, model, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "site.model", Path(tmp) / "out.jsonl"
            mb = write_corpus(corpus, n) / 1e6
            group = ["--jsonl", "--group-by-domain", "url", str(corpus), "-j", str(args.jobs), "-q"]
            steps = {
                "fit": [*cli, "fit", *group, *params, "-o", str(model)],
                "clean": [*cli, *group, "--model", str(model), "-o", str(out)],
            }
            for step, argv in steps.items():
                if step not in args.steps.split(","):
                    continue
                seconds, tree, one = measure(argv)
                print(f"| {n:,} | {mb:.0f} | {step} | {seconds:.1f} | {mb / seconds:.2f} | {tree:.0f} | {one:.0f} |",
                      flush=True)


if __name__ == "__main__":
    main()
