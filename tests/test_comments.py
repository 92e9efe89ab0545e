"""The comments filter: whole threads go (with or without a heading), article lines and forum posts stay.

Threads are typed in here in the shapes met on real pages (WordPress "X says:" with a
stamp, Blogger "ReplyDelete", "written by X, date", "On date, X said..."); nothing
is copied from the benchmark pages.
"""

from __future__ import annotations

import pytest

import cleantext
from cleantext.config import Config
from cleantext.filters import Comments, default
from cleantext.filters.comments import MIN_BODY_LINES

ARTICLE = (
    "The city council approved a new budget on Tuesday night, ending a standoff that had delayed "
    "repairs to roads and schools across the city since the spring.\n"
    "The vote was 7 to 4. Supporters said the plan protects essential services while keeping taxes "
    "flat, and opponents warned that it relies on one-time money.\n"
    "\u201cThis is not the budget any of us wanted,\u201d said council member Ana Ruiz.\n"
    "It passed anyway.\n"
)

THREADS = {
    "en heading": (
        "12 Comments\n"
        "Dan says:\n"
        "January 13, 2020 at 08:45 AM\n"
        "Great write-up, thanks for all the work on this.\n"
        "Reply\n"
        "Amber says:\n"
        "January 14, 2020 at 10:06 AM\n"
        "I still think the libraries should stay open on Sundays.\n"
        "Reply\n"
    ),
    "en WordPress, no heading": (  # ends with a crumb: the article's last line must not be taken as a comment
        "Dan says:\n"
        "January 13, 2020 at 08:45 AM\n"
        "Great write-up, thanks for all the work on this.\n"
        "Reply\n"
        "Amber says:\n"
        "January 14, 2020 at 10:06 AM\n"
        "I still think the libraries should stay open on Sundays.\n"
        "Reply\n"
        "Jo says:\n"
        "January 15, 2020 at 7:41 PM\n"
        "Same here.\n"
        "Reply\n"
    ),
    "en bylines, no heading": (
        "written by Belfor, October 25, 2012\n"
        "Roads first, then the pool. That is the right order.\n"
        "written by lynn, October 25, 2012\n"
        "Nobody asked the families who use the libraries.\n"
        "written by sarah, October 28, 2012\n"
        "Thanks for covering the vote.\n"
    ),
    "en said..., no heading": (
        "On October 29, 2012 at 2:35am, Rosa said...\n"
        "What a week for the council.\n"
        "On October 29, 2012 at 9:53am, Liza said...\n"
        "I was at the meeting and it went on until midnight.\n"
        "On October 29, 2012 at 11:22am, Rachel said...\n"
        "Good reporting, as always.\n"
    ),
    "en Blogger crumbs": (
        "This is the third time in five years they close the libraries on Sundays.\n"
        "ReplyDelete\n"
        "Totally agree, the pool was promised to us years ago.\n"
        "ReplyDelete\n"
        "Does anyone know when the road repairs start?\n"
        "ReplyDelete\n"
    ),
    "de": (
        "Kommentare\n"
        "Maria schreibt:\n"
        "14.03.2024 um 09:12\n"
        "Endlich eine Entscheidung, die Straßen sind in einem furchtbaren Zustand.\n"
        "Antworten\n"
        "Jens schreibt:\n"
        "14.03.2024 um 11:40\n"
        "Die Bibliotheken am Sonntag zu schließen ist trotzdem falsch.\n"
        "Antworten\n"
    ),
    "fr": (
        "3 commentaires\n"
        "Claire a écrit :\n"
        "12/03/2024 à 10:15\n"
        "Enfin un budget, il était temps.\n"
        "Répondre\n"
        "Luc a écrit :\n"
        "12/03/2024 à 11:02\n"
        "Et la piscine, alors ?\n"
        "Répondre\n"
    ),
    "es": (
        "Comentarios\n"
        "Lucía dice:\n"
        "12/03/2024 a las 10:15\n"
        "Por fin un presupuesto.\n"
        "Responder\n"
        "Pablo dice:\n"
        "12/03/2024 a las 11:02\n"
        "¿Y la piscina?\n"
        "Responder\n"
    ),
    "it": (
        "Commenti\n"
        "Giulia ha scritto:\n"
        "12/03/2024 alle 10:15\n"
        "Finalmente un bilancio.\n"
        "Rispondi\n"
        "Marco ha scritto:\n"
        "12/03/2024 alle 11:02\n"
        "E la piscina?\n"
        "Rispondi\n"
    ),
    "pt": (
        "2 comentários\n"
        "Ana disse:\n"
        "12/03/2024 às 10:15\n"
        "Finalmente um orçamento.\n"
        "Responder\n"
        "Rui disse:\n"
        "12/03/2024 às 11:02\n"
        "E a piscina?\n"
        "Responder\n"
    ),
    "nl": (
        "Reacties\n"
        "Sanne schreef:\n"
        "12-03-2024 om 10:15\n"
        "Eindelijk een begroting.\n"
        "Beantwoorden\n"
        "Joost schreef:\n"
        "12-03-2024 om 11:02\n"
        "En het zwembad?\n"
        "Beantwoorden\n"
    ),
    "pl": (
        "Komentarze\n"
        "Anna napisała:\n"
        "12.03.2024 o 10:15\n"
        "Nareszcie budżet.\n"
        "Odpowiedz\n"
        "Piotr napisał:\n"
        "12.03.2024 o 11:02\n"
        "A co z basenem?\n"
        "Odpowiedz\n"
    ),
    "ru": (
        "Комментарии\n"
        "Ольга пишет:\n"
        "12.03.2024 в 10:15\n"
        "Наконец-то приняли бюджет.\n"
        "Ответить\n"
        "Иван пишет:\n"
        "12.03.2024 в 11:02\n"
        "А что с бассейном?\n"
        "Ответить\n"
    ),
    "uk": (
        "Коментарі\n"
        "Олена пише:\n"
        "12.03.2024 о 10:15\n"
        "Нарешті ухвалили бюджет.\n"
        "Відповісти\n"
        "Петро пише:\n"
        "12.03.2024 о 11:02\n"
        "А що з басейном?\n"
        "Відповісти\n"
    ),
}


