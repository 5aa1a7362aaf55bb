"""The Spanish edition's site: Spanish addresses under /es/, the language from the path alone,
the switcher to the same page in the other language, hreflang, the sitemap's alternates, the
Spanish not-found page and handout, on a small bilingual content tree."""

import html
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation

from engine import site
from engine.languages import LANGUAGES, language_of_path, reserved_section_slugs, url_name
from web.middleware.language import language_from_path

SITE = "http://testserver.example"

SPANISH_FIRST = "/es/articulos/demostracion/primera/"


@pytest.fixture
def bilingual(spanish_content, settings):
    """The demo tree and its Spanish translation (tests/conftest.py), but for "gadget", which has
    no Spanish counterpart here."""
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["testserver", "testserver.example"]
    spanish_content.remove("es/glossary/gadget.md")
    return spanish_content


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(response, tag, **wanted):
    parser = Links()
    parser.feed(response.content.decode())
    return [
        attrs
        for name, attrs in parser.elements
        if name == tag and all(attrs.get(key) == value for key, value in wanted.items())
    ]


def switch_link(response):
    (row,) = re.findall(
        r'<div class="language-switch">(.*?)</div>', response.content.decode(), re.S
    )
    (link,) = re.findall(r"<a ([^>]*)>(.*?)</a>", row)
    attrs = {
        name: html.unescape(value) for name, value in re.findall(r'([\w-]+)="([^"]*)"', link[0])
    }
    return attrs, link[1]


def hreflang(response):
    return {
        attrs["hreflang"]: attrs["href"] for attrs in elements(response, "link", rel="alternate")
    }


# Every Spanish page the contract names, with its address.
SPANISH_ADDRESSES = [
    ("es:articles:home", [], "/es/"),
    ("es:articles:list", [], "/es/articulos/"),
    ("es:articles:article", ["a"], "/es/articulos/a/"),
    ("es:articles:full", ["a"], "/es/articulos/a/todo/"),
    ("es:articles:handout", ["a"], "/es/articulos/a/hoja-para-imprimir/"),
    ("es:articles:handout_qr", ["a"], "/es/articulos/a/hoja-para-imprimir/qr.svg"),
    ("es:articles:section", ["a", "b"], "/es/articulos/a/b/"),
    ("es:articles:search", [], "/es/buscar/"),
    ("es:articles:questions", [], "/es/preguntas/"),
    ("es:glossary:index", [], "/es/glosario/"),
    ("es:glossary:term", ["t"], "/es/glosario/t/"),
    ("es:pages:about", [], "/es/acerca-de/"),
    ("es:pages:privacy", [], "/es/privacidad/"),
    ("es:pages:accessibility", [], "/es/accesibilidad/"),
]


@pytest.mark.parametrize(("name", "args", "path"), SPANISH_ADDRESSES)
def test_spanish_pages_have_spanish_addresses_and_names(name, args, path):
    assert reverse(name, args=args) == path


@pytest.mark.parametrize(("name", "args", "path"), SPANISH_ADDRESSES)
@pytest.mark.parametrize(
    "slugs",
    [("lupus", "risks"), ("car-t_2", "x"), ("slot0x7q", "slot1x7q"), ("slot1x7q", "slot0x7q")],
)
def test_the_engine_names_each_address_as_django_does(name, args, path, slugs):
    # The engine fills in a page kind's shape, reversed once, instead of reversing each slug.
    args = list(slugs[: len(args)])
    for language_name in (name, name.removeprefix("es:")):
        language = "es" if language_name.startswith("es:") else "en"
        view = language_name.removeprefix("es:")
        for _ in range(2):  # the first call makes the shape, the second uses it
            assert site.reverse(language, view, *args) == reverse(language_name, args=args)


@pytest.mark.parametrize(("name", "args", "path"), SPANISH_ADDRESSES)
def test_english_pages_keep_their_addresses(name, args, path):
    english = reverse(name.removeprefix("es:"), args=args)
    assert not english.startswith("/es/")
    assert english.count("/") == path.count("/") - 1


