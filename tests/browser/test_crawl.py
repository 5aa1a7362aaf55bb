"""Every page reachable from the home pages (/ and /es/), as a reader's browser sees it.

One crawl visits each page once in a single browser context and records what every check needs;
each test then asserts one behaviour across all pages and names each page that fails, and why.
Of the glossary's term pages it opens a sample (opened_terms) and asks the rest only for their
status.

Zoom: Chromium's 200% page zoom on a 1280px-wide window lays the page out in a 640 CSS-pixel
viewport (CSS pixels double in size, so half as many fit, and media queries see 640px). A 640px
viewport is therefore the same layout as 200% zoom; the device pixel ratio changes only the
sharpness of the pixels, not where anything goes. A reader can instead double the browser's
default font size, which grows only rem and em lengths and leaves the window 1280px wide; that is
a different layout, so it is checked separately by doubling the root font size.
"""

import re
import xml.etree.ElementTree as ET
from collections import defaultdict, deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest

from .pagecheck import (
    axe_results,
    clipped_text,
    double_text_size,
    install_checks,
    overflow,
    reset_text_size,
    start_axe,
)

# Pages no link leads to: the answers to the search and glossary-filter forms, and the page a
# mistyped address gets (its status is 404; everything else about it must pass like any page).
FORM_ANSWERS = [
    "/search/?q=B+cells",
    "/search/?q=cells&page=2",
    "/search/?q=zzzz",
    "/glossary/?q=cell",
    "/es/buscar/?q=celulas+B",
    "/es/buscar/?q=celulas&page=2",
    "/es/buscar/?q=zzzz",
    "/es/glosario/?q=celula",
]
NOT_FOUND = ["/no-such-page/", "/es/no-existe/"]
HOMES = ["/", "/es/"]

# The site has about 170 pages in each language; the cap stops a link generator from turning the
# crawl into a hang.
MAX_PAGES = 600
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}
ZOOMED = {"width": 640, "height": 450}

# Chromium reports a violation of the Content-Security-Policy as a console message; report-only
# policies log a warning, not an error, so both are caught by their wording.
CSP_WORDING = re.compile(r"Content[ -]Security[ -]Policy", re.IGNORECASE)

FOOTER_LINKS = """
links => links
  .filter(a => a.offsetWidth > 0 && a.offsetHeight > 0 && a.tabIndex >= 0)
  .map(a => new URL(a.href).pathname)
"""
PARSE_JSON_LD = """
blocks => blocks.map(block => {
  try { return JSON.parse(block.textContent); } catch (error) { return `unreadable: ${error}`; }
})
"""
# The pages whose foot must say when they were last reviewed: an article's overview, each section
# and the whole article, and every glossary page. The handout has its own line for it.
# (A handout, the article's or a part's, has its own line for it.)
REVIEWED_PAGE = re.compile(r"^/(articles/[a-z0-9-]+/(?!(?:[a-z0-9-]+/)?handout/)|glossary/)")
# Of those, the ones that describe themselves to search engines (not the glossary index).
DESCRIBED_PAGE = re.compile(
    r"^/(articles/[a-z0-9-]+/(?!(?:[a-z0-9-]+/)?handout/)|glossary/[a-z0-9-]+/"
    r"|es/articulos/[a-z0-9-]+/(?!(?:[a-z0-9-]+/)?hoja-para-imprimir/)|es/glosario/[a-z0-9-]+/)"
)
REVIEW_DATES = re.compile(
    r"^Page last reviewed: \d{1,2} [A-Z][a-z]+ \d{4}\. Next review due: \d{1,2} [A-Z][a-z]+ \d{4}\."
)
TERM_PAGE = re.compile(r"^/(es/glosario|glossary)/[a-z0-9-]+/$")
# The glossary's term pages (about 110 a language) are one template around a few sentences that
# make check reads and the content tests crawl. The browser opens the terms with the longest
# words and names (the layout's hardest cases) and every TERM_STRIDE-th of the rest, and asks
# the others only whether they answer: a third of the crawl's time instead of two thirds.
TERM_LONGEST = 8
TERM_STRIDE = 8
TRUST_PAGES = {"/about/", "/privacy/", "/accessibility/"}
SPANISH_TRUST_PAGES = {"/es/acerca-de/", "/es/privacidad/", "/es/accesibilidad/"}


