"""cleantext.html: the two HTML front ends, the comment thread, charsets, missing extras."""

from __future__ import annotations

import codecs
import re
import sys

import pytest

import cleantext
from cleantext.html import EXTRACTORS, MissingExtra, clean_html, decode_html, extract_text, require_extractor

ARTICLE = [
    "The town council met on Tuesday evening and approved the new school budget for the coming year.",
    "Parents said the café in the town hall would stay open during the building works, the mayor confirmed.",
    "The budget adds twelve teaching posts and repairs the roof of the primary school on Mill Street.",
]
COMMENTS = [
    "I think this budget is far too small for our schools and the teachers deserve much better.",
    "Finally some good news from the council chamber after months of waiting for a decision.",
]
MENU = ("Home", "Local news", "Sport", "Weather")
ALT = "Photo of the council chamber at night"
FOOTER = "Copyright 2024 The Town Gazette. All rights reserved."


def page(charset: str = "utf-8", article: list[str] = ARTICLE, comments: list[str] = COMMENTS) -> str:
    """A small news page typed here: a menu, an article, a comment thread, a footer."""
    menu = "".join(f'<li><a href="/{i}">{name}</a></li>' for i, name in enumerate(MENU))
    paragraphs = "".join(f"<p>{p}</p>" for p in article)
    paragraphs += f'<figure><img src="/c.jpg" alt="{ALT}"></figure>'
    thread = "".join(
        f'<div class="comment"><p class="comment-author">Reader {i}</p><p>{c}</p></div>'
        for i, c in enumerate(comments)
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Budget approved</title></head><body>'
        f"<header><nav><ul>{menu}</ul></nav></header><main><article><h1>Council approves school budget</h1>"
        f"{paragraphs}</article>"
        f'<section id="comments" class="comments"><h2>{len(comments)} Comments</h2>{thread}</section></main>'
        f"<footer><p>{FOOTER}</p></footer></body></html>"
    )


@pytest.fixture(params=EXTRACTORS)
def extractor(request):
    pytest.importorskip(request.param)
    return request.param


def test_the_article_is_kept_and_the_thread_left_out_by_default(extractor):
    text = extract_text(page(), extractor=extractor)
    assert all(p in text for p in ARTICLE)
    assert not any(c in text for c in COMMENTS)
    assert FOOTER not in text and ALT not in text  # no image alt texts: they are in no article's gold
    assert text == extract_text(page(), extractor=extractor, comments=False)


def test_comments_true_keeps_the_thread(extractor):
    text = extract_text(page(), extractor=extractor, comments=True)
    assert all(p in text for p in ARTICLE)
    assert all(c in text for c in COMMENTS)
    assert text.index(ARTICLE[-1]) < text.index(COMMENTS[0])


def test_the_default_extractor_is_trafilatura():
    pytest.importorskip("trafilatura")
    html = page(comments=[])
    assert extract_text(html) == extract_text(html, extractor="trafilatura")


@pytest.mark.parametrize("codec, charset", [("cp1252", "windows-1252"), ("cp1251", "windows-1251"),
                                            ("koi8-r", "koi8-r")])
def test_bytes_are_decoded_with_the_declared_charset(extractor, codec, charset):
    article = ARTICLE if codec == "cp1252" else [
        "Городской совет во вторник утвердил новый бюджет школ на следующий учебный год.",
        "Родители сказали, что кафе в ратуше останется открытым во время ремонта здания.",
    ]
    raw = page(charset, article, comments=[]).encode(codec)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the page really is not UTF-8
    text = extract_text(raw, extractor=extractor)
    assert all(p in text for p in article)


def test_a_page_without_a_declared_charset_is_detected():
    pytest.importorskip("resiliparse")
    article = [
        "Городской совет во вторник утвердил новый бюджет школ на следующий учебный год.",
        "Родители сказали, что кафе в ратуше останется открытым во время ремонта здания.",
    ]
    raw = page("x", article, comments=[]).replace('<meta charset="x">', "").encode("cp1251")
    assert b"charset" not in raw
    assert all(p in decode_html(raw) for p in article)


