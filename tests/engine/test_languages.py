"""The language table: Spanish plurals, folding and stems for search, the A–Z index, dates."""

import datetime

import pytest
from django.conf.locale.es import formats as es_formats

from engine import readability
from engine.languages import (
    LANGUAGES,
    date_format,
    fold,
    format_date,
    get_language,
    index_letter,
    is_stop_word,
    month_format,
    name_forms,
    sort_key,
    stem,
)
from engine.terms import Term, check_terms, group_by_letter


@pytest.mark.parametrize(
    ("name", "plural"),
    [
        # a final unstressed vowel takes -s
        ("célula", "células"),
        ("linfocito", "linfocitos"),
        ("síndrome", "síndromes"),
        ("órgano", "órganos"),
        ("Célula", "Células"),
        # a final stressed á, é, ó takes -s
        ("sofá", "sofás"),
        ("bebé", "bebés"),
        ("dominó", "dominós"),
        # -n or -s stressed on the last syllable: -es, and the accent mark goes
        ("remisión", "remisiones"),
        ("inflamación", "inflamaciones"),
        ("infección", "infecciones"),
        ("compás", "compases"),
        ("inglés", "ingleses"),
        # -n stressed on the second-to-last syllable: -es, and an accent mark comes
        ("examen", "exámenes"),
        ("joven", "jóvenes"),
        ("origen", "orígenes"),
        ("imagen", "imágenes"),
        ("volumen", "volúmenes"),
        ("Examen", "Exámenes"),
        # one syllable: no accent either way
        ("tren", "trenes"),
        ("mes", "meses"),
        ("fax", "faxes"),
        # an accented i or u in hiatus keeps its mark
        ("país", "países"),
        ("baúl", "baúles"),
        # -z becomes -ces
        ("luz", "luces"),
        ("raíz", "raíces"),
        ("nuez", "nueces"),
        # other consonants of Spanish words take -es; an earlier accent mark stays
        ("hospital", "hospitales"),
        ("dolor", "dolores"),
        ("edad", "edades"),
        ("reloj", "relojes"),
        ("ley", "leyes"),
        ("cáncer", "cánceres"),
        ("árbol", "árboles"),
        ("sándwich", "sándwiches"),
        # consonants found only in words from other languages take -s
        ("test", "tests"),
        ("ítem", "ítems"),
        # plurals the rules cannot see, known to the table
        ("régimen", "regímenes"),
        ("carácter", "caracteres"),
        # every word before the first preposition; adjectives agree
        ("síndrome de liberación de citocinas", "síndromes de liberación de citocinas"),
        ("célula plasmática", "células plasmáticas"),
        ("nefritis lúpica", "nefritis lúpicas"),
        ("lupus eritematoso sistémico", "lupus eritematosos sistémicos"),
        ("terapia con células CAR-T", "terapias con células CAR-T"),
        ("examen de sangre", "exámenes de sangre"),
        ("efecto secundario", "efectos secundarios"),
        ("colitis ulcerativa", "colitis ulcerativas"),
        ("trasplante sin donante", "trasplantes sin donante"),
        # letters, abbreviations and codes after the noun are kept
        ("linfocito B", "linfocitos B"),
        ("célula T", "células T"),
        ("anticuerpo anti-CD19", "anticuerpos anti-CD19"),
        ("receptor CAR", "receptores CAR"),
        ("célula T reguladora", "células T reguladoras"),
        # names and small words inside a name are kept
        ("linfoma no Hodgkin", "linfomas no Hodgkin"),
        ("enfermedad de injerto contra huésped", "enfermedades de injerto contra huésped"),
        ("Síndrome Sjögren", "Síndromes Sjögren"),
    ],
)
def test_spanish_plural(name, plural):
    assert name_forms(name, "es") == {name, plural}


@pytest.mark.parametrize(
    "name",
    [
        "lupus",
        "leucaféresis",
        "tórax",
        "análisis",
        "crisis",
        "virus",
        "caries",
        "bíceps",
        "LES",
        "CAR-T",
        "CD19",
        "B",
        "células",
    ],
)
def test_spanish_word_that_is_its_own_plural(name):
    assert name_forms(name, "es") == {name}


@pytest.mark.parametrize(
    ("name", "plurals"), [("rubí", {"rubíes", "rubís"}), ("tabú", {"tabúes", "tabús"})]
)
def test_final_stressed_i_or_u_takes_either_plural(name, plurals):
    assert name_forms(name, "es") == {name, *plurals}


def test_irregular_plurals_given_are_added():
    assert name_forms("club de pacientes", "es", ["clubes de pacientes"]) == {
        "club de pacientes",
        "clubs de pacientes",
        "clubes de pacientes",
    }


def test_english_plurals_are_unchanged():
    assert name_forms("antibody") == {"antibody", "antibodys", "antibodyes", "antibodies"}
    assert name_forms("CAR-T", "en") == {"CAR-T", "CAR-Ts", "CAR-Tes"}


def test_a_spanish_name_that_is_another_terms_plural_is_reported():
    terms = {
        "celula": Term(
            slug="celula", term="célula", short="Una célula.", html="", source_name="celula.md"
        ),
        "celulas": Term(
            slug="celulas", term="células", short="Varias.", html="", source_name="celulas.md"
        ),
    }
    problems = check_terms(terms, {}, language="es")
    assert [p.path for p in problems] == ["celulas.md"]
    assert 'plural of "célula"' in problems[0].message


def test_an_unknown_language_is_named_in_the_error():
    with pytest.raises(ValueError, match='no language "fr"; the site has en, es'):
        get_language("fr")