def trust_pages_for(path):
    return SPANISH_TRUST_PAGES if path.startswith("/es/") else TRUST_PAGES


# Registered before any page script runs, so even a violation during parsing is counted.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const blocked = event.blockedURI || "inline code";
  window.__cspViolations.push(`${event.violatedDirective} blocked ${blocked}`);
});
"""


@dataclass
class PageReport:
    path: str
    expected_status: int = 200
    status: int = 0
    html: bool = False
    axe: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    csp: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    h1_count: int = 0
    html_lang: str = ""
    overflow_phone: list = field(default_factory=list)
    overflow_zoomed: list = field(default_factory=list)
    overflow_big_text: list = field(default_factory=list)
    clipped: list = field(default_factory=list)
    footer_links: list = field(
        default_factory=list
    )  # paths of the footer's visible, tabbable links
    review_foot: list = field(default_factory=list)  # the text of each "Page last reviewed" foot
    json_ld: list = field(default_factory=list)  # each JSON-LD block, parsed, or why it failed


@dataclass
class Crawl:
    origin: str
    pages: dict
    cookies: list
    sitemap: list

    @property
    def html_pages(self):
        return [report for report in self.pages.values() if report.html]


def _same_site_path(href, origin):
    parts = urlsplit(href)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _sitemap_paths(context, origin):
    """The sitemap's addresses, moved onto the test server (the sitemap names SITE_URL)."""
    response = context.request.get(f"{origin}/sitemap.xml")
    assert response.ok, f"/sitemap.xml answered {response.status}"
    tree = ET.fromstring(response.body())
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = []
    for loc in tree.iterfind(".//sm:loc", namespace):
        parts = urlsplit(loc.text.strip())
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def opened_terms(paths):
    """The term pages the browser opens, of the sitemap's: per language, the TERM_LONGEST with
    the longest word, the TERM_LONGEST with the longest address, and every TERM_STRIDE-th."""
    chosen = set()
    for prefix in ("/glossary/", "/es/glosario/"):
        terms = sorted(p for p in paths if TERM_PAGE.match(p) and p.startswith(prefix))
        longest_word = sorted(terms, key=lambda p: -max(map(len, re.split(r"[/-]", p))))
        longest_name = sorted(terms, key=lambda p: -len(p))
        chosen |= {*longest_word[:TERM_LONGEST], *longest_name[:TERM_LONGEST]}
        chosen |= set(terms[::TERM_STRIDE])
    return chosen


def _check_layout(page, report):
    page.set_viewport_size(PHONE)
    report.overflow_phone = overflow(page)
    report.clipped += [f"at 320px, {problem}" for problem in clipped_text(page)]
    page.set_viewport_size(ZOOMED)
    report.overflow_zoomed = overflow(page)
    report.clipped += [f"at 200% zoom, {problem}" for problem in clipped_text(page)]
    page.set_viewport_size(DESKTOP)
    double_text_size(page)
    report.overflow_big_text = overflow(page)
    report.clipped += [f"with double text size, {problem}" for problem in clipped_text(page)]
    reset_text_size(page)