def test_every_language_has_the_same_route_words():
    assert set(LANGUAGES) == {"en", "es"}
    assert all(LANGUAGES[code].routes.keys() == LANGUAGES["en"].routes.keys() for code in LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_route_word_beside_a_section_is_a_reserved_section_slug(language):
    # A word with a page of its own at /articles/<article>/<word>/ would hide a section of that
    # slug: the engine refuses such a slug, so the table it reads must name every one.
    article = reverse(url_name(language, "articles:article"), args=["demo"])
    shadowing = {
        word
        for word in LANGUAGES[language].routes.values()
        if resolve(f"{article}{word}/").url_name != "section"
    }
    assert set(reserved_section_slugs(language)) == shadowing


def test_the_engine_and_its_language_table_load_without_django_or_the_site():
    # The engine reads the route words (engine/parsing.py) in any of its processes, and stands
    # on its own: the site installs what it needs (web/engine_site.py).
    site = {"django", "carteducation", "web", "articles", "glossary", "pages"}
    code = (
        "import sys, engine, engine.checks, engine.live, engine.search; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {site!r}))"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("path", "language"),
    [("/", "en"), ("/es/", "es"), ("/es", "es"), ("/es/glosario/", "es"), ("/estudio/", "en"),
     ("/articles/es/", "en"), ("/glossary/es/", "en")],
)  # fmt: skip
def test_language_comes_from_the_start_of_the_path(path, language):
    assert language_of_path(path) == language


def test_middleware_sets_the_language_for_the_request_only():
    seen = []

    def view(request):
        seen.append((request.LANGUAGE_CODE, translation.get_language()))
        return HttpResponse("<p>hola</p>")

    response = language_from_path(view)(RequestFactory().get("/es/glosario/"))
    assert seen == [("es", "es")]
    assert response["Content-Language"] == "es"
    assert translation.get_language() == "en"


def test_middleware_gives_no_language_to_what_is_not_a_page():
    def view(request):
        return HttpResponse(b"{}", content_type="application/json")

    response = language_from_path(view)(RequestFactory().get("/es/x.json"))
    assert not response.has_header("Content-Language")


def test_spanish_page_is_spanish_in_html_and_header(client, bilingual):
    response = client.get(SPANISH_FIRST)
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()
    assert response["Content-Language"] == "es"
    assert "Lo primero" in response.content.decode()


def test_english_page_is_english_in_html_and_header(client, bilingual):
    response = client.get("/articles/demo/first/")
    assert '<html lang="en">' in response.content.decode()
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize("path", ["/articles/demo/first/", SPANISH_FIRST, "/", "/es/"])
def test_no_page_varies_on_the_readers_language_or_sets_a_cookie(client, bilingual, path):
    response = client.get(path, headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert "accept-language" not in response.get("Vary", "").lower()
    assert "cookie" not in response.get("Vary", "").lower()
    assert not response.cookies


def test_accept_language_never_changes_the_page(client, bilingual):
    plain = client.get("/articles/demo/first/")
    asked = client.get("/articles/demo/first/", headers={"Accept-Language": "es"})
    assert asked.status_code == 200
    assert asked.content == plain.content


def test_links_on_a_spanish_page_stay_in_spanish(client, bilingual):
    response = client.get(SPANISH_FIRST)
    home = elements(response, "a", **{"class": "site-name"})
    assert home[0]["href"] == "/es/"
    hrefs = {attrs.get("href") for attrs in elements(response, "a")}
    assert {"/es/glosario/", "/es/articulos/", "/es/preguntas/", "/es/buscar/"} <= hrefs
    assert {"/glossary/", "/articles/", "/questions/"}.isdisjoint(hrefs)


def test_switch_on_an_english_page_leads_to_its_spanish_counterpart(client, bilingual):
    attrs, text = switch_link(client.get("/articles/demo/first/"))
    headings = attrs.pop("data-headings")  # tests/test_counterparts.py
    assert attrs == {"href": SPANISH_FIRST, "lang": "es", "hreflang": "es"}
    assert text == "Español"
    assert headings == '{"details":"detalles"}'


def test_switch_on_a_spanish_page_leads_back(client, bilingual):
    attrs, text = switch_link(client.get(SPANISH_FIRST))
    attrs.pop("data-headings")
    assert attrs == {"href": "/articles/demo/first/", "lang": "en", "hreflang": "en"}
    assert text == "English"


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("/", "/es/"),
        ("/articles/", "/es/articulos/"),
        ("/articles/demo/", "/es/articulos/demostracion/"),
        ("/articles/demo/all/", "/es/articulos/demostracion/todo/"),
        ("/articles/demo/handout/", "/es/articulos/demostracion/hoja-para-imprimir/"),
        ("/glossary/", "/es/glosario/"),
        ("/glossary/widget/", "/es/glosario/artilugio/"),
        ("/questions/", "/es/preguntas/"),
        ("/search/", "/es/buscar/"),
        ("/about/", "/es/acerca-de/"),
        ("/privacy/", "/es/privacidad/"),
        ("/accessibility/", "/es/accesibilidad/"),
    ],
)
def test_switch_pairs_every_kind_of_page(client, bilingual, english, spanish):
    assert switch_link(client.get(english))[0]["href"] == spanish
    assert switch_link(client.get(spanish))[0]["href"] == english


def test_page_without_counterpart_leads_to_the_other_home_and_says_so(client, bilingual):
    response = client.get("/glossary/gadget/")
    attrs, text = switch_link(response)
    assert attrs["href"] == "/es/" and attrs["lang"] == "es"
    # The name for a phone's narrow row, the sentence for a wide screen and a screen reader.
    assert re.sub(r"<[^>]+>", "", text) == "Español " + LANGUAGES["es"].missing
    assert hreflang(response) == {}


def test_hreflang_names_both_pages_and_x_default_absolutely(client, bilingual):
    english, spanish = client.get("/articles/demo/first/"), client.get(SPANISH_FIRST)
    expected = {
        "en": SITE + "/articles/demo/first/",
        "es": SITE + SPANISH_FIRST,
        "x-default": SITE + "/articles/demo/first/",
    }
    assert hreflang(english) == expected
    assert hreflang(spanish) == expected  # reciprocal, and each names itself