@pytest.mark.parametrize("name", sorted(THREADS))
def test_whole_thread_goes_and_article_stays(name: str) -> None:
    thread = THREADS[name]
    out = cleantext.clean(ARTICLE + thread)
    assert out == ARTICLE.rstrip("\n")
    comments = [r for r in cleantext.explain(ARTICLE + thread) if r.filter == "comments"]
    assert comments and all(r.category == "comments" and "comment thread" in r.reason for r in comments)


def test_reason_names_what_opened_the_thread() -> None:
    reasons = {r.reason for r in cleantext.explain(ARTICLE + THREADS["en bylines, no heading"]) if r.filter == "comments"}
    assert len(reasons) == 1
    assert "written by Belfor, October 25, 2012" in reasons.pop()
    reasons = {r.reason for r in cleantext.explain(ARTICLE + THREADS["de"]) if r.filter == "comments"}
    assert any("'Kommentare'" in reason for reason in reasons)


def test_keep_categories_keeps_the_thread() -> None:
    text = ARTICLE + THREADS["en heading"]
    out = cleantext.clean(text, keep_categories={"comments"})
    for line in ("Great write-up, thanks for all the work on this.", "I still think the libraries should stay open on Sundays."):
        assert line in out
    assert all(r.category != "comments" for r in cleantext.explain(text, keep_categories={"comments"}))


ARTICLE_LINES_THAT_STAY = [
    # A paragraph that talks about comments, a heading with "Comments" in it, quotes, short lines.
    "Comments on the proposal",
    "The mayor said the comments from residents had changed the plan in three places.",
    "\u201cWe read every one of the 2,000 comments,\u201d she said.",
    "Reply",  # removed by the line rules, not by a thread: checked below
    "It passed anyway.",
]


def test_article_lines_mentioning_comments_survive() -> None:
    text = ARTICLE + "\n".join(ARTICLE_LINES_THAT_STAY[:3] + ARTICLE_LINES_THAT_STAY[4:]) + "\n"
    out = cleantext.clean(text).split("\n")
    for line in ARTICLE_LINES_THAT_STAY[:3] + ARTICLE_LINES_THAT_STAY[4:]:
        assert line in out, line
    assert not [r for r in cleantext.explain(text) if r.filter == "comments"]


def test_interview_with_said_lines_survives() -> None:
    interview = (
        "We asked three residents what they think of the budget.\n"
        "Maria Lopez, a teacher, said:\n"
        "\u201cThe libraries are where my students do their homework.\u201d\n"
        "Tom Becker, who runs a bakery, said:\n"
        "\u201cThe roads matter more to me than the pool.\u201d\n"
        "Ana Ruiz said:\n"
        "\u201cWe will fix this next year.\u201d\n"
    )
    text = ARTICLE + interview
    assert cleantext.clean(text) == text.rstrip("\n")


