"""Page mode removes lines of HTML or script source left in a page's text (an ad slot's or an embed's code
printed as text), which the line model can take for a long line of content; a sentence or a code sample
that shows markup stays.

The markup lines are real, from the whole-page text of news and blog pages: an NPR audio player's embed
code, a video embed of a TV station, a blog's "grab my button" badge, a tracking pixel. The lines that
must stay are of the kinds documentation pages hold (a tag quoted in a sentence, a snippet without a link,
an anchor whose text is a title of four words or more).
"""

from __future__ import annotations

import pytest

import cleantext
from cleantext.document import Document
from cleantext.filters.page import PageBlocks, decide, markup_lines

LEAKED = [
    'Embed <iframe src="https://www.npr.org/player/embed/1206601882/1206601883" width="100%" height="290" '
    'frameborder="0" scrolling="no" title="NPR embedded audio player"></iframe>',
    '<iframe width="476" height="267" src="https://abc13.com/video/embed/?pid=14030919" frameborder="0" '
    'allowfullscreen></iframe>',
    '<div style="height: 125px; width: 125px;"><a href="http://www.incourage.me/"><img '
    'src="http://www.incourage.me/in-buttons/in-general125x125.gif" border="0"></a></div>',
    '<img height="1" width="1" style="display:none" '
    'src="https://www.facebook.com/tr?id=378526515676058&amp;ev=PageView&amp;noscript=1">',
]
SHOWN = [
    'To link to the page, write <a href="https://example.com/">Example</a> in the body of your post, as the '
    'template below does.',
    'Escaping renders <script>alert("bad")</script> as text.',
    '<div class="box"> <div>One</div> </div>',
    '<a href="https://jgthirlwell.bandcamp.com/album/halt">Halt by Foetus and Friends</a>',
    'The <iframe> element embeds another page; its src attribute names the page to show.',
    "Maria Lopez said the council would decide in March.",
    # a review's cases: a text link (no image or frame), Chinese link text, code shown after a colon
    '<a href="https://news.example.cn/2024/transport.html">点击这里阅读关于城市交通建设规划的完整报道</a>',
    '<a href="https://example.com">Visit our site</a>',
    'Change <a href="http://x.com"> to <a href="https://x.com">',
    'Add: <img src="https://example.com/logo.png" alt="logo">',
]


@pytest.mark.parametrize("line", LEAKED)
def test_leaked_markup_is_found(line: str) -> None:
    assert markup_lines([line]) == [True]


@pytest.mark.parametrize("line", SHOWN)
def test_markup_in_a_sentence_or_a_sample_is_not(line: str) -> None:
    assert markup_lines([line]) == [False]


@pytest.mark.parametrize("sample", [
    # a tutorial: the line above introduces the code
    ["Paste the stylesheet link into the head of your page:",
     '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/css/bootstrap.min.css">',
     "Then add the JavaScript bundle before the closing body tag:",
     '<script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/js/bootstrap.bundle.min.js"></script>'],
    # a code block: bare tags around the line
    ['<div class="header">', '  <img src="https://example.com/logo.png" alt="Example logo">', "</div>"],
])
def test_code_a_page_shows_is_kept(sample: list[str]) -> None:
    assert markup_lines(sample) == [False] * len(sample)
    assert markup_lines(["", *sample, ""]) == [False] * (len(sample) + 2)


def test_decide_drops_a_markup_line_it_would_keep() -> None:
    keep = decide([0.9, 0.9, 0.9], 0.35, [False] * 3, [30, 20, 30], markup=[False, True, False])
    assert keep == [True, False, True]
    assert decide([0.9, 0.9, 0.9], 0.35, [False] * 3, [30, 20, 30]) == [True, True, True]


ARTICLE = [
    "New vehicle sales in the Houston area plunged 10 percent last month, despite low interest rates and "
    "clearance deals offered by most of the region's dealers.",
    "Local auto dealers sold 30,154 new cars, trucks and SUVs in October, the second-highest sales volume of "
    "the year thus far but still down 10 percent from a year ago, according to the TexAuto Facts report.",
    "\u201cPeople are a little more cautious in regards to purchasing vehicles,\u201d InfoNation President Dan "
    "McDowell said, adding, \u201c2019 is just not as strong as 2018.\u201d",
    "The sales slump comes even as the average interest rate on a new vehicle loan stayed below 6 percent for "
    "the fourth consecutive month.",
]


def test_page_mode_removes_the_embed_and_keeps_the_article() -> None:
    page = "\n\n".join([ARTICLE[0], ARTICLE[1], LEAKED[0], ARTICLE[2], ARTICLE[3]])
    removals = list(PageBlocks()(Document(page)))
    taken = [r for r in removals if "<iframe" in r.text]
    assert taken and "HTML or script source" in taken[0].reason
    out = cleantext.clean(page, mode="page")
    assert "<iframe" not in out
    assert all(paragraph in out for paragraph in ARTICLE)
