"""The pictures as a reader meets them in Chromium: an icon array and the timeline on a 390px
phone, with doubled text, in dark mode and on paper; the main message in the first screen; the
printable tools on one sheet of A4 and of US Letter in both languages; axe on all of them."""

import pytest

from tests.conftest import article_text, section_text

from .pagecheck import axe_violations, double_text_size, install_checks, overflow
from .test_handout_print import pdf_pages

PAGE = "/articles/demo/second/"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
BODY = """\
A short paragraph before the picture.

::: icons 4 of 80
4 of 80 people had a fever from cytokine release syndrome [@demo2024].

::: icons 13 of 15
13 of 15 people got better [@demo2024].

## More

Words after the pictures.
"""
TIMELINE = """\
main_message: >-
  CAR-T is a new treatment being tested for lupus and other autoimmune diseases.
  Early results are hopeful, but it has real risks and is mostly offered only in trials.
main_action: >-
  Ask your care team whether a CAR-T study could suit you.
  Do not change your treatment without them.
timeline:
  - phase: Before the drip
    when: Weeks before
    name: Screening
    text: Tests and visits check whether CAR-T is safe and right for you.
    watch: Signs of a flare as your medicines change.
    link: "[The first part](/articles/demo/first/)"
  - when: A few days before the drip
    name: Conditioning chemotherapy
    text: A few days of chemotherapy make room for the new cells.
    watch: Signs of infection.
    link: "[Details](/articles/demo/first/#details)"
  - phase: The drip and the first month
    when: Day 0
    name: The CAR-T drip
    text: Your changed cells go back into your blood through a drip.
    watch: Fever, chills or feeling faint.
    link: "[The second part](/articles/demo/second/)"
"""
TOOLS = [
    "/tools/my-car-t-team/",
    "/tools/temperature-log/",
    "/es/herramientas/mi-equipo-de-car-t/",
    "/es/herramientas/registro-de-temperatura/",
]
FILL_JS = """(svg) => {
  const filled = svg.querySelector(".icon-array__filled");
  const empty = svg.querySelector(".icon-array__empty");
  const box = svg.getBoundingClientRect();
  return {
    filled: getComputedStyle(filled).fill,
    emptyFill: getComputedStyle(empty).fill,
    emptyStroke: getComputedStyle(empty).stroke,
    background: getComputedStyle(svg.closest(".icon-array")).backgroundColor,
    width: box.width, right: box.right,
  };
}"""


@pytest.fixture
def pictures(content_dir):
    text = article_text()
    front, body = text[4:].split("\n---\n", 1)
    content_dir.write("articles/demo/article.md", f"---\n{front}\n{TIMELINE}---\n{body}")
    content_dir.write(
        "articles/demo/02-second.md", section_text("second", 2, BODY, diagram="timeline")
    )
    return content_dir


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    install_checks(context)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_page_with_pictures_passes_axe(pictures, phone, live_url, scheme):
    phone.emulate_media(color_scheme=scheme)
    phone.goto(live_url + PAGE)
    assert axe_violations(phone) == []


def test_a_screen_reader_hears_the_numbers_of_each_picture(pictures, phone, live_url):
    phone.goto(live_url + PAGE)
    picture = phone.get_by_role("img", name="A picture of 80 people. 4 of them are filled in.")
    assert picture.is_visible()
    caption = phone.locator("figure.icon-array").first.locator("figcaption")
    assert "That is 1 in 20." in caption.inner_text()


@pytest.mark.parametrize("bigger", [False, True])
def test_pictures_fit_a_phone_without_sideways_scrolling(pictures, phone, live_url, bigger):
    phone.goto(live_url + PAGE)
    if bigger:
        double_text_size(phone)
    assert overflow(phone) == []
    for svg in phone.locator("svg.icon-array__picture").all():
        sizes = svg.evaluate(FILL_JS)
        assert sizes["width"] > 100 and sizes["right"] <= 390, sizes


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_filled_figures_stand_out_from_empty_ones_and_the_background(
    pictures, phone, live_url, scheme
):
    phone.emulate_media(color_scheme=scheme)
    phone.goto(live_url + PAGE)
    colours = phone.locator("svg.icon-array__picture").first.evaluate(FILL_JS)
    assert colours["emptyFill"] == "none"  # an outline: told apart by shape, not colour alone
    assert colours["filled"] not in {colours["background"], "none"}
    assert colours["emptyStroke"] != colours["background"]


def test_printed_pictures_are_black_on_white(pictures, page, live_url):
    page.goto(live_url + PAGE)
    page.emulate_media(media="print")
    colours = page.locator("svg.icon-array__picture").first.evaluate(FILL_JS)
    assert (colours["filled"], colours["emptyStroke"]) == ("rgb(0, 0, 0)", "rgb(0, 0, 0)")


def test_the_timeline_is_an_ordered_list_drawn_as_numbered_stops(pictures, phone, live_url):
    phone.goto(live_url + PAGE)
    lists = phone.locator(".timeline ol.timeline__steps")
    assert lists.count() == 2
    stops = phone.locator(".timeline__step").evaluate_all(
        "(items) => items.map((li) => getComputedStyle(li, '::before').content)"
    )
    assert len(stops) == 3 and all(stop not in {"none", "normal"} for stop in stops), stops
    numbers = phone.locator(".timeline__step").evaluate_all(
        "(items) => items.map((li) => li.closest('ol').start"
        " + [...li.parentNode.children].indexOf(li))"
    )
    assert numbers == [1, 2, 3]
    link = phone.get_by_role("link", name="Details")
    assert link.get_attribute("href") == "/articles/demo/first/#details"


@pytest.mark.parametrize("bigger", [False, True])
def test_the_main_message_is_in_the_first_phone_screen(pictures, phone, live_url, bigger):
    for url in ["/", "/articles/demo/"]:
        phone.goto(live_url + url)
        if bigger:
            double_text_size(phone)
        box = phone.locator(".main-message").bounding_box()
        heading = phone.locator(".main-message__heading").bounding_box()
        key_points = phone.locator(".key-points").bounding_box()
        # The box starts in the first screen, its heading whole; at ordinary size all of it.
        assert heading["y"] + heading["height"] <= 844, (url, bigger, heading)
        if not bigger:
            assert box["y"] + box["height"] <= 844, (url, box)
        assert box["y"] < key_points["y"]


@pytest.mark.parametrize("url", TOOLS)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_each_tool_prints_on_one_sheet(page, live_url, url, paper):
    assert page.goto(live_url + url).ok
    # With the care file's two cards (printables/views.py care_advice).
    for level in ("emergency", "urgent"):
        assert page.locator(f".printable__advice .care-card--{level}").count() == 1, level
    assert pdf_pages(page.pdf(format=paper)) == 1


@pytest.mark.parametrize("url", TOOLS)
def test_each_tool_passes_axe_on_a_phone(phone, live_url, url):
    phone.goto(live_url + url)
    assert axe_violations(phone) == []
    double_text_size(phone)
    # The log's table may scroll in its own box, as every table does; the page itself may not.
    assert overflow(phone) == []
