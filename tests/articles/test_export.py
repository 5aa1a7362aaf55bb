"""export_site writes the whole site as static files: every page exists, and every internal link
in every exported page leads to an exported file. It needs the public address it is for. Search
works in the export from the server's own index, written as data, under the site-wide policy
(tests/browser/test_export_search.py searches it in a browser)."""

import io
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation

from engine import site as engine_site
from engine.live import get_library
from engine.search import get_index
from pages.search import page_documents, printable_documents
from pages.views import PAGES
from tests.conditions.fixtures import add_condition
from tests.conftest import FIXTURE_SITE, ContentTree, write_demo_tree, write_spanish_tree
from tests.support.static_host import headers_for, read_rules

LOADED_LINKS = {"stylesheet", "icon", "preload", "manifest"}
SITE = "https://carteducation.example"


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []  # (tag, attrs dict)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements_of(path):
    parser = Elements()
    parser.feed(path.read_text())
    return parser.elements


pytestmark = pytest.mark.warmup  # exports the whole (fixture) site


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("export") / "site"
    # Module-scoped, so before the tests' own settings: the fixture site, said outright.
    with override_settings(CONTENT_DIR=FIXTURE_SITE):
        call_command("export_site", str(outdir), site_url=SITE)
        yield outdir


def page_path(export, html_file):
    relative = html_file.relative_to(export).as_posix()
    return "/" + relative.removesuffix("index.html")


def resolves(export, path):
    target = export / path.lstrip("/")
    return (path.endswith("/") and (target / "index.html").is_file()) or target.is_file()


def internal_links(export):
    site = urlsplit(SITE)
    for html_file in sorted(export.rglob("*.html")):
        base = SITE + page_path(export, html_file)
        for _, attrs in elements_of(html_file):
            if html_file.name == "404.html" and attrs.get("rel") == "canonical":
                continue  # the not-found page names the address that was not found
            for name in ("href", "src"):
                if attrs.get(name):
                    target = urlsplit(urljoin(base, attrs[name].strip()))
                    if (target.scheme, target.netloc) == (site.scheme, site.netloc):
                        yield html_file, attrs[name], target.path


def test_every_page_of_the_site_is_exported(export):
    library = get_library()
    paths = ["/", "/articles/", "/glossary/", "/sitemap.xml", "/robots.txt"]
    for article in library.articles.values():
        paths += [article.get_absolute_url(), article.get_full_url()]
        paths += [section.get_absolute_url() for section in article.sections]
    paths += [term.get_absolute_url() for term in library.terms.values()]
    missing = [path for path in paths if not resolves(export, path)]
    assert missing == []


def test_not_found_page_is_exported(export):
    assert "We cannot find that page" in (export / "404.html").read_text()


def test_every_spanish_page_is_exported(export):
    library = get_library("es")
    paths = ["/es/", "/es/articulos/", "/es/glosario/", "/es/buscar/", "/es/preguntas/"]
    for article in library.articles.values():
        paths += [article.get_absolute_url(), article.get_full_url(), article.get_handout_url()]
        paths += [article.get_handout_qr_url()]
        paths += [section.get_absolute_url() for section in article.sections]
    paths += [term.get_absolute_url() for term in library.terms.values()]
    missing = [path for path in paths if not resolves(export, path)]
    assert len(paths) > 15
    assert missing == []


def test_spanish_not_found_page_is_exported_in_spanish(export):
    html = (export / "es" / "404.html").read_text()
    assert '<html lang="es">' in html
    assert '<a class="site-name" href="/es/">' in html
    assert '<html lang="en">' in (export / "404.html").read_text()


def test_every_internal_link_resolves_to_an_exported_file(export):
    links = list(internal_links(export))
    broken = [(f.name, link) for f, link, path in links if not resolves(export, path)]
    assert len(links) > 200
    assert broken == []


def test_pages_load_hashed_static_files_that_were_copied(export):
    html = (export / "index.html").read_text()
    for tag, attrs in elements_of(export / "index.html"):
        url = attrs.get("src") or (attrs.get("href") if tag == "link" else None)
        if url and url.startswith("/static/"):
            assert (export / url.lstrip("/")).is_file()
            assert (export / (url.lstrip("/") + ".br")).is_file()
    assert "/static/css/site." in html


