"""The glossary popover as a reader meets it in Chromium: keyboard, pointer, touch, a 320px phone,
print, and JavaScript turned off. These use the real content: a section with many linked terms."""

import json
import os
import re
from pathlib import Path

import pytest

SECTION = "/articles/car-t-autoimmune/what-is-car-t/"
SPANISH_SECTION = "/es/articulos/car-t-enfermedades-autoinmunes/que-es-car-t/"
TERM = ".prose a.term"
POPOVER = "#glossary-popover"
SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots"))
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
MAX_TABS = 150  # more than the links before the first term; a safety stop, not a measurement


def tab_to_first_term(page):
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.prose a.term')"):
            return page.evaluate("document.activeElement.textContent")
    pytest.fail(f"Tab never reached a glossary term in {MAX_TABS} presses")


def active(page, selector):
    return page.evaluate("(selector) => document.activeElement.matches(selector)", selector)


def inside_viewport(page, selector):
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    ), box


@pytest.fixture
def section_page(page, live_url):
    page.goto(live_url + SECTION)
    return page


def test_terms_are_marked_as_opening_a_dialog(section_page):
    term = section_page.locator(TERM).first
    assert term.get_attribute("aria-haspopup") == "dialog"
    assert term.get_attribute("aria-expanded") == "false"
    assert term.get_attribute("aria-controls") == "glossary-popover"


def test_enter_on_a_term_opens_its_definition_and_focuses_the_dialog(section_page):
    words = tab_to_first_term(section_page)
    section_page.keyboard.press("Enter")
    popover = section_page.locator(POPOVER)
    assert popover.is_visible()
    assert active(section_page, POPOVER)
    assert section_page.url.endswith(SECTION)
    assert section_page.locator(".prose a.term[aria-expanded=true]").count() == 1
    dialog = section_page.get_by_role("dialog")
    assert dialog.get_attribute("aria-labelledby") == "glossary-popover-title"
    assert section_page.locator("#glossary-popover-title").text_content().lower() == words.lower()


def test_popover_shows_the_short_definition_and_a_more_about_link(section_page):
    term = section_page.locator(TERM).first
    href = term.get_attribute("href")
    slug = href.strip("/").split("/")[-1]
    short = section_page.locator(f"#glossary-def-{slug} .terms-used__short").text_content().strip()
    term.click()
    assert section_page.locator("#glossary-popover-text").text_content() == short
    more = section_page.locator(".glossary-popover__more")
    assert more.text_content().startswith("More about ")
    assert more.get_attribute("href") == href


def test_popover_reads_the_spanish_definitions_of_a_spanish_page(page, live_url):
    page.goto(live_url + SPANISH_SECTION)
    terms = page.locator(TERM)
    assert terms.count() > 0
    for index in range(min(terms.count(), 5)):
        term = terms.nth(index)
        href = term.get_attribute("href")
        assert href.startswith("/es/glosario/")
        item = page.locator(".terms-used__item", has=page.locator(f'a[href="{href}"]'))
        short = item.locator(".terms-used__short").text_content().strip()
        term.click()
        assert page.locator(POPOVER).is_visible()
        assert page.locator("#glossary-popover-text").text_content() == short
        assert page.locator(".glossary-popover__more").get_attribute("href") == href
        page.keyboard.press("Escape")


def test_escape_closes_the_popover_and_returns_focus_to_the_term(section_page):
    tab_to_first_term(section_page)
    section_page.keyboard.press("Enter")
    section_page.keyboard.press("Escape")
    assert section_page.locator(POPOVER).is_hidden()
    assert active(section_page, ".prose a.term")
    assert section_page.locator(TERM).first.get_attribute("aria-expanded") == "false"


def test_tab_goes_through_the_popover_and_on_closing_it(section_page):
    tab_to_first_term(section_page)
    section_page.keyboard.press("Enter")
    section_page.keyboard.press("Tab")
    assert active(section_page, ".glossary-popover__more")
    section_page.keyboard.press("Tab")
    assert active(section_page, ".glossary-popover__close")
    section_page.keyboard.press("Tab")
    assert section_page.locator(POPOVER).is_hidden()
    assert not active(section_page, "body")


def test_close_button_returns_focus_to_the_term(section_page):
    tab_to_first_term(section_page)
    section_page.keyboard.press("Enter")
    section_page.get_by_role("button", name="Close definition").click()
    assert section_page.locator(POPOVER).is_hidden()
    assert active(section_page, ".prose a.term")


def test_click_outside_closes_the_popover_and_returns_focus_to_the_term(section_page):
    section_page.locator(TERM).first.click()
    assert section_page.locator(POPOVER).is_visible()
    section_page.locator("h1").click()
    assert section_page.locator(POPOVER).is_hidden()
    assert active(section_page, ".prose a.term")


def test_clicking_the_open_term_again_closes_it(section_page):
    term = section_page.locator(TERM).first
    term.click()
    term.click()
    assert section_page.locator(POPOVER).is_hidden()
    assert term.get_attribute("aria-expanded") == "false"


