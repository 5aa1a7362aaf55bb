"""Care cards as a reader meets them: no axe violation in light or dark mode, the level read out as
part of the heading, black on white with a solid edge on paper, and the handout still one page."""

import pytest

from tests.conftest import section_text

from .pagecheck import axe_violations, install_checks
from .test_handout_print import pdf_pages

PAGE = "/articles/demo/second/"
CARDS = """\
Before the cards, a short paragraph.

!!! non-urgent
    Ask about your widget at your next visit.

## When to get help

!!! urgent
    Call your treatment team if you have:

    - a fever of 38 °C (100.4 °F) or higher
    - new confusion or trouble speaking

!!! emergency "Call 911 if someone cannot wake up"
    Then call your treatment team.
"""
HEADINGS = [
    ("non-urgent", "Non-urgent: Speak to your care team", 2),
    ("urgent", "Urgent: Call your treatment team now, day or night", 3),
    ("emergency", "Emergency: Call 911 if someone cannot wake up", 3),
]

PRINTED_STYLE_JS = """(card) => {
  const style = getComputedStyle(card);
  const sides = ["top", "right", "bottom", "left"];
  const inside = [...card.querySelectorAll("*")];
  return {
    edges: sides.map((s) => [style[`border-${s}-style`], style[`border-${s}-color`],
                             parseFloat(style[`border-${s}-width`])]),
    backgrounds: [card, ...inside].map((el) => getComputedStyle(el).backgroundColor),
    colours: inside.map((el) => getComputedStyle(el).color),
    label: card.querySelector(".care-card__level").textContent,
  };
}"""
BLACK = "rgb(0, 0, 0)"
NO_BACKGROUND = {"rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"}


@pytest.fixture
def cards_page(content_dir, context, live_url):
    content_dir.write("articles/demo/02-second.md", section_text("second", 2, CARDS))
    install_checks(context)
    page = context.new_page()
    page.goto(live_url + PAGE)
    yield page
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_page_with_care_cards_passes_axe(cards_page, scheme):
    cards_page.emulate_media(color_scheme=scheme)
    assert axe_violations(cards_page) == []


@pytest.mark.parametrize(("level", "name", "heading_level"), HEADINGS)
def test_a_screen_reader_hears_the_level_as_part_of_the_card_heading(
    cards_page, level, name, heading_level
):
    heading = cards_page.get_by_role("heading", name=name, exact=True, level=heading_level)
    assert heading.is_visible()
    card = cards_page.locator(f".care-card--{level}")
    # The card's first line, in the tree a screen reader gets: its heading, the level in words.
    first = card.aria_snapshot().splitlines()[0]
    assert f'heading "{name}" [level={heading_level}]' in first


def test_glossary_words_in_a_card_are_links(cards_page):
    card = cards_page.locator(".care-card--non-urgent")
    assert card.get_by_role("link", name="widget").get_attribute("href") == "/glossary/widget/"


@pytest.mark.parametrize(("level", "name", "heading_level"), HEADINGS)
def test_a_printed_card_is_black_on_white_with_a_solid_edge(cards_page, level, name, heading_level):
    cards_page.emulate_media(media="print")
    card = cards_page.locator(f".care-card--{level}")
    printed = card.evaluate(PRINTED_STYLE_JS)
    assert all(
        style == "solid" and colour == BLACK and width >= 1
        for style, colour, width in printed["edges"]
    ), printed["edges"]
    assert set(printed["backgrounds"]) <= NO_BACKGROUND
    assert set(printed["colours"]) == {BLACK}
    assert printed["label"] == name.split()[0]
    assert card.is_visible()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_handout_with_an_urgent_card_still_prints_on_one_page(page, live_url, paper):
    # The shipped care file's urgent card, its warning signs in full, beside the emergency card:
    # every handout carries both (articles/handout.py), and the sheet still holds them.
    page.goto(live_url + "/articles/car-t-autoimmune/handout/")
    assert page.locator(".handout__cards .care-card--urgent").is_visible()
    assert page.locator(".handout__cards .care-card--emergency").is_visible()
    assert pdf_pages(page.pdf(format=paper)) == 1
