"""The whole article on one page (10,000 words) paints its top without laying out the rest first:
the parts below the first wait (content-visibility, [data-later]), and once the page has painted
site.js lays them out a frame at a time. Within a moment every part is in place, as on any page;
an address or a link naming a later part still lands on it, in a browser that keeps the reader's
place while the parts above grow and in one that does not (Safari before 27); without
JavaScript nothing waits; paper shows every part; and the words of a part not laid out yet are
in the page all along."""

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


@pytest.fixture
def page_before_the_first_frame(phone_page):
    """A page whose scripts never get a frame: the moment before site.js starts laying out."""
    phone_page.add_init_script("window.requestAnimationFrame = () => 0;")
    return phone_page


@pytest.mark.parametrize("path", [WHOLE, WHOLE_ES])
def test_only_the_first_part_is_laid_out_before_the_page_paints(
    page_before_the_first_frame, live_url, path
):
    page = page_before_the_first_frame
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
def test_without_javascript_every_part_is_laid_out_at_once(page_without_javascript, live_url, path):
    # Nothing would lay the parts out later: each would wait until scrolled to.
    page_without_javascript.goto(live_url + path)
    assert set(page_without_javascript.evaluate(CONTENT_VISIBILITY)) == {"visible"}
    assert page_without_javascript.locator(".full-section").last.evaluate(LAID_OUT)


@pytest.mark.parametrize("path", [WHOLE, WHOLE_ES])
def test_every_part_is_laid_out_soon_after_the_page_paints(phone_page, live_url, path):
    phone_page.goto(live_url + path)
    settle(phone_page)
    assert set(phone_page.evaluate(CONTENT_VISIBILITY)) == {"visible"}
    assert phone_page.locator(".full-section").last.evaluate(LAID_OUT)


def without_scroll_anchoring(page):
    """Safari before 27 keeps no reader's place while content above grows (no scroll anchoring). A
    constructed style sheet: the page's own are checked against their integrity hashes, and its
    policy allows no inline style."""
    page.add_init_script(
        "const sheet = new CSSStyleSheet();"
        "sheet.replaceSync('* { overflow-anchor: none !important; }');"
        "document.adoptedStyleSheets = [sheet];"
    )
    return page


def check_anchoring(page, anchoring):
    shown = page.evaluate("() => getComputedStyle(document.body).overflowAnchor")
    assert shown == ("auto" if anchoring else "none")


@pytest.mark.parametrize("anchoring", [True, False], ids=["scroll-anchoring", "none (Safari)"])
@pytest.mark.parametrize(("path", "part"), [(WHOLE, "risks"), (WHOLE_ES, "riesgos")])
def test_an_address_naming_a_later_part_lands_on_it_and_stays_there(
    phone_page, live_url, path, part, anchoring
):
    if not anchoring:
        without_scroll_anchoring(phone_page)
    phone_page.goto(f"{live_url}{path}#{part}")
    check_anchoring(phone_page, anchoring)
    settle(phone_page)
    phone_page.wait_for_timeout(300)  # a few frames more, as a reader would start to read
    top = phone_page.locator(f"#{part}").evaluate("(part) => part.getBoundingClientRect().top")
    assert abs(top) < 10


@pytest.mark.parametrize("anchoring", [True, False], ids=["scroll-anchoring", "none (Safari)"])
def test_a_link_to_a_later_part_leads_to_it_however_soon_it_is_followed(
    phone_page, live_url, anchoring
):
    if not anchoring:
        without_scroll_anchoring(phone_page)
    phone_page.goto(live_url + WHOLE, wait_until="domcontentloaded")
    check_anchoring(phone_page, anchoring)
    phone_page.locator('.contents a[href="#risks"]').click()
    settle(phone_page)
    phone_page.wait_for_timeout(300)
    top = phone_page.locator("#risks").evaluate("(part) => part.getBoundingClientRect().top")
    assert abs(top) < 10


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without"])
def test_paper_shows_every_part(printed, javascript):
    page = printed(WHOLE, javascript)
    assert set(page.evaluate(CONTENT_VISIBILITY)) == {"visible"}
    assert page.locator(".full-section").last.evaluate(LAID_OUT)


def test_a_part_on_its_own_page_is_laid_out_at_once(page_without_javascript, live_url):
    page_without_javascript.goto(live_url + "/articles/car-t-autoimmune/risks/")
    assert page_without_javascript.locator("[data-later]").count() == 0
