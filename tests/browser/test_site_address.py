"""The addresses a page gives for itself follow the server it comes from, as `make run` and
`make serve` arrange by setting SITE_URL from PORT: canonical link, "Copy link", the email link,
the handout's printed address and its QR code."""

from urllib.parse import parse_qs, urlsplit

import pytest

from articles.handout import qr_svg

ARTICLE = "/articles/car-t-autoimmune/"
SECTION = ARTICLE + "risks/"


@pytest.fixture
def served_here(settings, live_url):
    settings.SITE_URL = live_url  # what make does: SITE_URL=http://127.0.0.1:$(PORT)
    return live_url


def test_canonical_and_share_links_name_this_server(page, served_here):
    page.goto(served_here + SECTION)
    assert page.locator("link[rel=canonical]").get_attribute("href") == served_here + SECTION
    copy = page.get_by_role("button", name="Copy link to this page")
    assert copy.get_attribute("data-url") == served_here + SECTION
    mail = page.get_by_role("link", name="Email a link to this page").get_attribute("href")
    assert (served_here + SECTION) in parse_qs(urlsplit(mail).query)["body"][0]


def test_copy_link_copies_an_address_on_this_server(browser, served_here):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served_here + SECTION)
    page.locator(".heading-link").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert urlsplit(copied)._replace(fragment="").geturl() == served_here + SECTION


def test_handout_address_and_qr_code_name_this_server(page, served_here):
    page.goto(served_here + ARTICLE + "handout/")
    assert page.locator(".handout__address").inner_text().strip() == served_here + ARTICLE
    qr = page.locator(".handout__qr img").get_attribute("src")
    assert page.request.get(served_here + qr).body() == qr_svg(served_here + ARTICLE)