def test_exported_page_is_the_page_the_server_sends(export, client, settings):
    settings.SITE_URL = SITE
    section = next(iter(get_library().articles.values())).sections[0]
    exported = (export / section.get_absolute_url().lstrip("/") / "index.html").read_bytes()
    # The same page, with the site's policy as a <meta> element too (for hosts that send none).
    exported = re.sub(
        rb'\n  <meta http-equiv="Content-Security-Policy" content="[^"]*">', b"", exported
    )
    assert exported == client.get(section.get_absolute_url()).content


def test_headers_file_gives_static_hosts_the_security_headers(export):
    headers = (export / "_headers").read_text()
    assert headers.startswith("/*\n")
    assert "Content-Security-Policy: " in headers
    assert "default-src 'none'" in headers
    assert "Permissions-Policy: " in headers


def test_headers_file_has_hsts_with_the_production_value(export):
    # Written even though the export runs with development settings (which send no HSTS).
    assert settings.SECURE_HSTS_SECONDS == 0
    headers = (export / "_headers").read_text()
    assert "  Strict-Transport-Security: max-age=63072000; includeSubDomains; preload\n" in headers


def test_exported_pages_name_the_address_they_were_exported_for(export):
    html = (export / "index.html").read_text()
    assert f'<link rel="canonical" href="{SITE}/">' in html
    assert "127.0.0.1" not in html
    assert f"<loc>{SITE}/" in (export / "sitemap.xml").read_text()


