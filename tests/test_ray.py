"""cleantext.ray against a real local Ray runtime: exactly the in-process results, whatever the blocks."""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

import pytest

import cleantext
from tests.site_corpus import site_pages

ROOT = Path(__file__).resolve().parent.parent
_TEXTS, _SITES = site_pages(90, seed=2, extra=["Advertisement"])
ROWS = [{"id": i, "site": site, "text": text} for i, (text, site) in enumerate(zip(_TEXTS, _SITES))]
TEXTS = [r["text"] for r in ROWS]
SITES = [r["site"] for r in ROWS]


@pytest.fixture(scope="module")
def ray():
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    pythonpath = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
        runtime_env={"env_vars": {"PYTHONPATH": pythonpath}},  # workers import this checkout
    )
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        yield ray
    finally:
        ray.shutdown()


def _dataset(ray, blocks: int):
    ds = ray.data.from_items(ROWS, override_num_blocks=blocks)
    assert ds.num_blocks() == blocks
    return ds


def _by_id(ds, column: str = "text") -> list[str]:
    rows = {r["id"]: r[column] for r in ds.take_all()}
    return [rows[i] for i in range(len(ROWS))]


@pytest.mark.parametrize("blocks", [1, 3, 7])
def test_fit_and_clean_equal_the_in_process_path(ray, blocks):
    import cleantext.ray as ctray

    ds = _dataset(ray, blocks)
    model = ctray.fit(ds, group_column="site", batch_size=8)
    expected_model = cleantext.fit(TEXTS, groups=SITES)
    assert model == expected_model
    assert model.spans(SITES[0])  # something was learned, over several batches and blocks
    cleaned = ctray.clean(ds, model, group_column="site", batch_size=8)
    expected = cleantext.clean_batch(TEXTS, model=expected_model, groups=SITES)
    assert _by_id(cleaned) == expected
    assert all("Local news" not in e and "Advertisement" not in e for e in expected)


def test_fit_without_groups_and_clean_into_a_new_column(ray):
    import cleantext.ray as ctray

    ds = _dataset(ray, 4)
    model = ctray.fit(ds, min_docs=5, batch_size=16)
    assert model == cleantext.fit(TEXTS, min_docs=5)
    one = ray.data.ActorPoolStrategy(size=1)  # one worker process to start: faster on 2 CPUs
    cleaned = ctray.clean(
        ds, model, output_column="clean", keep_categories={"learned"}, compute=one
    )
    assert _by_id(cleaned, "text") == TEXTS
    expected = [cleantext.clean(t, model=model, keep_categories={"learned"}) for t in TEXTS]
    assert _by_id(cleaned, "clean") == expected
    assert all("Local news" in e and "Advertisement" not in e for e in expected)


def test_clean_without_a_model_uses_the_rules(ray):
    import cleantext.ray as ctray

    ds = _dataset(ray, 3)
    one = ray.data.ActorPoolStrategy(size=1)
    assert _by_id(ctray.clean(ds, compute=one)) == cleantext.clean_batch(TEXTS)


def test_fit_on_an_empty_dataset(ray):
    import cleantext.ray as ctray

    empty = ray.data.from_items(ROWS).limit(0)
    assert ctray.fit(empty) == cleantext.fit([])


def test_bad_options_fail_before_any_worker(ray):
    import cleantext.ray as ctray

    ds = _dataset(ray, 1)
    with pytest.raises(TypeError, match="colour"):
        ctray.clean(ds, colour="red")
    with pytest.raises(TypeError, match="colour"):
        ctray.fit(ds, colour="red")


def test_a_missing_ray_is_named_with_the_extra(monkeypatch):
    import cleantext.ray as ctray

    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(ImportError, match=r"cleantext-boilerplate\[ray\]"):
        ctray.fit(object())
    with pytest.raises(ImportError, match=r"cleantext-boilerplate\[ray\]"):
        ctray.clean(object())


def test_finalize_warns_when_the_memory_bound_dropped_keys():
    from cleantext.learn import LearnParams, Stats
    from cleantext.ray import finalize

    exact = Stats(LearnParams())
    bounded = Stats(LearnParams(max_items=100))
    for text in TEXTS:
        exact.add(text)
        bounded.add(text)
    assert bounded.pruned and not exact.pruned
    with pytest.warns(RuntimeWarning, match="max_items=100"):
        assert finalize(bounded) == bounded.finalize()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert finalize(exact) == cleantext.fit(TEXTS)


def test_importing_cleantext_does_not_import_ray():
    import subprocess

    code = "import sys, cleantext, cleantext.ray; print('ray' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
