"""The shipped content answers what patients search for next: each common worry leads, through
the site's search page, to the section written for it."""

import re

import pytest

ARTICLE = "/articles/car-t-autoimmune"
FIRST_SCREEN = 5  # results a reader sees without scrolling far on a phone
RESULT_LINK = re.compile(r'<h3 class="search-result__title"><a href="([^"]+)">')


def result_pages(client, query):
    """The addresses of the results, best first, without any #heading part."""
    html = client.get("/search/", {"q": query}).content.decode()
    return [url.split("#")[0] for url in RESULT_LINK.findall(html)]


@pytest.mark.parametrize(
    "query, section",
    [
        ("fertility", "fertility-and-pregnancy"),
        ("pregnant", "fertility-and-pregnancy"),
        ("driving", "first-weeks-after-treatment"),
        ("fever", "first-weeks-after-treatment"),
        ("when to get help", "first-weeks-after-treatment"),
        ("cost", "cost-insurance-and-travel"),
        ("insurance", "cost-insurance-and-travel"),
        ("children", "children-and-teenagers"),
        ("caregiver", "family-and-caregivers"),
    ],
)
def test_a_common_worry_finds_its_section_near_the_top(client, query, section):
    assert f"{ARTICLE}/{section}/" in result_pages(client, query)[:FIRST_SCREEN]


def test_a_heading_match_takes_the_reader_to_the_driving_advice(client):
    html = client.get("/search/", {"q": "driving"}).content.decode()
    assert f'href="{ARTICLE}/first-weeks-after-treatment/#driving"' in html