def test_a_byte_order_mark_wins_over_the_declared_charset():
    pytest.importorskip("resiliparse")
    raw = codecs.BOM_UTF8 + page("windows-1252", comments=[]).encode("utf-8")
    text = decode_html(raw)
    assert ARTICLE[1] in text  # "café" read as UTF-8, not as cp1252 mojibake
    assert not text.startswith("\ufeff")


def test_clean_html_reads_resiliparse_text_in_page_mode():
    pytest.importorskip("resiliparse")
    html = page()
    text = extract_text(html, extractor="resiliparse")
    assert clean_html(html, extractor="resiliparse") == cleantext.clean(text, mode="page")
    article = clean_html(html, extractor="resiliparse", mode="article")
    assert article == cleantext.clean(text, mode="article")


LISTING = [f"The brass table lamp number {i} has a linen shade, a dimmer switch and ships within two days." for i in range(12)]


def _listing(wrapper: str, items: list[str], body: str = "") -> str:
    entries = "".join(f"<p>{item}</p>" for item in items)
    return (f"<html><head><title>Lamps</title></head><body><header><a href='/'>Home</a> <a href='/shop'>Shop</a>"
            f"</header><main>{wrapper.format(entries)}{body}</main><p>Short.</p></body></html>")


@pytest.mark.parametrize("wrapper", ['<div class="related">{}</div>', "<aside>{}</aside>"])
def test_resiliparse_falls_back_to_the_whole_page_when_main_content_misses_it(wrapper):
    pytest.importorskip("resiliparse")
    from resiliparse.extract.html2text import extract_plain_text

    html = _listing(wrapper, LISTING)
    main = extract_plain_text(html, main_content=True, alt_texts=False, links=False, comments=False)
    assert not any(item in main for item in LISTING)  # Resiliparse's main content really misses them
    text = extract_text(html, extractor="resiliparse")
    assert all(item in text for item in LISTING)
    assert all(item in clean_html(html, extractor="resiliparse") for item in LISTING[:3])


def test_resiliparse_keeps_main_content_that_is_long_or_not_tiny_beside_the_page():
    pytest.importorskip("resiliparse")
    article = "".join(f"<p>{line}</p>" for line in ARTICLE * 2)  # 50 words or more: main content is trusted
    text = extract_text(_listing('<div class="related">{}</div>', LISTING, body=article), extractor="resiliparse")
    assert ARTICLE[0] in text and not any(item in text for item in LISTING)
    short = "<p>The shop is closed on Sunday, the owner said.</p>"  # short, but not under 5% of the page
    text = extract_text(_listing('<div class="related">{}</div>', LISTING[:1], body=short), extractor="resiliparse")
    assert "closed on Sunday" in text and LISTING[0] not in text


def test_clean_html_extracts_the_thread_only_when_comments_are_kept(extractor):
    dropped = clean_html(page(), extractor=extractor)
    kept = clean_html(page(), extractor=extractor, keep_categories={"comments"})
    assert not any(c in dropped for c in COMMENTS)
    assert all(c in kept for c in COMMENTS)
    assert ARTICLE[0] in dropped and ARTICLE[0] in kept


@pytest.mark.parametrize("name, module, extra", [
    ("trafilatura", "trafilatura", "html"),
    ("resiliparse", "resiliparse.extract.html2text", "resiliparse"),
])
def test_a_missing_extra_says_which_to_install(monkeypatch, name, module, extra):
    monkeypatch.setitem(sys.modules, module, None)  # makes the import fail as if not installed
    with pytest.raises(MissingExtra, match=rf"pip install 'cleantext-boilerplate\[{extra}\]'"):
        extract_text(page(), extractor=name)
    with pytest.raises(ImportError):  # MissingExtra is an ImportError: callers that stop on those still do
        require_extractor(name)