def test_each_language_has_its_own_canonical(client, bilingual):
    (english,) = elements(client.get("/articles/demo/first/"), "link", rel="canonical")
    (spanish,) = elements(client.get(SPANISH_FIRST), "link", rel="canonical")
    assert english["href"] == SITE + "/articles/demo/first/"
    assert spanish["href"] == SITE + SPANISH_FIRST


def test_open_graph_locale_and_its_alternate(client, bilingual):
    spanish = client.get(SPANISH_FIRST)
    assert elements(spanish, "meta", property="og:locale")[0]["content"] == "es_US"
    assert [m["content"] for m in elements(spanish, "meta", property="og:locale:alternate")] == [
        "en_US"
    ]
    english = client.get("/articles/demo/first/")
    assert elements(english, "meta", property="og:locale")[0]["content"] == "en_US"


def test_structured_data_says_the_page_is_in_spanish(client, bilingual):
    html = client.get(SPANISH_FIRST).content.decode()
    assert '"inLanguage": "es"' in html


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = {}
    for url in root.iter(SITEMAP + "url"):
        links = {link.get("hreflang"): link.get("href") for link in url.iter(XHTML + "link")}
        entries[url.find(SITEMAP + "loc").text] = links
    return entries


def test_sitemap_lists_both_languages_with_their_alternates(client, bilingual):
    entries = sitemap_entries(client)
    pair = {
        "en": SITE + "/articles/demo/first/",
        "es": SITE + SPANISH_FIRST,
        "x-default": SITE + "/articles/demo/first/",
    }
    assert entries[SITE + "/articles/demo/first/"] == pair
    assert entries[SITE + SPANISH_FIRST] == pair
    assert entries[SITE + "/es/glosario/artilugio/"]["en"] == SITE + "/glossary/widget/"
    assert entries[SITE + "/es/acerca-de/"]["en"] == SITE + "/about/"
    assert entries[SITE + "/glossary/gadget/"] == {}  # no counterpart, no alternates


def test_every_sitemap_alternate_is_itself_in_the_sitemap(client, bilingual):
    entries = sitemap_entries(client)
    for location, links in entries.items():
        for language, address in links.items():
            assert address in entries
            if language != "x-default":
                assert entries[address] == links, location


@pytest.mark.parametrize("path", ["/es/no-existe/", "/es/articulos/no-existe/", "/es/glosario/x/"])
def test_unknown_spanish_address_gets_the_spanish_not_found_page(client, bilingual, path):
    response = client.get(path)
    assert response.status_code == 404
    assert '<html lang="es">' in response.content.decode()
    assert response["Content-Language"] == "es"
    assert elements(response, "a", **{"class": "site-name"})[0]["href"] == "/es/"


def test_english_address_under_a_spanish_word_is_not_found(client, bilingual):
    assert client.get("/es/articles/demo/first/").status_code == 404
    assert client.get("/articulos/demostracion/primera/").status_code == 404


def test_spanish_handout_qr_code_opens_the_spanish_article(client, bilingual):
    handout = client.get("/es/articulos/demostracion/hoja-para-imprimir/")
    assert handout.status_code == 200
    (qr,) = elements(handout, "img", src="/es/articulos/demostracion/hoja-para-imprimir/qr.svg")
    svg = client.get(qr["src"]).content.decode()
    assert f"<title>QR code for {SITE}/es/articulos/demostracion/</title>" in svg


def test_spanish_search_searches_the_spanish_pages(client, bilingual):
    found = client.get("/es/buscar/", {"q": "herramienta"}).content.decode()
    assert SPANISH_FIRST in found
    english = client.get("/es/buscar/", {"q": "widget"}).content.decode()
    assert "/articles/demo/" not in english


def test_spanish_pages_are_cached_and_answer_304(client, bilingual, settings):
    settings.DEBUG = False
    etag = client.get(SPANISH_FIRST)["ETag"]
    response = client.get(SPANISH_FIRST, headers={"If-None-Match": etag})
    assert response.status_code == 304
    english = client.get("/articles/demo/first/")
    assert english["ETag"] != etag and english["Content-Language"] == "en"


def test_spanish_search_ignores_accents_and_finds_other_forms_of_a_word(client, bilingual):
    found = client.get("/es/buscar/", {"q": "celula"}).content.decode()
    assert SPANISH_FIRST in found
    assert "<mark>células</mark>" in found


def test_spanish_glossary_index_has_the_spanish_alphabet(client, bilingual):
    html = client.get("/es/glosario/").content.decode()
    assert re.search(r">\s*Ñ\s*<", html)
    assert not re.search(r">\s*Ñ\s*<", client.get("/glossary/").content.decode())


def test_spanish_not_found_page_speaks_spanish(client, bilingual):
    html = client.get("/es/no-existe/").content.decode()
    assert "No encontramos esa página" in html
    assert "We cannot find that page" in client.get("/no-such-page/").content.decode()
