"""The one-page handout of an article and its QR code."""

import re

import pytest

from articles.handout import HANDOUT_QUESTIONS, handout_questions, qr_svg
from engine.live import get_library

ARTICLE = "car-t-autoimmune"
HANDOUT = f"/articles/{ARTICLE}/handout/"
QR = f"/articles/{ARTICLE}/handout/qr.svg"


def article():
    return get_library().articles[ARTICLE]


def text_of(response):
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def test_handout_shows_the_key_points(client):
    html = text_of(client.get(HANDOUT))
    for point in article().key_points:
        assert point in html


def test_handout_shows_the_steps(client):
    html = text_of(client.get(HANDOUT))
    for step in article().steps:
        assert f"<strong>{step['name']}.</strong> {step['text']}" in html


def test_handout_shows_the_main_risks(client):
    html = text_of(client.get(HANDOUT))
    for risk in article().main_risks:
        assert risk in html


def test_handout_shows_questions_to_ask(client):
    html = text_of(client.get(HANDOUT))
    for question in handout_questions(article()):
        assert question in html


def test_handout_questions_are_the_first_of_each_part_up_to_a_limit():
    questions = handout_questions(article())
    firsts = [section.questions[0] for section in article().sections if section.questions]
    assert questions == firsts[:HANDOUT_QUESTIONS]


def test_handout_shows_the_date_last_reviewed(client):
    html = client.get(HANDOUT).content.decode()
    assert f'<time datetime="{article().last_reviewed:%Y-%m-%d}">' in html


def test_handout_names_the_online_address_from_site_url(client, settings):
    settings.SITE_URL = "https://example.org"
    html = client.get(HANDOUT).content.decode()
    assert f"https://example.org/articles/{ARTICLE}/" in html


def test_handout_shows_the_qr_code_from_this_site(client):
    html = client.get(HANDOUT).content.decode()
    assert f'<img src="{QR}" width="128" height="128" alt="QR code that opens' in html


def test_qr_code_is_svg(client):
    response = client.get(QR)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg ")


def test_qr_code_has_no_style_or_script(client):
    svg = client.get(QR).content.lower()
    for forbidden in (b"style", b"<script", b"href"):
        assert forbidden not in svg, forbidden
    assert not re.search(rb"\son\w+=", svg)


def test_qr_code_leads_to_the_article_at_site_url(client, settings):
    settings.SITE_URL = "https://example.org"
    expected = qr_svg(f"https://example.org/articles/{ARTICLE}/")
    assert client.get(QR).content == expected
    assert f"QR code for https://example.org/articles/{ARTICLE}/".encode() in expected


def test_article_page_links_to_the_handout(client):
    assert f'href="{HANDOUT}"' in client.get(f"/articles/{ARTICLE}/").content.decode()


def test_handout_has_one_h1(client):
    assert client.get(HANDOUT).content.decode().count("<h1") == 1


def test_print_button_needs_javascript_so_starts_hidden(client):
    assert '<p class="js-only" hidden><button type="button" class="button" data-print>' in (
        client.get(HANDOUT).content.decode()
    )


@pytest.mark.parametrize(
    "url", ["/articles/no-such-article/handout/", "/articles/no-such-article/handout/qr.svg"]
)
def test_handout_of_unknown_article_is_404(client, url):
    assert client.get(url).status_code == 404