def test_each_language_scores_reading_by_its_own_formula():
    text = "Las células CAR-T buscan las células B. Luego el cuerpo hace células nuevas."
    assert list(readability.reading_scores(text, "es")) == ["INFLESZ", "Fernández-Huerta"]
    assert list(readability.reading_scores(text, "en")) == [get_language("en").score_name]


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Células", "celulas"),
        ("niño", "nino"),
        ("Ñandú", "nandu"),
        ("pingüino", "pinguino"),
        ("ce\u0301lula", "celula"),  # an accent typed as a separate mark
    ],
)
def test_spanish_search_folds_accents_and_enye(written, folded):
    assert fold(written, "es") == folded


def test_english_search_folds_accents_too():
    assert fold("Café", "en") == "cafe"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("síntoma", "síntomas"),
        ("sintoma", "síntomas"),
        ("remisión", "remisiones"),
        ("tratamiento", "tratamientos"),
        ("niño", "ninos"),
        ("infección", "infecciones"),
    ],
)
def test_spanish_forms_of_a_word_share_a_stem(one, other):
    assert stem(one, "es") == stem(other, "es")


def test_english_words_share_a_stem_with_their_plurals():
    assert stem("Infections", "en") == stem("infection", "en") == "infect"


@pytest.mark.parametrize("word", ["qué", "que", "de", "las", "usted", "está", "esta", "Cómo"])
def test_spanish_stop_words_match_with_or_without_accents(word):
    assert is_stop_word(word, "es")


@pytest.mark.parametrize("word", ["lupus", "células", "fiebre"])
def test_spanish_words_that_matter_are_not_stop_words(word):
    assert not is_stop_word(word, "es")


@pytest.mark.parametrize(
    ("name", "letter"),
    [("ñandú", "Ñ"), ("Ñu", "Ñ"), ("n\u0303u", "Ñ"), ("Óvulo", "O"), ("Ácido", "A"),
     ("úlcera", "U"), ("nube", "N"), ("19 de marzo", "#")],
)  # fmt: skip
def test_spanish_index_letter(name, letter):
    assert index_letter(name, "es") == letter


def test_english_index_files_enye_under_n():
    assert index_letter("ñandú") == "N"


def test_spanish_order_puts_enye_after_every_n_and_ignores_accents():
    names = ["óvulo", "ñandú", "nube", "ojo", "Ñu", "nz", "oa", "órgano"]
    ordered = ["nube", "nz", "ñandú", "Ñu", "oa", "ojo", "órgano", "óvulo"]
    assert sorted(names, key=lambda name: sort_key(name, "es")) == ordered


def term(name, *aliases):
    return Term(slug=name, term=name, short="Algo.", html="", aliases=list(aliases))


def test_spanish_index_has_enye_between_n_and_o():
    groups = group_by_letter([term("ñandú"), term("Óvulo"), term("nervio")], language="es")
    letters = [group.letter for group in groups]
    assert letters[letters.index("N") : letters.index("O") + 1] == ["N", "Ñ", "O"]
    entries = {group.letter: [e.term.term for e in group.entries] for group in groups}
    assert entries["N"] == ["nervio"]
    assert entries["Ñ"] == ["ñandú"]
    assert entries["O"] == ["Óvulo"]
    assert groups[letters.index("Ñ")].anchor == "letter-ñ"


def test_english_index_keeps_its_26_letters():
    groups = group_by_letter([term("ñandú"), term("Óvulo")])
    assert [group.letter for group in groups] == [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    assert [e.term.term for e in groups[13].entries] == ["ñandú"]


def test_term_knows_its_letter_in_each_language():
    assert term("ñandú").letter == "N"
    assert term("ñandú").letter_in("es") == "Ñ"
    assert term("ñandú").index_anchor_in("es") == "letter-ñ"


DAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("language", "written"), [("en", "23 November 2026"), ("es", "23 de noviembre de 2026")]
)
def test_date_written_out(language, written):
    assert format_date(DAY, language) == written


def test_english_date_formats_are_the_ones_the_templates_used():
    assert (date_format("en"), month_format("en")) == ("j F Y", "F Y")


def test_spanish_date_formats_are_djangos_own():
    # Django's date filter names the month in the active language: "23 de noviembre de 2026".
    assert date_format("es") == es_formats.DATE_FORMAT
    assert month_format("es") == es_formats.YEAR_MONTH_FORMAT


def test_single_digit_day_has_no_leading_zero():
    assert format_date(datetime.date(2026, 3, 5), "es") == "5 de marzo de 2026"


def test_spanish_index_filter_ignores_accents():
    terms = [term("célula", "célula B"), term("linfocito", "linfocito B")]
    groups = group_by_letter(terms, "celula", language="es")
    assert [e.term.term for g in groups for e in g.entries] == ["célula"]
    groups = group_by_letter(terms, "linfócito", language="es")
    assert [e.term.term for g in groups for e in g.entries] == ["linfocito"]


def test_english_index_filter_ignores_accents():
    assert [g for g in group_by_letter([term("café")], "cafe") if g.entries] != []


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_every_language_row_is_complete(code):
    row = get_language(code)
    assert row.code == code
    assert len(row.months) == 12
    assert len(row.alphabet) == len(set(row.alphabet)) >= 26
    assert all(word == word.lower() for word in row.stop_words)
    assert format_date(datetime.date(2026, 1, 2), code).startswith("2 ")
    assert name_forms("x", code) >= {"x"}
