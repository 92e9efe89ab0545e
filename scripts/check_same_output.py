"""Check that this checkout's ``clean()`` gives byte-identical results to another checkout's.

Speed work must not change behaviour. Run once with the reference checkout (e.g. main,
exported with ``git archive main | tar -x -C /tmp/ref``) to record fingerprints, then with
this checkout to compare::

    git archive main | tar -x -C /tmp/ref
    python scripts/check_same_output.py --code /tmp/ref --save /tmp/ref.json --data ../shared/bench
    python scripts/check_same_output.py --code . --compare /tmp/ref.json --data ../shared/bench

(run from outside the checkout under test, or it shadows ``--code``; about 3 cpu minutes each).

Each bench text (``trafilatura`` and ``page_text`` of every page) is run through
``default_pipeline().run()`` rules only and with a per-site model fitted on the
dataset's page texts (the model is fitted once by the reference run and saved next
to the fingerprints, so both runs use the same model). With ``--page``, page
mode (rules only and with the model) also runs on ``page_text`` and on the bench's
``resiliparse`` text. A fingerprint hashes the cleaned text and every removal
(offsets, filter, category, reason, confidence, cap).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path


def fingerprint(result) -> str:
    digest = hashlib.sha256(result.text.encode("utf-8", "surrogatepass"))
    for r in result.removals:
        digest.update(repr((r.start, r.end, r.filter, r.category, r.reason, r.confidence, r.capped)).encode(
            "utf-8", "surrogatepass"))
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", required=True, help="checkout whose cleantext/ is imported")
    parser.add_argument("--save", help="write fingerprints (and fitted models) here")
    parser.add_argument("--compare", help="compare with fingerprints saved here")
    parser.add_argument("--datasets", nargs="*", default=None)
    parser.add_argument("--data", default=None, help="bench folder (default: find_bench())")
    parser.add_argument("--page", action="store_true",
                        help="also page mode (rules only and with the model) on page_text and resiliparse")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.code).resolve()))
    sys.path.append(str(Path(__file__).resolve().parents[1]))  # this checkout's benchmarks/, after --code's
    import cleantext
    from benchmarks.data import DATASETS, find_bench, pages
    from cleantext.learn import load_model

    root = find_bench(args.data)
    ref_path = Path(args.save or args.compare)
    models_dir = ref_path.with_suffix(".models")
    reference = json.loads(ref_path.read_text()) if args.compare else {}
    out: dict[str, str] = {}
    differ = 0
    started = time.process_time()
    for dataset in args.datasets or DATASETS:
        listed = list(pages(root, dataset))
        model_file = models_dir / f"{dataset}.model"
        if args.save:
            models_dir.mkdir(exist_ok=True)
            fitted = [(p.read("page_text"), p.site) for p in listed if p.paths.get("page_text")]
            cleantext.fit([t for t, _ in fitted], groups=[s for _, s in fitted]).save(model_file)
        model = load_model(model_file)
        for page in listed:
            for kind in ("trafilatura", "page_text", "resiliparse") if args.page else ("trafilatura", "page_text"):
                text = page.read(kind)
                if text is None:
                    continue
                runs = [("rules", cleantext.default_pipeline()),
                        ("model", cleantext.default_pipeline(model=model, group=page.site))]
                if kind == "resiliparse":  # page mode's input in the HTML pipeline: page mode only
                    runs = []
                if args.page and kind != "trafilatura":
                    runs += [("page_rules", cleantext.default_pipeline(mode="page")),
                             ("page", cleantext.default_pipeline(model=model, group=page.site, mode="page"))]
                for label, pipeline in runs:
                    key = f"{dataset}/{page.page_id}/{kind}/{label}"
                    out[key] = fingerprint(pipeline.run(text))
                    if args.compare and reference.get(key) != out[key]:
                        differ += 1
                        print("DIFFERENT:", key, page.paths[kind])
        print(f"{dataset}: done ({time.process_time() - started:.0f} s cpu)", flush=True)
    if args.save:
        ref_path.write_text(json.dumps(out, indent=0, sort_keys=True))
        print(f"saved {len(out)} fingerprints to {ref_path}")
    if args.compare:
        missing = set(reference) - set(out)
        print(f"compared {len(out)} results: {differ} different, {len(missing)} missing")
        return 1 if differ or missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
