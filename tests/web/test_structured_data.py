"""schema.org MedicalWebPage JSON-LD on article, section and term pages: what it says, and that
nothing in the content can break out of its <script> data block."""

import json
import re

import pytest
from django.utils.html import json_script

from engine.sanitize import json_ld
from tests.conftest import LAST_REVIEWED, article_text, section_text, term_text

REVIEWER = "{'name': 'Dr Ann Lee', 'role': 'Rheumatologist'}"
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def structured_data(client, url):
    [text] = BLOCK.findall(client.get(url).content.decode())
    return json.loads(text)


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://example.org"
    return settings.SITE_URL


@pytest.mark.parametrize(
    ("url", "name", "description"),
    [
        ("/articles/demo/", "Demo article", "A short summary."),
        ("/articles/demo/all/", "Demo article", "A short summary."),
        ("/articles/demo/first/", "Section first", "The part in a nutshell."),
        ("/glossary/widget/", "widget", "A short meaning."),
    ],
)
def test_page_describes_itself_as_a_medical_web_page_for_patients(
    client, content_dir, site_url, url, name, description
):
    data = structured_data(client, url)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == name
    assert data["url"] == f"{site_url}{url}"
    assert data["description"] == description
    assert data["inLanguage"] == "en"
    assert data["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
    assert data["lastReviewed"] == LAST_REVIEWED.isoformat()


@pytest.mark.parametrize("url", ["/articles/demo/", "/articles/demo/first/"])
def test_article_pages_are_about_the_article_s_conditions(client, content_dir, url):
    content_dir.write("articles/demo/article.md", article_text(conditions=["lupus", "myositis"]))
    assert structured_data(client, url)["about"] == [
        {"@type": "MedicalCondition", "name": "lupus"},
        {"@type": "MedicalCondition", "name": "myositis"},
    ]


def test_no_condition_is_named_when_the_article_names_none(client, content_dir):
    assert "about" not in structured_data(client, "/articles/demo/")


def test_section_is_part_of_its_article(client, content_dir, site_url):
    assert structured_data(client, "/articles/demo/second/")["isPartOf"] == {
        "@type": "MedicalWebPage",
        "name": "Demo article",
        "url": f"{site_url}/articles/demo/",
    }


def test_term_page_is_about_the_term(client, content_dir, site_url):
    assert structured_data(client, "/glossary/gadget/")["about"] == [
        {
            "@type": "DefinedTerm",
            "name": "gadget",
            "description": "A short meaning.",
            "inDefinedTermSet": f"{site_url}/glossary/",
        }
    ]


def test_term_with_its_own_review_date_gives_that_date(client, content_dir):
    content_dir.write("glossary/widget.md", term_text("widget", last_reviewed="2026-08-31"))
    assert structured_data(client, "/glossary/widget/")["lastReviewed"] == "2026-08-31"


@pytest.mark.parametrize("url", ["/articles/demo/", "/articles/demo/first/", "/glossary/widget/"])
def test_no_reviewer_or_publisher_is_named_unless_given(client, content_dir, settings, url):
    settings.SITE_PUBLISHER = ""
    data = structured_data(client, url)
    assert "reviewedBy" not in data
    assert "publisher" not in data


def test_reviewers_are_named_as_the_file_names_them(client, content_dir):
    content_dir.write("articles/demo/01-first.md", section_text("first", 1, reviewed_by=[REVIEWER]))
    assert structured_data(client, "/articles/demo/first/")["reviewedBy"] == [
        {"@type": "Person", "name": "Dr Ann Lee", "jobTitle": "Rheumatologist"}
    ]
    assert "reviewedBy" not in structured_data(client, "/articles/demo/second/")


def test_publisher_is_named_when_set(client, content_dir, settings):
    settings.SITE_PUBLISHER = "Lupus Friends"
    data = structured_data(client, "/articles/demo/first/")
    assert data["publisher"] == {"@type": "Organization", "name": "Lupus Friends"}


HOSTILE = '</script><script>alert(1)</script><!-- & "quotes"'


def test_content_cannot_leave_the_data_block(client, content_dir):
    content_dir.write("articles/demo/01-first.md", section_text("first", 1, title=f"'{HOSTILE}'"))
    html = client.get("/articles/demo/first/").content.decode()
    head = html.split("</head>")[0]
    assert "<script>alert(1)" not in head
    assert head.count("<script") == 1  # the data block; the page's own scripts are in the body
    assert structured_data(client, "/articles/demo/first/")["name"] == HOSTILE


def test_escaped_as_django_s_json_script_escapes():
    data = {"name": HOSTILE}
    inner = str(json_script(data)).removeprefix('<script type="application/json">')
    assert str(json_ld(data)) == f'<script type="application/ld+json">{inner}'
