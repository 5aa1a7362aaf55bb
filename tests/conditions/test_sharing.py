"""Sharing one page the way clinics share: its own handout (QR code, urgent and emergency advice,
a box for the clinic), and a share panel with a plain-text block for an after-visit summary."""

import datetime
import html as html_lib

import pytest

from conditions.sharing import AVS_MAX_CHARACTERS, after_visit_text, care_cards
from engine.live import get_library
from tests.conditions.fixtures import add_condition
from tests.conftest import SECOND_BODY, care_text, section_text

# The care file's cards: the handouts and the after-visit text carry them (conditions/sharing.py).
CARDS = """\
!!! emergency call-911
    Call 911 if you have a seizure, cannot breathe, or cannot be woken. Say you had CAR-T.

!!! urgent call-now
    Call your team now if you have a fever of 38 °C or higher.
"""


@pytest.fixture
def site(content_dir):
    content_dir.write("care-advice.md", care_text(CARDS))
    content_dir.write(
        "articles/demo/02-second.md",
        section_text("second", 2, SECOND_BODY + "\n!!! care call-now\n\n!!! care call-911\n"),
    )
    return add_condition(content_dir)


def text(response):
    return html_lib.unescape(response.content.decode())


@pytest.mark.parametrize("path", ["/articles/demo/first/handout/", "/conditions/widget/handout/"])
def test_each_page_has_a_handout_with_both_cards_a_qr_code_and_a_box_for_the_clinic(
    client, site, path
):
    html = text(client.get(path))
    assert "Call 911 if you have a seizure" in html
    assert "Call your team now if you have a fever" in html
    assert f'src="{path}qr.svg"' in html
    assert "Clinic or hospital" in html and "Phone number" in html


@pytest.mark.parametrize(
    ("qr", "page"),
    [
        ("/articles/demo/first/handout/qr.svg", "/articles/demo/first/"),
        ("/conditions/widget/handout/qr.svg", "/conditions/widget/"),
    ],
)
def test_the_qr_code_opens_the_page_itself(client, site, qr, page):
    response = client.get(qr)
    assert response["Content-Type"] == "image/svg+xml"
    assert f"QR code for http://127.0.0.1:8000{page}" in response.content.decode()


def test_a_section_handout_lists_what_the_page_covers(client, site):
    assert "Details" in text(client.get("/articles/demo/first/handout/"))


def test_the_share_panel_gives_link_qr_handout_and_text(client, site):
    html = text(client.get("/articles/demo/first/"))
    assert 'data-url="http://127.0.0.1:8000/articles/demo/first/"' in html
    assert 'src="/articles/demo/first/handout/qr.svg"' in html
    assert 'href="/articles/demo/first/handout/"' in html
    assert 'id="avs-text"' in html


def test_the_after_visit_text_names_the_page_the_emergency_advice_and_the_review(site):
    words = after_visit_text(
        "First part", "https://example.org/a/", datetime.date(2026, 12, 6), "en"
    )
    assert "https://example.org/a/" in words
    assert "Call 911 if you have a seizure" in words
    assert "December 6, 2026" in words or "6 December 2026" in words
    assert len(words) <= AVS_MAX_CHARACTERS


@pytest.mark.parametrize("title", ["x" * 2000, "A " * 600, "é" * 900])
def test_the_after_visit_text_never_runs_over_600_characters(site, title):
    words = after_visit_text(
        title, "https://example.org/" + "p/" * 40, datetime.date(2026, 12, 6), "en"
    )
    assert len(words) <= AVS_MAX_CHARACTERS
    assert "Call 911" in words and "https://example.org/" in words


def test_sharing_uses_no_tracking_parameter(client, site):
    html = text(client.get("/conditions/widget/"))
    assert "utm_" not in html and "?ref=" not in html


def test_the_handout_advice_is_the_contents_own(site):
    cards = care_cards("en")
    rendered = get_library("en").care.rendered_cards
    assert cards.emergency == rendered["call-911"] and cards.urgent == rendered["call-now"]
    assert cards.emergency.level == "emergency" and cards.urgent.level == "urgent"


def test_a_card_written_on_a_page_never_reaches_its_handout(client, site):
    # Only the care file's advice is printed: a card a page writes itself may have drifted.
    inline = "\n!!! emergency\n    Call 911 if the widget glows.\n"
    site.write("articles/demo/01-first.md", section_text("first", 1, "Words.\n" + inline))
    html = text(client.get("/articles/demo/first/handout/"))
    assert "Call 911 if you have a seizure" in html
    assert "the widget glows" not in html