def test_comment_count_under_the_title_takes_nothing() -> None:
    text = "Council approves budget\n12 Comments\nMarch 3, 2024 at 9:14 am\n" + ARTICLE
    out = cleantext.clean(text)
    for line in ARTICLE.splitlines():
        assert line in out


def test_forum_posts_stay() -> None:
    forum = (
        "Best way to store brown sugar?\n"
        "Joined: Mar 2016\n"
        "Posts: 112\n"
        "Mine always goes hard within a week, no matter which jar I use. What do you all do?\n"
        "Quote\n"
        "Joined: Aug 2004\n"
        "Posts: 8,197\n"
        "A slice of bread in the container keeps it soft for weeks.\n"
        "Quote\n"
        "Joined: Sep 2006\n"
        "Posts: 90\n"
        "I use a terracotta disc, soaked in water for twenty minutes first.\n"
        "Quote\n"
    )
    out = cleantext.clean(forum)
    for post in ("A slice of bread in the container keeps it soft for weeks.",
                 "I use a terracotta disc, soaked in water for twenty minutes first."):
        assert post in out
    assert not [r for r in cleantext.explain(forum) if r.filter == "comments"]


def test_thread_stops_at_the_next_block() -> None:
    text = ARTICLE + THREADS["en heading"] + "Related stories\nMayor unveils plan for downtown parking\n"
    removed = [r for r in cleantext.explain(text) if r.filter == "comments"]
    assert removed and all("Related stories" not in r.text and "Mayor unveils" not in r.text for r in removed)


def test_registered_in_both_modes() -> None:
    for mode in ("article", "page"):
        assert any(isinstance(f, Comments) for f in default(Config(mode=mode)))


def test_page_mode_takes_a_late_thread() -> None:
    menu = "Home\nNews\nSport\nContact\n"
    text = menu + ARTICLE * 3 + THREADS["en heading"] + "About us\nPrivacy policy\n"
    removed = {r.text for r in cleantext.explain(text, mode="page") if r.category == "comments"}
    assert "Great write-up, thanks for all the work on this." in removed
    out = cleantext.clean(text, mode="page")
    assert "\u201cThis is not the budget any of us wanted,\u201d said council member Ana Ruiz." in out


@pytest.mark.parametrize("text", ["", "\n\n", "Reply\n" * 50, "12 Comments", "\ud800 says:\n12:00\nReply\n" * 3,
                                  "x says:\n" * 200])
def test_odd_input_never_raises(text: str) -> None:
    list(Comments()(cleantext.document.Document(cleantext.normalize(text))))
    cleantext.clean(text)


def test_log_lines_prices_and_tables_are_no_thread() -> None:
    """Shapes from documentation and product pages that once looked like entries (wcxb_dev)."""
    text = ARTICLE + (
        "2005-03-19 15:10:26,618 - simple_example - DEBUG - debug message\n"
        "2005-03-19 15:10:26,620 - simple_example - INFO - info message\n"
        "2005-03-19 15:10:26,697 - simple_example - ERROR - error message\n"
        "The handler writes one line per call, as shown above.\n"
        "Action | 07:34\n"
        "Comedy | 02:58\n"
        "Drama | 14:28\n"
        "Pro Tech Toolkit\n"
        "$29.95\n"
        "The kit comes with a lifetime warranty.\n"
        "$36.95\n"
        "The larger kit adds a magnetic project mat.\n"
        "$49.95\n"
    )
    assert cleantext.clean(text) == text.rstrip("\n")


def test_thread_shares_use_multisets() -> None:
    from benchmarks.comments_eval import ThreadShares

    shares = ThreadShares()
    # "the" is in the article twice and in the thread once: only the thread's copy is comment-only.
    shares.add(text="the vote the council\nthe best nice post", cleaned="the vote the council",
               gold="the vote the council", comments="the best nice post")
    assert (shares.comment_words, shares.comment_removed) == (4, 4)
    assert (shares.article_words, shares.article_lost) == (4, 0)
    shares.add(text="a b c\nd e", cleaned="a\nd", gold="a b c", comments="d e")
    assert shares.removed == 5 / 6 and shares.lost == 2 / 7


