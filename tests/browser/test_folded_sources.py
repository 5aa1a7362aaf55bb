"""The whole article on one page folds each part's sources (a quarter of that long page, which a
phone would otherwise lay out before the reader can scroll): a citation still leads to its
source, an address naming a source opens it, and paper shows every source."""

import re

import pytest

from .pagecheck import settle

WHOLE = "/articles/car-t-autoimmune/all/"
WHOLE_ES = "/es/articulos/car-t-enfermedades-autoinmunes/todo/"
IN_VIEW = (
    "(li) => { const r = li.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }"
)


@pytest.fixture
def phone_page(phone):
    return phone({"width": 390, "height": 844})


def test_sources_start_folded_with_their_number_said(phone_page, live_url):
    # The words as shown (inner_text), so once every part is laid out (test_long_page_layout).
    phone_page.goto(live_url + WHOLE)
    settle(phone_page)
    fold = phone_page.locator("#risks .sources__fold")
    assert fold.locator("li").first.is_hidden()
    assert re.fullmatch(r"Show the \d+ sources of this part", fold.locator("summary").inner_text())
    phone_page.goto(live_url + WHOLE_ES)
    settle(phone_page)
    summary = phone_page.locator("#riesgos .sources__fold summary").inner_text()
    assert re.fullmatch(r"Ver las \d+ fuentes de esta parte", summary)


@pytest.mark.parametrize(("path", "part"), [(WHOLE, "risks"), (WHOLE_ES, "riesgos")])
def test_a_citation_opens_its_parts_sources_at_the_source(phone_page, live_url, path, part):
    phone_page.goto(live_url + path)
    phone_page.locator(f'#{part} a.cite-link[href="#{part}-source-2"]').first.click()
    source = phone_page.locator(f"#{part}-source-2")
    source.wait_for(state="visible")
    assert source.is_visible()
    assert source.evaluate(IN_VIEW)


def test_an_address_naming_a_source_opens_it(phone_page, live_url):
    phone_page.goto(live_url + WHOLE + "#risks-source-2")
    source = phone_page.locator("#risks-source-2")
    assert source.is_visible()
    assert source.evaluate(IN_VIEW)


def test_the_fold_opens_from_the_keyboard(phone_page, live_url):
    phone_page.goto(live_url + WHOLE)
    phone_page.locator("#risks .sources__fold summary").focus()
    phone_page.keyboard.press("Enter")
    assert phone_page.locator("#risks-source-1").is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without"])
def test_paper_shows_every_source(printed, javascript):
    page = printed(WHOLE, javascript)
    sources = page.locator(".sources__fold li")
    assert sources.count() > 20
    assert all(sources.nth(n).is_visible() for n in range(sources.count()))
    assert page.locator(".sources__fold summary").first.is_hidden()


def test_a_part_on_its_own_page_shows_its_sources_unfolded(phone_page, live_url):
    phone_page.goto(live_url + "/articles/car-t-autoimmune/risks/")
    assert phone_page.locator(".sources__fold").count() == 0
    assert phone_page.locator("#risks-source-1").is_visible()
