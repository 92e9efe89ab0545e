"""The comments filter in page mode (whole-page text): threads found by their entries' shape go, while
forum and Q&A pages, whose posts are the content, keep them, and the article above a thread stays.

Every line is written for these tests, in the shapes a page-text extractor prints (menus above the
article, a forum's author box as one cell a line, a dated headline list after the article).
"""

from __future__ import annotations

import cleantext
from cleantext.document import Document
from cleantext.filters import Comments

MENU = "Home\nNews\nSport\nCulture\nContact\n"
#: A forum's header in page text: sections, sign-in links and a breadcrumb trail, all short lines (over 40 words).
FORUM_MENU = "".join(f"{item}\n" for item in (
    "Forums", "What's new", "New posts", "Latest activity", "Members", "Current visitors", "Log in",
    "Register", "Search forums", "Recipes", "Bread and dough", "Cakes and pastry", "Equipment reviews",
    "Community rules", "Help centre", "Install the app", "Home", "Forums", "Baking", "Sourdough"))
FOOTER = "About us\nPrivacy policy\nTerms of use\n"

#: An article's lines that must survive: a heading, a quote ending in a closing quote, short paragraphs.
ARTICLE_LINES = [
    "Ferry timetable to change in May",
    "The island ferry will leave an hour later on weekdays from May, the operator said on Monday, after a "
    "review of passenger numbers on the early crossings over the past two winters.",
    "Commuters who work on the mainland say the change will cost them their morning connection to the "
    "train, and the harbour council has asked the operator to keep at least one early boat.",
    "What the operator says",
    "The company said the first crossing carried fewer than twenty people on most days in January and "
    "that fuel costs had doubled since the contract was signed, leaving it no room for empty runs.",
    "\u201cWe cannot run a half-empty boat at six in the morning and keep fares where they are,\u201d",
    "It will review the timetable again in the autumn.",
    "The council meets on Thursday.",
]
ARTICLE = "\n".join(ARTICLE_LINES) + "\n"


PAGE_COMMENTS = Comments(page=True)


def comment_removals(text: str) -> str:
    """Everything the comments filter, as page mode builds it, takes from ``text`` (the page classifier
    would report some of the same lines as its own in ``explain``)."""
    doc = Document(cleantext.normalize(text))
    return "\n".join(doc.text[r.start : r.end] for r in PAGE_COMMENTS(doc))


def assert_survive(lines: list[str], text: str) -> None:
    taken = comment_removals(text)
    for line in lines:
        assert line not in taken, line


ENTRIES = [
    "Great write-up, I forwarded it to my sister who takes that boat every day.",
    "Does anyone know if the evening crossing is changing too? I could not find it on their site.",
    "Typical. They did the same in 2019 and reversed it after a month of complaints.",
]
WORDPRESS_THREAD = (
    "Dan says:\nMarch 3, 2024 at 8:45 AM\n" + ENTRIES[0] + "\nReply\n"
    "Amber says:\nMarch 4, 2024 at 10:06 AM\n" + ENTRIES[1] + "\nReply\n"
    "Jo says:\nMarch 5, 2024 at 7:41 PM\n" + ENTRIES[2] + "\nReply\n"
)


def test_shape_found_thread_goes_in_page_mode_and_the_article_stays() -> None:
    text = MENU + "March 2, 2024, 09:14\n" + ARTICLE + WORDPRESS_THREAD + FOOTER
    taken = comment_removals(text)
    for entry in ENTRIES:
        assert entry in taken
    assert_survive(ARTICLE_LINES, text)
    out = cleantext.clean(text, mode="page")
    for entry in ENTRIES:
        assert entry not in out


def test_a_dated_headline_list_after_the_article_takes_no_article() -> None:
    """The article's own dateline, then a list of dated headlines: no thread starts at the dateline."""
    headlines = "".join(f"{title}\n2024-03-0{day} 1{day}:0{day}\n" for day, title in enumerate(
        ["Harbour dredging starts next week", "New cafe opens on the quay", "Lifeboat crew honoured",
         "School bus route to change", "Storm closes the coast road", "Fish market moves indoors"], start=1))
    text = MENU + "Saturday, 2 March, 2024, 09:14\n" + ARTICLE + "More news\n" + headlines + FOOTER
    assert_survive(ARTICLE_LINES + ["Saturday, 2 March, 2024, 09:14"], text)


