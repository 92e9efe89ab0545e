"""cleantext report: the HTML page's highlights are explain()'s removals, checked in Python and in Chromium."""

from __future__ import annotations

import os
import random
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import cleantext
from cleantext.htmlreport import build_report, collect, main

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "report-screenshot.png"
CHROMIUM = "/usr/bin/chromium"

# ----------------------------------------------------------------------------- a made-up corpus

SITES = {
    "harbour-gazette": ("Harbour Gazette", "Harbour Gazette | Local news since 1921"),
    "valley-herald": ("The Valley Herald", "The Valley Herald - independent since 1888"),
    "river-times": ("River Times", "River Times: news for the river towns"),
}
SUBJECTS = ["The city council", "The mayor", "Local nurses", "The harbour board", "Parents at the school",
            "The museum", "Flood engineers", "Market traders", "The bus company", "Residents"]
VERBS = ["approved", "rejected", "questioned", "welcomed", "delayed", "announced", "defended", "praised"]
OBJECTS = ["a new budget for the river bridge", "plans for a second ferry", "the winter wage agreement",
           "a longer opening time for the library", "repairs to the sea wall", "a study of the storm damage",
           "the move of the Saturday market", "a vote on the school roof"]
WHEN = ["on Tuesday", "after a long meeting", "this week", "late on Friday", "despite protests", "in a letter"]
BOILERPLATE = [
    ["Advertisement"],
    ["Sign up for our free weekly newsletter"],
    ["Read more:", "School budget cuts spark protest", "New museum wing opens to the public",
     "Flood warnings lifted across the valley"],
    ["Share this article"],
    ["A Message from the Editor:", "We rely on readers like you. Your support keeps our reporting free.",
     "Donate today"],
    ["Comments (12)"],
    ["Photo: Jane Doe / Staff"],
]


def demo_corpus(per_site: int = 8, seed: int = 3) -> list[tuple[str, str, str]]:
    """``(site, file name, text)``: each site repeats its head, menu and footer around made-up stories."""
    rng = random.Random(seed)
    pages = []
    for site, (title, head) in SITES.items():
        for i in range(per_site):
            story = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(WHEN)}, "
                     f"and {rng.choice(SUBJECTS).lower()} {rng.choice(VERBS)} {rng.choice(OBJECTS)}."
                     for _ in range(rng.randint(3, 5))]
            for extra in rng.sample(BOILERPLATE, 3):
                story.insert(rng.randint(1, len(story)), "\n".join(extra))
            lines = [head, "Home | News | Sport | Weather | Culture", story[0].split(",")[0], *story,
                     f"© 2024 {title} Media Group. All rights reserved."]
            pages.append((site, f"story-{i:02d}.txt", "\n".join(lines)))
    return pages


HOSTILE = 'Tom & Jerry <script>alert("x")</script> said \'hi\' </pre>\nAdvertisement\n<b>bold</b> &amp;'


# ----------------------------------------------------------------------------- reading the page back


class Marks(HTMLParser):
    """Per sampled document (by data-index): its marks' attributes and texts, and the whole text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.docs: dict[int, dict] = {}
        self.scripts = 0
        self._doc: dict | None = None
        self._in_pre = False
        self._mark: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "article":
            self._doc = self.docs[int(a["data-index"])] = {"marks": [], "text": ""}
        elif tag == "pre" and self._doc is not None:
            self._in_pre = True
            self._pre_start = True  # a newline right after <pre> is dropped (the HTML parsing rule browsers follow)
        elif tag == "mark" and self._in_pre:
            self._mark = {**a, "inner": ""}
        elif self._in_pre:
            raise AssertionError(f"unexpected <{tag}> inside a document's text")

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark is not None:
            self._doc["marks"].append(self._mark)
            self._mark = None
        elif tag == "pre":
            self._in_pre = False
        elif tag == "article":
            self._doc = None

    def handle_data(self, data):
        if self._in_pre and getattr(self, "_pre_start", False):
            self._pre_start = False
            data = data[1:] if data.startswith("\n") else data
        if self._in_pre:
            self._doc["text"] += data
            if self._mark is not None:
                self._mark["inner"] += data


def check_marks(page: str, texts: list[str], **kw) -> Marks:
    """Assert that every sampled document shows exactly explain()'s removals, in place."""
    parsed = Marks()
    parsed.feed(page)
    assert parsed.docs, "no document in the page"
    for index, doc in parsed.docs.items():
        normalized = cleantext.normalize(texts[index])
        removals = cleantext.explain(texts[index], **{k: (v[index] if k == "group" else v) for k, v in kw.items()})
        got = [(int(m["data-start"]), int(m["data-end"]), m["data-category"], m["data-filter"],
                m["data-confidence"], m["data-capped"] == "true") for m in doc["marks"]]
        assert got == [(r.start, r.end, r.category, r.filter, r.confidence, r.capped) for r in removals]
        assert [m["inner"] for m in doc["marks"]] == [normalized[r.start:r.end] for r in removals]
        assert doc["text"] == normalized  # nothing added, nothing lost around the highlights
        for m, r in zip(doc["marks"], removals):
            assert all(part in m["title"] for part in (r.category, r.filter, r.confidence, r.reason))
    return parsed


