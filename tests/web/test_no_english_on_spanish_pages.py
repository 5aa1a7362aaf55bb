"""No English interface words on a Spanish page.

Every Spanish page a visitor can reach (the crawl export_site makes, plus the pages only a
search, a mistake or an outage shows: results, "did you mean", nothing found, the glossary
filter, not found, a refused request, the server's own error, content unavailable, and the
export's search page) is read as a screen reader would: its text, its title and description,
the alt, title, aria-label and placeholder of its elements, and the words the scripts are
given. None of it, outside an element marked lang="en", may hold an English phrase of the
interface catalogue (a msgid whose Spanish differs), so a template that forgets {% translate %}
fails here whatever page it is on. Source titles and English-only links are English on
purpose: they must be marked lang="en" (and say "(en inglés)"), which is tested here too.
"""

import gettext
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from articles.management.commands.export_site import render_search_page
from engine.languages import LANGUAGES
from tests.conftest import section_text
from web.crawl import internal_path, links_in

MO = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.mo"
SHOWN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
SHOWN_META = {"description", "og:title", "og:description", "og:site_name"}
# Not words in a language: scripts, styles, and code (a request or an answer shown as an example).
NOT_TEXT = {"script", "style", "template", "code", "pre", "kbd", "samp"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# Pages only a query, a mistake or an outage shows (the crawl follows links only).
EXTRA_SPANISH_PAGES = [
    "/es/buscar/?q=lupus",  # results
    "/es/buscar/?q=lupis",  # "did you mean"
    "/es/buscar/?q=zzzzqqq",  # nothing found
    "/es/buscar/?q=",  # an empty search
    "/es/glosario/?q=cito",  # the glossary filter
    "/es/glosario/?q=zzzzqqq",  # the glossary filter, nothing found
    "/es/no-existe/",  # not found
]


def english_phrases():
    """The English phrases of the interface: each msgid's text between its placeholders and
    tags, where the Spanish differs, leaving out what the Spanish catalogue says too (names
    such as PubMed, ClinicalTrials.gov or CAR-T)."""
    with MO.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)._catalog
    spanish = " ".join(
        value
        for key, value in catalogue.items()
        if key and value != (key[0] if isinstance(key, tuple) else key)
    )
    phrases = set()
    for key, value in catalogue.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or msgid == value:
            continue
        for piece in re.split(r"<[^>]*>|%\(\w+\)[sd]|%[sd]|\{\w*\}|&\w+;", msgid):
            piece = piece.strip(" \n.,:;!?·–—()[]“”\"'")
            if len(re.sub(r"[^A-Za-z]", "", piece)) < 4:
                continue
            if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", spanish):
                continue
            phrases.add(piece)
    # And the words the engine adds to what it renders, from the language table.
    for english, spanish_words in zip(engine_words("en"), engine_words("es"), strict=True):
        piece = english.strip(" :[]")
        if english != spanish_words and len(re.sub(r"[^A-Za-z]", "", piece)) >= 4:
            phrases.add(piece)
    return phrases


def engine_words(language):
    row = LANGUAGES[language]
    levels = [word for level in sorted(row.care_levels) for word in row.care_levels[level]]
    return [*row.copy_link, *row.citation_words, *levels]


PHRASES = english_phrases()
# Whole words, not part of a path or an address ("articles/car-t-autoimmune/risks").
FINDER = re.compile(
    r"(?<![\w/.-])(?:"
    + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True))
    + r")(?![\w/-])"
)