# A short blog post (about 60 words: under the 100 the counted-heading rule used to ask for), whose last
# paragraph ends in a closing quote, then a counted heading and a thread whose entries have no furniture
# left (trafilatura's default text drops author lines and dates): the shape met on dragnet_train blogs.
SHORT_POST = (
    "We spent the weekend at the coast and finally tried the new ferry to the islands.\n"
    "The crossing takes forty minutes and the boat was nearly empty on Saturday morning.\n"
    "As the captain put it when we landed, \u201cwinter is the best time to come, if you like quiet.\u201d\n"
)
UNFURNISHED_THREAD = (
    "Lovely photos, thanks for sharing them!\n"
    "We did the same trip last year and the food on the boat was awful.\n"
    "Which island did you like best?\n"
)


@pytest.mark.parametrize("heading", [
    "Comments",
    "Leave a Reply",
    "{ 3 comments\u2026 read them below or add one }",
    "3 Comments, Comment or Ping",
    "3 appreciated comments on \u201cA weekend on the islands\u201d",
    "3 Responses to \u201cA weekend on the islands\u201d",
])
def test_heading_after_a_short_post_takes_the_rest(heading: str) -> None:
    text = SHORT_POST + heading + "\n" + UNFURNISHED_THREAD
    out = cleantext.clean(text)
    assert out == SHORT_POST.rstrip("\n"), out
    # The post's last paragraph, which ends in a closing quote, stays with the thread gone.
    assert SHORT_POST.splitlines()[-1] in out.splitlines()


def test_counted_heading_under_the_title_keeps_a_short_post() -> None:
    text = "A weekend on the islands\n{ 3 comments\u2026 read them below or add one }\n" + SHORT_POST
    out = cleantext.clean(text).splitlines()
    assert all(line in out for line in SHORT_POST.splitlines())


def test_article_lines_lost_count_lines_not_shared_words() -> None:
    from benchmarks.comments_eval import ThreadShares

    shares = ThreadShares()
    # The thread repeats the article's words; only the article's own lines count, whole.
    shares.add(text="The vote passed\nThe vote was close\nGreat vote", cleaned="The vote passed",
               gold="The vote passed\nThe vote was close", comments="Great vote")
    assert (shares.line_words, shares.line_lost) == (7, 4)
    assert shares.lines_lost == 4 / 7
    # A line the thread quotes is neither article nor thread line.
    shares.add(text="The vote passed\nthe vote passed, indeed", cleaned="",
               gold="The vote passed", comments="the vote passed, indeed")
    assert (shares.line_words, shares.line_lost) == (7, 4)


def test_forum_posts_on_one_line_after_author_and_role_stay() -> None:
    # A forum's replies printed each on one long line after "<user> Admin": the posts are the content,
    # even under a "Comments" heading.
    reply = ("Hi @Ana, I regret that there has been some misunderstanding about the plan. As I wrote before, "
             "the team is still weighing how to keep the libraries open on Sundays, and we will post an update "
             "here as soon as the council has voted on the budget.")
    text = (SHORT_POST + "Comments\n" + "mrouse Admin " + reply + "\n"
            + "Ana Moderator My note was accurate and strictly factual; I only repeated what the council said.\n"
            + "Really sad but I think we all saw it coming.\n")
    assert len("mrouse Admin " + reply) > 200
    assert cleantext.clean(text) == text.rstrip("\n").replace("Comments\n", "")


def test_article_author_line_above_a_thread_of_trailing_bylines_stays() -> None:
    # Movable Type: the post ends with its own author line, then each comment is followed by
    # "Posted by: <name> on <date>". The author line is the article's (the gold keeps it), not an entry.
    own = "Posted by Ana Ruiz at December 29, 2007 12:03 PM | Email This"
    thread = "".join(
        f"{body}\nPosted by: {name} on December {day}, 2007 0{day - 28}:15 PM\n"
        for body, name, day in [("I hope the pool opens next summer.", "Travis Pahl", 29),
                                ("Roads first, always.", "Bruce Guthrie", 30),
                                ("Thanks for the write-up.", "Ben Johnstone-Anderson", 31)])
    text = ARTICLE + own + "\n" + thread
    out = cleantext.clean(text).splitlines()
    assert own in out
    assert all(line in out for line in ARTICLE.splitlines())
    assert not any(line.startswith("Posted by:") for line in out)


