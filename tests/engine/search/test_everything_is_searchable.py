"""Everything a patient can read is searchable, and each result says which page and which
heading the words are under: glossary explanations, the questions page, care cards and the
pages about the site, as well as the sections."""

import re

import pytest

from tests.conftest import section_text, term_text

RESULT = re.compile(
    r'<h3 class="search-result__title"><a href="(?P<url>[^"]+)">.*?</h3>\s*'
    r'<p class="search-result__where">(?P<where>.*?)</p>',
    re.DOTALL,
)
TAG = re.compile(r"<[^>]+>")


def results(client, query, path="/search/"):
    html = client.get(path, {"q": query}).content.decode()
    return [(m["url"], " ".join(TAG.sub("", m["where"]).split())) for m in RESULT.finditer(html)]


def test_a_word_only_in_a_glossary_explanation_finds_the_term(client, content_dir):
    content_dir.write(
        "glossary/widget.md",
        term_text("widget", body="Widgets were first made from brass.\n", related=["gadget"]),
    )
    assert results(client, "brass") == [("/glossary/widget/", "Glossary")]


def test_a_question_finds_the_questions_page_under_its_section(client, content_dir):
    content_dir.write(
        "articles/demo/01-first.md",
        section_text("first", 1, "Plain text.\n", questions=["Will my insurer pay for it?"]),
    )
    [(url, where)] = [r for r in results(client, "insurer") if "/questions/" in r[0]]
    assert url == "/questions/#questions-first"
    assert "Section first" in where


CARD = """\
Some text first.

## After you go home

Rest well.

!!! urgent "Call your team if you have a fever"
    A temperature of 38 °C or more needs a call, day or night.
"""


def test_a_care_card_is_named_and_the_link_goes_to_its_part(client, content_dir):
    content_dir.write("articles/demo/01-first.md", section_text("first", 1, CARD))
    # The printable temperature log is found too (the tools are searchable); the card's part:
    [(url, where)] = [r for r in results(client, "temperature") if r[0].startswith("/articles/")]
    assert url == "/articles/demo/first/#after-you-go-home"
    assert "Call your team if you have a fever" in where


def test_text_under_a_heading_links_to_that_heading(client, content_dir):
    [(url, where), *_] = results(client, "details")
    assert url == "/articles/demo/first/#details"
    assert "under “Details”" in where


@pytest.mark.parametrize(
    ("query", "url"),
    [("who publishes", "/about/"), ("privacy", "/privacy/"), ("accessibility", "/accessibility/")],
)
def test_the_pages_about_the_site_are_found(client, content_dir, query, url):
    assert url in [found.split("#")[0] for found, _ in results(client, query)]


def test_the_spanish_search_finds_the_spanish_pages_about_the_site(client, spanish_content):
    assert "/es/privacidad/" in [
        u.split("#")[0] for u, _ in results(client, "privacidad", "/es/buscar/")
    ]


def test_citation_numbers_and_copy_link_buttons_are_not_searched(client, content_dir):
    # Every section has "Copy link" buttons and the first cites source 1.
    assert not [url for url, _ in results(client, "copy") if url.startswith("/articles/")]
    assert not [url for url, _ in results(client, "source") if url.startswith("/articles/")]
