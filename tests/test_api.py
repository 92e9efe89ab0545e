"""The package face: clean(), explain() and fit() take the Config / LearnParams fields as
explicit keywords with the same defaults, document each one, and page mode with a model
runs the learned filter once per document."""

from __future__ import annotations

import inspect
import pydoc
from dataclasses import MISSING, fields

import pytest

import cleantext
from cleantext import compose
from cleantext.config import Config
from cleantext.learn import LearnParams
from cleantext.learn.apply import LearnedSpans

CALLS = [cleantext.clean, cleantext.explain]


def _keywords(fn) -> dict[str, object]:
    return {
        name: p.default
        for name, p in inspect.signature(fn).parameters.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    }


def _defaults(cls) -> dict[str, object]:
    out = {}
    for f in fields(cls):
        out[f.name] = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
    return out


@pytest.mark.parametrize("fn", CALLS, ids=lambda f: f.__name__)
def test_clean_and_explain_take_every_config_field_with_its_default(fn) -> None:
    keywords = _keywords(fn)
    assert keywords.pop("model") is None and keywords.pop("group") is None
    assert set(keywords) == set(_defaults(Config)), "a Config field is missing or extra"
    for name, default in _defaults(Config).items():
        assert Config(**{name: keywords[name]}) == Config(), (name, keywords[name], default)
    assert not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in inspect.signature(fn).parameters.values())


def test_fit_takes_every_learning_parameter_with_its_default() -> None:
    keywords = _keywords(cleantext.fit)
    assert keywords == _defaults(LearnParams)


@pytest.mark.parametrize("fn", [cleantext.clean, cleantext.fit], ids=lambda f: f.__name__)
def test_help_documents_every_keyword_with_an_example(fn) -> None:
    text = pydoc.render_doc(fn, renderer=pydoc.plaintext)
    for name in _keywords(fn):
        assert f"``{name}``" in (fn.__doc__ or ""), f"{fn.__name__}'s docstring does not describe {name}"
        assert f"{name}: " in text
    assert ">>> " in (fn.__doc__ or "")


def test_explain_documents_its_keywords_by_pointing_at_clean() -> None:
    assert _keywords(cleantext.explain) == _keywords(cleantext.clean)
    assert "See :func:`clean` for the" in (cleantext.explain.__doc__ or "")
    assert ">>> " in (cleantext.explain.__doc__ or "")


def test_mode_page_is_visible_in_help() -> None:
    text = pydoc.render_doc(cleantext.clean, renderer=pydoc.plaintext)
    assert "mode: 'str' = 'article'" in text and '``"page"``' in text


def test_every_config_field_is_described_in_its_docstring() -> None:
    for f in fields(Config):
        assert f"``{f.name}``" in (Config.__doc__ or ""), f.name


def test_public_docstrings_point_at_no_docs_file() -> None:
    """docs/ is not installed: a docstring that sends the reader there sends them nowhere."""
    for name in cleantext.__all__:
        doc = getattr(getattr(cleantext, name), "__doc__", None) or ""
        assert "docs/" not in doc, name


def test_explicit_keywords_behave_as_the_config_they_build() -> None:
    text = "Storm hits coast.\nAdvertisement\nPhoto: Jane Doe\nSign up for our free weekly newsletter"
    for options in ({}, {"keep_categories": ["ads"]}, {"categories": ("newsletter",)}, {"languages": ["en"]},
                    {"mode": "page"}, {"max_low_confidence_share": 0.0}):
        expected = cleantext.default_pipeline(**options).run(text)
        assert cleantext.clean(text, **options) == expected.text
        assert cleantext.explain(text, **options) == expected.removals
    assert cleantext.clean(text, keep_categories=["ads"]) != cleantext.clean(text)


def test_unknown_or_positional_options_fail() -> None:
    with pytest.raises(TypeError, match="catgories"):
        cleantext.clean("x", catgories=["ads"])  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        cleantext.clean("x", None)  # type: ignore[misc]
    with pytest.raises(TypeError, match="min_doc"):
        cleantext.fit(["x"], min_doc=2)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="mode"):
        cleantext.clean("x", mode="pages")


