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


# Lines of benchmark pages (big9 2009_arrest, Resiliparse's text): a "COMMENTS" heading with no entry after it,
# then the page's boxes. The article above holds far more prose than the text after the heading.
NEWS_ARTICLE = [
    "WASHINGTON - FBI agents have arrested a city government worker and another man while they search the offices "
    "of the city's chief technology officer.",
    "The head of that city office, Vivek Kundra, recently left to take a White House technology post.",
    "Katherine Schweit, spokeswoman for the FBI's Washington field office, said the search was being conducted as "
    "part of an continuing investigation.",
    "Schweit declined to give the subject of the investigation, or comment further on the case.",
    "Mafara Hobson, a spokeswoman for Mayor Adrian Fenty, said an investigation is in progress, but she would not "
    "disclose any specific information about the case.",
]
AFTER_HEADING = [
    "COMMENTS", "SHARE BOX", "Show your support.", "Buzz this article up.", "Neighborhood Profiles", "Murray Hill",
    "Sponsored by:",
]


def test_a_heading_with_no_entries_after_the_article_takes_the_rest() -> None:
    """Page mode: a comments heading after the article, with no entry furniture below it, takes the rest of the
    text, as in article mode, because the prose above it is more than twice the prose after it."""
    text = MENU + "2 ARRESTED IN RAID ON DC TECH OFFICES\nMarch 12, 2009\n" + "\n".join(
        NEWS_ARTICLE + AFTER_HEADING) + "\n"
    taken = comment_removals(text)
    assert all(line in taken for line in AFTER_HEADING)
    assert_survive(NEWS_ARTICLE, text)


def test_a_count_under_the_title_with_no_entries_takes_no_article() -> None:
    """The same heading printed under the title, the article below it, a long menu above it (over 40 words,
    none of them prose): the article stays."""
    text = FORUM_MENU + "2 ARRESTED IN RAID ON DC TECH OFFICES\n12 Comments\n" + "\n".join(NEWS_ARTICLE) + "\n" + FOOTER
    assert_survive(NEWS_ARTICLE, text)
    assert comment_removals(text) == ""


# Lines of a blog's front page (dragnet_train R782, whole-page text): each post ends with its "Comments" link and
# the next post follows it. Its prose is as long as the post above: no thread.
FIRST_POST = [
    "Chen emphasized the point. \u201cDiscovery is a reward for doing something boring, like pushing a stick "
    "forward.\u201d (Audience laughter) Something needs to happen that feels interesting. A real desert is mostly "
    "flat. Chen and his team created dunes for players to climb and discover something in the process.",
    "Pinchbeck wondered if we simply haven't done it well enough. Do poor writing and acting continue to "
    "undermine games? Chen sees it differently, returning to simplicity. \u201cIn Journey I wake up in the desert "
    "and make my way to the mountain. That's the story of Journey.\u201d",
]
NEXT_POST = [
    "Crafting wonder",
    "Players and critics are hardwired to classify. We obsessively index and categorize the games we play, relying "
    "on their mechanical properties (platformer, RTS, FPS, etc.) to communicate their essential characteristics. "
    "Not content to classify the games, we even classify the gamers.",
    "Publishers follow suit, describing their games in familiar terms. When I saw Dishonored a few months ago at "
    "E3, the booth rep made sure I knew the game would appeal to FPS and stealth and RPG fans alike.",
]


def test_a_blog_front_page_keeps_the_post_after_a_comments_link() -> None:
    text = (MENU + "\n".join(FIRST_POST) + "\nPosted at 08:37 PM in Game design | Permalink\nReblog (0) |\n"
            "Comments\n" + "\n".join(NEXT_POST) + "\nSubscribe\nArchives\nOctober 2012\n")
    assert_survive(FIRST_POST + NEXT_POST, text)


UNFURNISHED = [
    "I haven't seen it yet, but your review really makes me want to.",
    "Just saw it on IMAX. Let me say this, it should absolutely be nominated.",
]


def test_a_thread_runs_on_past_its_last_marked_entry_only_with_the_article_above() -> None:
    """Page mode: after the last marked entry, entries whose furniture the extractor dropped go too (the thread
    runs to the end of the text), when the article above holds more than twice the prose after the thread."""
    text = MENU + "March 2, 2024, 09:14\n" + ARTICLE + WORDPRESS_THREAD + "\n".join(UNFURNISHED) + "\n"
    taken = comment_removals(text)
    assert all(entry in taken for entry in ENTRIES + UNFURNISHED)
    assert_survive(ARTICLE_LINES, text)
    # More prose after the thread than half the article's (the next post of a front page): the thread stops at its
    # last entry's body (at most MIN_BODY_LINES lines, here the short lines after its last "Reply").
    text = (MENU + ARTICLE + WORDPRESS_THREAD + "Subscribe\nArchives\nOctober 2012\n" + "\n".join(NEXT_POST)
            + "\n" + "\n".join(FIRST_POST) + "\n")
    assert_survive(NEXT_POST[1:] + FIRST_POST, text)