class Tab:
    """One browser tab of the crawl, recording what happens on the page it is showing.

    axe-core takes most of a page's time, so the crawl drives two tabs in turn: while axe runs
    in one tab's renderer process, the other tab loads and measures the next page on the other core.
    """

    def __init__(self, context, origin):
        self.origin = origin
        self.report = None
        self.axe_running = False
        self.page = context.new_page()
        self.page.on("console", self._on_console)
        self.page.on("pageerror", self._on_page_error)
        self.page.on("request", self._on_request)

    def _on_console(self, message):
        if self.report is None:
            return
        if CSP_WORDING.search(message.text):
            self.report.csp.append(message.text)
        elif message.type == "error" and not self._expected_failure(message):
            self.report.console_errors.append(message.text)

    def _expected_failure(self, message):
        # Chromium logs the 404 of the not-found page itself as a failed load.
        own_address = message.location.get("url") == self.origin + self.report.path
        return own_address and self.report.expected_status != 200

    def _on_page_error(self, error):
        if self.report is not None:
            self.report.console_errors.append(f"uncaught {error}")

    def _on_request(self, request):
        if self.report is not None:
            self.report.requests.append(request.url)

    def open(self, report):
        """Load the page, measure its layout, start axe; return the addresses it links to."""
        self.report = report
        response = self.page.goto(self.origin + report.path, wait_until="load")
        report.status = response.status if response else 0
        content_type = (response.headers.get("content-type", "") if response else "").lower()
        report.html = (
            content_type.startswith("text/html") and report.status == report.expected_status
        )
        if not report.html:
            return []
        links = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        report.h1_count = self.page.locator("h1").count()
        report.html_lang = self.page.get_attribute("html", "lang") or ""
        report.footer_links = self.page.eval_on_selector_all("footer a[href]", FOOTER_LINKS)
        report.review_foot = self.page.locator(".page-review").all_inner_texts()
        report.json_ld = self.page.eval_on_selector_all(
            'script[type="application/ld+json"]', PARSE_JSON_LD
        )
        _check_layout(self.page, report)
        # Colour contrast, axe's slowest rule by far, depends on the stylesheet and the template,
        # not on a term's words: it is checked on every other page (and in dark mode by
        # test_display_modes), so the glossary's two hundred term pages skip it.
        start_axe(self.page, skip=("color-contrast",) if TERM_PAGE.match(report.path) else ())
        self.axe_running = True
        return links

    def finish(self):
        if self.axe_running:
            self.report.axe = axe_results(self.page)
            self.report.csp += self.page.evaluate("() => window.__cspViolations || []")
            self.axe_running = False


@pytest.fixture(scope="module")
def crawl(browser, live_url):
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    install_checks(context)
    tabs = [Tab(context, live_url), Tab(context, live_url)]
    pages = {}
    sitemap = _sitemap_paths(context, live_url)
    opened = opened_terms(sitemap)
    queue = deque([*HOMES, *sitemap, *FORM_ANSWERS, *NOT_FOUND])
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        if path in pages:
            continue
        if TERM_PAGE.match(path) and path not in opened:
            pages[path] = PageReport(path, status=context.request.get(live_url + path).status)
            continue
        tab = tabs[len(pages) % len(tabs)]
        tab.finish()
        report = pages[path] = PageReport(path, 404 if path in NOT_FOUND else 200)
        for href in tab.open(report):
            linked = _same_site_path(urljoin(live_url + path, href), live_url)
            # A link with a query is the answer to a form (another search, the next page of
            # results, the same search in the other language): FORM_ANSWERS holds one of each
            # kind, so the crawl is the site's pages, not every search a link can ask.
            if linked is None or "?" in linked:
                continue
            if linked not in pages and linked not in queue:
                queue.append(linked)
    for tab in tabs:
        tab.finish()
        tab.report = None
    cookies = context.cookies()
    context.close()
    assert not queue, f"the crawl stopped at {MAX_PAGES} pages with {len(queue)} still to visit"
    return Crawl(origin=live_url, pages=pages, cookies=cookies, sitemap=sitemap)


def _failures(crawl, attribute):
    return [(r.path, problem) for r in crawl.html_pages for problem in getattr(r, attribute)]


def _explain(what, failures):
    """One line per distinct problem with the pages that have it: a site-wide fault reads once."""
    pages_by_problem = defaultdict(list)
    for path, problem in failures:
        pages_by_problem[problem].append(path)
    lines = []
    for problem, paths in pages_by_problem.items():
        where = ", ".join(paths[:4]) + (f" and {len(paths) - 4} more" if len(paths) > 4 else "")
        lines.append(f"- {problem}\n    on {where}")
    count = len({path for path, _ in failures})
    return f"{what} on {count} page(s):\n" + "\n".join(lines)


def test_crawl_reaches_every_page_in_the_sitemap_and_the_glossary(crawl):
    paths = {report.path for report in crawl.html_pages}
    assert {"/", "/glossary/", "/es/", "/es/glosario/"} <= paths
    assert any(path.startswith("/glossary/") and path != "/glossary/" for path in paths)
    assert any(path.startswith("/es/glosario/") and path != "/es/glosario/" for path in paths)
    assert len(paths) >= 20, sorted(paths)
    answered = {path for path, report in crawl.pages.items() if report.status == 200}
    assert answered >= set(crawl.sitemap), "a page of the sitemap was not asked"


