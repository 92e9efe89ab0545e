"""Memory of ``fit()`` and ``clean()`` on a generated corpus ``times`` larger than the bench pages, in a fresh process.

The corpus is the whole-page texts of the gold datasets repeated ``times``
times; copy ``k`` becomes new sites (``site~k``) and every line of it gets a
copy mark, so no line repeats across copies: the learner sees ``times`` as many
distinct lines and groups, the worst case for its tables (``--same-sites``: ``fit``
groups the copies by their site instead, more pages of the same sites). The parent writes it
to a temporary file (one JSON string a line, and the groups beside it); the
child streams that file into the step, one text at a time, so the child never
holds the corpus and does not read the bench.

What the child reports is the step's own memory, read from ``/proc/self/status``
(``ru_maxrss`` is not: on Linux a child started by ``fork`` + ``exec`` inherits
the parent's high-water mark, so a benchmark runner holding the bench pages
showed its own 906 MB as every step's peak):

* ``rss_before_mb``: resident memory once everything the step needs is loaded
  (imports, and for ``clean`` the model, fitted beforehand on the first copy grouped
  by site; every copy is cleaned with its page's site as the group);
* ``peak_rss_mb``: the resident high-water mark during the step (``VmHWM``,
  reset just before the step through ``/proc/self/clear_refs``; where the kernel
  does not allow that, the mark since the child started, said in ``peak_from``);
* ``rss_after_mb``: resident memory after the step;
* ``heap_peak_mb`` (a second run, ``--trace``): the peak of the Python
  allocations made during the step (``tracemalloc``, started just before it).

Memory is flat in corpus size when the peak at ``2n`` copies is that at ``n``.

Run as ``python -m benchmarks.memory --data DIR --times 4 --what fit`` (``fit``,
``clean`` with a model in article mode, ``page``: the same in page mode, ``counter``:
a Counter of every normalised line, the unbounded baseline); it prints one JSON
object. :func:`measure` writes the corpus and runs the child (twice with ``trace``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from .data import find_bench, pages
from .quality import GOLD_DATASETS
from .speed import normalised_line

#: The steps the child can run.
STEPS = ("fit", "clean", "page", "counter")


def corpus(root: Path, times: int) -> Iterator[tuple[str, str]]:
    """``(text, group)`` pairs: the gold datasets' page texts, ``times`` distinct copies.

    Copy ``k``'s group is ``site~k``: new sites, or with ``same_sites`` the child's ``fit`` groups by the part
    before ``~`` (more pages of the same sites); its lines are distinct either way.
    """
    chosen = [p for p in pages(root) if p.dataset in GOLD_DATASETS and p.paths.get("page_text")]
    for k in range(times):
        for page in chosen:
            text = page.read("page_text") or ""
            if k:
                text = "\n".join(f"{line} ~{k}" if line.strip() else line for line in text.split("\n"))
            yield text, f"{page.site}~{k}"


def write_corpus(root: Path, times: int, folder: Path) -> Path:
    """Write :func:`corpus` to ``folder``: ``texts.jsonl`` (one JSON string a line) and ``groups.txt``."""
    with open(folder / "texts.jsonl", "w", encoding="utf-8") as texts, \
            open(folder / "groups.txt", "w", encoding="utf-8") as groups:
        for text, group in corpus(root, times):
            texts.write(json.dumps(text) + "\n")
            groups.write(group + "\n")
    return folder


def streamed(folder: Path) -> tuple[Iterator[str], Iterator[str]]:
    """The texts and the groups of a written corpus, each read one line at a time."""
    def texts() -> Iterator[str]:
        with open(folder / "texts.jsonl", encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)

    def groups() -> Iterator[str]:
        with open(folder / "groups.txt", encoding="utf-8") as handle:
            for line in handle:
                yield line.rstrip("\n")

    return texts(), groups()


def _status_mb(key: str) -> float:
    """A memory line of ``/proc/self/status`` (``VmRSS``, ``VmHWM``) in MB (MiB, as ``ru_maxrss`` / 1024 was)."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024  # kB
    raise OSError(f"no {key} in /proc/self/status")