def test_export_refuses_to_run_without_a_site_address(tmp_path, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    with pytest.raises(CommandError, match="Say which address the export is for: SITE_URL="):
        call_command("export_site", str(tmp_path / "site"))
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("address", ["carteducation.example", "ftp://carteducation.example"])
def test_export_refuses_an_address_that_is_not_a_web_address(tmp_path, address):
    with pytest.raises(CommandError, match="must look like https://"):
        call_command("export_site", str(tmp_path / "site"), site_url=address)


def test_export_without_a_site_address_exits_with_an_error_and_says_why(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "export_site", str(tmp_path / "site")],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SITE_URL=https://your.site.example python manage.py export_site" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_exported_page_needs_what_the_policy_blocks(export):
    # The Content-Security-Policy allows only files from this site: no inline script, style or
    # event handlers, and nothing loaded from elsewhere. A page that needed any would break.
    problems = []
    for html_file in sorted(export.rglob("*.html")):
        for tag, attrs in elements_of(html_file):
            where = f"{html_file.relative_to(export)}: <{tag}>"
            # A JSON data block (JSON-LD, the scripts' words) is never run: the policy does not
            # apply to it.
            data_block = attrs.get("type") in ("application/ld+json", "application/json")
            if tag == "script" and not attrs.get("src") and not data_block:
                problems.append(f"{where} inline script")
            if tag == "style":
                problems.append(f"{where} inline style element")
            handlers = [name for name in attrs if name == "style" or name.startswith("on")]
            problems += [f"{where} {name}=" for name in handlers]
            for name in ("src", "srcset"):
                if attrs.get(name) and not attrs[name].startswith("/"):
                    problems.append(f"{where} {name} from elsewhere: {attrs[name]}")
            loads = tag == "link" and attrs.get("rel") in LOADED_LINKS
            if loads and not attrs.get("href", "").startswith("/"):
                problems.append(f"{where} loads {attrs.get('href')}")
    assert problems == []


def test_scripts_and_stylesheets_carry_their_integrity_hash(export):
    for tag, attrs in elements_of(export / "index.html"):
        loads = (tag == "script" and attrs.get("src")) or (
            tag == "link" and attrs.get("rel") == "stylesheet"
        )
        if loads:
            assert attrs.get("integrity", "").startswith("sha384-")


def test_export_refuses_a_folder_that_holds_something_else(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="not empty"):
        call_command("export_site", str(tmp_path), site_url=SITE)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def search_index_of(export, language):
    """The path and data of a language's search index, as its search page names it."""
    path = "search" if language == "en" else "es/buscar"
    page = next(
        a for t, a in elements_of(export / path / "index.html") if a.get("id") == "search-page"
    )
    url = page["data-search-index"]
    return url, json.loads((export / url.lstrip("/")).read_text())


@pytest.mark.parametrize("language", ["en", "es"])
def test_export_writes_each_languages_search_index_named_by_its_content(export, language):
    url, data = search_index_of(export, language)
    assert re.fullmatch(rf"/search-index/{language}-[0-9a-f]{{12}}\.json", url)
    assert data["format"] == 1 and data["language"] == language
    exported = [document["url"] for document in data["documents"]]
    # The server's own index, document for document.
    library = get_library(language)
    with translation.override(language):
        server = get_index(library, language, pages=page_documents)
        # Every section, term and condition page, the questions, the help page (the fixture site
        # has a care file), the pages about the site and the two printable tools.
        expected = [
            *(s.get_absolute_url() for a in library.articles.values() for s in a.sections),
            *(term.get_absolute_url() for term in library.terms.values()),
            *(condition.get_absolute_url() for condition in library.conditions.values()),
            engine_site.reverse(language, "articles:questions"),
            library.care.get_absolute_url(),
            *(engine_site.reverse(language, f"pages:{name}") for name in PAGES),
            *(document.url for document in printable_documents(language)),
        ]
    assert exported == [document.url for document in server.documents]
    assert sorted(exported) == sorted(expected)
    assert {"/about/" if language == "en" else "/es/acerca-de/"} <= set(exported)


@pytest.mark.parametrize(
    ("path", "language", "words"),
    [
        ("search", "en", "Search on this copy of the site needs JavaScript"),
        ("es/buscar", "es", "Para buscar en esta copia del sitio se necesita JavaScript"),
    ],
)
def test_exported_search_page_searches_in_the_browser_and_says_it_needs_javascript(
    export, path, language, words
):
    html = (export / path / "index.html").read_text()
    assert f'<html lang="{language}">' in html
    assert '<p class="notice" id="search-needs-javascript">' + words in html
    scripts = [a for tag, a in elements_of(export / path / "index.html") if tag == "script"]
    for name in ("search-engine", "search-export"):
        script = next(a for a in scripts if name in a.get("src", ""))
        assert (export / script["src"].lstrip("/")).is_file()
        assert script["integrity"].startswith("sha384-")


def test_server_search_page_still_answers_from_the_server(client):
    html = client.get("/search/?q=fever").content.decode()
    assert "search-results" in html
    assert "search-export" not in html and "search-needs-javascript" not in html
    assert "search-index" not in client.get("/es/buscar/?q=lupus").content.decode()


@pytest.mark.parametrize("host", ["cloudflare", "netlify"])
def test_every_path_gets_the_one_site_wide_policy(export, host):
    # Search runs plain JavaScript: the search pages need nothing the policy forbids elsewhere.
    rules = read_rules((export / "_headers").read_text())
    paths = ["/search/", "/es/buscar/", "/", "/es/articulos/", "/static/js/site.js", "/404.html"]
    for path in paths:
        policy = headers_for(rules, path, host)["Content-Security-Policy"]
        assert policy.count("default-src") == 1, path
        script_src = next(d for d in policy.split(";") if d.split()[0] == "script-src")
        assert script_src.split() == ["script-src", "'self'"], path
        assert "default-src 'none'" in policy and "connect-src 'self'" in policy


def test_every_exported_page_is_safe_on_a_host_that_sends_no_headers(export):
    for html_file in sorted(export.rglob("*.html")):
        head = html_file.read_text().split("</head>")[0]
        assert '<meta name="referrer" content="no-referrer">' in head, html_file
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', head)
        assert policy, html_file
        assert "default-src 'none'" in policy.group(1)
        assert "frame-ancestors" not in policy.group(1)  # a meta policy cannot say it
        # First in <head> after the charset, so it covers every element after it.
        assert head.index("Content-Security-Policy") < head.index("<link")


def test_no_exported_page_allows_webassembly_in_its_meta_policy(export):
    # Search runs plain JavaScript over the exported index: no page needs more than the site's
    # own policy.
    for html_file in sorted(export.rglob("*.html")):
        assert "'wasm-unsafe-eval'" not in html_file.read_text(), html_file


def test_links_to_other_sites_give_them_no_opener_and_no_referrer(export):
    site = urlsplit(SITE)
    outbound = 0
    for html_file in sorted(export.rglob("*.html")):
        for tag, attrs in elements_of(html_file):
            href = attrs.get("href") or ""
            target = urlsplit(href)
            if tag == "a" and target.scheme in {"http", "https"} and target.netloc != site.netloc:
                outbound += 1
                assert set((attrs.get("rel") or "").split()) >= {"noopener", "noreferrer"}
    assert outbound > 0


def test_the_export_says_which_hosts_read_its_headers_file(tmp_path):
    out = io.StringIO()
    call_command(
        "export_site", str(tmp_path / "site"), site_url=SITE, headers_for_host=False, stdout=out
    )
    assert not (tmp_path / "site" / "_headers").exists()
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.fixture(scope="module")
def clinical_export(tmp_path_factory):
    """The export of the demo tree (tests/conftest.py) with its Spanish translation, a condition
    page and a code map (tests/conditions/fixtures.py): the fixture site has no code map, so it
    exports no Infobutton answers. Its content folder is beside it, as "content"."""
    root = tmp_path_factory.mktemp("clinical")
    tree = add_condition(
        write_spanish_tree(write_demo_tree(ContentTree(root / "content"))), spanish=True
    )
    with override_settings(CONTENT_DIR=tree.root):
        call_command("export_site", str(root / "site"), site_url=SITE)
        yield root / "site"


def test_infobutton_answers_are_exported_per_code_language_recipient_and_format(clinical_export):
    answer = json.loads((clinical_export / "infobutton/icd10cm/M32.14/es-PROV.json").read_text())
    first = answer["feed"]["entry"][0]
    assert first["category"][0]["term"] == "PROV"
    assert first["link"][0]["href"].startswith(SITE + "/conditions/widget/clinicians/")
    xml = (clinical_export / "infobutton/snomed/55464009/en-PAT.xml").read_text()
    assert xml.startswith("<?xml")
    assert (clinical_export / "infobutton/index.html").is_file()


def test_exported_answer_is_the_answer_the_server_sends(clinical_export, client, settings):
    settings.SITE_URL = SITE
    settings.CONTENT_DIR = clinical_export.parent / "content"
    query = (
        "mainSearchCriteria.v.c=M32.0&mainSearchCriteria.v.cs=2.16.840.1.113883.6.90"
        "&informationRecipient=PAT&informationRecipient.languageCode.c=en"
        "&knowledgeResponseType=application%2Fjson"
    )
    exported = (clinical_export / "infobutton/icd10cm/M32.0/en-PAT.json").read_bytes()
    assert client.get("/infobutton/?" + query).content == exported
    assert json.loads(exported)["feed"]["entry"] == []
    # An answer with a page, too.
    answer = query.replace("M32.0", "M32.14")
    exported = (clinical_export / "infobutton/icd10cm/M32.14/en-PAT.json").read_bytes()
    assert client.get("/infobutton/?" + answer).content == exported
    assert json.loads(exported)["feed"]["entry"] != []


def test_headers_file_opens_the_infobutton_files_to_every_origin(export):
    rules = read_rules((export / "_headers").read_text())
    headers = headers_for(rules, "/infobutton/icd10cm/M32/en-PAT.json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_an_export_collects_the_static_files_only_when_one_changed(settings, tmp_path):
    # collectstatic deletes and writes again every stylesheet and script it hashes: a server (or
    # a test) reading STATIC_ROOT meanwhile finds a file missing. `make export` runs `make static`
    # first, so the export itself collects only when a file changed since.
    from articles.management.commands.export_site import static_files_collected

    source = tmp_path / "static"
    (source / "css").mkdir(parents=True)
    (source / "css" / "page.css").write_text("body { color: black; }\n")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "collected"
    assert not static_files_collected()  # never collected
    call_command("collectstatic", interactive=False, verbosity=0)
    assert static_files_collected()
    later = (tmp_path / "collected" / "staticfiles.json").stat().st_mtime + 5
    os.utime(source / "css" / "page.css", (later, later))
    assert not static_files_collected()  # changed since
