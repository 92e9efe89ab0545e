"""Comment thread headings of ``<code>/rules-comments.toml`` (issue 12, article mode vs trafilatura_nc):
a thread widget's name ("Top Rated Comments", "All comments", "comments powered by Disqus") opens a
thread for ``filters/comments.py``, which takes the entries under it, as trafilatura's default text
prints them (after the article, without their authors, dates and reply links). The article above
stays whole: its heading, a quote ending in a closing quote, a short paragraph; and the lines that
start with the same words but are not a heading stay wherever they are.

The lines are typed in the shape of real pages, not copied from the bench.
"""

from __future__ import annotations

import pytest

import cleantext

from article_lines import AFTER, BEFORE, between

ARTICLE = (
    "Bridge to close for heavy traffic\n"
    f"{BEFORE}\n"
    "Engineers found cracks in two of the piers during an inspection in the autumn, the report says.\n"
    "\u201cWe cannot wait for the piers to get worse,\u201d the council's engineer told the meeting.\n"
    "Buses will be rerouted.\n"
    f"{AFTER}\n"
)
#: Entries as trafilatura's default text prints them: no author, date or reply link left.
ENTRIES = (
    "Finally! That bridge has been shaking for years.\n"
    "What about the cyclists, will the lane stay open?\n"
    "I drive a delivery van over it every day, this is going to cost me an hour.\n"
)

#: (language, heading): each opens the thread under it.
HEADINGS = [
    ("en", "Top Rated Comments"),
    ("en", "Top comments"),
    ("en", "Highest-rated comments"),
    ("en", "Most liked comments"),
    ("en", "Featured Comments"),
    ("en", "Promoted Comments"),
    ("en", "User comments"),
    ("en", "All comments"),
    ("en", "All Comments (3)"),
    ("en", "Visitor comments:"),
    ("en", "comments powered by Disqus"),
    ("en", "Join Discussion"),
    ("de", "Alle Kommentare"),
    ("de", "Top-Kommentare"),
    ("fr", "Tous les commentaires"),
    ("fr", "Meilleurs commentaires"),
    ("es", "Todos los comentarios (3)"),
    ("es", "Comentarios destacados"),
    ("it", "Tutti i commenti"),
    ("it", "Commenti in evidenza"),
    ("pt", "Todos os comentários"),
    ("pt", "Comentários em destaque"),
    ("nl", "Alle reacties"),
    ("pl", "Wszystkie komentarze"),
    ("pl", "Najlepsze komentarze"),
    ("ru", "Все комментарии"),
    ("ru", "Лучшие комментарии"),
    ("uk", "Усі коментарі"),
    ("uk", "Найкращі коментарі"),
]

#: Article lines that start like a heading above: each stays between two paragraphs, and under a title.
ARTICLE_LINES = [
    "Public comments",  # a section of a consultation's report: no thread widget's name
    "Closing comments",
    "Recent comments",  # a sidebar's list of other posts' comments, with no thread under it
    "All comments received by the agency will be published online, the spokesman said.",
    "User comments on the draft rule closed in May.",
    "Top Rated Comments From the Hearing on the Bridge",
    "\u201cAll comments,\u201d the mayor said, \u201cwill be read before the vote.\u201d",
    "Join discussion groups at the library on Thursdays.",
    "Alle Kommentare zum Entwurf wurden veröffentlicht, sagte die Sprecherin.",
    "Tous les commentaires seront lus avant le vote, a promis le maire.",
]


@pytest.mark.parametrize(("language", "heading"), HEADINGS)
def test_heading_takes_the_thread_and_the_article_stays(language: str, heading: str) -> None:
    text = ARTICLE + heading + "\n" + ENTRIES
    assert cleantext.clean(text) == ARTICLE.rstrip("\n"), cleantext.explain(text)
    removals = [r for r in cleantext.explain(text, languages=[language]) if r.applied]
    assert removals and all(r.filter == "comments" and r.category == "comments" for r in removals)
    assert heading in removals[0].reason


@pytest.mark.parametrize(("language", "heading"), HEADINGS)
def test_keep_categories_keeps_the_thread(language: str, heading: str) -> None:
    text = ARTICLE + heading + "\n" + ENTRIES
    assert cleantext.clean(text, keep_categories={"comments"}) == text.rstrip("\n")


@pytest.mark.parametrize(("language", "heading"), [("en", "All Comments (3)"), ("de", "Alle Kommentare")])
def test_heading_under_the_title_takes_nothing(language: str, heading: str) -> None:
    # A count under the title links to the thread; the article follows it and stays whole.
    title, body = ARTICLE.split("\n", 1)
    text = f"{title}\n{heading}\n{body}"
    out = cleantext.clean(text).splitlines()
    assert all(line in out for line in ARTICLE.splitlines())


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_line_survives(line: str) -> None:
    text = between(line)
    assert cleantext.clean(text) == text, cleantext.explain(text)


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_line_after_the_article_keeps_what_follows(line: str) -> None:
    # Under the article, such a line opens nothing: the paragraphs after it stay.
    text = ARTICLE + line + "\n" + f"{BEFORE}\n{AFTER}"
    assert cleantext.clean(text) == text, cleantext.explain(text)


def test_every_language_has_the_file() -> None:
    from cleantext.config import LANGUAGES
    from cleantext.languages import rule_files

    for code in LANGUAGES:
        if code != "common":
            assert "rules-comments.toml" in rule_files(code), code


#: A WordPress pingback or trackback among a post's comments: the line goes, wherever it is.
PINGBACKS = [
    "Pingback: Ten days in Lisbon on a budget | Travel Notes",
    "Pingback: Why the old bridge had to close – City Blog",
    "Trackback: Bridge closures this spring | Commuter Weekly",
]


@pytest.mark.parametrize("line", PINGBACKS)
def test_pingback_goes(line: str) -> None:
    text = between(line)
    assert cleantext.clean(text) == f"{BEFORE}\n{AFTER}", cleantext.explain(text)
    removals = [r for r in cleantext.explain(text) if r.applied]
    assert [(r.category, r.text.strip()) for r in removals] == [("comments", line)]


@pytest.mark.parametrize("line", [
    "Pingback spam is a problem for small blogs, the developer said.",
    "Pingbacks and trackbacks: how blogs used to talk to each other",
    "\u201cA pingback: that is how I found your post,\u201d she wrote.",
])
def test_pingback_in_an_article_line_survives(line: str) -> None:
    text = between(line)
    assert cleantext.clean(text) == text, cleantext.explain(text)
