"""Glossary linking in Spanish: plurals, abbreviations in capitals, case and accents."""

import pytest

from engine import load_library
from engine.linking import TermMatcher
from engine.rendering import render_markdown
from engine.terms import Term
from tests.glossary.test_linking import TermLinks


def term(slug, name, *aliases, plurals=()):
    return Term(
        slug=slug,
        term=name,
        short=f"Sobre {name}.",
        html="",
        aliases=list(aliases),
        plurals=list(plurals),
    )


TERMS = {
    term.slug: term
    for term in [
        term("linfocito-b", "linfocito B", "célula B"),
        term("celula", "célula"),
        term("celula-plasmatica", "célula plasmática"),
        term("citocina", "citocina"),
        term(
            "sindrome-de-liberacion-de-citocinas",
            "síndrome de liberación de citocinas",
            "SLC",
            "tormenta de citocinas",
        ),
        term("lupus", "lupus", "LES", "lupus eritematoso sistémico"),
        term("terapia-car-t", "terapia con células CAR-T", "CAR-T", "CAR"),
        term("remision", "remisión"),
        term("examen", "examen"),
        term("leucaferesis", "leucaféresis"),
        term("nefritis-lupica", "nefritis lúpica"),
        term("club-de-pacientes", "club de pacientes", plurals=["clubes de pacientes"]),
    ]
}


def links(markdown, terms=TERMS, language="es"):
    parser = TermLinks()
    parser.feed(str(render_markdown(markdown, glossary=terms, language=language).html))
    return [(link["text"], link["href"]) for link in parser.links]


@pytest.mark.parametrize(
    ("text", "linked", "slug"),
    [
        ("Las células B hacen anticuerpos.", "células B", "linfocito-b"),
        ("Los linfocitos B hacen anticuerpos.", "linfocitos B", "linfocito-b"),
        ("Hay células plasmáticas en la médula.", "células plasmáticas", "celula-plasmatica"),
        ("Muchas remisiones duran años.", "remisiones", "remision"),
        ("Le harán exámenes cada semana.", "exámenes", "examen"),
        ("La leucaféresis dura unas horas.", "leucaféresis", "leucaferesis"),
        ("Las nefritis lúpicas son distintas.", "nefritis lúpicas", "nefritis-lupica"),
        ("Hay clubes de pacientes en muchas ciudades.", "clubes de pacientes", "club-de-pacientes"),
        ("Hay clubs de pacientes en muchas ciudades.", "clubs de pacientes", "club-de-pacientes"),
        ("Células de todo tipo.", "Células", "celula"),
        ("CÉLULA grande.", "CÉLULA", "celula"),
    ],
)
def test_spanish_plural_or_case_is_linked(text, linked, slug):
    assert links(text) == [(linked, f"/glossary/{slug}/")]


def test_plural_of_a_long_name_is_one_link():
    assert links("Los síndromes de liberación de citocinas pasan pronto.") == [
        (
            "síndromes de liberación de citocinas",
            "/glossary/sindrome-de-liberacion-de-citocinas/",
        )
    ]


def test_longest_name_wins_over_a_word_inside_it():
    text = "El síndrome de liberación de citocinas es común. Las citocinas son señales."
    assert links(text) == [
        ("síndrome de liberación de citocinas", "/glossary/sindrome-de-liberacion-de-citocinas/"),
        ("citocinas", "/glossary/citocina/"),
    ]


def test_pronoun_les_is_never_linked_by_the_abbreviation_les():
    text = "A muchas personas les preocupa el tratamiento. Les damos tiempo."
    assert links(text) == []


def test_abbreviation_les_in_capitals_is_linked():
    assert links("A muchas personas les preocupa el LES.") == [("LES", "/glossary/lupus/")]


def test_car_in_lower_case_is_not_linked_by_car():
    assert links("Un car es otra cosa. El receptor CAR se une a CD19.") == [
        ("CAR", "/glossary/terapia-car-t/")
    ]


def test_spanish_words_without_their_accents_are_not_linked():
    # Words that differ only by an accent are often different words (esta, está), so linking
    # compares accents exactly.
    assert links("La remision y la celula.") == []


def test_a_plural_linked_only_under_spanish_rules():
    text = "Muchas remisiones duran años."
    assert links(text, language="en") == []
    assert links(text, language="es") == [("remisiones", "/glossary/remision/")]


def test_matcher_finds_the_slug_of_a_spanish_plural():
    matcher = TermMatcher(TERMS, "es")
    assert matcher.slug_of("Síndromes de liberación de citocinas") == (
        "sindrome-de-liberacion-de-citocinas"
    )
    assert matcher.slug_of("exámenes") == "examen"


def test_editor_mark_with_a_spanish_plural_links_its_term():
    assert links("Vea [[linfocitos B]] y más.") == [("linfocitos B", "/glossary/linfocito-b/")]


def test_only_the_first_spanish_mention_is_linked():
    assert links("Una célula. Dos células. Tres células.") == [("célula", "/glossary/celula/")]


def test_accent_written_as_a_separate_mark_in_a_file_is_read_as_one_letter(tmp_path):
    from tests.glossary.test_loading import ARTICLE, section, term_file, write

    write(tmp_path, "glossary/celula.md", term_file("célula"))
    write(tmp_path, "articles/demo/article.md", ARTICLE)
    write(tmp_path, "articles/demo/01-one.md", section("one", 1, "Una ce\u0301lula sola."))
    library = load_library(tmp_path)
    html = str(library.articles["demo"].sections[0].html)
    assert 'href="/glossary/celula/">célula</a>' in html
