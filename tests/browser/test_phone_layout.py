"""A phone, and a phone with the reader's text at 200%, in both languages: the header is one short
row with the other language above a Menu button, the page's heading is in the first screen, nothing
scrolls sideways, and the home page gets a reader started within two screens.

Text at 200% is the browser's default font size doubled (pagecheck.double_text_size): rem and em
grow, the window does not."""

import pytest

from .pagecheck import (
    axe_violations,
    describe,
    double_text_size,
    focus_ring_problem,
    overflow,
)

ARTICLE = "/articles/car-t-autoimmune/"
SPANISH_ARTICLE = "/es/articulos/car-t-enfermedades-autoinmunes/"
PAGES = [
    "/",
    "/articles/",
    ARTICLE,
    ARTICLE + "what-is-car-t/",  # the steps diagram
    ARTICLE + "what-studies-show/",  # a table
    ARTICLE + "all/",
    ARTICLE + "handout/",
    "/questions/",
    "/search/?q=B+cells",
    "/glossary/",
    "/glossary/cytokine-release-syndrome/",
    "/no-such-page/",
    "/es/",
    SPANISH_ARTICLE,
    SPANISH_ARTICLE + "que-es-car-t/",
    SPANISH_ARTICLE + "todo/",
    SPANISH_ARTICLE + "hoja-para-imprimir/",
    "/es/glosario/",
    "/es/buscar/?q=celulas+B",
    "/es/no-existe/",
]
# Each page's switch, and what it says: the same page in the other language.
SWITCHES = [
    (ARTICLE, "Español", "es"),
    (SPANISH_ARTICLE + "que-es-car-t/", "English", "en"),
]
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("path", PAGES)
def test_heading_is_in_the_first_screen_at_390px_with_200_percent_text(phone, live_url, path):
    page = phone(PHONE)
    page.goto(live_url + path)
    double_text_size(page)
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= PHONE["height"] / 4, f"the header is {header['height']}px tall"
    top, first_line = page.locator("h1").evaluate(
        "(h1) => [h1.getBoundingClientRect().top, parseFloat(getComputedStyle(h1).lineHeight)]"
    )
    assert top >= 0 and top + first_line <= PHONE["height"], f"h1 starts {top}px down"


def test_section_heading_is_whole_in_the_first_screen_at_390px_with_200_percent_text(
    phone, live_url
):
    # The case: the header alone took 564 of the 844px.
    page = phone(PHONE)
    page.goto(live_url + ARTICLE + "what-is-car-t/")
    double_text_size(page)
    heading = page.locator("h1").bounding_box()
    assert heading["y"] + heading["height"] <= PHONE["height"]


@pytest.mark.parametrize("path", PAGES)
def test_nothing_scrolls_sideways_at_320px_with_200_percent_text(phone, live_url, path):
    page = phone(SMALL_PHONE)
    page.goto(live_url + path)
    double_text_size(page)
    assert overflow(page) == []
    page.locator(".site-menu__button").click()
    assert page.locator(".site-nav").is_visible()
    assert overflow(page) == [], "with the menu open"


# Every word of the site's name on one line of its own: none broken in the middle.
WORDS_BROKEN = """(name) => {
  const text = name.firstChild;
  const broken = [];
  for (const match of text.data.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, match.index);
    range.setEnd(text, match.index + match[0].length);
    const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    if (tops.size > 1) broken.push(match[0]);
  }
  return broken;
}"""


@pytest.mark.parametrize("viewport", [SMALL_PHONE, PHONE], ids=["320px", "390px"])
@pytest.mark.parametrize("home", ["/", "/es/"])
def test_site_name_wraps_only_between_words_with_200_percent_text(phone, live_url, home, viewport):
    page = phone(viewport)
    page.goto(live_url + home)
    double_text_size(page)
    name = page.locator(".site-name__text")
    assert name.evaluate(WORDS_BROKEN) == []
    assert page.locator(".site-name").evaluate("(name) => name.scrollWidth <= name.clientWidth")
    # Smaller, not tiny: still as large as ordinary body text at the reader's usual size.
    assert name.evaluate("(name) => parseFloat(getComputedStyle(name).fontSize)") >= 16


def test_menu_opens_and_closes_without_javascript(phone, live_url):
    page = phone(PHONE, java_script_enabled=False)
    page.goto(live_url + ARTICLE)
    menu = page.get_by_role("navigation", name="Main")
    assert not menu.is_visible()
    page.locator(".site-menu__button").click()
    assert menu.get_by_role("link", name="Glossary").is_visible()
    assert page.get_by_role("searchbox", name="Search this site").is_visible()
    page.locator(".site-menu__button").click()
    assert not menu.is_visible()