POST_DE = (
    "Wir waren am Wochenende an der Küste und haben endlich die neue Fähre zu den Inseln ausprobiert.\n"
    "Die Überfahrt dauert vierzig Minuten und das Schiff war am Samstagmorgen fast leer.\n"
    "Der Kapitän sagte bei der Ankunft: \u201eDer Winter ist die beste Zeit, wenn man Ruhe mag.\u201c\n"
)


@pytest.mark.parametrize("heading", ["Kommentare", "3 Kommentare", "Commentaires", "Comentarios", "Commenti",
                                     "Comentários", "Reacties", "Komentarze", "Комментарии", "Коментарі"])
def test_heading_takes_an_unfurnished_thread_in_every_language(heading: str) -> None:
    text = POST_DE + heading + "\nSchöne Fotos, danke fürs Teilen!\nWir haben die gleiche Reise letztes Jahr gemacht.\n"
    assert cleantext.clean(text) == POST_DE.rstrip("\n")


# A blog post whose lines must all survive: a dated paragraph, "says:" and "reply" in prose, a quote,
# a short paragraph and a heading.
BLOG_POST = (
    "Why the ferry timetable changed\n"
    "On March 3, 2024 at 9:00 the operator moved the first crossing half an hour earlier, without notice.\n"
    "The harbour master says: the new slot avoids the fishing fleet coming in at dawn.\n"
    "In reply to our questions, the operator wrote that the change was agreed with the council in January.\n"
    "\u201cNobody asked the people who take the boat to work,\u201d said Maria Lopez, a nurse on the islands.\n"
    "Winter prices stay the same.\n"
    "What happens next\n"
    "The council meets again on Thursday and the timetable is on its agenda, after the budget and the pool.\n"
)
FURNISHED_ENTRIES = (
    "Dan says:\n"
    "March 4, 2024 at 08:45 AM\n"
    "Thanks for digging into this, nobody else covered it.\n"
    "Reply\n"
    "Amber says:\n"
    "March 4, 2024 at 10:06 AM\n"
    "The 7:30 boat was full of school kids this morning.\n"
    "Reply\n"
    "Jo says:\n"
    "March 5, 2024 at 7:41 PM\n"
    "Same here, I missed my shift.\n"
    "Reply\n"
)
# Entries whose author lines, dates and crumbs the extractor dropped (trafilatura's default text).
UNMARKED_ENTRIES = [
    "Great write-up as always, I forwarded it to my sister who lives on the big island.",
    "Does anyone know if the evening boat is changing too? I could not find it on their site.",
    "Ha, typical. They did the same thing in 2019 and reversed it after a month of complaints.",
    "I emailed the council, will post their answer here.",
    "Thanks Maria for saying what everyone thinks.",
    "The fishing fleet argument makes no sense to me, the boats come in at five, not seven.",
]


def test_entries_after_the_last_marked_one_go_in_article_mode() -> None:
    text = BLOG_POST + FURNISHED_ENTRIES + "\n".join(UNMARKED_ENTRIES) + "\n"
    out = cleantext.clean(text)
    assert out == BLOG_POST.rstrip("\n"), out
    # Page mode takes the marked entries and runs on too, since the article above holds more than twice the prose
    # after the thread (tests/test_comments_page.py has a page where it does not).
    doc = cleantext.document.Document(cleantext.normalize(text))
    taken = "\n".join(doc.text[r.start : r.end] for r in Comments(page=True)(doc))
    assert "Same here, I missed my shift." in taken
    assert all(line in taken for line in UNMARKED_ENTRIES[MIN_BODY_LINES:])


def test_entries_after_the_thread_stop_at_the_next_block() -> None:
    tail = "Related stories\nMayor unveils plan for downtown parking\n"
    text = BLOG_POST + FURNISHED_ENTRIES + "\n".join(UNMARKED_ENTRIES) + "\n" + tail
    removed = [r for r in cleantext.explain(text) if r.filter == "comments"]
    gone = "\n".join(r.text for r in removed)
    assert all(entry in gone for entry in UNMARKED_ENTRIES)
    assert "Related stories" not in gone and "Mayor unveils" not in gone


