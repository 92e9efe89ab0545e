"""The site-split protocol of issue 12 (benchmarks.rules_eval.site_half / split_sites): rules are
written from one half of a dataset's sites and judged on the other, and a site is never split."""

from __future__ import annotations

from pathlib import Path

from benchmarks.data import Page
from benchmarks.rules_eval import HALVES, site_half, split_sites


def _page(site: str, n: int) -> Page:
    return Page("wcxb_dev", site, f"{site}-{n}", f"https://{site}/{n}", Path("."), {})


def test_halves_are_stable_across_runs_and_machines() -> None:
    # sha1, not hash(): the same site lands in the same half in every process.
    assert site_half("reviewed.com") == site_half("reviewed.com")
    assert {site_half(f"site{i}.example") for i in range(50)} == set(HALVES)
    assert [site_half(s) for s in ("apple.com", "ebay.com", "go.dev")] == [site_half(s) for s in ("apple.com", "ebay.com", "go.dev")]


def test_a_site_is_never_split_and_halves_are_balanced() -> None:
    sites = [f"shop{i}.example" for i in range(400)]
    halves = split_sites(_page(site, n) for site in sites for n in range(3))
    assert set(halves) == set(HALVES)
    for half, members in halves.items():
        assert all(site_half(p.site) == half for p in members)
    tune = {p.site for p in halves["tune"]}
    test = {p.site for p in halves["test"]}
    assert not tune & test
    assert 150 < len(tune) < 250


def test_topic_rules_are_the_topic_files_patterns() -> None:
    from benchmarks.rules_eval import topic_patterns

    patterns = topic_patterns()
    assert "filter (?:&|and) sort" in patterns  # en/rules-shop.toml
    assert "advertisements?" not in patterns  # en/rules.toml


def test_split_rows_on_a_tiny_bench(tmp_path) -> None:
    """Each page counts in its site's half; the topic rule's line goes only in the "after" rows."""
    import json

    from benchmarks.rules_eval import split_rows

    sites = {half: next(f"shop{i}.example" for i in range(100) if site_half(f"shop{i}.example") == half)
             for half in HALVES}
    header = ["dataset", "site", "page_id", "url", "page_text", "gold", "extra", "trafilatura", "html",
              "trafilatura_nc", "page_type", "resiliparse"]
    lines = ["\t".join(header)]
    for half, site in sites.items():
        page_id = f"p-{half}"
        text = "The sofa is made of oak and wool.\nFilter & Sort\nIt ships in two weeks."
        extra = {"with": ["It ships in two weeks."], "without": ["Filter & Sort"]}
        (tmp_path / f"{page_id}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{page_id}.json").write_text(json.dumps(extra), encoding="utf-8")
        lines.append("\t".join(["wcxb_dev", site, page_id, "", "", "", f"{page_id}.json", f"{page_id}.txt",
                                "", "", "", ""]))
    (tmp_path / "manifest.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = {(half, label): s for half, label, s in split_rows(tmp_path, "wcxb_dev", with_model=False)}
    for half in HALVES:
        before = rows[(half, "before: rules without the topic files")]
        after = rows[(half, "after: rules as shipped")]
        assert (before.without_found, before.without_removed, before.with_kept) == (1, 0, 1)
        assert (after.without_found, after.without_removed, after.with_kept) == (1, 1, 1)


def test_survivors_and_their_shapes_on_a_tiny_bench(tmp_path) -> None:
    """What clean() leaves of the ``without`` snippets, and where each sits: a whole line, inside a
    short line, inside a long one (its words are an article sentence's too: no line rule can help)."""
    import json

    from benchmarks.rules_eval import survivor_shapes, survivors

    sites = {half: next(f"shop{i}.example" for i in range(100) if site_half(f"shop{i}.example") == half)
             for half in HALVES}
    header = ["dataset", "site", "page_id", "url", "page_text", "gold", "extra", "trafilatura", "html",
              "trafilatura_nc", "page_type", "resiliparse"]
    long_line = "We wrote about the sofa and its frame, " * 4 + "which is oak."
    lines = ["\t".join(header)]
    for half, site in sites.items():
        page_id = f"p-{half}"
        text = f"The sofa is made of oak and wool.\nMesh Style Chairs\nQuestions? Chat with an expert.\n{long_line}"
        extra = {"with": [], "without": ["Mesh Style Chairs", "Chat with an expert", "About", "Filter & Sort"]}
        (tmp_path / f"{page_id}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{page_id}.json").write_text(json.dumps(extra), encoding="utf-8")
        lines.append("\t".join(["wcxb_dev", site, page_id, "", "", "", f"{page_id}.json", f"{page_id}.txt",
                                "", "", "", ""]))
    (tmp_path / "manifest.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    listed = [(page.site, snippet, shape) for page, snippet, shape, _ in survivors(tmp_path, "wcxb_dev", "tune")]
    assert listed == [(sites["tune"], "Mesh Style Chairs", "whole line"),
                      (sites["tune"], "Chat with an expert", "in a short line"),
                      (sites["tune"], "About", "in a long line")]  # "Filter & Sort" is not in the text
    counts = survivor_shapes(tmp_path, "wcxb_dev")
    for half in HALVES:
        assert counts[half] == {"whole line": 1, "in a short line": 1, "in a long line": 1, "across lines": 0}
