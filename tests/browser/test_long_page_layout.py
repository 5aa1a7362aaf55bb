"""The whole article on one page (10,000 words) paints its top without laying out the rest first:
the parts below the first wait (content-visibility, [data-later]), and once the page has painted
site.js lays them out a frame at a time. Within a moment every part is in place, as on any page;
an address naming a later part still lands on it; paper shows every part, with or without
JavaScript; and the words of a part not laid out yet are in the page all along."""

import pytest

from .pagecheck import settle

WHOLE = "/articles/car-t-autoimmune/all/"
WHOLE_ES = "/es/articulos/car-t-enfermedades-autoinmunes/todo/"
CONTENT_VISIBILITY = (
    "() => [...document.querySelectorAll('.full-section')]"
    ".map((part) => getComputedStyle(part).contentVisibility)"
)
# Whether the browser has laid out the part's words (what it skips counts as not visible here).
LAID_OUT = "(part) => part.querySelector('h2').checkVisibility({contentVisibilityAuto: true})"


@pytest.fixture
def phone_page(phone):
    return phone({"width": 390, "height": 844})


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", [WHOLE, WHOLE_ES])
def test_only_the_first_part_is_laid_out_before_the_page_paints(
    page_without_javascript, live_url, path
):
    page = page_without_javascript
    page.goto(live_url + path)
    [first, *later] = page.evaluate(CONTENT_VISIBILITY)
    assert first == "visible" and len(later) >= 10 and set(later) == {"auto"}
    last = page.locator(".full-section").last
    assert not last.evaluate(LAID_OUT)
    # Its words are in the page all the same: a search in the page or a screen reader finds them.
    title = last.locator("h2").first.text_content()
    assert title.strip() and title in last.text_content()
    assert page.get_by_role("heading", name=title.strip()).count() == 1


@pytest.mark.parametrize("path", [WHOLE, WHOLE_ES])
def test_every_part_is_laid_out_soon_after_the_page_paints(phone_page, live_url, path):
    phone_page.goto(live_url + path)
    settle(phone_page)
    assert set(phone_page.evaluate(CONTENT_VISIBILITY)) == {"visible"}
    assert phone_page.locator(".full-section").last.evaluate(LAID_OUT)


@pytest.mark.parametrize(("path", "part"), [(WHOLE, "risks"), (WHOLE_ES, "riesgos")])
def test_an_address_naming_a_later_part_lands_on_it_and_stays_there(
    phone_page, live_url, path, part
):
    phone_page.goto(f"{live_url}{path}#{part}")
    settle(phone_page)
    phone_page.wait_for_timeout(300)  # a few frames more, as a reader would start to read
    top = phone_page.locator(f"#{part}").evaluate("(part) => part.getBoundingClientRect().top")
    assert abs(top) < 10


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without"])
def test_paper_shows_every_part(printed, javascript):
    page = printed(WHOLE, javascript)
    assert set(page.evaluate(CONTENT_VISIBILITY)) == {"visible"}
    assert page.locator(".full-section").last.evaluate(LAID_OUT)


def test_a_part_on_its_own_page_is_laid_out_at_once(page_without_javascript, live_url):
    page_without_javascript.goto(live_url + "/articles/car-t-autoimmune/risks/")
    assert page_without_javascript.locator("[data-later]").count() == 0
