"""The language switch keeps the reader's place: headings are paired through the content (the
n-th heading of a section and of its translation), and a search keeps its query."""

import html
import json
import re
from types import SimpleNamespace

import pytest

from web.counterparts import heading_pairs

SWITCH = re.compile(r'<div class="language-switch">\s*<p><a ([^>]*)>')


def section(*headings):
    """A stand-in section whose table of contents has these (level, id) headings, h3s under the
    h2 before them."""
    toc = []
    for level, anchor in headings:
        token = {"level": level, "id": anchor, "name": anchor, "children": []}
        (toc[-1]["children"] if level == 3 and toc else toc).append(token)
    return SimpleNamespace(toc=toc)


def test_headings_pair_in_order_whatever_their_ids_say():
    english = section((2, "why"), (2, "when-to-get-help"), (3, "at-night"), (2, "germs"))
    spanish = section((2, "por-que"), (2, "cuando-pedir-ayuda"), (3, "de-noche"), (2, "germenes"))
    assert heading_pairs(english, spanish) == {
        "why": "por-que",
        "when-to-get-help": "cuando-pedir-ayuda",
        "at-night": "de-noche",
        "germs": "germenes",
    }


def test_pairing_stops_where_the_translation_stops_matching():
    english = section((2, "why"), (2, "driving"), (2, "germs"))
    spanish = section((2, "por-que"), (3, "un-aparte"), (2, "manejar"), (2, "germenes"))
    assert heading_pairs(english, spanish) == {"why": "por-que"}


def test_a_page_without_headings_pairs_nothing():
    assert heading_pairs(section(), section((2, "x"))) == {}
    assert heading_pairs(SimpleNamespace(), SimpleNamespace()) == {}


def switch_attributes(client, address):
    return SWITCH.search(client.get(address).content.decode()).group(1)


def test_a_section_names_its_heading_pairs_on_the_switch(client, spanish_content):
    attributes = html.unescape(switch_attributes(client, "/articles/demo/first/"))
    pairs = json.loads(re.search(r"data-headings='?\"?(\{[^}]*\})", attributes).group(1))
    assert pairs == {"details": "detalles"}


@pytest.mark.parametrize(
    ("address", "switched"),
    [
        ("/search/?q=fever", 'href="/es/buscar/?q=fever"'),
        ("/es/buscar/?q=fiebre+alta&page=2", 'href="/search/?q=fiebre+alta"'),
        ("/search/?q=%3Cscript%3E", 'href="/es/buscar/?q=%3Cscript%3E"'),
        ("/search/", 'href="/es/buscar/"'),
        ("/search/?q=+", 'href="/es/buscar/"'),
        ("/articles/?q=fever", 'href="/es/articulos/"'),
    ],
)
def test_a_search_keeps_its_query_in_the_other_language(client, spanish_content, address, switched):
    assert switched in switch_attributes(client, address)
