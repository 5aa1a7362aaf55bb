"""The language switch keeps the reader's place: the part of the page they are reading, found in
the other language by its paired heading, and the search they made."""

import re

import pytest

FIRST_WEEKS = "/articles/car-t-autoimmune/first-weeks-after-treatment/"
PRIMERAS_SEMANAS = "/es/articulos/car-t-enfermedades-autoinmunes/las-primeras-semanas/"


def switch(page, name):
    link = page.locator(".language-switch a")
    assert link.inner_text().startswith(name)
    link.click()
    page.wait_for_load_state()


def heading_in_view(page, anchor):
    return page.evaluate(
        """(id) => { const box = document.getElementById(id).getBoundingClientRect();
                     return box.top >= -1 && box.top < window.innerHeight / 2; }""",
        anchor,
    )


def test_from_a_linked_heading_the_switch_lands_on_the_same_heading(page, live_url):
    page.goto(f"{live_url}{FIRST_WEEKS}#when-to-get-help")
    switch(page, "Español")
    assert page.url == f"{live_url}{PRIMERAS_SEMANAS}#cuando-pedir-ayuda"
    assert heading_in_view(page, "cuando-pedir-ayuda")


def read_under(page, anchor):
    """Scroll to a heading and stay there a moment, as a reader does."""
    page.evaluate("(id) => document.getElementById(id).scrollIntoView()", anchor)
    page.wait_for_timeout(1200)


def test_the_switch_lands_on_the_part_the_reader_scrolled_to_and_back(page, live_url):
    page.goto(live_url + FIRST_WEEKS)
    read_under(page, "driving")
    switch(page, "Español")  # the click scrolls back up to the switch first, as a reader would
    assert page.url.endswith("#manejar")
    read_under(page, "germenes-y-vacunas")
    switch(page, "English")
    assert page.url == f"{live_url}{FIRST_WEEKS}#germs-and-vaccines"
    assert heading_in_view(page, "germs-and-vaccines")


def test_from_the_top_of_a_page_the_switch_goes_to_the_top(page, live_url):
    page.goto(live_url + FIRST_WEEKS)
    switch(page, "Español")
    assert page.url == live_url + PRIMERAS_SEMANAS


@pytest.mark.parametrize("javascript", [True, False])
def test_a_search_switches_language_with_its_query(browser, live_url, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_url}/search/?q=lupus")
    switch(page, "Español")
    assert page.url == f"{live_url}/es/buscar/?q=lupus"
    assert page.locator("#search-page-q").input_value() == "lupus"
    assert re.search(r"\d+ resultados? para “lupus”", page.locator("#results-heading").inner_text())
    context.close()
