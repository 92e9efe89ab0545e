"""Where clean() with a learned model spends its cpu time, per pipeline stage.

    python scripts/stage_times.py .                 # this checkout, article mode, big9 page_text
    python scripts/stage_times.py /tmp/ref          # another checkout (e.g. main via git archive)
    python scripts/stage_times.py . --mode page --datasets big9 scrapinghub --sources page_text resiliparse

Times repair, Document, each filter (its spans coerced as the pipeline does) and a
full ``Pipeline.run`` over every text, ``--rounds`` rounds, averaged (``time.process_time``);
the line memos are emptied before the stages of a round and again before its full runs.
A per-site model is fitted first on each (dataset, source)'s texts, grouped by site.
Sources: ``page_text`` (the bench files) and ``resiliparse`` (Resiliparse's text of the
page's HTML, as ``benchmarks.html_speed`` extracts it: pages with HTML and gold only).
In page mode the page filter runs before the learned filter and reads its removals, so
the learned filter's own time is counted under ``page``, and ``learned`` is only the replay.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", nargs="?", default=".", help="checkout whose cleantext/ is timed")
    parser.add_argument("--mode", default="article", choices=("article", "page"))
    parser.add_argument("--datasets", nargs="+", default=["big9"])
    parser.add_argument("--sources", nargs="+", default=["page_text"], choices=("page_text", "resiliparse"))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--data", help="bench folder (default: $CLEANTEXT_BENCH or ../shared/bench)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.checkout).resolve()))
    sys.path.append(str(Path(__file__).resolve().parents[1]))  # this checkout's benchmarks/
    import cleantext
    from cleantext import linememo
    from cleantext.document import Document
    from cleantext.normalize import repair
    from cleantext.pipeline import _filter_name
    from cleantext.removal import coerce

    runs = []  # (pipeline, text) per text
    megabytes = 0.0
    for dataset in args.datasets:
        for source in args.sources:
            texts, groups = _texts(args.data, dataset, source)
            model = cleantext.fit(texts, groups=groups)
            pipelines = {g: cleantext.default_pipeline(model=model, group=g, mode=args.mode) for g in set(groups)}
            runs += [(pipelines[g], t) for t, g in zip(texts, groups)]
            megabytes += sum(len(t.encode("utf-8")) for t in texts) / 1e6
    totals: dict[str, float] = {}
    for _ in range(args.rounds):
        linememo.clear()  # each round starts cold, as the benchmark's passes do
        for pipeline, text in runs:
            config = pipeline.config
            start = time.process_time()
            normalized = repair(text, fix_unicode=config.fix_unicode, uncurl_quotes=config.uncurl_quotes)
            _add(totals, "repair", start)
            start = time.process_time()
            doc = Document(normalized)
            _add(totals, "document", start)
            for flt in pipeline.filters:
                start = time.process_time()
                [coerce(item, filter_name=_filter_name(flt), text=normalized) for item in flt(doc) or ()]
                _add(totals, _filter_name(flt), start)
        linememo.clear()
        for pipeline, text in runs:
            start = time.process_time()
            pipeline.run(text)
            _add(totals, "full run", start)
    print(f"{len(runs)} texts, {megabytes:.2f} MB, mode={args.mode}, cpu seconds per round:")
    for key, seconds in totals.items():
        print(f"{key:12s} {seconds / args.rounds:6.2f} s")


def _texts(data: str | None, dataset: str, source: str) -> tuple[list[str], list[str]]:
    """The texts of one dataset's pages from ``source``, and their sites."""
    from benchmarks.data import find_bench, pages

    root = find_bench(data)
    if root is None:
        raise SystemExit("benchmark folder not found: pass --data DIR")
    if source == "page_text":
        listed = [p for p in pages(root, dataset) if p.paths.get("page_text")]
        return [p.read("page_text") or "" for p in listed], [p.site for p in listed]
    from cleantext.html import extract_text

    listed = [p for p in pages(root, dataset) if p.paths.get("html") and p.paths.get("gold")]
    texts = [extract_text((root / p.paths["html"]).read_bytes(), extractor="resiliparse") for p in listed]
    return texts, [p.site for p in listed]


def _add(totals: dict[str, float], key: str, start: float) -> None:
    totals[key] = totals.get(key, 0.0) + time.process_time() - start


if __name__ == "__main__":
    main()
