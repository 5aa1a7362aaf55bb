"""A section read with the keyboard alone: skip link, the list of parts, a glossary popover, Next.

Every stop on the way must show a focus ring. The walk follows DOM order, the way a person
pressing Tab does, and each test picks up the walk where it needs it.
"""

import pytest

from .pagecheck import describe, focus_ring_problem, install_checks

SECTION = "/articles/car-t-autoimmune/what-is-car-t/"
NEXT_SECTION = "/articles/car-t-autoimmune/what-studies-show/"
# More Tab presses than the section has stops before its Next link; a safety stop, not a measure.
MAX_TABS = 250
PARTS_LIST = "nav.part-progress summary, nav.contents a, .section-list a"
TERM = ".prose a.term"


@pytest.fixture
def section(browser, live_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    install_checks(context)
    page = context.new_page()
    page.goto(live_url + SECTION)
    yield page
    context.close()


def focused_matches(page, selector):
    return page.evaluate("(s) => document.activeElement.matches(s)", selector)


def tab_until(page, selector, rings=None):
    """Press Tab until the focused element matches selector; note any stop without a focus ring."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if rings is not None:
            problem = focus_ring_problem(page)
            if problem:
                rings.append(
                    f"{describe(page.evaluate_handle('document.activeElement'))}: {problem}"
                )
        if focused_matches(page, selector):
            return page.evaluate_handle("document.activeElement")
    pytest.fail(f"{MAX_TABS} presses of Tab never reached {selector}")


def test_first_tab_stop_is_the_skip_link(section):
    section.keyboard.press("Tab")
    assert focused_matches(section, "a.skip-link")
    assert section.locator("a.skip-link").is_visible()
    assert focus_ring_problem(section) is None


def test_skip_link_moves_focus_to_the_main_content(section):
    section.keyboard.press("Tab")
    section.keyboard.press("Enter")
    assert focused_matches(section, "main#main-content")
    # The next Tab lands inside main, not back in the header.
    section.keyboard.press("Tab")
    assert section.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_tab_reaches_the_list_of_parts_and_it_opens_with_enter(section):
    section.keyboard.press("Tab")
    section.keyboard.press("Enter")
    tab_until(section, PARTS_LIST)
    if focused_matches(section, "summary"):
        section.keyboard.press("Enter")
        section.keyboard.press("Tab")
    assert focused_matches(section, ".section-list a")
    assert section.evaluate("document.activeElement.textContent.trim()") != ""


def test_enter_on_a_glossary_term_opens_its_popover_and_escape_gives_focus_back(section):
    section.keyboard.press("Tab")
    section.keyboard.press("Enter")
    term = tab_until(section, TERM)
    section.keyboard.press("Enter")
    popover = section.locator("#glossary-popover")
    assert popover.is_visible()
    assert section.evaluate("document.activeElement.closest('#glossary-popover') !== null")
    assert term.get_attribute("aria-expanded") == "true"
    section.keyboard.press("Escape")
    assert popover.is_hidden()
    assert section.evaluate("(term) => document.activeElement === term", term)
    assert term.get_attribute("aria-expanded") == "false"


def test_tab_reaches_next_and_enter_follows_it(section, live_url):
    section.keyboard.press("Tab")
    section.keyboard.press("Enter")
    tab_until(section, "a[rel=next]")
    with section.expect_navigation():
        section.keyboard.press("Enter")
    assert section.url == live_url + NEXT_SECTION
    assert section.locator("h1").inner_text() != ""


def test_every_tab_stop_on_the_way_shows_a_focus_ring(section):
    rings = []
    section.keyboard.press("Tab")
    section.keyboard.press("Enter")
    tab_until(section, "a[rel=next]", rings)
    assert not rings, "Tab stops without a visible focus ring:\n" + "\n".join(rings)


def test_popover_controls_show_a_focus_ring(section):
    section.keyboard.press("Tab")
    section.keyboard.press("Enter")
    tab_until(section, TERM)
    section.keyboard.press("Enter")
    rings = []
    for _ in range(2):  # "More about …", then Close
        section.keyboard.press("Tab")
        assert section.evaluate("document.activeElement.closest('#glossary-popover') !== null")
        problem = focus_ring_problem(section)
        if problem:
            rings.append(
                f"{describe(section.evaluate_handle('document.activeElement'))}: {problem}"
            )
    assert not rings, "\n".join(rings)
