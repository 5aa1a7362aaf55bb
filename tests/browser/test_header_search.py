"""The header's search box is usable on a phone with the reader's text at 200%: the box keeps room
for a few words (the button goes under it when both do not fit), nothing leaves the screen, and a
search typed there is answered."""

import pytest

from .pagecheck import double_text_size, install_checks, overflow


@pytest.mark.parametrize("width", [320, 360, 390])
@pytest.mark.parametrize("path", ["/articles/", "/es/articulos/"])
def test_the_search_box_keeps_room_for_words_at_200_percent(browser, live_url, width, path):
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True)
    install_checks(context)
    page = context.new_page()
    page.goto(live_url + path)
    double_text_size(page)
    page.locator(".site-menu__button").click()
    box = page.locator("#site-search-q")
    button = page.locator(".site-header .search-form button")
    size = box.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")
    inner = box.evaluate(
        "(el) => el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft)"
        " - parseFloat(getComputedStyle(el).paddingRight)"
    )
    assert inner >= 5.5 * size, "the box shows fewer than about ten letters"
    for element in (box, button):
        edge = element.bounding_box()
        assert edge["x"] >= 0 and edge["x"] + edge["width"] <= width
    assert overflow(page) == []
    box.fill("lupus")
    box.press("Enter")
    page.wait_for_load_state()
    assert page.locator("#results-heading").is_visible()
    context.close()