@pytest.mark.parametrize(("path", "name", "code"), SWITCHES)
def test_language_switch_sits_above_the_menu_button_in_the_first_screen(
    phone, live_url, path, name, code
):
    page = phone(PHONE)
    page.goto(live_url + path)
    double_text_size(page)
    header = page.locator(".site-header").bounding_box()
    switch = page.locator(".site-header .language-switch a")
    assert switch.text_content() == name
    assert switch.get_attribute("lang") == code and switch.get_attribute("hreflang") == code
    box = switch.bounding_box()
    menu = page.locator(".site-menu__button").bounding_box()
    site_name = page.locator(".site-name").bounding_box()
    assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
    assert box["y"] + box["height"] <= menu["y"], "the switch and the Menu button overlap"
    assert box["x"] + box["width"] <= menu["x"] + menu["width"] + 1, "right of the Menu button"
    assert box["x"] >= site_name["x"] + site_name["width"], "the switch covers the site's name"
    assert box["height"] >= 24, "too small to press"


@pytest.mark.parametrize(("path", "name", "code"), SWITCHES)
def test_tab_goes_from_the_site_name_to_the_switch_to_the_menu_button(
    phone, live_url, path, name, code
):
    # The order the eye reads the header in: the name, then the right-hand column from the top.
    page = phone(PHONE)
    page.goto(live_url + path)
    expected = ["a.skip-link", "a.site-name", ".language-switch a", ".site-menu__button"]
    for selector in expected:
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        assert focused.evaluate("(el, s) => el.matches(s)", selector), describe(focused)
        assert focus_ring_problem(page) is None, describe(focused)
    assert page.evaluate("document.activeElement.textContent") != name  # the Menu, not the switch


@pytest.mark.parametrize("path", ["/", "/es/", SPANISH_ARTICLE + "que-es-car-t/"])
def test_phone_header_passes_axe_with_200_percent_text(phone, live_url, path):
    page = phone(PHONE)
    page.goto(live_url + path)
    double_text_size(page)
    assert axe_violations(page) == []


def test_menu_button_opens_with_the_keyboard(phone, live_url):
    page = phone(PHONE)
    page.goto(live_url + ARTICLE)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the site's name
    page.keyboard.press("Tab")  # the other language
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.site-menu__button')")
    assert focus_ring_problem(page) is None
    page.keyboard.press("Enter")
    assert page.get_by_role("navigation", name="Main").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.site-nav') !== null"), describe(
        page.evaluate_handle("document.activeElement")
    )


def test_wide_screen_shows_the_menu_and_search_without_the_button(page, live_url):
    page.goto(live_url + ARTICLE)
    assert (
        page.get_by_role("navigation", name="Main")
        .get_by_role("link", name="Glossary")
        .is_visible()
    )
    assert page.get_by_role("searchbox", name="Search this site").is_visible()
    assert not page.locator(".site-menu__button").is_visible()


def test_home_gets_a_reader_started_within_two_screens_on_a_phone(phone, live_url):
    page = phone(PHONE)
    page.goto(live_url + "/")
    two_screens = 2 * PHONE["height"]
    start = page.get_by_role("link", name="Start reading").bounding_box()
    # The parts are a list per group (Article.section_groups): the last list ends the parts.
    parts = page.locator(".home-article .section-list").last.bounding_box()
    assert start["y"] + start["height"] <= two_screens, f"Start reading is {start['y']}px down"
    assert parts["y"] + parts["height"] <= two_screens, f"the parts end {parts['y']}px down"


@pytest.mark.parametrize("fragment", ["", "#%E0%A4%A"], ids=["plain", "broken-fragment"])
def test_each_table_that_scrolls_on_a_phone_is_named_by_its_heading(phone, live_url, fragment):
    # An address whose "#..." is not valid percent-encoding leaves the page's script working.
    page = phone(SMALL_PHONE)
    assert page.goto(live_url + "/conditions/lupus/clinicians/" + fragment).ok  # 2 wide tables
    boxes = page.locator('.table-wrap[role="region"]')
    names = [boxes.nth(i).get_attribute("aria-label") for i in range(boxes.count())]
    headings = page.locator("main h2").all_inner_texts()
    assert len(names) >= 2
    assert len(set(names)) == len(names)  # two tables are two stops a screen reader tells apart
    assert all(any(heading.strip() in name for heading in headings) for name in names), names
