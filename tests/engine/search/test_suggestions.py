""" "Did you mean": a word the site never writes gets the closest one it does, as a link, in the
page's language; when the query as typed finds nothing, the results are the suggestion's."""

import re

import pytest

from tests.conftest import section_text, term_text

SUGGESTION = re.compile(r'<p class="search-suggestion">(.*?)</p>', re.DOTALL)
LINK = re.compile(r'<a href="\?q=([^"]*)">([^<]*)</a>')
RESULT_LINK = re.compile(r'<h3 class="search-result__title"><a href="([^"]+)">')


@pytest.fixture
def medical_words(content_dir):
    content_dir.write(
        "glossary/leukapheresis.md",
        term_text(
            "Leukapheresis",
            "Collecting white blood cells from your blood.",
            "A machine takes white blood cells out of your blood.\n",
            aliases=["leukopheresis", "apheresis"],
        ),
    )
    content_dir.write(
        "glossary/cytokine-release-syndrome.md",
        term_text("Cytokine release syndrome", "A reaction.", aliases=["CRS", "cytokine storm"]),
    )
    content_dir.write("glossary/car-t.md", term_text("CAR-T", "A cell therapy."))
    content_dir.write("glossary/t-cell.md", term_text("T cell", "A white blood cell."))
    content_dir.write(
        "articles/demo/03-lupus.md",
        section_text("lupus", 3, "Lupus can affect the skin and the kidneys.\n", title="Lupus"),
    )
    return content_dir


def suggestion(client, query, path="/search/"):
    html = client.get(path, {"q": query}).content.decode()
    found = SUGGESTION.search(html)
    return (LINK.search(found.group(1)).group(2) if found else None), html


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("lupis", "lupus"),
        ("leucopheresis", "Leukapheresis"),  # close to the name: the name as the glossary has it
        ("leukopheresis", "Leukapheresis"),  # an alias that is another spelling of the name
        ("cytokin storm", "cytokine storm"),
        ("tcell", "T cell"),
        ("cart", "CAR-T"),
        ("kidnyes", "kidneys"),  # a word of the pages, not of the glossary
    ],
)
def test_a_misspelling_gets_the_word_the_site_uses(client, medical_words, typed, meant):
    assert suggestion(client, typed)[0] == meant


@pytest.mark.parametrize("known", ["lupus", "kidneys", "CRS", "widget", "white blood cells"])
def test_words_the_site_uses_get_no_suggestion(client, medical_words, known):
    assert suggestion(client, known)[0] is None


def test_a_word_far_from_every_word_gets_no_suggestion(client, medical_words):
    suggested, html = suggestion(client, "xylophone")
    assert suggested is None
    assert "No results for “xylophone”" in html


def test_when_the_typing_finds_nothing_the_results_are_the_suggestions(client, medical_words):
    suggested, html = suggestion(client, "lupis")
    assert "We found nothing for “lupis”" in html
    assert RESULT_LINK.findall(html)[0] == "/articles/demo/lupus/"


def test_when_the_typing_finds_pages_they_stay_and_the_suggestion_is_offered(client, medical_words):
    suggested, html = suggestion(client, "cart")
    assert "Did you mean" in html
    assert RESULT_LINK.findall(html)[0] == "/glossary/car-t/"  # "cart" is CAR-T without the hyphen


def test_a_misspelled_word_beside_a_known_one_is_corrected_alone(client, medical_words):
    assert suggestion(client, "lupis kidneys")[0] == "lupus kidneys"


def test_the_suggestion_link_searches_for_it(client, medical_words):
    _, html = suggestion(client, "cytokin storm")
    assert LINK.search(SUGGESTION.search(html).group(1)).group(1) == "cytokine%20storm"


def test_a_hostile_query_is_never_suggested_as_markup(client, medical_words):
    _, html = suggestion(client, '<script>lupis</script>"')
    assert "<script>lupis" not in html
    assert "&lt;script&gt;" in html


def test_spanish_suggestions_come_from_the_spanish_pages(client, spanish_content):
    spanish_content.write(
        "es/glossary/gadget.md",
        spanish_content.path("es/glossary/gadget.md")
        .read_text(encoding="utf-8")
        .replace("term: célula", "term: célula\naliases: [linfocito]"),
    )
    assert suggestion(client, "herramienta", "/es/buscar/")[0] is None
    assert suggestion(client, "heramienta", "/es/buscar/")[0] == "herramienta"
    assert suggestion(client, "linfosito", "/es/buscar/")[0] == "linfocito"