def test_the_root_defines_nothing_it_only_re_exports() -> None:
    for name in cleantext.__all__:
        obj = getattr(cleantext, name)
        module = getattr(obj, "__module__", None) or getattr(obj, "__name__", "")
        assert module != "cleantext", f"cleantext.{name} is defined in the package root"
    assert cleantext.default_pipeline is compose.default_pipeline


# -- page mode runs each filter once ------------------------------------------------------

STORIES = [
    "The river rose by two metres overnight and residents were told to leave before dawn.",
    "A new library opened in the old station, with a reading room for children upstairs.",
    "The council voted to close the bridge for repairs, which will take most of the summer.",
    "Farmers say the late frost cost them half of this year's cherry harvest in the valley.",
    "The museum returned a painting to the family who owned it before the war, after a long case.",
    "Teachers at the primary school began a strike over pay that the union says will last a week.",
    "A cyclist crossed the country in nine days, raising money for the hospital that treated her.",
    "Night trains to the coast will run again from June, the rail company announced on Friday.",
]
FOOTER = ("Share this story with your friends today", "Follow Daily Example on social media",
          "© 2024 Daily Example. All rights reserved.")
PAGES = ["\n".join(("Home", "World", "Sport", story, *FOOTER)) for story in STORIES]


@pytest.fixture(scope="module")
def model() -> cleantext.Model:
    return cleantext.fit(PAGES, groups=["daily.example"] * len(PAGES))


def test_page_mode_with_a_model_runs_the_learned_filter_once(model, monkeypatch) -> None:
    calls = []
    original = LearnedSpans.__call__

    def counted(self, doc):
        calls.append(doc)
        return original(self, doc)

    monkeypatch.setattr(LearnedSpans, "__call__", counted)
    pipeline = cleantext.default_pipeline(model=model, group="daily.example", mode="page")
    page = PAGES[0].replace(STORIES[0], "A fresh story about the harbour, told by the people who work there.")
    for _ in range(2):
        calls.clear()
        pipeline.run(page)
        assert len(calls) == 1
    assert any(r.filter == "learned" for r in pipeline.explain(page))


def test_page_mode_runs_every_filter_once_per_document(model, monkeypatch) -> None:
    pipeline = cleantext.default_pipeline(model=model, group="daily.example", mode="page")
    classes = {type(getattr(f, "inner", f)) for f in pipeline.filters}
    assert LearnedSpans in classes and len(classes) >= 5
    calls: list[str] = []
    for cls in classes:
        def counted(self, doc, _original=cls.__call__, _name=cls.__name__):
            calls.append(_name)
            return _original(self, doc)
        monkeypatch.setattr(cls, "__call__", counted)
    pipeline.run(PAGES[3])
    assert sorted(calls) == sorted(cls.__name__ for cls in classes)


def test_sharing_the_learned_run_changes_no_output(model) -> None:
    """The same removals as the page filter and the learned filter each running on their own."""
    from cleantext.filters import PageBlocks

    config = Config(mode="page")
    learned = model.filter("daily.example")
    separate = cleantext.Pipeline(
        [f.with_learned(learned) if isinstance(f, PageBlocks) else f for f in cleantext.filters.default(config)]
        + [learned], config)
    shared = cleantext.default_pipeline(model=model, group="daily.example", mode="page")
    for page in [*PAGES, "Home\nA line.\n© 2024 Daily Example. All rights reserved.", ""]:
        assert shared.explain(page) == separate.explain(page)


def test_the_shared_run_holds_one_document_and_pickles_without_it(model) -> None:
    import pickle

    pipeline = cleantext.default_pipeline(model=model, group="daily.example", mode="page")
    once = pipeline.filters[-1]
    assert isinstance(once, compose.OncePerDocument) and once.name == "learned"
    pipeline.run(PAGES[1])
    assert once._last is not None
    copy = pickle.loads(pickle.dumps(once))
    assert copy._last is None and copy.name == "learned"
    assert cleantext.Pipeline(pipeline.filters[:-1] + [copy], pipeline.config).clean(PAGES[2]) == pipeline.clean(PAGES[2])


def test_article_mode_keeps_the_plain_learned_filter(model) -> None:
    pipeline = cleantext.default_pipeline(model=model, group="daily.example")
    assert pipeline.filters[-1] is model.filter("daily.example")
