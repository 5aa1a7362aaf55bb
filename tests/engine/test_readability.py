"""Reading scores without textstat: the same grades it gave, offline, in English and Spanish."""

import json
from pathlib import Path

import pytest

from engine.readability import reading_grade, reading_score, syllable_count

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
    assert syllable_count("enfermedad", "es") == 4


def test_spanish_score_is_higher_for_plainer_text():
    plain = "Usted puede hablar con su médico. Él le va a ayudar."
    dense = (
        "La inmunosupresión farmacológica prolongada condiciona complicaciones "
        "infecciosas potencialmente graves en determinados pacientes."
    )
    assert reading_score(plain, "es") > reading_score(dense, "es") + 20
