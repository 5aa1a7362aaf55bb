"""The shipped condition pages, summaries and code map (content tests: they read content/)."""

import pytest

from engine import get_library

ICD10CM = "icd10cm"


def conditions(language):
    return list(get_library(language).conditions.values())


def test_the_five_conditions_are_shipped_in_both_languages():
    english = [condition.key for condition in conditions("en")]
    assert len(english) == 5
    assert [condition.key for condition in conditions("es")] == english


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_condition_page_and_its_handout_answer(client, language):
    for condition in conditions(language):
        for path in (
            condition.get_absolute_url(),
            condition.get_handout_url(),
            condition.get_qr_url(),
        ):
            assert client.get(path).status_code == 200, path


def test_every_condition_has_a_summary_for_clinicians_that_answers(client):
    for condition in conditions("en"):
        assert condition.clinicians is not None, condition.slug
        assert client.get(condition.clinicians.get_absolute_url()).status_code == 200


def test_english_condition_pages_read_at_grade_6_or_below():
    assert {c.slug: c.reading_grade for c in conditions("en") if c.reading_grade > 6} == {}


def test_spanish_condition_pages_read_at_inflesz_65_or_above():
    scores = {c.slug: c.reading_scores["INFLESZ"] for c in conditions("es")}
    assert {slug: score for slug, score in scores.items() if score < 65} == {}


@pytest.mark.parametrize(
    ("code", "page"),
    [
        ("M32.14", "conditions/lupus#lupus-nephritis"),
        ("M32.10", "conditions/lupus"),
        ("M33.12", "conditions/myositis"),
        ("M34.81", "conditions/systemic-sclerosis"),
        ("G70.01", "conditions/myasthenia-gravis"),
        ("M05.79", "conditions/other-autoimmune-diseases#rheumatoid-arthritis"),
        ("M31.31", "conditions/other-autoimmune-diseases#vasculitis-and-sjogrens-disease"),
        ("Z92.850", "articles/car-t-autoimmune/first-weeks-after-treatment"),
        ("M32.0", "none"),
    ],
)
def test_the_shipped_map_sends_a_chart_code_to_the_right_page(code, page):
    assert get_library("en").codes.lookup(ICD10CM, code).page == page


@pytest.mark.parametrize("code", ["J45.909", "E11.9", "M35.3", "G71.0"])
def test_codes_the_site_does_not_cover_have_no_page(code):
    assert get_library("en").codes.lookup(ICD10CM, code) is None
