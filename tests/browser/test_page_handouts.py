"""Every condition page and section has its own handout: printed in Chromium, each fits one
sheet of A4 and of US Letter, in both languages, and carries the emergency advice and the QR
code. The share box's after-visit text can be copied."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_handout_print import pdf_pages

CONDITIONS = {
    "en": [
        "lupus",
        "myositis",
        "systemic-sclerosis",
        "myasthenia-gravis",
        "other-autoimmune-diseases",
    ],
    "es": [
        "lupus",
        "miositis",
        "esclerosis-sistemica",
        "miastenia-grave",
        "otras-enfermedades-autoinmunes",
    ],
}
HANDOUTS = [
    *(f"/conditions/{slug}/handout/" for slug in CONDITIONS["en"]),
    *(f"/es/enfermedades/{slug}/hoja-para-imprimir/" for slug in CONDITIONS["es"]),
    "/articles/car-t-autoimmune/first-weeks-after-treatment/handout/",
    "/articles/car-t-autoimmune/risks/handout/",
    "/es/articulos/car-t-enfermedades-autoinmunes/las-primeras-semanas/hoja-para-imprimir/",
    "/es/articulos/car-t-enfermedades-autoinmunes/riesgos/hoja-para-imprimir/",
]


@pytest.mark.parametrize("handout", HANDOUTS)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_each_page_handout_prints_on_exactly_one_sheet(page, live_url, paper, handout):
    assert page.goto(live_url + handout).ok  # a not-found page would fit one sheet too
    assert pdf_pages(page.pdf(format=paper)) == 1


@pytest.mark.parametrize("handout", HANDOUTS)
def test_each_page_handout_shows_the_911_advice_and_its_qr_code(page, live_url, handout):
    page.goto(live_url + handout)
    page.emulate_media(media="print")
    sheet = page.locator(".handout__sheet")
    assert "911" in sheet.inner_text()
    # The care file's handout cards first (when to call 911, when to call the team now), then
    # any other card the page shows (articles/handout.py handout_cards).
    cards = sheet.locator(".handout__cards > .care-card")
    assert "care-card--emergency" in cards.nth(0).get_attribute("class")
    assert "care-card--urgent" in cards.nth(1).get_attribute("class")
    assert cards.nth(0).is_visible() and cards.nth(1).is_visible()
    qr = page.locator(".handout__qr img")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")


def test_the_after_visit_text_is_copied_whole(page, live_url, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_url + "/conditions/lupus/")
    page.locator(".share__avs summary").click()
    page.get_by_role("button", name=re.compile("Copy the text")).click()
    # A locator's wait, not wait_for_function: the page's policy forbids the eval that needs.
    expect(page.locator("#copy-status")).to_have_text(re.compile(r"\S"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#avs-text").input_value()
    assert "911" in copied and len(copied) <= 600