# ----------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def corpus():
    pages = demo_corpus()
    texts = [t for _, _, t in pages] + [HOSTILE]
    groups = [s for s, _, _ in pages] + ["harbour-gazette"]
    names = [f"{s}/{n}" for s, n, _ in pages] + ["hostile.txt"]
    return texts, groups, names, cleantext.fit(texts, groups=groups)


def test_highlights_are_the_removals_of_explain(corpus):
    texts, groups, names, model = corpus
    page = build_report(texts, names=names, groups=groups, model=model, sample=len(texts))
    parsed = check_marks(page, texts, model=model, group=groups)
    assert len(parsed.docs) == len(texts)
    assert parsed.scripts == 1  # ours only: the hostile text's <script> is escaped
    categories = {m["data-category"] for d in parsed.docs.values() for m in d["marks"]}
    assert {"learned", "ads", "newsletter", "read_more", "donation"} <= categories
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "http://" not in page.replace("http-equiv", "") and "https://" not in page  # nothing fetched


def test_a_text_that_starts_with_a_newline_keeps_it():
    """HTML drops a newline right after <pre>: a document starting with one was shown a line up, its
    offsets (as read from the page's text) one character off. The page now writes it twice."""
    text = "\nStorm hits the coast.\nAdvertisement\nThe storm damaged 40 homes."
    assert cleantext.normalize(text).startswith("\n")
    check_marks(build_report([text], sample=1), [text])


def test_capped_removals_are_shown_as_held_back():
    text = "Read more:\nOne headline here\nAnother headline there\nA third one"
    page = build_report([text], sample=1)
    removals = cleantext.explain(text)
    assert any(r.capped for r in removals)
    check_marks(page, [text])
    assert 'data-capped="true"' in page and "kept by the safety cap" in page


def test_names_and_groups_are_parallel_to_the_texts():
    with pytest.raises(ValueError, match="groups ran out after 1 texts"):
        build_report(["One.", "Two."], groups=["a"])
    with pytest.raises(ValueError, match="names ran out"):
        build_report(["One."], names=[])


def test_counts_cover_every_document_and_groups_list_their_learned_spans(corpus):
    texts, groups, names, model = corpus
    got = collect(texts, names=names, groups=groups, model=model, sample=2, seed=0, options={})
    assert got.documents == len(texts) and len(got.sample) == 2
    expected: dict[str, list[int]] = {}
    for text, group in zip(texts, groups):
        for r in cleantext.explain(text, model=model, group=group):
            if r.applied:
                row = expected.setdefault(r.category, [0, 0])
                row[0] += 1
                row[1] += cleantext.document.count_words(r.text)
    assert {c: [t.removals - t.capped, t.words] for c, t in got.categories.items()} == expected
    assert sum(t.words for t in got.categories.values()) == got.removed
    learned = got.groups["valley-herald"].learned
    assert learned["The Valley Herald - independent since 1888"] == 8  # cut from each of its pages
    page = build_report(texts, names=names, groups=groups, model=model, sample=2)
    assert "<q title='The Valley Herald - independent since 1888'>" in page


def test_sample_is_deterministic_and_independent_of_what_follows(corpus):
    texts, groups, names, model = corpus
    pick = lambda docs, seed=0: [d.index for d in collect(  # noqa: E731
        docs, names=None, groups=None, model=None, sample=5, seed=seed, options={}).sample]
    first = pick(texts)
    assert first == pick(texts) and len(first) == 5 and first == sorted(first)
    assert pick(texts, seed=1) != first
    # A bottom-k sample: a document in the sample of the whole corpus is in the sample of any prefix holding it.
    prefix = pick(texts[:15])
    assert [i for i in first if i < 15] == [i for i in prefix if i in first]
    assert build_report(texts, sample=5) == build_report(texts, sample=5)