def test_another_term_replaces_the_open_popover(section_page):
    terms = section_page.locator(TERM)
    terms.nth(0).click()
    terms.nth(1).click()
    assert section_page.locator(".prose a.term[aria-expanded=true]").count() == 1
    assert terms.nth(1).get_attribute("aria-expanded") == "true"


def test_open_popover_passes_axe(browser, live_url):
    from axe_playwright_python.base import AXE_FILE_PATH

    context = browser.new_context()
    context.add_init_script(path=str(AXE_FILE_PATH))  # an init script is not inline code to the CSP
    page = context.new_page()
    page.goto(live_url + SECTION)
    page.locator(TERM).first.click()
    violations = page.evaluate(
        """async (tags) => (await axe.run(
            {include: [["#glossary-popover"], [".prose a.term"], [".terms-used"]]},
            {runOnly: {type: "tag", values: tags}}
        )).violations.map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join())""",
        AXE_TAGS,
    )
    context.close()
    assert violations == []


def test_opening_the_popover_breaks_no_content_security_policy(browser, live_url):
    context = browser.new_context()
    context.add_init_script(
        """window.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
            e.violatedDirective + " " + (e.blockedURI || "inline")));"""
    )
    page = context.new_page()
    page.goto(live_url + SECTION)
    page.locator(TERM).first.click()
    page.set_viewport_size({"width": 320, "height": 640})
    page.locator(TERM).nth(4).click()
    opened = page.locator(POPOVER).is_visible()
    violations = page.evaluate("window.__violations")
    context.close()
    assert opened
    assert violations == []


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    yield page
    context.close()


def test_every_popover_fits_inside_a_320px_phone(phone, live_url):
    phone.goto(live_url + SECTION)
    terms = phone.locator(TERM)
    outside = []
    for index in range(terms.count()):
        terms.nth(index).tap()
        fits, box = inside_viewport(phone, POPOVER)
        if not fits:
            outside.append(f"{terms.nth(index).text_content()}: {box}")
        if index == 0:
            SHOTS.mkdir(parents=True, exist_ok=True)
            phone.screenshot(path=str(SHOTS / "glossary-popover-320.png"))
        phone.keyboard.press("Escape")
    assert terms.count() > 5
    assert outside == []


def test_tap_opens_the_popover_on_a_phone(phone, live_url):
    phone.goto(live_url + SECTION)
    phone.locator(TERM).first.tap()
    assert phone.locator(POPOVER).is_visible()
    assert phone.url.endswith(SECTION)


def test_popover_stays_inside_the_viewport_when_the_page_scrolls(phone, live_url):
    phone.goto(live_url + SECTION)
    phone.locator(TERM).nth(3).tap()
    phone.evaluate("window.scrollBy(0, 600)")
    phone.evaluate(
        "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    fits, box = inside_viewport(phone, POPOVER)
    assert fits, box


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_without_javascript_a_term_opens_its_glossary_page(no_script_page, live_url):
    no_script_page.goto(live_url + SECTION)
    term = no_script_page.locator(TERM).first
    href = term.get_attribute("href")
    assert term.get_attribute("aria-haspopup") is None
    term.click()
    no_script_page.wait_for_url(live_url + href)
    assert no_script_page.locator("h1").is_visible()


def test_printed_section_shows_its_definitions_and_terms_as_plain_words(no_script_page, live_url):
    no_script_page.goto(live_url + SECTION)
    assert no_script_page.locator(".terms-used__list").is_hidden()
    no_script_page.emulate_media(media="print")
    assert no_script_page.locator(".terms-used__list").is_visible()
    decoration = no_script_page.locator(TERM).first.evaluate(
        "(a) => getComputedStyle(a).textDecorationLine"
    )
    assert decoration == "none"


def test_popover_takes_its_words_from_the_page(page, live_url):
    # The page's #ui-strings block is the only source of the script's words: with it in Spanish
    # (as a Spanish page will have it), the popover speaks Spanish.
    spanish = {"close": "Cerrar", "closeWhat": "definición", "moreAbout": "Más sobre {term}"}

    def in_spanish(route):
        html = route.fetch().text()
        block = re.compile(
            r'(<script id="ui-strings" type="application/json">).*?(</script>)', re.S
        )
        assert block.search(html)
        html = block.sub(lambda found: found[1] + json.dumps(spanish) + found[2], html)
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route(live_url + SECTION, in_spanish)
    page.goto(live_url + SECTION)
    page.locator(TERM).first.click()
    close = page.locator(".glossary-popover__close")
    assert close.inner_text().startswith("Cerrar")
    assert page.get_by_role("button", name="Cerrar definición").is_visible()
    assert page.locator(".glossary-popover__more").inner_text().startswith("Más sobre ")


def test_popover_keeps_its_english_words_without_the_page_block(page, live_url):
    def without_block(route):
        html = route.fetch().text()
        html = re.sub(r'<script id="ui-strings" type="application/json">.*?</script>', "", html)
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route(live_url + SECTION, without_block)
    page.goto(live_url + SECTION)
    page.locator(TERM).first.click()
    assert page.get_by_role("button", name="Close definition").is_visible()
    assert page.locator(".glossary-popover__more").inner_text().startswith("More about ")