def test_every_page_says_its_language(crawl):
    lines = [
        (r.path, f'<html lang="{r.html_lang}">')
        for r in crawl.html_pages
        if r.html_lang != ("es" if r.path.startswith("/es/") else "en")
    ]
    assert not lines, _explain("Pages in the wrong language", lines)
    assert len([r for r in crawl.html_pages if r.html_lang == "es"]) >= 20


def test_every_linked_page_answers(crawl):
    broken = [
        (r.path, f"answered {r.status}")
        for r in crawl.pages.values()
        if r.status != r.expected_status
    ]
    assert not broken, _explain("Broken links", broken)


def test_every_page_passes_axe(crawl):
    lines = _failures(crawl, "axe")
    assert not lines, _explain("axe-core violations (WCAG 2.2 A/AA and best practice)", lines)


def test_every_page_has_exactly_one_h1(crawl):
    lines = [(r.path, f"{r.h1_count} h1 elements") for r in crawl.html_pages if r.h1_count != 1]
    assert not lines, _explain("Wrong number of h1", lines)


def test_no_page_logs_a_console_error(crawl):
    lines = _failures(crawl, "console_errors")
    assert not lines, _explain("Console errors", lines)


def test_no_page_violates_the_content_security_policy(crawl):
    lines = _failures(crawl, "csp")
    assert not lines, _explain("Content-Security-Policy violations", lines)


def test_no_page_requests_another_host(crawl):
    lines = []
    for report in crawl.html_pages:
        for url in report.requests:
            parts = urlsplit(url)
            # data: and blob: addresses never leave the browser.
            if parts.scheme in ("data", "blob"):
                continue
            if f"{parts.scheme}://{parts.netloc}" != crawl.origin:
                lines.append((report.path, f"requested {url}"))
    assert not lines, _explain("Requests to other hosts", lines)


def test_no_page_sets_a_cookie(crawl):
    assert crawl.cookies == []


def test_no_page_scrolls_sideways_at_320px(crawl):
    lines = _failures(crawl, "overflow_phone")
    assert not lines, _explain("Horizontal overflow at 320px", lines)


def test_nothing_runs_off_screen_at_200_percent_zoom(crawl):
    lines = _failures(crawl, "overflow_zoomed")
    assert not lines, _explain("Horizontal overflow at 200% zoom (640px)", lines)


def test_nothing_runs_off_screen_with_double_text_size(crawl):
    lines = _failures(crawl, "overflow_big_text")
    assert not lines, _explain("Horizontal overflow with the text size doubled", lines)


def test_no_text_is_clipped(crawl):
    lines = _failures(crawl, "clipped")
    assert not lines, _explain("Text cut off by overflow", lines)


def test_every_page_links_to_about_privacy_and_accessibility_from_its_footer(crawl):
    lines = [
        (r.path, f"no visible footer link to {path}")
        for r in crawl.html_pages
        for path in sorted(trust_pages_for(r.path) - set(r.footer_links))
    ]
    assert not lines, _explain("Footer links missing", lines)
    assert set(crawl.pages) >= TRUST_PAGES | SPANISH_TRUST_PAGES, "the crawl missed the About pages"


def test_every_content_page_ends_with_its_review_dates(crawl):
    reviewed = [r for r in crawl.html_pages if REVIEWED_PAGE.match(r.path)]
    assert len(reviewed) >= 20, [r.path for r in reviewed]
    lines = [
        (r.path, f"review foot reads {r.review_foot!r}")
        for r in reviewed
        if len(r.review_foot) != 1 or not REVIEW_DATES.match(r.review_foot[0])
    ]
    assert not lines, _explain("Pages without their review dates", lines)


def test_content_pages_carry_structured_data_that_parses_and_names_last_reviewed(crawl):
    described = [r for r in crawl.html_pages if DESCRIBED_PAGE.match(r.path)]
    lines = []
    for report in described:
        blocks = report.json_ld
        if len(blocks) != 1 or not isinstance(blocks[0], dict):
            lines.append((report.path, f"JSON-LD blocks: {blocks!r}"))
        elif blocks[0].get("@type") != "MedicalWebPage" or "lastReviewed" not in blocks[0]:
            lines.append((report.path, "JSON-LD is not a MedicalWebPage with lastReviewed"))
    assert not lines, _explain("Structured data problems", lines)