def test_cli_groups_by_dir_uses_the_model_and_writes_atomically(tmp_path, corpus, capsys):
    *_, model = corpus
    root = tmp_path / "pages"
    pages = demo_corpus()
    for site, name, text in pages:
        (root / site).mkdir(parents=True, exist_ok=True)
        (root / site / name).write_text(text, encoding="utf-8")
    model_path = tmp_path / "sites.model"
    cleantext.fit([t for _, _, t in pages], groups=[s for s, _, _ in pages]).save(model_path)
    out = tmp_path / "report.html"
    assert main([str(root), "--group-by-dir", "--model", str(model_path), "--sample", "4", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    pages.sort()  # the order the folders are read in
    texts = [t for _, _, t in pages]
    loaded = cleantext.load_model(model_path)
    parsed = Marks()
    parsed.feed(page)
    assert len(parsed.docs) == 4
    check_marks(page, texts, model=loaded, group=[s for s, _, _ in pages])
    for site in SITES:
        assert f"<tr><td>{site}</td><td class=n>8</td>" in page
    # A failing run leaves the previous report as it was, and no temporary file.
    assert main([str(root), "--model", str(tmp_path / "missing.model"), "-o", str(out)]) == 2
    assert "missing.model" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages", "report.html", "sites.model"]


def test_cli_jsonl_with_group_by_domain(tmp_path):
    import json

    rows = [{"url": f"https://www.{s}.example/{i}", "body": t} for i, (s, _, t) in enumerate(demo_corpus(4))]
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "r.html"
    assert main([str(path), "--jsonl", "--field", "body", "--group-by-domain", "url", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "harbour-gazette.example" in page and f"{path}:1" in page
    check_marks(page, [r["body"] for r in rows])


def test_cli_reads_inputs_as_cleantext_does_in_a_real_subprocess(tmp_path):
    """Through ``cleantext report``: a Latin-1 file decoded with a note, a PNG skipped with a warning."""
    import sys

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cafe.txt").write_bytes("Café au lait, près du port.\nAdvertisement\n".encode("latin-1"))
    (tmp_path / "in" / "logo.png").write_bytes(SCREENSHOT.read_bytes()[:64])
    out = tmp_path / "r.html"
    run = subprocess.run([sys.executable, "-m", "cleantext", "report", str(tmp_path / "in"), "-o", str(out)],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "logo.png: not text (a PNG image)" in run.stderr and "cafe.txt: not UTF-8" in run.stderr
    page = out.read_text(encoding="utf-8")
    assert "Café au lait, près du port." in page and "logo.png" not in page
    check_marks(page, ["Café au lait, près du port.\nAdvertisement\n"])


def test_cli_bad_records_stop_or_are_reported(tmp_path, capsys):
    path = tmp_path / "pages.jsonl"
    path.write_text('{"text": "Rain.\\nAdvertisement"}\n{"text": 3}\nnot json\n', encoding="utf-8")
    out = tmp_path / "r.html"
    assert main([str(path), "--jsonl", "-o", str(out)]) == 1
    assert not out.exists() and f"{path}:2" in capsys.readouterr().err
    assert main([str(path), "--jsonl", "--on-error", "skip", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 bad record(s) left out" in err and f"{path}:3" in err
    check_marks(out.read_text(encoding="utf-8"), ["Rain.\nAdvertisement"])


# ----------------------------------------------------------------------------- a real browser


def chromium() -> str:
    """The Chromium binary; skips only outside CI (in CI a missing browser is a failure)."""
    found = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed: .ci/run installs it (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium); in CI this fails instead")


def test_a_missing_chromium_skips_only_outside_ci(monkeypatch):
    import sys

    here = sys.modules[__name__]
    monkeypatch.setattr(here, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="not installed"):
        here.chromium()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        here.chromium()


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
               "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_the_page_renders_in_chromium_with_the_removals_of_explain(tmp_path, corpus):
    texts, groups, names, model = corpus
    report = tmp_path / "report.html"
    report.write_text(build_report(texts, names=names, groups=groups, model=model, sample=6), encoding="utf-8")
    dom = run_chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    parsed = check_marks(dom, texts, model=model, group=groups)
    assert len(parsed.docs) == 6
    shot = tmp_path / "shot.png"
    run_chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1900", report.as_uri())
    assert _png_size(shot) == (1200, 1900)
    if os.environ.get("CLEANTEXT_UPDATE_SCREENSHOT"):  # refresh the picture in docs/
        shutil.copyfile(shot, SCREENSHOT)


def test_the_docs_keep_a_screenshot():
    assert _png_size(SCREENSHOT)[0] >= 800


def test_explain_lines_number_each_removal_by_its_line_in_any_order():
    """explain_lines counted the newlines from the start of the text for every removal (80,000 lines: 79 s);
    it counts on from the previous removal now, and again from the start for a list out of order."""
    from cleantext.report import explain_lines

    text = "Rain.\nAdvertisement\n" * 50 + "Sign up for our newsletter"
    removals = cleantext.explain(text)
    assert len(removals) == 51
    for order in (removals, list(reversed(removals)), removals[::2] + removals[1::2]):
        lines = explain_lines(order, source="page.txt", line=None, text=text, form="text", color=False)
        expected = [text.count("\n", 0, r.start) + 1 for r in order]
        assert [int(line.split(":")[1]) for line in lines] == expected
