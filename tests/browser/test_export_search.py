"""Search on the static export, as a reader of a copy on a static host meets it: the site is
exported once, served by a plain static file server that sends the headers of the export's
_headers file (so the real Content-Security-Policy is in force), and searched from the header's
search box in English and in Spanish, the server's search running in the browser
(static/js/search-engine.js; tests/browser/test_export_ranking.py compares its answers with the
server's on the whole query table)."""

import re

import pytest
from django.core.management import call_command

from tests.support.static_host import serve_export
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


RESULTS = ".search-results > li"


def test_english_search_from_the_header_finds_and_opens_an_exported_page(watched, export_url):
    page, _ = watched
    page.goto(f"{export_url}/articles/")
    search_from_header(page, "lupus")
    page.wait_for_url(f"{export_url}/search/?q=lupus")
    heading = page.locator("#results-heading")
    heading.wait_for()
    assert re.fullmatch(r"\d+ results for “lupus”", heading.inner_text())
    results = page.locator(RESULTS)
    assert results.count() >= 3
    assert page.locator(".search-results mark").count() >= 1
    assert page.locator("#search-page-q").input_value() == "lupus"
    assert page.locator("#search-needs-javascript").is_hidden()
    first = results.first.locator("h3 a")
    title, href = first.inner_text(), first.get_attribute("href")
    assert href.startswith("/") and not href.startswith("/search/")
    first.click()
    page.wait_for_url(re.compile(re.escape(export_url + href.split("#")[0])))
    assert page.locator("h1").inner_text() == title
    assert "lupus" in page.locator("main").inner_text().lower()


def test_results_are_the_servers_and_name_the_heading_the_words_are_under(
    watched, export_url, client
):
    page, _ = watched
    page.goto(f"{export_url}/search/?q=cytokine+release+syndrome+fever")
    page.locator(RESULTS).first.wait_for()
    server = client.get("/search/?q=cytokine+release+syndrome+fever").content.decode()
    links = page.locator(".search-result__title a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == re.findall(r'<h3 class="search-result__title"><a href="([^"]+)"', server)
    where = page.locator(".search-result__where").all_inner_texts()
    assert any(" · under “" in text for text in where)


def test_spanish_search_from_the_header_finds_spanish_pages(watched, export_url):
    page, _ = watched
    page.goto(f"{export_url}/es/")
    search_from_header(page, "síntomas")
    page.wait_for_url(re.compile(re.escape(f"{export_url}/es/buscar/?q=")))
    heading = page.locator("#results-heading")
    heading.wait_for()
    assert re.fullmatch(r"\d+ resultados? para “síntomas”", heading.inner_text())
    links = page.locator(f"{RESULTS} h3 a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs and all(href.startswith("/es/") for href in hrefs)
    links.first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"


@pytest.mark.parametrize(
    ("path", "suggestion"),
    [("/search/?q=lupis", "lupus"), ("/es/buscar/?q=quimoterapia", "quimioterapia")],
)
def test_a_misspelling_gets_the_sites_spelling_and_its_results(
    watched, export_url, path, suggestion
):
    page, _ = watched
    page.goto(export_url + path)
    page.locator("#results-heading").wait_for()
    offer = page.locator(".search-suggestion a")
    assert offer.inner_text().lower() == suggestion
    assert offer.get_attribute("href").lower() == f"?q={suggestion}"
    assert page.locator(RESULTS).count() > 0


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/search/?q=can+I+have+kids", "/articles/car-t-autoimmune/fertility-and-pregnancy/"),
        (
            "/es/buscar/?q=fiebre",
            "/es/ayuda/",
        ),
    ],
)
def test_a_question_goes_first_to_the_page_that_answers_it(watched, export_url, path, expected):
    page, _ = watched
    page.goto(export_url + path)
    page.locator(RESULTS).first.wait_for()
    href = page.locator(f"{RESULTS} h3 a").first.get_attribute("href")
    assert href.split("#")[0] == expected


@pytest.mark.parametrize("path", ["/search/?q=side+effects", "/es/buscar/?q=efectos+secundarios"])
def test_results_pass_the_accessibility_checks(context, export_url, path):
    install_checks(context)
    page = context.new_page()
    page.goto(export_url + path)
    page.locator("#results-heading").wait_for()
    assert page.locator(RESULTS).count() == 20
    assert axe_violations(page) == []
    page.close()


def test_every_result_is_reached_through_the_pages_of_results(watched, export_url):
    page, _ = watched
    page.goto(f"{export_url}/search/?q=side+effects")
    page.locator("#results-heading").wait_for()
    total = int(page.locator("#results-heading").inner_text().split()[0])
    seen = []
    while True:
        links = page.locator(f"{RESULTS} h3 a")
        seen += [links.nth(i).get_attribute("href") for i in range(links.count())]
        following = page.locator('a[rel="next"]')
        if not following.count():
            break
        following.click()
        page.locator("#results-heading").wait_for()
    assert len(seen) == len(set(seen)) == total > 20
    assert page.locator(".search-results").get_attribute("start") == str(20 * (total // 20) + 1)


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
        assert page.locator(RESULTS).count() == 0
    context.close()


def test_when_the_index_cannot_be_loaded_the_page_says_search_could_not_start(page, export_url):
    page.route("**/search-index/**", lambda route: route.abort())
    page.goto(f"{export_url}/search/?q=lupus")
    failed = page.locator("#search-failed")
    failed.wait_for()
    assert "could not start" in failed.inner_text()
    assert failed.get_by_role("link", name="browse the articles").is_visible()
    assert page.locator(RESULTS).count() == 0


def test_the_language_switch_keeps_the_search_on_a_copy_of_the_site(watched, export_url):
    page, _ = watched
    page.goto(f"{export_url}/search/?q=lupus")
    page.locator("#results-heading").wait_for()
    page.locator(".language-switch a").click()
    page.wait_for_url(f"{export_url}/es/buscar/?q=lupus")
    page.locator("#results-heading").wait_for()
    assert page.locator(RESULTS).count() > 0
