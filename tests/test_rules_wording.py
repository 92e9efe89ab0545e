"""The built-in rules on real wording: boilerplate lines that must go, article lines that must stay.

Every boilerplate line below is what real sites print (most were found by
scripts/mine_rules.py on many sites of ../shared/bench, or are trafilatura_eval
`without` snippets); every article line is the kind of line a news text holds
that sits close to a rule: headings, quotes ending in a closing quote, short
paragraphs, attributions, and sentences that merely mention a newsletter,
cookies, comments or a subscription.
"""

from __future__ import annotations

import pytest
import regex

import cleantext
from cleantext.config import CATEGORIES, LANGUAGES
from cleantext.rules import load

from article_lines import AFTER, BEFORE, between

# (language, category, line): each line must be removed when it sits between two article paragraphs.
BOILERPLATE = [
    # English
    ("en", "donation", "Support The Moscow Times!"),
    ("en", "donation", "If you enjoyed reading this post – would you consider supporting our work? Just click here. Thanks!"),
    ("en", "newsletter", "Sign up for our free weekly newsletter"),
    ("en", "newsletter", "Get The Times of Israel's Daily Edition by email and never miss our top stories Free Sign Up"),
    ("en", "newsletter", "Sign up to get the best content of the week, and great gaming deals, as picked by the editors."),
    ("en", "read_more", "Read more: Looted colonial art"),
    ("en", "read_more", "More Stories from The Washington Times »"),
    ("en", "social", "For the latest headlines, follow our Google News channel online or via the app."),
    ("en", "social", "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner and on Facebook @GleanerJamaica."),
    ("en", "share", "Click to share on Twitter (Opens in new window)"),
    ("en", "share", "Print-friendly version | Email to a friend"),
    ("en", "ads", "Advertisement"),
    ("en", "ads", "This post contains references to products from one or more of our advertisers."),
    ("en", "cookie", "We use cookies to ensure that we give you the best experience on our website."),
    ("en", "paywall", "To view the full story, please subscribe to The Haitian Times."),
    ("en", "comments", "Share your thoughts and debate the big issues"),
    ("en", "comments", "We want to hear what you think about this article. Submit a letter to the editor."),
    ("en", "comments", "Leave a Reply Cancel reply"),
    ("en", "credit", "(Credit: Clayton Aldern / Grist)"),
    ("en", "navigation", "Skip to main content"),
    ("en", "metadata", "Filed under: Politics, Europe"),
    ("en", "footer", "This article is the copyrighted property of Breaking Belize News."),
    # German
    ("de", "donation", "Unterstütze RosaMag bereits mit 2,50!"),
    ("de", "newsletter", "Zum Newsletter anmelden"),
    ("de", "newsletter", "Mit unserem Newsletter erhalten Sie monatlich Informationen rund um das Urlaubsland"),
    ("de", "read_more", "Lesen Sie auch: Spielabbruch in der Kreisliga"),
    ("de", "read_more", "Das Thema könnte dich auch interessieren:"),
    ("de", "social", "Sieh dir diesen Beitrag auf Instagram an"),
    ("de", "share", "Teilen mit:"),
    ("de", "ads", "Anzeige, enthält Affiliate Links"),
    ("de", "ads", "*Werbung. Dieser Beitrag enthält Werbung für MYMARINI."),
    ("de", "cookie", "Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden."),
    ("de", "paywall", "Wählen Sie Ihren Zugang und lesen Sie weiter:"),
    ("de", "comments", "Nur angemeldete Benutzer können kommentieren und bewerten."),
    ("de", "comments", "120 Kommentare"),
    ("de", "comments", "Schreib einen Kommentar"),
    ("de", "credit", "Titelbild: Geyres Christophe/ABACA/picture-alliance"),
    ("de", "navigation", "Zum Inhalt springen"),
    ("de", "metadata", "Letzte Änderung 14.02.2019"),
    ("de", "footer", "(Alle Angaben ohne Gewähr)"),
    # French
    ("fr", "donation", "Faites un don"),
    ("fr", "newsletter", "Inscrivez-vous à notre newsletter quotidienne"),
    ("fr", "read_more", "À lire aussi » Ballonnements, lourdeurs... Quel est votre profil digestif ?"),
    ("fr", "social", "Suivez-nous sur Facebook et Twitter"),
    ("fr", "share", "Partager sur Facebook"),
    ("fr", "ads", "Publicité"),
    ("fr", "cookie", "Nous utilisons des cookies pour améliorer votre expérience."),
    ("fr", "paywall", "Pour lire la suite"),
    ("fr", "paywall", "Pour accéder en illimité"),
    ("fr", "comments", "Publier un commentaire"),
    ("fr", "credit", "Crédits photos : Bestimage"),
    ("fr", "navigation", "Aller au contenu principal"),
    ("fr", "metadata", "Mots-clés : climat, énergie"),
    ("fr", "footer", "Mentions légales"),
    # Spanish
    ("es", "donation", "HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS"),
    ("es", "newsletter", "Suscríbete a nuestro boletín"),
    ("es", "read_more", "Lea también: Impiden ingreso a Nicaragua a reportero y camarógrafo estadounidense"),
    ("es", "read_more", "LE PUEDE INTERESAR: La ficha de Juan Orlando Hernández en el MDC de Nueva York"),
    ("es", "read_more", "NOTAS RELACIONADAS"),
    ("es", "social", "Siguenos en Telegram, Instagram, Facebook y Twitter"),
    ("es", "share", "Compartir en Facebook"),
    ("es", "ads", "Publicidad"),
    ("es", "cookie", "Utilizamos cookies propias y de terceros para mejorar nuestros servicios."),
    ("es", "paywall", "Contenido exclusivo para suscriptores"),
    ("es", "comments", "Dejá tu comentario"),
    ("es", "comments", "Para comentar debes registrarte y completar los datos generales."),
    ("es", "credit", "Foto: Natacha Pisarenko/Pool via REUTERS"),
    ("es", "navigation", "ESCUCHA ESTA NOTA AQUÍ"),
    ("es", "metadata", "Etiquetas: Congreso, Senado"),
    ("es", "footer", "Todos los derechos reservados."),
    # Italian
    ("it", "donation", "Sostienici"),
    ("it", "newsletter", "Iscriviti alla nostra newsletter"),
    ("it", "read_more", "Leggi anche: Il governo approva la manovra"),
    ("it", "social", "Seguici su Facebook"),
    ("it", "share", "Condividi su Twitter"),
    ("it", "ads", "Pubblicità"),
    ("it", "cookie", "Questo sito utilizza cookie tecnici e di profilazione."),
    ("it", "paywall", "Contenuto riservato agli abbonati"),
    ("it", "comments", "Lascia un commento"),
    ("it", "credit", "Foto: ANSA"),
    ("it", "navigation", "Torna su"),
    ("it", "metadata", "Tempo di lettura: 3 minuti"),
    ("it", "footer", "© RIPRODUZIONE RISERVATA"),
    # Portuguese
    ("pt", "donation", "Apoie o jornalismo independente!"),
    ("pt", "newsletter", "Inscreva-se na nossa newsletter"),
    ("pt", "read_more", "Leia também: Câmara aprova projeto de lei"),
    ("pt", "social", "Siga-nos no Twitter"),
    ("pt", "share", "Compartilhe esta notícia"),
    ("pt", "ads", "Continua após a publicidade"),
    ("pt", "cookie", "Utilizamos cookies para melhorar a sua experiência."),
    ("pt", "paywall", "Conteúdo exclusivo para assinantes"),
    ("pt", "comments", "Deixe seu comentário"),
    ("pt", "credit", "Foto: Agência Brasil"),
    ("pt", "navigation", "Voltar ao topo"),
    ("pt", "metadata", "Tempo de leitura: 4 min"),
    ("pt", "footer", "Todos os direitos reservados."),
    # Dutch
    ("nl", "donation", "Steun onafhankelijke journalistiek"),
    ("nl", "newsletter", "Schrijf je in voor onze nieuwsbrief"),
    ("nl", "read_more", "Lees ook: Kabinet wil strengere regels voor drones"),
    ("nl", "social", "Volg ons op Twitter"),
    ("nl", "share", "Deel dit artikel via WhatsApp"),
    ("nl", "ads", "Advertentie"),
    ("nl", "cookie", "Deze website maakt gebruik van cookies."),
    ("nl", "paywall", "Dit artikel is alleen beschikbaar voor abonnees."),
    ("nl", "comments", "Plaats een reactie"),
    ("nl", "credit", "Foto: ANP"),
    ("nl", "navigation", "Naar boven"),
    ("nl", "metadata", "Leestijd: 3 minuten"),
    ("nl", "footer", "Alle rechten voorbehouden."),
    # Polish
    ("pl", "donation", "Wesprzyj nas darowizną"),
    ("pl", "newsletter", "Zapraszamy też do subskrypcji tygodnika w Sieci Przyjaciół"),
    ("pl", "read_more", "Czytaj też: Wyścig zbrojeń ruszył z kopyta"),
    ("pl", "social", "Obserwuj nas w Google News"),
    ("pl", "share", "Udostępnij"),
    ("pl", "ads", "Reklama"),
    ("pl", "cookie", "Ta strona korzysta z plików cookies."),
    ("pl", "paywall", "Ten artykuł jest dostępny tylko dla subskrybentów."),
    ("pl", "comments", "komentarze (0)"),
    ("pl", "credit", "Fot. Lukasz Nowaczyk / Agencja Gazeta"),
    ("pl", "navigation", "Strona główna"),
    ("pl", "metadata", "Ten tekst przeczytasz w mniej niż minutę"),
    ("pl", "footer", "Materiał chroniony prawem autorskim - zasady przedruków określa regulamin."),
    # Russian
    ("ru", "donation", "Поддержите независимую журналистику"),
    ("ru", "newsletter", "Подпишитесь на нашу рассылку"),
    ("ru", "read_more", "Читайте также: В Москве открылась новая станция метро"),
    ("ru", "social", "Подписывайтесь на наш Telegram-канал"),
    ("ru", "share", "Поделиться"),
    ("ru", "ads", "На правах рекламы"),
    ("ru", "cookie", "Сайт использует файлы cookie."),
    ("ru", "paywall", "Этот материал доступен только для подписчиков."),
    ("ru", "comments", "Оставить комментарий"),
    ("ru", "credit", "Фото: ТАСС"),
    ("ru", "navigation", "Наверх"),
    ("ru", "metadata", "Теги: экономика, нефть"),
    ("ru", "footer", "При использовании материалов ссылка на сайт обязательна."),
    # Ukrainian
    ("uk", "donation", "Підтримайте незалежну журналістику"),
    ("uk", "newsletter", "Підпишіться на нашу розсилку"),
    ("uk", "read_more", "Читайте також: У Києві відкрили новий міст"),
    ("uk", "social", "Підписуйтесь на наш Telegram-канал"),
    ("uk", "share", "Поділитися"),
    ("uk", "ads", "Реклама"),
    ("uk", "cookie", "Сайт використовує файли cookie."),
    ("uk", "paywall", "Матеріал доступний лише для передплатників."),
    ("uk", "comments", "Залишити коментар"),
    ("uk", "credit", "Фото: Укрінформ"),
    ("uk", "navigation", "Головна"),
    ("uk", "metadata", "Теги: економіка, енергетика"),
    ("uk", "footer", "Усі права захищені."),
]

