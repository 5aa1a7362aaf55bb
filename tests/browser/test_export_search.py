"""Search on the static export, as a reader of a copy on a static host meets it: the site is
exported once, served by a plain static file server that sends the headers of the export's
_headers file (so the real Content-Security-Policy is in force), and searched from the header's
search box in English and in Spanish, with Pagefind in the browser."""

import re

import pytest
from django.core.management import call_command

from tests.static_host import serve_export
from web.frontserver import free_port

from .pagecheck import axe_violations, install_checks

CSP_WORDING = re.compile(r"Content[ -]Security[ -]Policy|WebAssembly|wasm", re.IGNORECASE)
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture(scope="module")
def export_folder(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("export") / "site"
    port = free_port()
    call_command("export_site", str(outdir), site_url=f"http://127.0.0.1:{port}")
    return outdir, port


@pytest.fixture(scope="module")
def export_url(export_folder):
    with serve_export(*export_folder) as url:
        yield url


@pytest.fixture
def watched(page):
    """The page, recording every console error or warning, uncaught error and CSP violation."""
    problems = []
    page.add_init_script(RECORD_VIOLATIONS)

    def on_console(message):
        if message.type in ("error", "warning") or CSP_WORDING.search(message.text):
            problems.append(f"console {message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield page, problems
    problems += [f"violation: {v}" for v in page.evaluate("window.__violations || []")]
    assert problems == []


def search_from_header(page, words):
    box = page.locator("#site-search-q")
    if not box.is_visible():
        page.locator(".site-menu__button").click()
    box.fill(words)
    box.press("Enter")


def test_english_search_from_the_header_finds_and_opens_an_exported_page(watched, export_url):
    page, _ = watched
    page.goto(f"{export_url}/articles/")
    search_from_header(page, "lupus")
    page.wait_for_url(f"{export_url}/search/?q=lupus")
    heading = page.locator("#results-heading")
    heading.wait_for()
    assert re.fullmatch(r"\d+ results for “lupus”", heading.inner_text())
    results = page.locator("#search-results > li")
    assert results.count() >= 3
    assert page.locator("#search-results mark").count() >= 1
    assert page.locator("#search-page-q").input_value() == "lupus"
    assert page.locator("#search-needs-javascript").is_hidden()
    first = results.first.locator("h3 a")
    title, href = first.inner_text(), first.get_attribute("href")
    assert href.startswith("/") and not href.startswith("/search/")
    first.click()
    page.wait_for_url(re.compile(re.escape(export_url + href.split("#")[0])))
    assert page.locator("h1").inner_text() == title
    assert "lupus" in page.locator("main").inner_text().lower()


def test_results_name_the_headings_the_words_are_under(watched, export_url):
    page, _ = watched
    page.goto(f"{export_url}/search/?q=cytokine+release+syndrome")
    page.locator("#search-results > li").first.wait_for()
    part = page.locator(".search-result__parts a").first
    assert re.fullmatch(r"/[a-z0-9/-]+/#[\w-]+", part.get_attribute("href"))


def test_spanish_search_from_the_header_finds_spanish_pages(watched, export_url):
    page, _ = watched
    page.goto(f"{export_url}/es/")
    search_from_header(page, "síntomas")
    page.wait_for_url(re.compile(re.escape(f"{export_url}/es/buscar/?q=")))
    heading = page.locator("#results-heading")
    heading.wait_for()
    assert re.fullmatch(r"\d+ resultados? para “síntomas”", heading.inner_text())
    links = page.locator("#search-results > li h3 a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs and all(href.startswith("/es/") for href in hrefs)
    links.first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"


@pytest.mark.parametrize("path", ["/search/?q=side+effects", "/es/buscar/?q=efectos+secundarios"])
def test_results_pass_the_accessibility_checks(context, export_url, path):
    install_checks(context)
    page = context.new_page()
    page.goto(export_url + path)
    page.locator("#results-heading").wait_for()
    assert page.locator("#search-results > li").count() == 10
    assert axe_violations(page) == []
    page.close()


def test_more_results_come_ten_at_a_time_and_focus_moves_to_the_first_new_one(watched, export_url):
    page, _ = watched
    page.goto(f"{export_url}/search/?q=side+effects")
    page.locator("#results-heading").wait_for()
    results = page.locator("#search-results > li")
    assert results.count() == 10
    page.get_by_role("button", name="Show more results").click()
    results.nth(10).wait_for()
    assert results.count() == 20
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == results.nth(10).locator("h3 a").get_attribute("href")


def test_a_search_with_no_results_says_so_and_offers_the_lists(watched, export_url):
    page, _ = watched
    page.goto(f"{export_url}/search/?q=zzzzqx")
    heading = page.locator("#results-heading")
    heading.wait_for()
    assert heading.inner_text() == "No results for “zzzzqx”"
    assert page.locator("#search-none").get_by_role("link", name="articles").is_visible()


def test_without_javascript_the_search_page_says_search_needs_it(browser, export_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path, words, links in [
        ("/search/?q=lupus", "needs JavaScript", ["/articles/", "/glossary/"]),
        ("/es/buscar/?q=lupus", "JavaScript", ["/es/articulos/", "/es/glosario/"]),
    ]:
        page.goto(export_url + path)
        notice = page.locator("#search-needs-javascript")
        assert notice.is_visible()
        assert words in notice.inner_text()
        hrefs = [a.get_attribute("href") for a in notice.locator("a").all()]
        assert hrefs == links
        assert page.locator("#search-results").is_hidden()
    context.close()


def test_on_a_host_that_blocks_webassembly_the_page_says_search_could_not_start(
    page, export_folder
):
    # A host that sends the site-wide policy to the search page too: Pagefind cannot start. The
    # reader is told, and given the lists, instead of a page that waits for ever.
    outdir, _ = export_folder
    with serve_export(outdir, free_port(), site_wide_only=True) as url:
        page.goto(f"{url}/search/?q=lupus")
        failed = page.locator("#search-failed")
        failed.wait_for()
        assert "could not start" in failed.inner_text()
        assert failed.get_by_role("link", name="browse the articles").is_visible()
        assert page.locator("#search-results").is_hidden()