class ShownText(HTMLParser):
    """The text a page shows or reads out, each piece with whether it is marked English."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # (tag, language of the element)
        self.pieces = []  # (text, language)
        self.script_type = None

    @property
    def language(self):
        return self.open[-1][1] if self.open else "es"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language = (attrs.get("lang") or self.language).split("-")[0]
        for name in SHOWN_ATTRIBUTES & set(attrs):
            self.pieces.append((attrs[name] or "", language))
        if tag == "meta" and (attrs.get("name") or attrs.get("property")) in SHOWN_META:
            self.pieces.append((attrs.get("content") or "", language))
        if tag == "script":
            self.script_type = attrs.get("type", "")
        if tag not in VOID:
            self.open.append((tag, language))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break
        if tag == "script":
            self.script_type = None

    def handle_data(self, data):
        tag = self.open[-1][0] if self.open else ""
        if tag == "script" and self.script_type == "application/json":
            # The words the scripts show (json_script): every string in it.
            self.pieces.extend((text, self.language) for text in strings_in(json.loads(data)))
        elif not NOT_TEXT & {name for name, _ in self.open}:
            self.pieces.append((data, self.language))


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def english_on(html):
    """The English interface phrases a page shows outside elements marked lang="en"."""
    parser = ShownText()
    parser.feed(html)
    parser.close()
    found = []
    for text, language in parser.pieces:
        if language == "en":
            continue
        text = " ".join(text.split())
        found += [f"{match.group(0)!r} in {text[:80]!r}" for match in FINDER.finditer(text)]
    return found


# The finder itself, on small pages


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<p>Glosario</p>", []),
        ("<p>Glossary</p>", ["Glossary"]),
        ('<a aria-label="Back to top">↑</a>', ["Back to top"]),
        ('<img alt="Glossary" src="/x.png">', ["Glossary"]),
        ('<meta name="description" content="Glossary">', ["Glossary"]),
        ('<p lang="en">Glossary</p>', []),
        ('<cite lang="en">Sources of <b>Glossary</b></cite>', []),
        ('<div lang="en"><p lang="es">Glossary</p></div>', ["Glossary"]),
        ("<script>var a = 'Glossary';</script>", []),
        ('<pre><code>{"title": "Glossary"}</code></pre>', []),
        ('<script type="application/json">{"a": ["Glossary"]}</script>', ["Glossary"]),
        ("<p>Glosario<br>Glossary</p>", ["Glossary"]),
        ("<td>articles/demo/risks</td>", []),
    ],
)
def test_english_interface_words_are_found_outside_english_elements(html, found):
    assert [item.split("'")[1] for item in english_on(html)] == found


def test_the_english_phrases_are_the_catalogues_and_leave_out_shared_names():
    assert {"Glossary", "Back to top", "Skip to main content"} <= PHRASES
    assert not {"PubMed", "DOI", "CAR-T"} & PHRASES


# The shipped site


def spanish_pages(client):
    """Every Spanish page a link leads to, from the Spanish home page (as export_site crawls,
    without the English pages), and those the crawl cannot reach."""
    queue, pages = ["/es/"], {}
    while queue:
        path = queue.pop()
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content
        for link in links_in(response.content.decode()):
            target = internal_path(link.strip(), path, settings.SITE_URL)
            if target and target.startswith("/es/") and target not in pages | dict.fromkeys(queue):
                queue.append(target)
    for path in EXTRA_SPANISH_PAGES:
        pages[path] = client.get(path).content
    site = type("Site", (), {"netloc": "testserver"})
    pages["/es/buscar/ (export)"] = render_search_page(
        "/es/buscar/", site, False, "/search-index/es.json"
    )
    return pages


@pytest.mark.content
@pytest.mark.warmup
def test_no_spanish_page_shows_english_interface_words(client):
    pages = spanish_pages(client)
    assert len(pages) > 100  # every article page and glossary term, not just the home page
    english = {path: english_on(page.decode()) for path, page in pages.items()}
    assert {path: found for path, found in english.items() if found} == {}


def test_error_pages_in_spanish_show_no_english(client, settings, monkeypatch):
    pages = {"405": client.post("/es/").content}
    settings.DEBUG = False
    pages["400"] = client.get("/es/", HTTP_HOST="elsewhere.example").content

    def broken(language="en"):
        raise OSError("the content folder is gone")

    monkeypatch.setattr("web.middleware.content_errors.get_library", broken)
    unavailable = client.get("/es/articulos/")
    assert unavailable.status_code == 503
    pages["503"] = unavailable.content
    with translation.override("es"):
        pages["500"] = render_to_string("500.html").encode()
    english = {name: english_on(page.decode()) for name, page in pages.items()}
    assert {name: found for name, found in english.items() if found} == {}
    assert "Volvemos en unos minutos" in pages["503"].decode()


# Sources: English titles and links say they are English


def cite_section(spanish_content):
    body = "Un dato [@demo2024].\n"
    spanish_content.write("es/articles/demo/01-first.md", section_text("primera", 1, body))


def test_an_english_source_title_is_marked_english_on_a_spanish_page(client, spanish_content):
    cite_section(spanish_content)
    html = client.get("/es/articulos/demostracion/primera/").content.decode()
    assert '<cite lang="en">A demo study</cite>' in html
    assert re.search(r'href="https://doi.org/10.1000/demo" rel="[^"]*" hreflang="en"', html)
    assert "(en inglés)" in html


def test_a_title_written_in_spanish_is_shown_unmarked(client, spanish_content):
    spanish_content.write(
        "references.yaml",
        "- key: demo2024\n  title: A demo study\n  title_es: Un estudio de prueba\n"
        "  doi: 10.1000/demo\n  note: One lab.\n  note_es: Un solo laboratorio.\n",
    )
    cite_section(spanish_content)
    html = client.get("/es/articulos/demostracion/primera/").content.decode()
    assert "<cite>Un estudio de prueba</cite>" in html
    assert "Un solo laboratorio." in html
    assert "A demo study" not in html and "One lab." not in html


def test_english_pages_show_sources_as_before(client, spanish_content):
    html = client.get("/articles/demo/first/").content.decode()
    assert "<cite>A demo study</cite>" in html
    assert "hreflang" not in html.split('class="sources"')[1]
    assert "(in English)" not in html