def test_bad_arguments_are_clear_errors():
    with pytest.raises(ValueError, match="unknown extractor 'lynx'; choose one of: trafilatura, resiliparse"):
        extract_text("<p>x</p>", extractor="lynx")
    with pytest.raises(TypeError, match="str or bytes, got int"):
        extract_text(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("html", ["", "<", "plain words", "\x00\x01", b"", b"\xff\xfe\x00", "<html></html>"])
def test_odd_input_gives_a_string(extractor, html):
    assert isinstance(extract_text(html, extractor=extractor), str)


def test_the_html_measurement_runs_on_a_bench_folder(tmp_path):
    """``python -m benchmarks.html_speed`` on a two-site folder of typed pages (no bench text)."""
    pytest.importorskip("trafilatura")
    pytest.importorskip("resiliparse")
    from benchmarks import html_speed

    columns = ["dataset", "site", "page_id", "url", "page_text", "gold", "extra", "trafilatura", "html",
               "trafilatura_nc", "page_type", "resiliparse"]
    rows = ["\t".join(columns)]
    for kind in ("html", "gold", "trafilatura_nc"):
        (tmp_path / kind).mkdir()
    for n in range(4):
        site = f"site{n % 2}.example"
        article = [f"{p} Story number {n}." for p in ARTICLE]
        (tmp_path / "html" / f"{n}.html").write_bytes(page("windows-1252", article).encode("cp1252"))
        gold = ["Council approves school budget", *article]  # the page's <h1> is content too
        (tmp_path / "gold" / f"{n}.txt").write_text("\n".join(gold), encoding="utf-8")
        (tmp_path / "trafilatura_nc" / f"{n}.txt").write_text(article[0], encoding="utf-8")
        cells = dict.fromkeys(columns, "")
        cells.update(dataset="big9", site=site, page_id=str(n), url=f"https://{site}/{n}", html=f"html/{n}.html",
                     gold=f"gold/{n}.txt", trafilatura_nc=f"trafilatura_nc/{n}.txt")
        rows.append("\t".join(cells[c] for c in columns))
    (tmp_path / "manifest.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "html.md"

    assert html_speed.main(["--data", str(tmp_path), "--dataset", "big9", "--repeat", "1", "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    assert "4 pages with HTML (big9 4;" in report
    assert "python -m benchmarks.html_speed --data" in report
    big9 = next(line for line in report.splitlines() if line.startswith("| big9 |")).split(" | ")
    # trafilatura_nc here is only the first paragraph: recall ~1/3; the live extractors find the whole article
    assert big9[1].startswith("1.000 / 0.3")  # 1.000 / 0.308: the first of the three paragraphs, no heading
    assert big9[2].startswith("1.000 / 1.000") and big9[3].startswith("1.000 / 1.000")
    assert big9[4].split(" / ")[1] == "1.000"  # cleaning keeps every word of these articles
    assert re.search(r"runs at \*\*\d+\.\d\dx\*\* trafilatura's pages per second", report)


def test_the_html_measurement_needs_a_bench_folder(tmp_path, capsys):
    from benchmarks import html_speed

    with pytest.raises(SystemExit) as stop:
        html_speed.main(["--data", str(tmp_path)])
    assert stop.value.code == 2
    assert "not a benchmark folder (no manifest.tsv)" in capsys.readouterr().err


FRENCH = ("<html><head><title>Été</title></head><body><article><h1>L'été à Paris</h1>"
          "<p>Il fait très chaud cet été à Paris, et les terrasses des cafés sont pleines jusqu'à minuit. "
          "Les touristes se pressent près de la Seine, où la brise apporte un peu de fraîcheur.</p>"
          "<p>Les Parisiens, eux, préfèrent quitter la ville pour la côte ou la campagne en août.</p>"
          "</article></body></html>")


@pytest.mark.parametrize("extractor", ["trafilatura", "resiliparse"])
def test_a_legacy_page_without_a_declared_charset_is_read_right(extractor):
    """cp1252 bytes with no <meta charset>: trafilatura, handed the bytes, guessed cp1250 ("ŕ Paris", "trčs").
    Both extractors now get the page decoded the same way."""
    pytest.importorskip(extractor)
    text = extract_text(FRENCH.encode("cp1252"), extractor=extractor)
    assert "L'été à Paris" in text and "très chaud" in text


@pytest.mark.parametrize("html, expected", [
    (FRENCH.encode("cp1252"), FRENCH),  # no declaration: UTF-8 fails, detection reads cp1252
    (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), FRENCH),
    (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), FRENCH),  # was read little-endian once its mark was cut
    (codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), FRENCH),
    (codecs.BOM_UTF32_LE + FRENCH.encode("utf-32-le"), FRENCH),  # its mark begins as UTF-16 LE's: was read so
    (codecs.BOM_UTF32_BE + FRENCH.encode("utf-32-be"), FRENCH),
    (FRENCH.replace("<head>", "<head><meta charset=\"windows-1251\">").encode("cp1251", "replace"), None),
    (FRENCH.replace("<head>", "<head><meta charset=utf-8>").encode("cp1252"), None),  # declared wrongly
    (FRENCH.replace("<head>", "<head><meta charset=nonsense>").encode("utf-8"), None),
])
def test_html_decodes_without_resiliparse(monkeypatch, html, expected):
    """Without the resiliparse extra (trafilatura alone), pages are decoded by the mark, a <meta> charset the
    bytes fit, else UTF-8, else detection: never left to the extractor's guess, never an error."""
    import cleantext.html as ct_html

    def missing():  # type: ignore[no-untyped-def]
        raise MissingExtra("no resiliparse here")

    monkeypatch.setattr(ct_html, "require_resiliparse", missing)
    text = decode_html(html)
    if expected is not None:
        assert text == expected
    assert "très" in text or "tr?s" in text  # cp1251 has no è: the encoder put "?"
    assert "Paris" in text and "\ufffd" not in text


@pytest.mark.parametrize("extractor", ["trafilatura", "resiliparse"])
def test_a_lone_surrogate_in_a_page_loses_nothing(extractor):
    """A JSON record's "\\ud800" escape: trafilatura's text stopped at it ("Hello"), Resiliparse refused the page
    ("neither string nor HTMLTree"). It becomes U+FFFD, as repair() makes it in text."""
    pytest.importorskip(extractor)
    body = "Hello \ud800 world, this is a long enough paragraph of text for an extractor to keep it whole."
    text = extract_text(f"<html><body><article><p>{body}</p></article></body></html>", extractor=extractor)
    assert "Hello \ufffd world" in text and "keep it whole." in text


def test_meta_labels_are_read_as_browsers_read_them(monkeypatch):
    """Without Resiliparse: a <meta> saying UTF-16 (the tag was read as ASCII, so it cannot be) means UTF-8,
    and ISO-8859-1 means windows-1252, as the WHATWG encoding rules say; it decoded ASCII as UTF-16 (CJK)."""
    import cleantext.html as ct_html

    def missing():  # type: ignore[no-untyped-def]
        raise MissingExtra("no resiliparse here")

    monkeypatch.setattr(ct_html, "require_resiliparse", missing)
    page = '<html><head><meta charset="utf-16"></head><body><p>Caf\u00e9 “menu”</p></body></html> '
    assert decode_html(page.encode("utf-8")) == page
    latin = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\u00e9 “menu”</p></body></html>'
    assert decode_html(latin.encode("cp1252")) == latin


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_utf32_pages_with_their_mark(bom, codec):
    """A UTF-32 LE page was read as UTF-16 (its mark begins as UTF-16 LE's): Resiliparse then gave the raw markup."""
    pytest.importorskip("resiliparse")
    assert decode_html(bom + FRENCH.encode(codec)) == FRENCH
    assert "<html" not in extract_text(bom + page().encode(codec), extractor="resiliparse")


def test_resiliparse_counts_words_of_unspaced_scripts():
    """A Japanese article's main content counted 7 words by spaces (against 600 for a page of menu links), so
    the whole page replaced it; counted as the package counts words it is kept."""
    pytest.importorskip("resiliparse")
    sentence = "市議会は火曜日、老朽化した橋の改修費用を含む予算案を賛成多数で可決した。"
    article = "".join(f"<p>{sentence}</p>" for _ in range(8))
    menu = "".join(f"<li><a href='/c{i}'>カテゴリ {i}</a></li>" for i in range(150))
    html = (f"<html><head><title>予算</title></head><body><nav><ul>{menu}</ul></nav>"
            f"<main><article><h1>予算案可決</h1>{article}</article></main></body></html>")
    text = extract_text(html, extractor="resiliparse")
    assert sentence in text and "カテゴリ 100" not in text
