"""Every page of the shipped site answers, and unknown addresses are a friendly 404."""

import pytest
from django.conf import settings
from django.urls import reverse

from engine.live import get_library

ARTICLE = "car-t-autoimmune"


def shipped_urls():
    library = get_library()
    urls = ["/", "/articles/", "/glossary/", "/sitemap.xml", "/robots.txt"]
    for article in library.articles.values():
        urls += [article.get_absolute_url(), article.get_full_url()]
        urls += [section.get_absolute_url() for section in article.sections]
    urls += [term.get_absolute_url() for term in library.terms.values()]
    return urls


@pytest.mark.parametrize("url", shipped_urls())
def test_every_page_answers_200(client, url):
    assert client.get(url).status_code == 200


def test_shipped_sections_are_all_loaded_and_numbered_as_their_files():
    # Editors find a section by its file's number: 05-risks.md must be the section of order 5.
    article = get_library().articles[ARTICLE]
    files = sorted((settings.CONTENT_DIR / "articles" / ARTICLE).glob("[0-9][0-9]-*.md"))
    assert len(article.sections) == len(files)
    for section in article.sections:
        assert int(section.source_name.rsplit("/", 1)[1][:2]) == section.order, section.source_name


@pytest.mark.parametrize(
    "url",
    [
        "/articles/no-such-article/",
        f"/articles/{ARTICLE}/no-such-section/",
        "/articles/no-such-article/all/",
        "/glossary/no-such-term/",
        "/no-such-page/",
    ],
)
def test_unknown_slug_is_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We cannot find that page" in response.content.decode()


def test_home_lists_sections_and_says_not_medical_advice(client):
    html = client.get("/").content.decode()
    article = get_library().articles[ARTICLE]
    for section in article.sections:
        assert section.get_absolute_url() in html
    assert "not medical advice" in html.lower()
    assert article.key_points[0] in html.replace("&#x27;", "'").replace("&quot;", '"')


def test_section_page_shows_in_short_sources_and_review_date(client):
    section = get_library().articles[ARTICLE].section("what-studies-show")
    html = client.get(section.get_absolute_url()).content.decode()
    assert "In short" in html
    assert "Sources" in html
    assert section.last_reviewed.strftime("%Y-%m-%d") in html
    assert 'id="what-studies-show-source-1"' in html


def test_section_page_links_to_previous_and_next():
    article = get_library().articles[ARTICLE]
    previous, following = article.neighbours(article.sections[1])
    assert previous is article.sections[0]
    assert following is article.sections[2]
    assert article.neighbours(article.sections[0])[0] is None
    assert article.neighbours(article.sections[-1])[1] is None


def test_section_page_has_one_h1(client):
    html = client.get(reverse("articles:section", args=[ARTICLE, "risks"])).content.decode()
    assert html.count("<h1") == 1


def test_steps_diagram_has_real_text(client):
    html = client.get(reverse("articles:section", args=[ARTICLE, "what-is-car-t"])).content.decode()
    article = get_library().articles[ARTICLE]
    assert 'class="steps"' in html
    assert len(article.steps) == 5
    for step in article.steps:
        assert step["name"] in html


def test_full_article_contains_every_section(client):
    html = client.get(reverse("articles:full", args=[ARTICLE])).content.decode()
    for section in get_library().articles[ARTICLE].sections:
        assert f'id="{section.slug}"' in html


def test_sitemap_lists_every_section_with_site_url(client, settings):
    settings.SITE_URL = "https://example.org"
    xml = client.get("/sitemap.xml").content.decode()
    for section in get_library().articles[ARTICLE].sections:
        assert f"https://example.org{section.get_absolute_url()}" in xml


def test_robots_txt_points_to_sitemap(client, settings):
    settings.SITE_URL = "https://example.org"
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://example.org/sitemap.xml" in text


def test_every_heading_has_a_stable_id_and_a_link_to_itself():
    for section in get_library().articles[ARTICLE].sections:
        for heading in section.toc:
            assert f'id="{heading["id"]}"' in section.html
            assert f'href="#{heading["id"]}"' in section.html
