"""The comments filter and dated author lines: "Jermaine 07 Nov 12" (a month name, every language) and dated
bylines printed one under another ("written by lynn, October 25, 2012" / "written by sarah, ...").

Threads are typed in here in the shapes met on real pages; nothing is copied from the benchmark pages.
"""

from __future__ import annotations

import pytest

import cleantext
from cleantext.document import Document
from cleantext.filters import Comments

#: A short post (two paragraphs, as on a design blog): shorter than three of its comments.
SHORT_POST = (
    "Why the ferry timetable changed\n"
    "The operator moved the first crossing half an hour earlier this week, without notice, and the islanders who take "
    "the boat to work found out on the pier. The harbour master says the new slot avoids the fishing fleet coming in.\n"
    "Seen by Ana Ruiz on November 7 2012. There are 5 comments.\n"
)

COMMENTS = [
    "Love it. The little details that matter and make a difference to the people on the boat every day.",
    "That is great, but it would be clearer with the day of the week in it. I never remember which date it is, "
    "only whether it is Monday or Tuesday, and the notice on the pier does not say either.",
    "Not using the early boat as much any more?",
    "It is going to leave at six on the 21st, and at half past six after that. What is confusing about that?",
    "Brilliant. I love the attention to detail, and I hope the council reads this before Thursday's meeting.",
]

#: (language, five dated author lines): one to three capitalised names, then a date with a month name.
DATED_AUTHORS = {
    "en": ["Jermaine 07 Nov 12", "Radex 07 Nov 12", "Jason Fried 07 Nov 12", "Ash Menon 08 Nov 12", "Rob 08 Nov 12"],
    "de": ["Jonas 7. Dezember 2012", "Lea Schmidt 7. Dezember 2012", "Paul 8. Oktober 2012", "Mia 9. März 2012",
           "Ben Weber 9. Mai 2012"],
    "fr": ["Julien 7 février 2012", "Claire Petit 7 avril 2012", "Hugo 8 août 2012", "Léa 9 octobre 2012",
           "Louis Martin 9 décembre 2012"],
    "es": ["Pablo 7 de enero de 2012", "Lucía Gómez 7 de abril de 2012", "Diego 8 de agosto de 2012",
           "Sofía 9 de octubre de 2012", "Mateo Ruiz 9 de diciembre de 2012"],
    "it": ["Marco 7 gennaio 2012", "Giulia Rossi 7 aprile 2012", "Luca 8 maggio 2012", "Sara 9 luglio 2012",
           "Paolo Bianchi 9 dicembre 2012"],
    "pt": ["João 7 de janeiro de 2012", "Ana Silva 7 de fevereiro de 2012", "Pedro 8 de maio de 2012",
           "Rita 9 de julho de 2012", "Rui Costa 9 de outubro de 2012"],
    "nl": ["Daan 7 mei 2012", "Sanne Visser 7 okt 2012", "Bram 8 maart 2012", "Eva 9 juni 2012",
           "Lotte Bakker 9 december 2012"],
    "pl": ["Kuba 7 stycznia 2012", "Anna Nowak 7 lutego 2012", "Piotr 8 kwietnia 2012", "Ewa 9 września 2012",
           "Jan Kowalski 9 grudnia 2012"],
    "ru": ["Иван 7 января 2012", "Анна Петрова 7 февраля 2012", "Олег 8 мая 2012", "Мария 9 октября 2012",
           "Павел Смирнов 9 декабря 2012"],
    "uk": ["Тарас 7 січня 2012", "Оксана Коваль 7 лютого 2012", "Богдан 8 травня 2012", "Ірина 9 жовтня 2012",
           "Андрій Шевченко 9 грудня 2012"],
}


def _thread(authors: list[str]) -> str:
    return "".join(f"{author}\n{body}\n" for author, body in zip(authors, COMMENTS))


@pytest.mark.parametrize("language", sorted(DATED_AUTHORS))
def test_author_lines_dated_with_a_month_name_head_a_thread(language: str) -> None:
    # A short post, then comments each under "<name> <day> <month> <year>" (37signals' blog and others).
    thread = _thread(DATED_AUTHORS[language])
    assert cleantext.clean(SHORT_POST + thread) == SHORT_POST.rstrip("\n")


ARTICLE_WITH_DATED_LINES = (
    "Ferry timetable to change in May\n"
    "By Jane Doe 07 Nov 2012\n"
    "The operator moved the first crossing half an hour earlier this week, without notice, and the islanders who take "
    "the boat to work found out on the pier.\n"
    "\u201cNobody asked the people who take the boat to work,\u201d said Maria Lopez, a nurse on the islands.\n"
    "What the islanders said\n"
    "Anna Berg 07 Nov 2012\n"
    "\u201cThe early boat is how I get to the hospital for the morning shift.\u201d\n"
    "Tom Reyes 07 Nov 2012\n"
    "\u201cI will drive round by the bridge, it takes an hour longer.\u201d\n"
    "Anna Berg 08 Nov 2012\n"
    "Winter prices stay the same.\n"
    "The council meets again on Thursday.\n"
)


def test_article_with_dated_byline_and_two_dated_speakers_survives() -> None:
    # The article's own dated byline, and an interview with two people answering in turn: no thread.
    assert cleantext.clean(ARTICLE_WITH_DATED_LINES) == ARTICLE_WITH_DATED_LINES.rstrip("\n")
    assert not [r for r in cleantext.explain(ARTICLE_WITH_DATED_LINES) if r.filter == "comments"]


def test_weekday_and_publication_datelines_are_no_author_lines() -> None:
    # "Friday December 28 2007", "Posted Jan. 5, 2008", "Updated June 13, 2019": a dateline, not a commenter.
    datelines = ["Friday December 28 2007", "Posted Jan. 5, 2008", "Updated June 13, 2019", "By Jane Doe 07 Nov 2012",
                 "Saturday January 05, 2008"]
    text = SHORT_POST + "".join(f"{d}\n{body}\n" for d, body in zip(datelines, COMMENTS))
    assert not [r for r in cleantext.explain(text) if r.filter == "comments"]


def test_a_forum_post_under_the_same_author_line_keeps_the_thread() -> None:
    # A forum prints its first post under an author line of the same shape as the replies': posts are the content.
    text = "Ferry timetable questions\n" + _thread(DATED_AUTHORS["en"])
    assert cleantext.clean(text) == text.rstrip("\n")


DATED_BYLINES = ["written by Belfor Minneapolis, October 25, 2012", "written by lynn, October 25, 2012",
                 "written by sarah, October 28, 2012"]


@pytest.mark.parametrize("page", [False, True])
def test_dated_bylines_of_other_authors_one_under_another_are_entries(page: bool) -> None:
    # The extractor printed the entries' text elsewhere: three authors' dated bylines, one under another.
    article = SHORT_POST + COMMENTS[1] + "\nvia: Treehugger\n"
    doc = Document(article + "\n".join(DATED_BYLINES) + "\n")
    taken = {doc.text[r.start:r.end] for r in Comments(page=page)(doc)}
    assert taken == set(DATED_BYLINES) if not page else not taken & set(article.splitlines())


def test_one_authors_dated_lines_one_under_another_are_one_entry() -> None:
    # A log of one author's posts (a table): no thread.
    log = [f"written by lynn, October {day}, 2012" for day in (25, 26, 28)]
    text = SHORT_POST + COMMENTS[1] + "\n" + "\n".join(log)
    assert cleantext.clean(text) == text