def test_a_count_under_the_title_takes_no_article() -> None:
    thread = "12 Comments\n" + WORDPRESS_THREAD
    text = MENU + ARTICLE_LINES[0] + "\n12 Comments\n" + "\n".join(ARTICLE_LINES[1:]) + "\n" + thread + FOOTER
    assert_survive(ARTICLE_LINES, text)
    assert all(entry in comment_removals(text) for entry in ENTRIES)


POSTS = [
    "My sourdough starter smells of nail varnish after a week in the fridge. Is it dead, or can I still "
    "rescue it before the weekend? I feed it once a week with rye flour and keep it in a glass jar with "
    "the lid screwed on, and it used to double within six hours of a feed.",
    "That smell is hunger, not death. Pour off the liquid, feed it twice a day for three days and it will "
    "come back. Mine went through the same thing last winter.",
    "Agreed, and loosen the lid a little. A starter needs to breathe in the fridge too.",
    "Thanks both, it doubled again this morning after two feeds.",
    "Glad it worked. Rye starters recover faster than wheat ones in my experience.",
]


def test_forum_posts_closed_by_like_counts_stay() -> None:
    """A forum printing each post's number above it and its likes below it: the first post is no article."""
    posts = "".join(f"{k}\n{post}\n{likes} Likes\n" for k, (post, likes) in
                    enumerate(zip(POSTS, (31, 12, 9, 4, 7)), start=1))
    text = FORUM_MENU + "Starter smells of nail varnish\n" + posts + FOOTER
    assert_survive(POSTS, text)


def test_forum_author_box_on_two_lines_a_cell_keeps_posts() -> None:
    """The author box printed one cell a line ("Messages" / "196"): a forum, its posts stay."""
    box = "Messages\n{}\nReaction score\n{}\n"
    posts = "".join(f"{name}\n{box.format(m, r)}{post}\nLike\nReply\n" for name, m, r, post in
                    zip(("breadhead", "ryeguy", "kneadful", "breadhead", "ryeguy"),
                        (196, 2031, 88, 197, 2032), (76, 904, 12, 77, 905), POSTS))
    text = FORUM_MENU + "Starter smells of nail varnish\n" + posts + FOOTER
    assert_survive(POSTS, text)


def test_forum_replies_quoting_the_first_post_keep_it() -> None:
    """Replies quote the first post ("X said:" and its line again): the first post is no article."""
    question = POSTS[0].split(". ")[0] + "."
    replies = "".join(f"{k} hours ago, breadhead said:\n{question}\n{reply}\n"
                      for k, reply in zip((3, 2, 1), POSTS[1:4]))
    text = FORUM_MENU + "breadhead\n" + POSTS[0] + "\n" + replies + FOOTER
    assert_survive(POSTS[:4], text)


def test_q_and_a_answers_under_their_own_comment_counts_stay() -> None:
    """A Q&A page: the question and each answer carry their own comments, counted differently."""
    answers = [
        "Use a context manager: it closes the file even when the loop raises, which a bare open() does not.",
        "If the files are large, read them line by line instead of calling read() on the whole file at once.",
    ]
    text = (MENU + "How do I close files opened in a loop?\n" + POSTS[0] + "\n"
            "3 Comments\nWhich version are you on?\nThree point twelve.\nThen see the answers below.\n"
            "2 Answers\n" + answers[0] + "\n"
            "2 Comments\nThis is the right answer.\nAgreed, it also works with several files.\n"
            + answers[1] + "\n1 Comment\nGood point about memory.\n"
            "Your Answer\n" + FOOTER)
    assert_survive([POSTS[0], *answers], text)


def test_page_mode_builds_the_page_guards() -> None:
    from cleantext.config import Config
    from cleantext.filters import default

    for mode, page in (("article", False), ("page", True)):
        found = [f for f in default(Config(mode=mode)) if isinstance(f, Comments)]
        assert [(f.from_shape, f.page) for f in found] == [(True, page)]


def test_forum_thread_under_a_breadcrumb_trail_keeps_its_posts() -> None:
    """Only menus and a thread title stand above the first post: no article, so no thread below it."""
    short = ["Is my starter dead if it smells of nail varnish?", "No, it is hungry. Feed it twice a day.",
             "Loosen the lid too, it needs to breathe.", "Thanks both, it doubled again this morning."]
    posts = "".join(f"Posted by {name} on 07/0{k}/24 0{k}:15 PM\n{post}\n"
                    for k, (name, post) in enumerate(zip(("breadhead", "ryeguy", "kneadful", "breadhead"), short),
                                                     start=1))
    text = FORUM_MENU + "Starter smells of nail varnish\nJump to bottom\n" + posts + FOOTER
    assert_survive(short, text)