# (language, line): article lines that must stay, whatever rule sits close to them.
ARTICLE = [
    ("en", "More attacks announced"),
    ("en", "Moscow: bombings and explosions"),
    ("en", "“The most important thing is that there are no casualties,” he added."),
    ("en", "AFP contributed reporting."),
    ("en", "Additional reporting by Steve Gorman; Editing by Marguerita Choy"),
    ("en", "The newsletter, which has 40,000 subscribers, was shut down last year."),
    ("en", "The regulator said the company had used cookies to track children without consent."),
    ("en", "Comments by the minister drew criticism from the opposition."),
    ("en", "Readers who subscribe to the paper's print edition will see no change."),
    ("en", "Published: 10 January 2008"),
    ("en", "Copyright 2008 The Associated Press. All rights reserved."),
    ("en", "Related coverage of the summit was banned by the state broadcaster."),
    ("en", "Share prices fell 3% on Monday."),
    ("en", "Home prices rose for a fifth month."),
    ("en", "The charity raised $2m in donations."),
    ("en", "Advertising revenue fell 5%."),
    ("en", "Help arrives for flood victims"),
    ("en", "Business"),
    ("de", "Mehr Transparenz bei Preisanpassungen"),
    ("de", "„Wir sind über die Situation alles andere als glücklich“, sagte der Sprecher."),
    ("de", "Veröffentlicht am 16.08.2019"),
    ("de", "Der Verlag stellte den Newsletter nach 20 Jahren ein."),
    ("de", "Die Datenschützer kritisieren, dass die Seite Cookies ohne Einwilligung setzt."),
    ("de", "Kommentare von Politikern aller Parteien ließen nicht lange auf sich warten."),
    ("de", "Quelle: dpa"),
    ("fr", "« Nous n'avons pas le choix », a déclaré le ministre."),
    ("fr", "La lettre d'information du ministère a été envoyée à tous les maires."),
    ("fr", "Les commentaires du président ont suscité une vive polémique."),
    ("es", "«No vamos a permitirlo», dijo el presidente."),
    ("es", "El boletín oficial publicó la ley el martes."),
    ("es", "Los comentarios del ministro provocaron críticas."),
    ("it", "«Non abbiamo altra scelta», ha detto il ministro."),
    ("pt", "“Não temos escolha”, disse o ministro."),
    ("nl", "‘We hebben geen keus’, zei de minister."),
    ("pl", "„Nie mamy wyboru” – powiedział minister."),
    ("ru", "«У нас нет выбора», — заявил министр."),
    ("uk", "«У нас немає вибору», — заявив міністр."),
]


