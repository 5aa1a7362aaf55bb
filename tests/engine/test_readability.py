"""Reading scores without textstat: the same grades it gave, offline, in English and Spanish."""

import json
from pathlib import Path

import pytest

from engine.readability import (
    inflesz_band,
    reading_grade,
    reading_score,
    reading_scores,
    syllable_count,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "readability"
# The ten sections as shipped in November 2026, with the grades textstat 0.7.3 gave them.
TEXTSTAT_GRADES = json.loads((FIXTURES / "textstat-0.7.3-grades.json").read_text())


@pytest.mark.parametrize("slug", sorted(TEXTSTAT_GRADES))
def test_grade_matches_textstat_within_three_tenths(slug):
    text = (FIXTURES / f"{slug}.txt").read_text()
    assert reading_grade(text) == pytest.approx(TEXTSTAT_GRADES[slug], abs=0.3)


def test_grade_of_no_words_is_zero():
    assert reading_grade("") == 0.0
    assert reading_grade("  ... !") == 0.0


def test_longer_words_and_sentences_raise_the_grade():
    easy = "The cat sat on the mat. The dog ran to the park."
    hard = (
        "Immunosuppressive medications frequently necessitate comprehensive monitoring "
        "throughout prolonged administration in autoimmune conditions."
    )
    assert reading_grade(hard) > reading_grade(easy) + 5


def test_syllables_come_from_the_hyphenation_dictionary():
    assert syllable_count("cat") == 1
    assert syllable_count("remission") == 3


def test_spanish_score_is_higher_for_plainer_text():
    plain = "Usted puede hablar con su médico. Él le va a ayudar."
    dense = (
        "La inmunosupresión farmacológica prolongada condiciona complicaciones "
        "infecciosas potencialmente graves en determinados pacientes."
    )
    assert reading_score(plain, "es") > reading_score(dense, "es") + 20


# Spanish, with the counts done by hand: "Usted puede hablar con su médico." is 6 words of
# us-ted pue-de ha-blar con su mé-di-co, 11 syllables, in one sentence.
ONE_SENTENCE = "Usted puede hablar con su médico."
# 15 words in two sentences, 28 syllables: el dí-a de la in-fu-sión us-ted va al hos-pi-tal (15)
# and la en-fer-me-ra le ex-pli-ca ca-da pa-so (13).
TWO_SENTENCES = "El día de la infusión, usted va al hospital. La enfermera le explica cada paso."


def test_inflesz_is_szigriszt_pazos_perspicuity():
    # 206.835 - 62.3 * 11/6 - 6/1 = 86.618
    assert reading_score(ONE_SENTENCE, "es") == 86.6
    # 206.835 - 62.3 * 28/15 - 15/2 = 83.042
    assert reading_score(TWO_SENTENCES, "es") == 83.0


def test_fernandez_huerta_is_reported_beside_inflesz():
    # 206.84 - 0.60 * (100 * 11/6) - 1.02 * 6/1 = 90.72
    assert reading_scores(ONE_SENTENCE, "es") == {"INFLESZ": 86.6, "Fernández-Huerta": 90.7}
    # 206.84 - 0.60 * (100 * 28/15) - 1.02 * 15/2 = 87.19
    assert reading_scores(TWO_SENTENCES, "es")["Fernández-Huerta"] == 87.2


def test_spanish_syllables_count_hiatus_that_hyphenation_misses():
    assert syllable_count("día", "es") == 2
    assert syllable_count("leer", "es") == 2
    assert syllable_count("caída", "es") == 3


def test_spanish_abbreviation_keeps_its_hyphen_for_the_syllable_count():
    # la te-ra-pia car-te u-sa sus pro-pias cé-lu-las: 7 words, 14 syllables, one sentence;
    # 206.835 - 62.3 * 14/7 - 7 = 75.235.
    assert reading_score("La terapia CAR-T usa sus propias células.", "es") == 75.2


def test_spanish_scores_of_no_words_are_zero():
    assert reading_scores("", "es") == {"INFLESZ": 0.0, "Fernández-Huerta": 0.0}


def test_english_has_one_score():
    assert list(reading_scores("The cat sat on the mat.")) == ["Flesch-Kincaid grade"]


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (39.9, "muy difícil"),
        (40, "algo difícil"),
        (54.9, "algo difícil"),
        (55, "normal"),
        (65, "bastante fácil"),
        (79.9, "bastante fácil"),
        (80, "muy fácil"),
    ],
)
def test_inflesz_band_names_the_scale_step(score, band):
    assert inflesz_band(score) == band
