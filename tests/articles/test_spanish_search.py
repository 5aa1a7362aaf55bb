"""Search in Spanish: accents and ñ ignored, words matched by stem, stop words left out, and the
accented words of the text marked. English search ignores accents as well."""

import pytest

from engine.search import Document, SearchIndex, parse_query
from engine.search.highlight import highlight, word_pattern
from engine.search.passages import Passage

DOCUMENTS = [
    Document(
        kind="section",
        url="/es/articulos/demo/sintomas/",
        title="Síntomas después del tratamiento",
        context="Parte 1 de 2",
        summary="Qué esperar en las semanas después.",
        passages=(
            Passage("", "", "La fiebre es un síntoma común. Los niños también pueden tenerla."),
            Passage("celulas-en-la-sangre", "Células en la sangre", ""),
        ),
        order=0,
        language="es",
    ),
    Document(
        kind="section",
        url="/es/articulos/demo/remision/",
        title="Remisión del lupus",
        context="Parte 2 de 2",
        summary="Cuánto dura la mejoría.",
        passages=(
            Passage(
                "",
                "",
                "Algunas remisiones duran años sin medicamentos. "
                "Las células B vuelven poco a poco.",
            ),
        ),
        order=1,
        language="es",
    ),
    Document(
        kind="term",
        url="/es/glosario/linfocito-b/",
        title="Linfocito B",
        context="Glosario",
        summary="Una célula de la sangre que hace anticuerpos.",
        names=("Célula B",),
        order=2,
        language="es",
    ),
]


def search(words, documents=DOCUMENTS, language="es"):
    return SearchIndex(documents, language).search(parse_query(words, language)).results


def urls(words, **options):
    return [result.url.split("#")[0] for result in search(words, **options)]


def marked(pieces):
    return [text for text, is_match in pieces if is_match]


@pytest.mark.parametrize(
    ("query", "url"),
    [
        ("celulas", "/es/glosario/linfocito-b/"),
        ("sintoma", "/es/articulos/demo/sintomas/"),
        ("síntomas", "/es/articulos/demo/sintomas/"),
        ("SINTOMAS", "/es/articulos/demo/sintomas/"),
        ("nino", "/es/articulos/demo/sintomas/"),
        ("remision", "/es/articulos/demo/remision/"),
        ("remisiones", "/es/articulos/demo/remision/"),
        ("medicamento", "/es/articulos/demo/remision/"),
    ],
)
def test_spanish_query_finds_the_written_word(query, url):
    assert url in urls(query)


def test_query_without_accents_ranks_the_exact_name_first():
    assert search("celula b")[0].url == "/es/glosario/linfocito-b/"


def test_spanish_stop_words_are_left_out():
    assert parse_query("¿Qué es el lupus?", "es").words == ("lupus",)
    assert parse_query("que es el lupus", "es").words == ("lupus",)


def test_a_query_of_only_spanish_stop_words_is_kept():
    assert parse_query("¿qué es?", "es").words == ("qué", "es")


def test_english_stop_words_still_apply_by_default():
    assert parse_query("what is lupus").words == ("lupus",)
    assert parse_query("que es el lupus").words == ("que", "es", "el", "lupus")
    assert parse_query("am I eligible").words == ("eligible",)


def test_matches_are_marked_on_the_accented_text():
    result = search("sintomas")[0]
    assert marked(result.title) == ["Síntomas"]


def test_heading_match_marks_the_accented_heading():
    result = next(r for r in search("celulas sangre") if "sintomas" in r.url)
    assert result.url.endswith("#celulas-en-la-sangre")
    assert marked(result.heading) == ["Células", "sangre"]


def test_snippet_marks_the_singular_found_by_its_stem():
    # "sintomas" is not the start of "síntoma": the two share the stem "sintom".
    result = search("sintomas")[0]
    assert marked(result.summary) == ["síntoma"]


def test_title_marks_the_accented_word_found_without_accent():
    assert marked(search("remision")[0].title) == ["Remisión"]


def test_alias_match_is_marked_with_its_accent():
    result = search("celula")[0]
    assert [marked(pieces) for pieces in result.also_called] == [["Célula"]]


def test_text_with_separate_accent_marks_is_found_and_marked_whole():
    pattern = word_pattern("celulas", "es")
    assert marked(highlight("Las ce\u0301lulas B.", [pattern])) == ["ce\u0301lulas"]


def test_phrase_matches_across_a_hyphen_and_spaces():
    pattern = word_pattern("celula b", "es")
    text = "Las células-B y las células  B."
    assert [m.group() for m in pattern.finditer(text)] == ["células-B", "células  B"]


def test_phrase_words_must_be_in_order():
    pattern = word_pattern("b celula", "es")
    assert pattern.search("Las células B.") is None


def test_english_search_ignores_accents_too():
    english = [Document(kind="term", url="/glossary/cafe/", title="Café", context="", summary="")]
    assert urls("cafe", documents=english, language="en") == ["/glossary/cafe/"]
    assert urls("café", documents=english, language="en") == ["/glossary/cafe/"]


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "\x00",
        "ñ" * 5000,
        "¿¡?!",
        "-",
        "'",
        "a" * 300,
        "\u0301\u0301",
        "de de de",
        "-".join("a" * 100),
    ],
)
def test_any_spanish_query_gives_a_clean_answer(raw):
    found = SearchIndex(DOCUMENTS, "es").search(parse_query(raw, "es"))
    assert isinstance(found.results, list)
    assert found.total >= len(found.results)