def test_a_weak_thread_takes_no_text_after_it() -> None:
    # One dated entry under a late "Comments" heading: a low-confidence thread, whose end is its
    # entry's body, not the end of the text.
    thread = "Comments\nMarch 4, 2024 at 08:45 AM\nThanks for this.\n"
    after = ("The operator has since replied to our questions and says the earlier crossing is a trial that "
             "ends in May, when the summer timetable starts and the fleet moves to its new berth in the east "
             "harbour, further from the ferry ramp, which was the reason given in the first place.\n")
    text = BLOG_POST + thread + "\n".join([after.strip()] * 6) + "\n"
    comments = [r for r in cleantext.explain(text) if r.filter == "comments"]
    assert comments and all(r.confidence == "low" for r in comments)
    assert after.strip() in cleantext.clean(text)


def test_unmarked_entries_between_two_marked_runs_go() -> None:
    # A long stretch of entries whose furniture was dropped splits the marked entries into two runs
    # (more than MAX_GAP lines apart); what lies between them is the same thread.
    from cleantext.filters.comments import MAX_GAP

    middle = [f"{entry} ({k})" for k in range(MAX_GAP // len(UNMARKED_ENTRIES) + 2) for entry in UNMARKED_ENTRIES]
    assert len(middle) > MAX_GAP
    second = FURNISHED_ENTRIES.replace("Dan", "Lee").replace("Amber", "Kim").replace("Jo says", "Max says")
    text = BLOG_POST + FURNISHED_ENTRIES + "\n".join(middle) + "\n" + second
    assert cleantext.clean(text) == BLOG_POST.rstrip("\n")


def test_article_between_two_blocks_is_not_bridged() -> None:
    # A thread, another block (a headline list), then text: the bridge never crosses another block.
    text = (BLOG_POST + FURNISHED_ENTRIES + "Related stories\nMayor unveils plan for downtown parking\n"
            + "\n".join(UNMARKED_ENTRIES) + "\n")
    out = cleantext.clean(text)
    assert "Related stories" not in [r.text for r in cleantext.explain(text) if r.filter == "comments"]
    assert all(line in out.splitlines() for line in BLOG_POST.splitlines())


def test_entries_above_the_comment_form_that_closes_them_go() -> None:
    # Movable Type / TypePad: each comment followed by "Posted by: name | date time", the thread closed
    # by "Post a Comment" (a comments heading with nothing after it): both are one thread.
    thread = "".join(
        f"{body}\nPosted by: {name} | March {day}, 2024 0{day - 1}:24 PM\n"
        for body, name, day in [("Roads first, then the pool. That is the right order.", "Lucky Lake", 4),
                                ("Nobody asked the families who use the libraries.", "Suzanne", 5),
                                ("Thanks for covering the vote.", "thecrisis", 6),
                                ("The 7:30 boat was full of school kids this morning.", "jim", 7)])
    text = BLOG_POST + thread + "Post a Comment\n"
    assert cleantext.clean(text) == BLOG_POST.rstrip("\n")


def test_last_article_line_stays_above_leading_bylines_closed_by_a_form() -> None:
    # Entries headed by "date / X said," and the thread closed by a comment form: the bylines lead their
    # entries, so the line above the first one is the article's (a question to the readers), not a comment.
    thread = "".join(f"March {day}, 2024 at 8:{day}0 am\n{name} said,\n{body}\n" for body, name, day in [
        ("Roads first, then the pool. That is the right order.", "Kevin", 4),
        ("Nobody asked the families who use the libraries.", "lucky", 5),
        ("Thanks for covering the vote.", "Bruce", 6)])
    post = BLOG_POST + "What would you have voted for? Tell us below, we read every answer before the next meeting.\n"
    text = post + thread + "Add A Comment\n"
    assert cleantext.clean(text) == post.rstrip("\n")


@pytest.mark.parametrize("link", [
    "Login or register to post comments",
    "Log in or register to post comments",
    "Connectez-vous ou inscrivez-vous pour publier un commentaire",
    "Inicie sesión o regístrese para enviar comentarios",
    "Войдите или зарегистрируйтесь, чтобы отправлять комментарии",
])
def test_drupal_comment_link_opens_the_thread_below_it(link: str) -> None:
    # Drupal prints the link (and "N reads") under the node; the comments follow with no furniture left.
    text = BLOG_POST + "- " + link + "\n- 9086 reads\n" + "\n".join(UNMARKED_ENTRIES) + "\n"
    out = cleantext.clean(text).splitlines()
    assert all(line in out for line in BLOG_POST.splitlines())
    assert not any(entry in out for entry in UNMARKED_ENTRIES)


def test_drupal_comment_link_in_prose_opens_nothing() -> None:
    line = "Readers who want to join the debate must log in or register to post comments, the editor said."
    text = BLOG_POST + line + "\n" + "\n".join(UNMARKED_ENTRIES[:2]) + "\n"
    assert cleantext.clean(text) == text.rstrip("\n")


def test_polish_commentary_heading_is_no_thread() -> None:
    # "Komentarz" (singular) heads an analyst's commentary in Polish reports; "Komentarze" heads a thread.
    report = (
        "Rosyjskie służby prowadziły w Czechach operacje sabotażowe, ustalili śledczy po trzech latach pracy.\n"
        "Według prokuratury w magazynie amunicji doszło do dwóch eksplozji w odstępie kilku tygodni.\n"
        "Rząd w Pradze wydalił kilkunastu dyplomatów, a Moskwa odpowiedziała tym samym krokiem.\n"
    )
    analysis = ("Sprawa pokazuje, że rosyjskie służby są gotowe działać na terytorium państw NATO, także wtedy, "
                "gdy ryzyko ujawnienia jest wysokie, a koszty polityczne dla Moskwy trudne do przewidzenia.\n")
    assert cleantext.clean(report + "Komentarz\n" + analysis) == (report + "Komentarz\n" + analysis).rstrip("\n")
    thread = "Komentarze\nŚwietny tekst, dziękuję.\nA co z Polską?\n"
    assert cleantext.clean(report + analysis + thread) == (report + analysis).rstrip("\n")


def test_author_and_date_on_one_line_head_entries() -> None:
    # WordPress themes that print "<name> says: <date>" on one line above each comment.
    thread = "".join(f"{name} says: {date}\n{body}\n" for name, date, body in [
        ("Public Speaking Trainer", "11/2/2012", "Extremely helpful post for link building."),
        ("Jenn", "November 6, 2012 at 1:04 pm", "We tried the guest posts and it worked for us."),
        ("Fran\u00e7ois | Linkody", "11/5/2012", "Monitoring the links you earned matters as much."),
    ])
    post = BLOG_POST + "The mayor said: May 3, 2021 will be remembered as the day the ferry came back.\n"
    assert cleantext.clean(post + thread) == post.rstrip("\n")


def test_leftovers_table_splits_pages_the_filter_missed() -> None:
    from pathlib import Path

    from benchmarks.comments_eval import Leftover, leftovers_markdown
    from benchmarks.data import Page

    def page(site: str) -> Page:
        return Page("dragnet_train", site, site[:2], "", Path("."), {})

    rows = [Leftover(page("a.com"), 100, 90, False, "bare"), Leftover(page("b.com"), 50, 5, True, "part"),
            Leftover(page("c.com"), 10, 0, False)]
    head = leftovers_markdown("dragnet_train", rows, 2).splitlines()
    assert head[0] == ("dragnet_train: 95 of 160 comment-only words left; 90 of them on 1 pages where the "
                       "comments filter took nothing")
    assert [line.split(";")[0] for line in head if line.startswith("* ")] == [
        "* part: 5 words on 1 pages", "* bare: 90 words on 1 pages"]
    assert head[-2:] == ["| a.com | a. | 100 | 90 | no | bare |", "| b.com | b. | 50 | 5 | yes | part |"]


def test_leftover_cause_tells_a_bare_thread_from_a_merged_one() -> None:
    """A thread printed after the article with its furniture dropped is "bare"; one glued into the article's
    line (an old table layout printed as one line) is "merged"; one with its heading, "heading"."""
    from benchmarks.comments_eval import leftover_cause
    from cleantext.filters.comments import Comments

    article = "The council voted on Tuesday to reopen the ferry line that closed in 2019 after a long dispute."
    thread = "Great news, I used that ferry every day.\nAbout time they fixed it, thanks for the report."
    finder = Comments()
    assert leftover_cause(f"{article}\n{thread}", article, thread, 17, False, finder) == "bare"
    merged = f"{article} {thread.replace(chr(10), ' ')}"
    assert leftover_cause(merged, article, thread, 17, False, finder) == "merged"
    assert leftover_cause(f"{article}\n3 Comments\n{thread}", article, thread, 17, False, finder) == "heading"
    assert leftover_cause(f"{article}\n{thread}", article, thread, 17, True, finder) == "part"


def test_sweep_names_thresholds_of_the_filter() -> None:
    from benchmarks.comments_eval import SWEEP
    from cleantext.filters import comments as module

    for name, values in SWEEP.items():
        shipped = getattr(module, name)
        assert isinstance(shipped, (int, float)) and shipped not in values


def test_reason_names_the_text_taken_after_the_last_marked_entry() -> None:
    text = BLOG_POST + FURNISHED_ENTRIES + "\n".join(UNMARKED_ENTRIES) + "\n"
    tail = [r for r in cleantext.explain(text) if r.filter == "comments" and UNMARKED_ENTRIES[-1] in r.text]
    assert tail and "after its last marked entry" in tail[0].reason
    # A thread that ends the text has no such clause.
    bare = [r for r in cleantext.explain(BLOG_POST + FURNISHED_ENTRIES) if r.filter == "comments"]
    assert bare and not any("after its last marked entry" in r.reason for r in bare)


# A Genesis-theme thread as trafilatura prints it: "<name> says" above each comment, the date dropped.
UNDATED_SAYS_THREAD = (
    "Sharon says\n"
    "Goodness, is that your cabbage in the picture?? Mine are rather lacey this year.\n"
    "Jill Winger says\n"
    "Yes, for some reason my cabbages are doing beautifully this year! Mine were really lacey last year.\n"
    "Amy says\n"
    "Mine too, cabbage and cauliflower are ENORMOUS!\n"
    "Doris Adams-Boyd says\n"
    "Self rising flour dusted on the beans will kill the bugs, a trick I learned yesterday.\n"
    "Amy says\n"
    "That is interesting! I would rather dust with something less harmful.\n"
)


@pytest.mark.parametrize("page", [False, True])
def test_undated_bylines_of_one_form_head_a_thread(page: bool) -> None:
    from cleantext.document import Document

    text = BLOG_POST + ARTICLE + UNDATED_SAYS_THREAD
    doc = Document(text)
    taken = {doc.text[r.start:r.end] for r in Comments(page=page)(doc)}
    assert set(UNDATED_SAYS_THREAD.splitlines()) <= taken
    assert not taken & set((BLOG_POST + ARTICLE).splitlines())
    if not page:
        assert cleantext.clean(text) == (BLOG_POST + ARTICLE).rstrip("\n")


@pytest.mark.parametrize("speakers", [
    # Two people answering in turn: four "says:" lines, two names.
    ["Anna Berg says:", "Tom Reyes says:", "Anna Berg says:", "Tom Reyes says:"],
    # Four residents, each introduced by who they are (a comma): quotes, not a thread.
    ["Maria Lopez, a teacher, says:", "Tom Becker, who runs a bakery, says:", "Ana Ruiz, on the council, says:",
     "Li Wei, a nurse, says:"],
])
def test_interviews_with_four_says_lines_survive(speakers: list[str]) -> None:
    answers = ["\u201cThe libraries are where my students do their homework.\u201d",
               "\u201cThe roads matter more to me than the pool.\u201d", "We will fix this next year.",
               "Evening hours", "\u201cNight shifts end at six, and the early ferry is how we get home.\u201d"]
    text = ARTICLE + "What the budget means\n" + "".join(f"{s}\n{a}\n" for s, a in zip(speakers, answers)) + answers[-1]
    assert cleantext.clean(text) == text
    assert not [r for r in cleantext.explain(text) if r.filter == "comments"]


def test_gap_pages_tells_a_thread_left_from_content_cut() -> None:
    from pathlib import Path

    from benchmarks.data import Page
    from benchmarks.gap_pages import cause

    page = Page("wcxb_dev", "a.com", "1", "", Path("."), {}, "article")
    marker_of = Comments().marker
    gold = ARTICLE
    thread = "Sharon says\nGreat post, thanks for all the work on this.\nAmy says\nI agree with every word of it.\n"
    assert cause(page, ARTICLE + thread, ARTICLE, gold, marker_of).startswith("boilerplate left, with thread")
    assert cause(page, thread, ARTICLE, gold, marker_of).startswith("content cut")
    unmarked = "Great post, thanks for all the work on this, I agree with every word of it and more.\n" * 2
    assert cause(page, ARTICLE + unmarked, ARTICLE, gold, marker_of).startswith("boilerplate left, no thread")
    # Given the row's input: gold the input never held is the extractor's loss, not a cut.
    assert cause(page, "Menu\n", ARTICLE, gold, marker_of, "Menu\n").startswith("input lacks it")
    assert cause(page, "Menu\n", ARTICLE, gold, marker_of, "Menu\n" + ARTICLE).startswith("content cut")
