"""Condition pages, the summaries for clinicians beside them, and the way in by condition."""

import json
import re

import pytest

from engine.checks import check_content
from tests.conditions.fixtures import SUMMARY, add_condition


@pytest.fixture
def site(spanish_content):
    return add_condition(spanish_content, spanish=True)


def structured_data(response):
    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(found.group(1))


def test_a_condition_page_shows_its_text_sources_and_review(client, site):
    html = client.get("/conditions/widget/").content.decode()
    assert "<h1" in html and "Widget disease" in html
    assert "Five people got better" in html
    assert 'id="widget-source-1"' in html
    assert "Page last reviewed" in html


def test_a_condition_page_names_its_codes_in_structured_data(client, site):
    data = structured_data(client.get("/conditions/widget/"))
    condition = data["about"][0]
    assert condition["@type"] == "MedicalCondition"
    codes = {(code["codingSystem"], code["codeValue"]) for code in condition["code"]}
    assert {("ICD-10-CM", "M32"), ("ICD-10-CM", "M32.14"), ("SNOMED CT", "55464009")} <= codes
    assert all(code["@type"] == "MedicalCode" for code in condition["code"])
    assert data["audience"]["audienceType"] == "Patient"


def test_the_clinicians_summary_is_marked_for_clinicians_in_page_and_structured_data(client, site):
    response = client.get("/conditions/widget/clinicians/")
    assert 'data-audience="clinician"' in response.content.decode()
    data = structured_data(response)
    assert data["audience"] == {"@type": "MedicalAudience", "audienceType": "Clinician"}
    assert data["relatedLink"].endswith("/conditions/widget/")


def test_the_clinicians_summary_shares_its_review_date_with_the_patient_page(client, site):
    patient = structured_data(client.get("/conditions/widget/"))
    summary = structured_data(client.get("/conditions/widget/clinicians/"))
    assert summary["lastReviewed"] == patient["lastReviewed"]


def test_the_evidence_table_is_shown(client, site):
    html = client.get("/conditions/widget/clinicians/").content.decode()
    assert "<th>Certainty</th>" in html and "Very low" in html


def test_the_spanish_page_links_to_the_english_clinicians_summary(client, site):
    html = client.get("/es/enfermedades/artilugiosis/").content.decode()
    assert 'href="/conditions/widget/clinicians/" hreflang="en" lang="en"' in html


def test_the_spanish_page_has_no_clinicians_address_of_its_own(client, site):
    assert client.get("/es/enfermedades/artilugiosis/profesionales/").status_code == 404


def test_the_two_languages_name_each_other(client, site):
    html = client.get("/conditions/widget/").content.decode()
    assert 'hreflang="es" href="http://127.0.0.1:8000/es/enfermedades/artilugiosis/"' in html


def test_the_list_by_condition_links_each_condition(client, site):
    html = client.get("/conditions/").content.decode()
    assert 'href="/conditions/widget/"' in html and "Widgetosis" in html


@pytest.mark.parametrize("path", ["/", "/articles/demo/first/", "/glossary/"])
def test_the_menu_leads_to_the_list_by_condition(client, site, path):
    assert 'href="/conditions/">By condition</a>' in client.get(path).content.decode()


def test_the_home_page_has_a_way_in_by_condition(client, site):
    html = client.get("/").content.decode()
    assert 'id="by-condition"' in html and 'href="/conditions/widget/"' in html


def test_an_unknown_condition_is_not_found(client, site):
    assert client.get("/conditions/nothing/").status_code == 404
    assert client.get("/conditions/nothing/clinicians/").status_code == 404
    assert client.get("/conditions/nothing/handout/").status_code == 404


def test_the_sitemap_lists_condition_pages_and_summaries(client, site):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/conditions/widget/</loc>" in xml and "/conditions/widget/clinicians/</loc>" in xml
    assert "/es/enfermedades/artilugiosis/</loc>" in xml


def findings(root, name):
    return [f for f in check_content(root) if f.path == name]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("| Study | Design |", "| Trial | Design |"), "needs an evidence table"),
        (("| Very low |", "| Promising |"), 'the certainty "Promising" is not one of'),
        (("Demo 2024 [@demo2024]", "Demo 2024"), "this study cites no source"),
        (
            ("| Fever | 3 of 5 | [@demo2024] |", "| Fever | 3 of 5 | none |"),
            "this risk cites no source",
        ),
        (("| Risk | Reported rate |", "| Harm | Reported rate |"), "table of the main risks"),
    ],
)
def test_the_checker_holds_the_clinicians_summary_to_its_tables(content_dir, change, message):
    add_condition(content_dir)
    content_dir.write("conditions/widget/clinicians.md", SUMMARY.replace(*change))
    found = findings(content_dir.root, "conditions/widget/clinicians.md")
    assert [f.level for f in found if message in f.message] == ["error"]


def test_a_summary_without_its_condition_is_reported(content_dir):
    content_dir.write("conditions/lonely/clinicians.md", SUMMARY)
    found = findings(content_dir.root, "conditions/lonely/clinicians.md")
    assert any("no conditions/lonely/condition.md" in f.message for f in found)


def test_a_condition_page_is_held_to_the_reading_grade(content_dir, settings):
    add_condition(content_dir)
    settings.READING_GRADE_CEILING = 1
    found = findings(content_dir.root, "conditions/widget/condition.md")
    assert any("the reading grade is" in f.message for f in found)


def test_a_condition_with_no_spanish_page_is_missing_for_the_required_language(content_dir):
    add_condition(content_dir)
    found = [f for f in check_content(content_dir.root, require=("es",)) if f.level == "error"]
    assert any(f.path == "conditions/widget/condition.md" for f in found)
    assert not any(f.path == "conditions/widget/clinicians.md" for f in found)