@pytest.mark.parametrize(("language", "category", "line"), BOILERPLATE,
                         ids=[f"{lang}-{cat}-{i}" for i, (lang, cat, _) in enumerate(BOILERPLATE)])
def test_boilerplate_line_goes_and_article_stays(language, category, line):
    out = cleantext.clean(between(line, blank=True))
    assert line not in out
    assert BEFORE in out and AFTER in out


@pytest.mark.parametrize(("language", "category", "line"), BOILERPLATE,
                         ids=[f"{lang}-{cat}-{i}" for i, (lang, cat, _) in enumerate(BOILERPLATE)])
def test_boilerplate_line_goes_with_only_its_language(language, category, line):
    """The line's own language file (plus common) is enough to remove it."""
    assert line not in cleantext.clean(between(line, blank=True), languages=[language])


@pytest.mark.parametrize(("language", "line"), ARTICLE, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(ARTICLE)])
def test_article_line_survives(language, line):
    assert line in cleantext.clean(between(line, blank=True))


@pytest.mark.parametrize(("language", "line"), [a for a in ARTICLE if a[1].endswith((".", "»", "”", "“"))])
def test_sentence_after_a_read_more_heading_survives(language, line):
    """A heading takes short headline lines, never a line that reads as a sentence or a quote."""
    text = f"{BEFORE}\n\nRead more:\n{line}\n\n{AFTER}"
    assert line in cleantext.clean(text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_covers_every_category(language):
    wanted = set(CATEGORIES) - {"learned", "footer"}
    covered = {rule.category for rule in load(language)}
    assert wanted <= covered, sorted(wanted - covered)


def test_every_language_and_category_has_a_real_example_here():
    covered = {(lang, cat) for lang, cat, _ in BOILERPLATE}
    wanted = {(lang, cat) for lang in LANGUAGES for cat in CATEGORIES if cat not in ("learned",)}
    missing = sorted(pair for pair in wanted - covered if pair[1] != "footer" or pair[0] == "en")
    assert not missing


def test_removals_name_the_category():
    for language, category, line in BOILERPLATE:
        got = {r.category for r in cleantext.explain(between(line, blank=True)) if r.applied}
        assert category in got, (language, line, got)


# Linear time: no nested quantifiers, no unbounded `.*`/`.+`, no capturing groups.
_CLASS_RE = regex.compile(r"\[(?:\\.|[^\]])*\]")
_UNBOUNDED_DOT_RE = regex.compile(r"(?<!\\)\.[*+]")
_NESTED_RE = regex.compile(r"\((?:[^()]|\\.)*[+*}](?:[^()]|\\.)*\)[+*]|\)\{\d*,\}")


@pytest.mark.parametrize("language", ("common", *LANGUAGES))
def test_patterns_stay_linear(language):
    for rule in load(language):
        bare = _CLASS_RE.sub("C", rule.pattern)  # character classes cannot nest quantifiers
        assert not _UNBOUNDED_DOT_RE.search(bare), (language, rule.pattern)
        assert not _NESTED_RE.search(bare), (language, rule.pattern)


def test_linearity_check_catches_what_it_should():
    assert _NESTED_RE.search(_CLASS_RE.sub("C", "(?:a+)+"))
    assert _UNBOUNDED_DOT_RE.search(_CLASS_RE.sub("C", "read .* more"))
    assert not _UNBOUNDED_DOT_RE.search(_CLASS_RE.sub("C", "[\\w.+-]{1,64}"))


def test_prefiltered_phrase_search_agrees_with_the_full_alternation(seeds):
    """The literal prefilter is an optimisation: it must report the rule the plain alternation reports."""
    from cleantext.filters.matcher import _Alternation, core_of, matcher_for

    matcher = matcher_for(LANGUAGES)
    full = _Alternation(matcher.phrases.rules)
    lines = [line for _, _, line in BOILERPLATE] + [line for _, line in ARTICLE]
    lines += [line for text in seeds.values() for line in text.splitlines()]
    for line in lines:
        core = core_of(line)
        match = full.search(core)
        assert matcher.phrases.search(core) is (full.rule(match) if match else None), line
