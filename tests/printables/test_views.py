"""The tools a patient prints and keeps (printables/): the team card and the temperature log, in
both languages, carrying the site's own care advice, sending nothing anywhere."""

import re

import pytest

from engine.live import get_library
from printables.views import LOG_DAYS, care_advice
from tests.conftest import care_text, section_text

TEAM = "/tools/my-car-t-team/"
LOG = "/tools/temperature-log/"
SPANISH_TEAM = "/es/herramientas/mi-equipo-de-car-t/"
SPANISH_LOG = "/es/herramientas/registro-de-temperatura/"
# The care file's cards, and a section that shows them (engine/care.py).
CARDS = """\
!!! urgent call-now
    Call your treatment team if you have a fever of 38 °C (100.4 °F) or higher.

!!! emergency call-911
    Call 911 if someone cannot wake up. Say that they had CAR-T cell therapy.
"""
SHOWS_CARDS = "Words.\n\n!!! care call-now\n\n!!! care call-911\n"


@pytest.fixture
def cards(content_dir):
    content_dir.write("care-advice.md", care_text(CARDS))
    content_dir.write("articles/demo/02-second.md", section_text("second", 2, SHOWS_CARDS))
    return content_dir


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("url", "title"),
    [(TEAM, "My CAR-T team"), (LOG, "Temperature and symptoms log")],
)
def test_each_tool_is_a_page_of_its_own(client, cards, url, title):
    assert f'<h1 id="sheet-title">{title}</h1>' in html_of(client, url)


@pytest.mark.parametrize("url", [TEAM, LOG])
def test_the_tools_show_the_sites_own_urgent_and_emergency_advice(client, cards, url):
    advice = care_advice(get_library("en"))
    rendered = get_library("en").care.rendered_cards
    assert advice == {"urgent": rendered["call-now"], "emergency": rendered["call-911"]}
    html = html_of(client, url)
    assert str(advice["urgent"].html) in html
    assert str(advice["emergency"].html) in html


def test_the_advice_is_the_card_a_section_shows(cards):
    section = get_library("en").articles["demo"].section("second")
    advice = care_advice(get_library("en"))
    assert [advice["urgent"], advice["emergency"]] == section.cards


def test_the_team_card_says_to_tell_them_you_had_car_t(client, cards):
    html = html_of(client, TEAM)
    assert "I had CAR-T cell therapy" in html
    assert "Tell them that you had CAR-T cell therapy, and when." in html
    assert "In an emergency, call 911." in html


@pytest.mark.parametrize("url", [TEAM, LOG])
def test_nothing_typed_is_ever_sent(client, cards, url):
    html = re.search(r"<main.*</main>", html_of(client, url), re.S).group(0)
    assert "<form" not in html
    for field in re.findall(r'<input [^>]*id="([^"]+)"', html):
        assert f'<label class="fill-in__label" for="{field}">' in html


def test_the_log_has_a_row_for_each_day_of_two_weeks(client, cards):
    html = html_of(client, LOG)
    body = re.search(r"<tbody>(.*)</tbody>", html, re.S).group(1)
    assert body.count("<tr>") == LOG_DAYS == 14


def test_a_site_without_care_cards_still_shows_the_tools(client, content_dir):
    html = html_of(client, TEAM)
    assert "care-card" not in html


def test_a_card_written_on_a_page_is_never_the_tools_advice(client, content_dir):
    # Without a care file, cards a page writes itself are not taken for the site's advice.
    inline = CARDS.replace(" call-now", "").replace(" call-911", "")
    content_dir.write("articles/demo/02-second.md", section_text("second", 2, inline))
    assert care_advice(get_library("en")) == {"urgent": None, "emergency": None}
    assert "care-card" not in html_of(client, TEAM)


@pytest.mark.parametrize(
    ("url", "words"),
    [(SPANISH_TEAM, "Mi equipo de CAR-T"), (SPANISH_LOG, "Registro de temperatura y síntomas")],
)
def test_the_tools_are_in_spanish(client, spanish_content, url, words):
    html = html_of(client, url)
    assert '<html lang="es">' in html
    assert words in html


def test_each_tool_names_its_spanish_page(client, spanish_content):
    html = html_of(client, TEAM)
    assert f'hreflang="es" href="http://testserver{SPANISH_TEAM}"' in html or SPANISH_TEAM in html


def test_the_sitemap_lists_the_tools_in_both_languages(client, content_dir):
    xml = client.get("/sitemap.xml").content.decode()
    for url in (TEAM, LOG, SPANISH_TEAM, SPANISH_LOG):
        assert f"{url}</loc>" in xml


@pytest.mark.parametrize(
    ("url", "mark", "words"),
    [
        (LOG, "38 °C (100.4 °F)", "or higher: call"),
        (SPANISH_LOG, "100.4 °F (38 °C)", "o más: llame"),
    ],
)
def test_the_log_draws_a_thermometer_marked_at_the_fever_that_means_call(
    client, spanish_content, url, mark, words
):
    html = html_of(client, url)
    picture = re.search(r'<svg class="thermometer"[^>]*>(.*?)</svg>', html, re.S)
    assert picture, "the log has no thermometer"
    assert 'role="img"' in picture.group(0) and 'aria-labelledby="thermometer-title"' in html
    title = re.search(r'<title id="thermometer-title">([^<]+)</title>', picture.group(1)).group(1)
    assert mark in title  # a screen reader hears the number, in the page's language
    assert f">{mark}</text>" in picture.group(1) and f">{words}</text>" in picture.group(1)
    assert "<script" not in picture.group(1)
