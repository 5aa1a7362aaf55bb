"""/infobutton/ against the HL7 Infobutton guides: the URL-based request (Release 4), the
knowledge response of the service-oriented guide, in every response type and language, for a
patient or a clinician; unknown and malformed codes, hostile callbacks; open, cookieless and
unlogged."""

import json
import logging
import xml.etree.ElementTree as ET

import pytest

from tests.conditions.fixtures import add_condition
from web.middleware import page_cache as middleware

ICD10CM = "2.16.840.1.113883.6.90"
SNOMED = "2.16.840.1.113883.6.96"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def site(spanish_content):
    return add_condition(spanish_content, spanish=True)


def ask(client, **params):
    query = {"mainSearchCriteria.v.cs": ICD10CM}
    query.update({key.replace("__", "."): value for key, value in params.items()})
    return client.get("/infobutton/", {k: v for k, v in query.items() if v is not None})


def feed(response):
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)["feed"]


def links(entry):
    return [link["href"] for link in entry["link"]]


def test_json_is_the_default_answer(client, site):
    entries = feed(ask(client, mainSearchCriteria__v__c="M32.14"))["entry"]
    assert entries[0]["link"][0]["href"].endswith("/conditions/widget/#kidney-disease")


def test_a_patient_gets_the_patient_page_first_and_the_clinicians_summary_second(client, site):
    entries = feed(ask(client, mainSearchCriteria__v__c="M32", informationRecipient="PAT"))["entry"]
    assert [e["category"][0]["term"] for e in entries] == ["PAT", "PROV"]
    assert entries[1]["link"][0]["href"].endswith("/conditions/widget/clinicians/")


def test_a_clinician_gets_the_clinicians_summary_first(client, site):
    entries = feed(ask(client, mainSearchCriteria__v__c="M32", informationRecipient="PROV"))[
        "entry"
    ]
    assert entries[0]["title"]["_value"] == "CAR-T in widget disease: summary for clinicians"


def test_an_entry_carries_title_links_with_hreflang_summary_and_its_review_date(client, site):
    from tests.conftest import LAST_REVIEWED

    entry = feed(ask(client, mainSearchCriteria__v__c="M32"))["entry"][0]
    assert entry["title"]["_value"] == "Widget disease"
    assert [link["hreflang"] for link in entry["link"]] == ["en", "es"]
    assert entry["summary"]["_value"] == "What CAR-T has shown in widget disease."
    assert entry["updated"]["_value"] == f"{LAST_REVIEWED.isoformat()}T00:00:00Z"


def test_spanish_is_asked_with_the_language_code(client, site):
    entry = feed(
        ask(
            client,
            mainSearchCriteria__v__c="M32.14",
            **{"informationRecipient__languageCode__c": "es"},
        )
    )["entry"][0]
    assert entry["lang"] == "es"
    # The same heading, found by its place: the Spanish page's own id.
    assert links(entry)[0].endswith("/es/enfermedades/artilugiosis/#enfermedad-de-los-rinones")
    assert links(entry)[1].endswith("/conditions/widget/#kidney-disease")


@pytest.mark.parametrize("language", ["es", "ES", "es-US", "es_MX", "spa"])
def test_every_way_of_writing_spanish_is_understood(client, site, language):
    answer = feed(
        ask(
            client,
            mainSearchCriteria__v__c="M32",
            **{"informationRecipient__languageCode__c": language},
        )
    )
    assert answer["lang"] == "es"


@pytest.mark.parametrize("language", ["fr", "", "zz-ZZ", "<b>", "e" * 500])
def test_a_language_the_site_does_not_have_gets_english(client, site, language):
    answer = feed(
        ask(
            client,
            mainSearchCriteria__v__c="M32",
            **{"informationRecipient__languageCode__c": language},
        )
    )
    assert answer["lang"] == "en" and answer["entry"][0]["lang"] == "en"


def test_a_snomed_concept_finds_its_condition(client, site):
    answer = feed(
        ask(client, mainSearchCriteria__v__c="55464009", mainSearchCriteria__v__cs=SNOMED)
    )
    assert links(answer["entry"][0])[0].endswith("/conditions/widget/")


def test_a_code_can_lead_to_a_section_of_the_guide(client, site):
    answer = feed(ask(client, mainSearchCriteria__v__c="D89.831"))
    assert [links(entry)[0].rsplit("/", 3)[-3:] for entry in answer["entry"]] == [
        ["demo", "second", ""]
    ]


@pytest.mark.parametrize(
    ("code", "system"),
    [
        ("J45.909", ICD10CM),  # in ICD-10-CM, not in the map
        ("M32.0", ICD10CM),  # in the map, with no page on purpose
        ("M32.14", "2.16.840.1.113883.6.103"),  # ICD-9-CM: a system the site does not answer
        ("M32.14", ""),
        ("424144002", SNOMED),  # a SNOMED concept not in the map
        ("', DROP TABLE", ICD10CM),
        ("<script>alert(1)</script>", ICD10CM),
        ("M32" * 400, ICD10CM),
        ("", ICD10CM),
    ],
)
def test_a_code_with_no_page_gets_a_feed_with_no_entries(client, site, code, system):
    response = ask(client, mainSearchCriteria__v__c=code, mainSearchCriteria__v__cs=system)
    assert response.status_code == 200
    assert feed(response)["entry"] == []


