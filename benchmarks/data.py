"""Read a benchmark folder laid out like ``../shared/bench`` (see its README).

The pages are research-only and are never copied into this repository: the
folder is found from ``--data``, ``$CLEANTEXT_BENCH`` or ``../shared/bench``.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Every dataset of the benchmark folder, in the README's order.
DATASETS = ("big9", "l3s_gn1", "scrapinghub", "trafilatura_eval", "wcxb_dev", "dragnet_train")
#: Datasets with a whole human gold text per page (trafilatura_eval has snippets only).
GOLD_DATASETS = ("big9", "l3s_gn1", "scrapinghub", "wcxb_dev", "dragnet_train")
#: The news datasets (page mode's recall bar is set on these).
NEWS_DATASETS = ("big9", "l3s_gn1", "scrapinghub", "dragnet_train")
#: The files a page may have (manifest columns).
KINDS = ("page_text", "gold", "extra", "trafilatura", "trafilatura_nc", "resiliparse", "html")


@dataclass(frozen=True)
class Page:
    dataset: str
    site: str
    page_id: str
    url: str
    root: Path
    paths: dict[str, str]
    #: wcxb_dev's page type (article, forum, product, ...); "" elsewhere.
    page_type: str = ""

    def read(self, kind: str) -> str | None:
        """The text of one of :data:`KINDS` (``page_text``, ``gold``, ``trafilatura``, ...); None if absent."""
        rel = self.paths.get(kind)
        if not rel:
            return None
        return (self.root / rel).read_text(encoding="utf-8", errors="replace")

    def extra(self) -> dict | None:
        rel = self.paths.get("extra")
        if not rel:
            return None
        return json.loads((self.root / rel).read_text(encoding="utf-8"))


def find_bench(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The benchmark folder: ``explicit``, ``$CLEANTEXT_BENCH``, or ``../shared/bench`` near the cwd."""
    candidates = []
    if explicit:
        candidates.append(Path(explicit))
    if os.environ.get("CLEANTEXT_BENCH"):
        candidates.append(Path(os.environ["CLEANTEXT_BENCH"]))
    here = Path.cwd().resolve()
    candidates += [p / "shared" / "bench" for p in (here.parent, here.parent.parent, here)]
    candidates.append(Path(__file__).resolve().parents[2] / "shared" / "bench")
    for candidate in candidates:
        if (candidate / "manifest.tsv").is_file():
            return candidate
    return None


def pages(root: Path, dataset: str | None = None) -> Iterator[Page]:
    """Pages of the manifest, in manifest order, optionally of one dataset."""
    with open(root / "manifest.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if dataset is not None and row["dataset"] != dataset:
                continue
            paths = {k: row[k] for k in KINDS if row.get(k)}
            yield Page(row["dataset"], row["site"], row["page_id"], row["url"], root, paths,
                       row.get("page_type") or "")
