"""The one-page handout of an article and its QR code."""

import re

import pytest

from articles.handout import handout_question_limit, handout_questions, qr_svg
from engine.live import get_library
from tests.conftest import article_text, care_text, section_text
from tests.engine.test_timeline import TIMELINE

ARTICLE = "guide"
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


def test_handout_without_care_cards_shows_the_steps(client, content_dir):
    steps = "steps:\n" + "".join(f"  - name: S{n}\n    text: Step {n}.\n" for n in range(5))
    content_dir.write(
        "articles/demo/article.md",
        article_text().replace("---\nThis guide", steps + "---\nThis guide"),
    )
    html = text_of(client.get("/articles/demo/handout/"))
    for n in range(5):
        assert f"<strong>S{n}.</strong> Step {n}." in html


def test_handout_gives_the_room_of_the_steps_to_the_care_cards(client):
    # The fixture's guide has five steps and no timeline; its site has a care file.
    assert article().steps and not article().timeline
    html = text_of(client.get(HANDOUT))
    assert "handout-steps" not in html
    assert 'class="handout__cards"' in html


def test_handout_shows_the_journey_step_by_step_beside_the_care_cards(client, content_dir):
    # The timeline holds the five steps and says what to watch for when: it stays on the sheet
    # beside the care cards, where the steps would not (tests/engine/test_timeline.py).
    content_dir.write("care-advice.md", care_text())
    content_dir.write(
        "articles/demo/article.md",
        article_text().replace("---\nThis guide", TIMELINE + "---\nThis guide"),
    )
    html = text_of(client.get("/articles/demo/handout/"))
    assert 'class="handout__cards"' in html
    for name in ("Screening", "Cell collection", "The drip"):
        assert f"<li>{name}</li>" in html


def test_handout_shows_the_main_risks(client):
    html = text_of(client.get(HANDOUT))
    for risk in article().main_risks:
        assert risk in html


def test_handout_shows_questions_to_ask(client):
    html = text_of(client.get(HANDOUT))
    for question in handout_questions(article()):
        assert question in html


def write_sections_with_questions(content_dir, **article_fields):
    content_dir.write("articles/demo/article.md", article_text(**article_fields))
    for order, slug in enumerate(["first", "second", "third"], start=1):
        questions = [f"What about {slug}?", f"And what else about {slug}?"]
        content_dir.write(
            f"articles/demo/0{order}-{slug}.md", section_text(slug, order, questions=questions)
        )


def test_handout_asks_the_first_question_of_each_part_in_reading_order(client, content_dir):
    write_sections_with_questions(content_dir)
    html = text_of(client.get("/articles/demo/handout/"))
    asked = re.findall(r"<li>(What about \w+\?)</li>", html)
    assert asked == ["What about first?", "What about second?", "What about third?"]


def test_handout_asks_only_the_parts_the_article_names_in_its_order(client, content_dir):
    write_sections_with_questions(content_dir, handout_sections=["third", "first"])
    html = text_of(client.get("/articles/demo/handout/"))
    asked = re.findall(r"<li>(What about \w+\?)</li>", html)
    assert asked == ["What about third?", "What about first?"]


def test_handout_skips_a_named_part_that_does_not_exist(client, content_dir):
    write_sections_with_questions(content_dir, handout_sections=["nowhere", "second"])
    html = text_of(client.get("/articles/demo/handout/"))
    assert re.findall(r"<li>(What about \w+\?)</li>", html) == ["What about second?"]


def test_handout_questions_stop_at_the_limit():
    assert len(handout_questions(article())) <= handout_question_limit(article())


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