def _reset_peak() -> bool:
    """Reset this process's resident high-water mark to its current size (Linux 4.0+); whether it worked."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def _child(folder: Path, what: str, trace: bool = False, same_sites: bool = False) -> dict:
    import cleantext

    model = None
    if what in ("clean", "page"):  # the model first, outside the step: fitted on the first copy, by site
        texts, groups = streamed(folder)
        first = sum(1 for g in streamed(folder)[1] if g.endswith("~0"))  # copy 0 comes first
        model = cleantext.fit(islice(texts, first), groups=(g.split("~")[0] for g in islice(groups, first)))
    megabytes = 0.0
    texts, groups = streamed(folder)

    def counted() -> Iterator[str]:
        nonlocal megabytes
        for text in texts:
            megabytes += len(text.encode("utf-8")) / 1e6
            yield text

    before = _status_mb("VmRSS")
    reset = _reset_peak()
    if trace:
        tracemalloc.start()
    start = time.process_time()
    if what == "fit":
        sites = (g.split("~")[0] for g in groups) if same_sites else groups
        cleantext.fit(counted(), groups=sites)  # type: ignore[attr-defined]
    elif model is not None:
        mode = "page" if what == "page" else "article"
        for text, group in zip(counted(), groups):
            cleantext.clean(text, model=model, group=group.split("~")[0], mode=mode)
    else:
        counts: Counter[str] = Counter()
        for text in counted():
            counts.update(key for key in map(normalised_line, text.split("\n")) if key)
    seconds = time.process_time() - start
    if trace:
        heap_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return {"what": what, "heap_peak_mb": round(heap_peak / 1e6, 3)}
    return {"what": what, "corpus_mb": round(megabytes, 2), "seconds": round(seconds, 2),
            "peak_rss_mb": round(_status_mb("VmHWM"), 1), "rss_before_mb": round(before, 1),
            "rss_after_mb": round(_status_mb("VmRSS"), 1), "peak_from": "step" if reset else "process start"}


def measure(root: Path, times: int = 10, what: str = "fit", timeout: float = 1800, trace: bool = True,
            same_sites: bool = False) -> dict:
    """Write the corpus, run the child (CPU seconds and resident memory; then, with ``trace``, under
    tracemalloc); their JSON merged, or ``{"error": ...}``."""
    with tempfile.TemporaryDirectory(prefix="cleantext-memory-") as tmp:
        folder = write_corpus(root, times, Path(tmp))
        found = {"times": times, "sites": "same" if same_sites else "new",
                 **_run_child(folder, what, timeout, trace=False, same_sites=same_sites)}
        if trace and "error" not in found:
            traced = _run_child(folder, what, timeout, trace=True, same_sites=same_sites)
            found["heap_peak_mb"] = traced.get("heap_peak_mb", f"n/a ({traced.get('error')})")
    return found


def sites_table(root: Path, times: int = 4) -> str:
    """Markdown: ``fit`` (copies as more pages of the same sites, then as new sites) and ``clean`` at
    ``times // 2`` and ``times`` copies, each run twice (resident memory, then the traced heap)."""
    from .machine import describe

    rows = []
    for what, same in (("fit", True), ("fit", False), ("clean", False)):  # clean groups by site either way
        for k in sorted({max(1, times // 2), times}):
            m = measure(root, k, what, trace=True, same_sites=same)
            if "error" in m:
                rows.append(f"| {what} | {'same' if same else 'new'} | ×{k} | n/a ({m['error']}) | | | |")
            else:
                rows.append(f"| {what} | {'same' if same else 'new'} | ×{k} | {m['corpus_mb']} | "
                            f"{m['rss_before_mb']} | {m['peak_rss_mb']} | {m.get('heap_peak_mb', 'n/a')} |")
    facts = describe()
    return "\n".join([
        "### Memory: more pages of the same sites, or more sites (issue 13)", "",
        (f"Generated by `python -m benchmarks.memory --times {times} --out docs/measurements/memory-sites.md` on "
         f"{facts['date']}, commit {facts['commit']}, Python {facts['python']}, {facts['cpu']} "
         f"({facts['cores']} cores). The corpus of the "
         "benchmark's memory rows, `fit` grouping its copies either as more pages of the same sites (`same`: "
         "the learner's groups stay the gold sites) or as new sites (`new`, what the main memory table runs); "
         "`clean` uses a model fitted on the first copy and cleans every copy with its page's site. Every copy's "
         "lines are distinct in both. MB of resident memory (`/proc/self/status`; the peak reset before the "
         "step) and the step's traced Python heap peak."), "",
        "| step | sites | corpus | MB | RSS before | peak RSS | heap peak of the step |",
        "|---|---|---|---|---|---|---|", *rows, "",
        ("`fit`'s span tables are capped by `max_items` however many sites they belong to (pruning rebuilds "
         "a table it drops keys from and drops one it empties); what grows with new sites is only the "
         "groups' names and document counts, up to `max_groups` (100,000)."), ""])


def _run_child(folder: Path, what: str, timeout: float, trace: bool, same_sites: bool = False) -> dict:
    package_parent = str(Path(__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    cmd = [sys.executable, "-m", "benchmarks.memory", "--corpus", str(folder), "--what", what]
    if trace:
        cmd.append("--trace")
    if same_sites:
        cmd.append("--same-sites")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"what": what, "error": f"timed out after {timeout:g} s"}
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"what": what, "error": last}
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="bench folder: write the corpus, run the child(ren), print their JSON")
    parser.add_argument("--times", type=int, default=4)
    parser.add_argument("--corpus", type=Path, help="(the child) a corpus folder written by write_corpus")
    parser.add_argument("--what", choices=STEPS, default="fit")
    parser.add_argument("--trace", action="store_true",
                        help="report the peak of Python allocations during the step (tracemalloc; slower)")
    parser.add_argument("--same-sites", action="store_true",
                        help="copies are more pages of the same sites (default: every copy is new sites)")
    parser.add_argument("--out", type=Path,
                        help="instead: fit and clean at --times/2 and --times, both corpus kinds, traced; "
                             "a markdown table to this file (docs/measurements/memory-sites.md)")
    args = parser.parse_args(argv)
    if args.out:
        args.out.write_text(sites_table(find_bench(args.data), args.times), encoding="utf-8")
        print(f"wrote {args.out}")
    elif args.corpus:
        print(json.dumps(_child(args.corpus, args.what, args.trace, args.same_sites)))
    elif args.data:
        print(json.dumps(measure(Path(args.data), args.times, args.what, trace=args.trace, same_sites=args.same_sites)))
    else:
        parser.error("pass --data (bench folder) or --corpus (a written corpus)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
