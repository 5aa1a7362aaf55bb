"""When to get help, as a reader's phone shows it: the way to it from the home page in the first
screen (390x844, also with the text doubled), the emergency card in the first screen of the help
page, and the help page readable and accessible in light and dark, at the widths people use."""

import pytest

from .pagecheck import axe_violations, double_text_size, overflow

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}
HOMES = {"/": "/help/", "/es/": "/es/ayuda/"}
HELP_PAGES = ["/help/", "/es/ayuda/"]


def in_first_screen(page, locator, viewport):
    box = page.locator(locator).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


@pytest.mark.parametrize("doubled", [False, True], ids=["100%", "200%"])
@pytest.mark.parametrize(("home", "help_page"), HOMES.items())
def test_the_home_page_leads_to_help_within_the_first_phone_screen(
    phone, live_url, home, help_page, doubled
):
    page = phone(PHONE)
    page.goto(live_url + home)
    if doubled:
        double_text_size(page)
    link = f'.home-help a[href="{help_page}"]'
    assert in_first_screen(page, link, PHONE)
    page.locator(link).click()
    assert page.url == live_url + help_page


@pytest.mark.parametrize("doubled", [False, True], ids=["100%", "200%"])
@pytest.mark.parametrize("path", HELP_PAGES)
def test_the_emergency_card_starts_in_the_first_screen_of_the_help_page(
    phone, live_url, path, doubled
):
    page = phone(PHONE)
    page.goto(live_url + path)
    if doubled:
        double_text_size(page)
    assert in_first_screen(page, ".care-card--emergency .care-card__heading", PHONE)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", HELP_PAGES)
def test_the_help_page_passes_axe_on_a_phone_with_doubled_text(phone, live_url, path, scheme):
    page = phone(PHONE, color_scheme=scheme)
    page.goto(live_url + path)
    double_text_size(page)
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", HELP_PAGES)
def test_nothing_on_the_help_page_scrolls_sideways_at_320px_with_doubled_text(
    phone, live_url, path
):
    page = phone(SMALL_PHONE)
    page.goto(live_url + path)
    double_text_size(page)
    assert overflow(page) == []


@pytest.mark.parametrize("path", ["/articles/car-t-autoimmune/cost-insurance-and-travel/", "/es/"])
def test_every_page_offers_help_in_its_menu_and_its_footer(phone, live_url, path):
    page = phone(PHONE)
    page.goto(live_url + path)
    help_page = "/es/ayuda/" if path.startswith("/es/") else "/help/"
    page.locator(".site-menu__button").click()
    assert page.locator(f'.site-nav a[href="{help_page}"]').is_visible()
    assert page.locator(f'.site-footer a[href="{help_page}"]').count() == 1
