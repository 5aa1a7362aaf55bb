"""The shipped care advice, in both languages: clinically right (a seizure, not waking or not
breathing is an emergency: 911), the same wherever it is shown, with the emergency advice beside
every urgent card, and one tap from every page. These read the shipped content."""

import re

import pytest

from articles.handout import handout_cards
from engine.live import get_library

LANGUAGES = ("en", "es")
HELP = {"en": "/help/", "es": "/es/ayuda/"}
# What the emergency card must tell a reader to call 911 for, in each language's words.
EMERGENCY_SIGNS = {
    "en": {
        "a seizure": "seizure",
        "not waking": "Cannot be woken",
        "waking only when shaken": "wakes only when shaken",
        "not breathing": "Not breathing",
        "blue lips": "blue lips",
        "collapse": "collapse",
        "chest pain": "Chest pain",
        "telling them about CAR-T": "you had CAR-T",
    },
    "es": {
        "a seizure": "convulsión",
        "not waking": "No se despierta",
        "waking only when shaken": "solo despierta si lo sacuden",
        "not breathing": "No respira",
        "blue lips": "labios azules",
        "collapse": "desploma",
        "chest pain": "Dolor en el pecho",
        "telling them about CAR-T": "recibió terapia CAR-T",
    },
}
URGENT_SIGNS = {
    "en": ["38 °C (100.4 °F)", "Shaking chills", "Confusion", "sleepy", "faint, dizzy",
           "fast or uneven heartbeat", "Short of breath", "headache", "Vomiting or diarrhea",
           "Bleeding or bruising", "New weakness", "infection", "had CAR-T",
           "cytokine release syndrome (CRS)", "(ICANS)"],
    "es": ["100.4 °F (38 °C)", "Escalofríos", "Confusión", "sueño", "Mareo",
           "Latidos del corazón rápidos o irregulares", "Falta de aire", "dolor de cabeza",
           "Vómitos o diarrea", "Sangrados o moretones", "Debilidad nueva", "infección",
           "recibió terapia CAR-T", "(SLC; en inglés, CRS)", "(ICANS)"],
}  # fmt: skip


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", str(html)).split())


def care(language):
    return get_library(language).care


def shared_cards(language):
    """(page, card) for every card of the care file a page of the language shows."""
    library = get_library(language)
    for article in library.articles.values():
        for section in article.sections:
            for card in section.cards:
                yield section, card


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("sign", list(EMERGENCY_SIGNS["en"]))
def test_the_emergency_card_sends_these_to_911(language, sign):
    emergency = care(language).rendered_cards["call-911"]
    assert emergency.level == "emergency"
    assert "911" in text(emergency.html)
    assert EMERGENCY_SIGNS[language][sign] in text(emergency.html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_seizure_is_never_sent_to_the_team_instead_of_911(language):
    word = EMERGENCY_SIGNS[language]["a seizure"]
    for name, card in care(language).rendered_cards.items():
        if word in text(card.html):
            assert card.level == "emergency", name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_urgent_card_names_every_warning_sign(language):
    urgent = text(care(language).rendered_cards["call-now"].html)
    missing = [sign for sign in URGENT_SIGNS[language] if sign not in urgent]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_day_card_explains_licats_may_not_be_relapse(language):
    card = care(language).rendered_cards["same-day"]
    assert card.level == "urgent"
    assert "LICATS" in text(card.html)
    assert ("same day" if language == "en" else "mismo día") in text(card.html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_shows_a_card_exactly_as_the_care_file_has_it(language):
    defined = care(language).rendered_cards
    shown = list(shared_cards(language))
    assert len(shown) >= 9  # 04, 05, 10 and 12 show the shared cards
    for section, card in shown:
        assert card.name, f"{section.source_name}: a card written on the page"
        assert str(card.html) == str(defined[card.name].html), section.source_name


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_with_urgent_advice_has_the_emergency_advice(language):
    library = get_library(language)
    pages = [section for article in library.articles.values() for section in article.sections]
    for page in pages:
        levels = {card.level for card in page.cards}
        if "urgent" in levels:
            assert "emergency" in levels, page.source_name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_handout_carries_the_emergency_and_the_urgent_card_as_written(language, client):
    library = get_library(language)
    cards = handout_cards(library)
    assert [card.level for card in cards] == ["emergency", "urgent"]
    article = next(iter(library.articles.values()))
    html = client.get(article.get_handout_url()).content.decode()
    for card in cards:
        assert str(card.html) in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_help_page_shows_every_card(language, client):
    html = client.get(HELP[language]).content.decode()
    for name, card in care(language).rendered_cards.items():
        assert f"care-card--{card.level}" in html, name
    assert html.index("care-card--emergency") < html.index("care-card--urgent")


def test_every_page_of_both_languages_links_to_the_help_page(crawled_site):
    pages, broken = crawled_site
    assert broken == []
    html_pages = {
        path: body.decode()
        for path, body in pages.items()
        if body.lstrip().lower().startswith(b"<!doctype html")
    }
    assert len(html_pages) > 200
    without = [
        path
        for path, html in html_pages.items()
        if f'href="{HELP["es" if path.startswith("/es/") else "en"]}"' not in html
    ]
    assert without == []


@pytest.mark.parametrize(
    "page",
    [
        "/questions/",
        "/glossary/cytokine-release-syndrome/",
        "/glossary/icans/",
        "/glossary/infection/",
        "/glossary/licats/",
        "/es/preguntas/",
        "/es/glosario/sindrome-de-liberacion-de-citocinas/",
        "/es/glosario/sindrome-de-neurotoxicidad/",
        "/es/glosario/infeccion/",
        "/es/glosario/licats/",
    ],
)
def test_these_pages_link_to_the_help_page_in_their_own_words(page, client):
    html = client.get(page).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert f'href="{HELP["es" if page.startswith("/es/") else "en"]}"' in main


@pytest.mark.parametrize("home", ["/", "/es/"])
def test_the_home_page_links_to_the_help_page_above_its_heading(home, client):
    html = client.get(home).content.decode()
    link = html.index('<p class="home-help">')
    assert link < html.index("<h1")


@pytest.mark.parametrize(
    ("page", "words"),
    [
        ("/articles/car-t-autoimmune/risks/", "No clinician has reviewed this page yet."),
        ("/help/", "No clinician has reviewed this page yet."),
        ("/glossary/licats/", "No clinician has reviewed this page yet."),
        ("/es/ayuda/", "Ningún profesional médico ha revisado esta página todavía."),
    ],
)
def test_the_shipped_pages_say_plainly_that_no_clinician_has_reviewed_them(page, words, client):
    # No content file names a clinician: the pages must not suggest that one has checked them.
    assert words in client.get(page).content.decode()


def test_about_says_no_clinician_has_reviewed_the_site_yet(client):
    html = client.get("/about/").content.decode()
    assert "No clinician has reviewed the pages of this site yet." in html
