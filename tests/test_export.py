"""export_site writes the whole site as static files: every page exists, and every internal link
in every exported page leads to an exported file."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from engine.live import get_library

LOADED_LINKS = {"stylesheet", "icon", "preload", "manifest"}


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


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("export") / "site"
    call_command("export_site", str(outdir))
    return outdir


def page_path(export, html_file):
    relative = html_file.relative_to(export).as_posix()
    return "/" + relative.removesuffix("index.html")


def resolves(export, path):
    target = export / path.lstrip("/")
    return (path.endswith("/") and (target / "index.html").is_file()) or target.is_file()


def internal_links(export):
    site = urlsplit(settings.SITE_URL)
    for html_file in sorted(export.rglob("*.html")):
        base = settings.SITE_URL + page_path(export, html_file)
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


def test_every_internal_link_resolves_to_an_exported_file(export):
    links = list(internal_links(export))
    broken = [(f.name, link) for f, link, path in links if not resolves(export, path)]
    assert len(links) > 1000
    assert broken == []


def test_pages_load_hashed_static_files_that_were_copied(export):
    html = (export / "index.html").read_text()
    for tag, attrs in elements_of(export / "index.html"):
        url = attrs.get("src") or (attrs.get("href") if tag == "link" else None)
        if url and url.startswith("/static/"):
            assert (export / url.lstrip("/")).is_file()
            assert (export / (url.lstrip("/") + ".br")).is_file()
    assert "/static/css/site." in html


def test_exported_page_is_the_page_the_server_sends(export, client):
    section = next(iter(get_library().articles.values())).sections[0]
    exported = (export / section.get_absolute_url().lstrip("/") / "index.html").read_bytes()
    assert exported == client.get(section.get_absolute_url()).content


def test_headers_file_gives_static_hosts_the_security_headers(export):
    headers = (export / "_headers").read_text()
    assert headers.startswith("/*\n")
    assert "Content-Security-Policy: " in headers
    assert "default-src 'none'" in headers
    assert "Permissions-Policy: " in headers


def test_no_exported_page_needs_what_the_policy_blocks(export):
    # The Content-Security-Policy allows only files from this site: no inline script, style or
    # event handlers, and nothing loaded from elsewhere. A page that needed any would break.
    problems = []
    for html_file in sorted(export.rglob("*.html")):
        for tag, attrs in elements_of(html_file):
            where = f"{html_file.relative_to(export)}: <{tag}>"
            if tag == "script" and not attrs.get("src"):
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
        if tag == "script" or (tag == "link" and attrs.get("rel") == "stylesheet"):
            assert attrs.get("integrity", "").startswith("sha384-")


def test_export_refuses_a_folder_that_holds_something_else(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="not empty"):
        call_command("export_site", str(tmp_path))
    assert (tmp_path / "notes.txt").read_text() == "mine"
