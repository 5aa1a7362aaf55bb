"""Printing in Chromium: the handout on exactly one sheet of A4 and of US Letter, the print rules
every page shares, and "Print my list" on the questions page."""

import re

import pytest

HANDOUT = "/articles/car-t-autoimmune/handout/"
SECTION = "/articles/car-t-autoimmune/risks/"


def pdf_pages(pdf):
    # Each page of a PDF is one object of /Type /Page (the page tree itself is /Type /Pages).
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_handout_prints_on_exactly_one_page(page, live_url, paper):
    page.goto(live_url + HANDOUT)
    assert pdf_pages(page.pdf(format=paper)) == 1


def test_qr_code_loads_under_the_content_security_policy(page, live_url):
    page.goto(live_url + HANDOUT)
    assert page.evaluate("document.querySelector('.handout__qr img').naturalWidth") > 0


def test_printed_handout_has_only_the_handout(page, live_url):
    page.goto(live_url + HANDOUT)
    page.emulate_media(media="print")
    for selector in (".site-header", ".breadcrumbs", ".handout__intro", ".site-footer"):
        assert not page.locator(selector).is_visible(), selector
    assert page.locator(".handout__qr img").is_visible()
    assert page.locator("h1").is_visible()


def test_printed_section_has_no_navigation(page, live_url):
    page.goto(live_url + SECTION)
    page.emulate_media(media="print")
    for selector in (
        ".site-header",
        ".part-progress",
        ".pager",
        ".share",
        ".back-to-top",
        ".heading-link",
    ):
        assert not page.locator(selector).first.is_visible(), selector


def test_printed_glossary_terms_read_as_plain_text(page, live_url):
    page.goto(live_url + SECTION)
    page.emulate_media(media="print")
    term, paragraph = page.evaluate(
        """() => {
          const term = document.querySelector('.prose a.term');
          const style = getComputedStyle(term);
          const after = getComputedStyle(term, '::after').content;
          const text = getComputedStyle(term.parentElement).color;
          return [[style.color, style.textDecorationLine, after], text];
        }"""
    )
    assert term == [paragraph, "none", "none"]


def test_printed_outside_links_show_their_address(page, live_url):
    page.goto(live_url + SECTION)
    page.emulate_media(media="print")
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.sources a[href^=\"http\"]'), '::after').content"
    )
    assert "attr(href)" in after or "http" in after


def test_print_my_list_prints_only_the_chosen_questions(page, live_url):
    page.goto(live_url + "/questions/")
    # Headless Chromium has no print dialog; record the call instead, and print with page.pdf.
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_label("How would you protect me from infections after treatment?").check()
    page.get_by_label("Type a question of your own").fill("Can my sister come with me?")
    page.get_by_role("button", name="Add to my list").click()
    page.get_by_role("button", name="Print my list").click()
    assert page.evaluate("window.printed")
    page.emulate_media(media="print")
    shown = page.locator(".question").evaluate_all(
        "items => items.filter(i => i.offsetParent !== null).map(i => i.innerText.trim())"
    )
    assert shown == [
        "How would you protect me from infections after treatment?",
        "Can my sister come with me?",
    ]
