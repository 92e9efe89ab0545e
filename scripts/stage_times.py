"""Where clean() with a learned model spends its cpu time, per pipeline stage, on big9 page_text.

    python scripts/stage_times.py .            # this checkout
    python scripts/stage_times.py /tmp/ref     # another checkout (e.g. main via git archive)

Times repair, Document, each filter (its spans coerced as the pipeline does) and a
full ``Pipeline.run`` over every page, two rounds, averaged (``time.process_time``); the
line memos are emptied before the stages of a round and again before its full runs.
A per-site model is fitted on the same pages first.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main() -> None:
    sys.path.insert(0, str(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()))
    sys.path.append(str(Path(__file__).resolve().parents[1]))  # this checkout's benchmarks/
    import cleantext
    from cleantext import linememo
    from benchmarks.data import find_bench, pages
    from cleantext.document import Document
    from cleantext.normalize import repair
    from cleantext.pipeline import _filter_name
    from cleantext.removal import coerce

    listed = [p for p in pages(find_bench(), "big9") if p.paths.get("page_text")]
    texts = [p.read("page_text") for p in listed]
    groups = [p.site for p in listed]
    model = cleantext.fit(texts, groups=groups)
    pipelines = {g: cleantext.default_pipeline(model=model, group=g) for g in set(groups)}
    totals: dict[str, float] = {}
    rounds = 2
    for _ in range(rounds):
        linememo.clear()  # each round starts cold, as the benchmark's passes do
        for text, group in zip(texts, groups):
            pipeline, config = pipelines[group], pipelines[group].config
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
        for text, group in zip(texts, groups):
            start = time.process_time()
            pipelines[group].run(text)
            _add(totals, "full run", start)
    for key, seconds in totals.items():
        print(f"{key:12s} {seconds / rounds:6.2f} s")


def _add(totals: dict[str, float], key: str, start: float) -> None:
    totals[key] = totals.get(key, 0.0) + time.process_time() - start


if __name__ == "__main__":
    main()
