"""cleantext.datatrove: FitModel + CleanText under datatrove's LocalPipelineExecutor equal fit + clean in process."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

import cleantext
from cleantext.document import count_words
from cleantext.domains import registrable_domain
from tests.site_corpus import site_pages

pytest.importorskip("datatrove", reason="the datatrove extra is not installed")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleantext.datatrove import CleanText, FitModel, load_shards, shard_name  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_TEXTS, _SITES = site_pages(60, sites=3, seed=4, extra=["Advertisement"])
# Each site is reached through a few host names: the group is the registrable domain.
ROWS = [
    {"id": f"doc-{i}", "text": text,
     "url": f"https://{('www.', 'news.', '')[i % 3]}{site.split('.')[0]}.co.uk/story/{i}"}
    for i, (text, site) in enumerate(zip(_TEXTS, _SITES))
]
ROWS.append({"id": "doc-nourl", "text": "A page without a URL.\nAdvertisement", "url": None})


def _write_pages(folder: Path) -> None:
    """The corpus as two JSONL files (one per task)."""
    folder.mkdir(parents=True)
    for part in range(2):
        lines = [json.dumps(row) for row in ROWS[part::2]]
        (folder / f"part-{part}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _read_output(folder: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                out[row["id"]] = row
    return out


def _in_process() -> tuple[cleantext.Model, list[str | None]]:
    groups = [registrable_domain(r["url"]) if r["url"] else None for r in ROWS]
    return cleantext.fit([r["text"] for r in ROWS], groups=groups), groups


def _run_two_stages(tmp_path: Path, **options) -> dict[str, dict]:
    _write_pages(tmp_path / "pages")
    fit = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "pages")), FitModel(str(tmp_path / "model"))],
        tasks=2, logging_dir=str(tmp_path / "logs" / "fit"),
    )
    clean = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "pages")), CleanText(str(tmp_path / "model"), **options),
                  JsonlWriter(str(tmp_path / "clean"))],
        tasks=2, logging_dir=str(tmp_path / "logs" / "clean"), depends=fit,
    )
    clean.run()
    return _read_output(tmp_path / "clean")


def test_two_stages_with_two_tasks_equal_fit_and_clean_in_process(tmp_path):
    out = _run_two_stages(tmp_path)
    model, groups = _in_process()
    assert sorted(p.name for p in (tmp_path / "model").iterdir()) == [shard_name(0, 2), shard_name(1, 2)]
    assert load_shards(str(tmp_path / "model")) == model  # the same model bytes as one fit
    assert model.spans("site0.co.uk")  # something was learned per site
    assert set(out) == {r["id"] for r in ROWS}
    for row, group in zip(ROWS, groups):
        removals = cleantext.explain(row["text"], model=model, group=group)
        got = out[row["id"]]
        assert got["text"].encode() == cleantext.clean(row["text"], model=model, group=group).encode()
        meta = got["metadata"]
        applied = [r for r in removals if r.applied]
        assert meta["cleantext_removed_words"] == sum(count_words(r.text) for r in applied)
        assert meta["cleantext_categories"] == sorted({r.category for r in applied})
        assert meta["url"] == row["url"]
    cleaned = out["doc-0"]
    assert "Local news since 1921" not in cleaned["text"] and "Advertisement" not in cleaned["text"]
    assert "learned" in cleaned["metadata"]["cleantext_categories"]
    assert cleaned["metadata"]["cleantext_removed_words"] > 0
    assert out["doc-nourl"]["text"] == "A page without a URL."


def test_options_reach_the_cleaner(tmp_path):
    out = _run_two_stages(tmp_path, keep_categories={"learned"})
    model, groups = _in_process()
    for row, group in zip(ROWS, groups):
        assert out[row["id"]]["text"] == cleantext.clean(row["text"], model=model, group=group,
                                                          keep_categories={"learned"})
    assert "Local news since 1921" in out["doc-0"]["text"]
    assert "Advertisement" not in out["doc-0"]["text"]


def test_steps_check_their_arguments_before_any_task(tmp_path):
    with pytest.raises(TypeError, match="min_dox"):
        FitModel(str(tmp_path / "m"), min_dox=3)
    with pytest.raises(TypeError):
        CleanText(str(tmp_path / "m"), categoriez=["ads"])


def test_an_incomplete_fit_stage_is_an_error_naming_the_missing_task(tmp_path):
    step = FitModel(str(tmp_path / "model"))
    docs = [Document(text=r["text"], id=r["id"], metadata={"url": r["url"]}) for r in ROWS]
    passed = list(step.run(iter(docs), rank=1, world_size=3))
    assert passed == docs  # documents pass through unchanged
    with pytest.raises(FileNotFoundError, match=r"task\(s\) \[0, 2\] of 3"):
        load_shards(str(tmp_path / "model"))
    with pytest.raises(FileNotFoundError, match="run FitModel first"):
        load_shards(str(tmp_path / "empty"))
    list(FitModel(str(tmp_path / "model")).run(iter(docs), rank=0, world_size=2))
    with pytest.raises(ValueError, match="different task counts"):
        load_shards(str(tmp_path / "model"))
    assert not [p for p in (tmp_path / "model").iterdir() if p.name.endswith(".tmp")]


def test_rules_only_without_a_model_folder():
    docs = [Document(text="Storm hits coast.\nAdvertisement", id="1")]
    out = list(CleanText(None).run(iter(docs)))
    assert out[0].text == "Storm hits coast."
    assert out[0].metadata == {"cleantext_removed_words": 1, "cleantext_categories": ["ads"]}


def _recipe() -> str:
    """The python block of the "datatrove" section of docs/pipelines.md."""
    doc = (ROOT / "docs" / "pipelines.md").read_text(encoding="utf-8")
    section = doc.split("\n## datatrove", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_docs_recipe_runs_as_written(tmp_path, monkeypatch):
    _write_pages(tmp_path / "pages")
    monkeypatch.chdir(tmp_path)
    exec(compile(_recipe(), "docs/pipelines.md#datatrove", "exec"), {"__name__": "__main__"})
    model, groups = _in_process()
    out = _read_output(tmp_path / "clean")
    assert [out[r["id"]]["text"] for r in ROWS] == [
        cleantext.clean(r["text"], model=model, group=g) for r, g in zip(ROWS, groups)
    ]