def test_the_display_name_is_used_when_the_code_finds_nothing(client, site):
    answer = feed(ask(client, mainSearchCriteria__v__c="", mainSearchCriteria__v__dn="widgetosis"))
    assert links(answer["entry"][0])[0].endswith("/conditions/widget/")


@pytest.mark.parametrize("name", ["widget", "widgetosis and more", "disease"])
def test_a_display_name_that_is_not_exactly_a_name_finds_nothing(client, site, name):
    assert feed(ask(client, mainSearchCriteria__v__dn=name))["entry"] == []


def test_the_feed_echoes_the_request_as_categories(client, site):
    answer = feed(
        ask(client, mainSearchCriteria__v__c="M32", informationRecipient="PROV", utm_source="ehr")
    )
    categories = {(c["scheme"], c["term"]) for c in answer["category"]}
    assert {
        ("mainSearchCriteria.v.c", "M32"),
        ("informationRecipient", "PROV"),
        ("mainSearchCriteria.v.cs", ICD10CM),
    } <= categories
    assert not any(c["scheme"] == "utm_source" for c in answer["category"])


def test_xml_is_an_atom_feed(client, site):
    response = ask(client, mainSearchCriteria__v__c="M32.14", knowledgeResponseType="text/xml")
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Widget disease"
    assert entry.find(f"{ATOM}link").get("hreflang") == "en"
    assert {c.get("scheme") for c in root.findall(f"{ATOM}category")} >= {"mainSearchCriteria.v.c"}


def test_xml_escapes_what_the_request_echoes(client, site):
    response = ask(client, mainSearchCriteria__v__c='"><x/>&', knowledgeResponseType="text/xml")
    root = ET.fromstring(response.content)  # still well-formed
    terms = [c.get("term") for c in root.findall(f"{ATOM}category")]
    assert '"><x/>&' in terms and root.find(f"{ATOM}entry") is None


def test_jsonp_wraps_the_feed_in_the_callback(client, site):
    response = ask(
        client,
        mainSearchCriteria__v__c="M32",
        knowledgeResponseType="application/javascript",
        callback="ehr.showPages",
    )
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("/**/ehr.showPages(") and body.endswith(");")
    assert json.loads(body[len("/**/ehr.showPages(") : -2])["feed"]["entry"]


@pytest.mark.parametrize(
    "callback",
    [
        "",
        "alert(1)",
        "a;b",
        "a b",
        "a.b()",
        "</script>",
        "x" * 300,
        "1abc",
        "a..b",
        "eval",
        "__proto__",
        "a.b.c.d.e.f",
        "a\u2028b",
        "données",
    ],
)
def test_a_callback_that_is_not_a_plain_name_is_refused(client, site, callback):
    response = ask(
        client,
        mainSearchCriteria__v__c="M32",
        knowledgeResponseType="application/javascript",
        callback=callback,
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert callback.encode() not in response.content or not callback


def test_text_html_redirects_to_the_page_so_a_plain_link_works(client, site):
    response = ask(
        client,
        mainSearchCriteria__v__c="M32.14",
        knowledgeResponseType="text/html",
        **{"informationRecipient__languageCode__c": "es"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/es/enfermedades/artilugiosis/#enfermedad-de-los-rinones")


def test_text_html_with_no_page_says_so_in_the_language_asked(client, site):
    response = ask(
        client,
        mainSearchCriteria__v__c="J45",
        knowledgeResponseType="text/html",
        **{"informationRecipient__languageCode__c": "es"},
    )
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert 'lang="es"' in response.content.decode()


@pytest.mark.parametrize("kind", ["application/json", "text/xml", "text/html", "bogus/type"])
def test_any_origin_may_read_the_answer_and_no_cookie_is_set(client, site, kind):
    response = ask(client, mainSearchCriteria__v__c="M32", knowledgeResponseType=kind)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert not response.cookies and "Set-Cookie" not in response


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_reading_methods_are_answered(client, site, method):
    assert getattr(client, method)("/infobutton/").status_code == 405


def test_nothing_about_the_request_is_logged(client, site, caplog):
    caplog.set_level(logging.DEBUG)
    ask(client, mainSearchCriteria__v__c="M32.14", mainSearchCriteria__v__dn="Lupus nephritis")
    ask(
        client,
        mainSearchCriteria__v__c="M32",
        knowledgeResponseType="application/javascript",
        callback="bad(",
    )
    assert "M32" not in caplog.text and "nephritis" not in caplog.text


def test_answers_are_kept_by_the_page_cache_under_their_full_query(client, site, settings):
    settings.DEBUG = False
    middleware._query_pages.clear()
    first = ask(client, mainSearchCriteria__v__c="M32")
    ask(client, mainSearchCriteria__v__c="M32.14")
    again = ask(client, mainSearchCriteria__v__c="M32")
    assert len(middleware._query_pages) == 2
    assert again.content == first.content and again["ETag"] == first["ETag"]


def test_the_page_cache_keeps_a_bounded_number_of_answers(client, site, settings, monkeypatch):
    settings.DEBUG = False
    middleware._query_pages.clear()
    monkeypatch.setattr(middleware._query_pages, "most", 3)
    for number in range(6):
        ask(client, mainSearchCriteria__v__c=f"K5{number}")
    assert len(middleware._query_pages) == 3