# Lines of a benchmark page (scrapinghub, nbcsports.com, Resiliparse's text): a short article, then a heading that
# quotes its title and reader comments whose furniture the extractor dropped (more prose than the article).
SHORT_ARTICLE = [
    "Chargers coach Anthony Lynn recognizes that his team\u2019s playoff hopes are somewhere between slim and none "
    "after Monday night\u2019s loss to the Chiefs.",
    "Lynn said after the game that the Chargers saw winning Monday night as the most important step toward getting "
    "back into the playoff race. Instead, they lost 24-17.",
]
NUMBERED_COMMENTS = [
    "  3. As usual too many mistakes by Rivers. As good as the class of 2004 QBs have been one of them always leads "
    "in INTs. With Hill out the KC offense doesn\u2019t look that dynamic against a decent D.",
    "  4. Rivers is done. Get a new QB, Chargers. Philip has hit the wall. You\u2019ve got a good team, but you need "
    "a QB who won\u2019t throw interceptions.",
    "  6. Another team suffering from a Super Bowl run hangover, courtesy of your New England Patriots. "
    "Demonstrates once again the incredible 20yr run the Patriots have been on.",
    "  14. Why did you not have a plan to bench Rivers, if necessary, just in case \u2013 you know, as it was "
    "necessary\u2026",
]


def test_a_heading_quoting_the_title_takes_the_rest() -> None:
    """The heading names the article's title (a line above it): a thread's heading, never a count under the
    title, so it takes the rest of the text although the comments hold more prose than the article."""
    title = "Anthony Lynn: \u201cWe needed to win this game\u201d"
    text = (title + "\nPosted by Michael David Smith on November 19, 2019, 6:21 AM EST\n" + "\n".join(SHORT_ARTICLE)
            + "\nPermalink 34 Comments Feed for comments Back to top\n"
            + f"34 responses to \u201c{title}\n" + "\n".join(NUMBERED_COMMENTS) + "\n")
    taken = comment_removals(text)
    assert all(core in taken for core in (line.strip() for line in NUMBERED_COMMENTS))
    assert_survive(SHORT_ARTICLE, text)
    assert not taken.startswith(title)  # the title line itself stays (the heading quotes it)
    # The same comments under a plain count: no title quoted, more prose below than above, so they stay.
    plain = text.replace(f"34 responses to \u201c{title}", "34 Comments")
    assert comment_removals(plain) == ""


#: Comments under "<name> <date> at <time>" bylines, the way a blog theme prints them.
BYLINED = [
    ("Tim Worstall", "11.06.12 at 11:06 am",
     "How much of that drop is regulation and how much the switch from coal to shale gas on its own?"),
    ("ohreally", "11.06.12 at 11:22 am", "Interesting piece, though I doubt the timetable matters to voters."),
    ("john b", "11.06.12 at 11:22 am", "The early boat is the only one that gets you to the train in time."),
    ("Glen Tomkins", "11.06.12 at 1:03 pm", "Here is a poem my grandfather wrote about that same ferry:"),
]
#: One long entry: a quoted poem, more lines than a thread's markers are ever apart.
POEM = [f"and the {word} came down to the harbour at dawn" for word in (
    "gulls", "nets", "boats", "crews", "wives", "children", "carts", "horses", "traders", "priests", "sailors",
    "dogs", "barrels", "crates", "ropes", "lamps", "bells", "drums", "flags", "sails", "oars", "anchors", "lines",
    "hooks", "baskets", "fishwives", "clerks", "pilots", "tides", "winds", "clouds", "rains")]
LATER = [
    ("Martin", "11.06.12 at 1:38 pm", "Lovely. Did he work on the boats himself, or only watch them?"),
    ("philofra", "11.06.12 at 1:58 pm",  # a reply quoting an earlier comment on a line of its own
     BYLINED[1][2] + "\nIt matters to me, I take that boat every day."),
    ("Barry Freed", "11.06.12 at 2:25 pm", "The council will fold, it always does when the harbour complains."),
    ("js.", "11.06.12 at 2:47 pm", "Same thing happened on our island in 2009, and the boat came back."),
]


def test_a_thread_split_by_one_long_entry_goes_whole() -> None:
    """A quoted poem, longer than markers are ever apart, splits the entries in two runs; the second run
    continues the thread (its first byline has the shape of the first run's), so a reply in it quoting an
    earlier comment is no forum's quote of its first post, and it goes too."""
    first = "".join(f"{name} {when}\n{body}\n" for name, when, body in BYLINED) + "\n".join(POEM) + "\n"
    later = "".join(f"{name} {when}\n{body}\n" for name, when, body in LATER)
    text = MENU + ARTICLE + first + later + FOOTER
    taken = comment_removals(text)
    for _, _, body in BYLINED + LATER:
        assert body in taken, body
    assert_survive(ARTICLE_LINES, text)
