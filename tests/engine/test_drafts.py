"""draft: true shows a page in development only: never in production pages, lists or sitemap."""

import pytest

from engine.checks import check_content
from engine.live import get_library
from tests.conftest import article_text, section_text, term_text

THIRD = "articles/demo/03-third.md"
THIRD_URL = "/articles/demo/third/"


@pytest.fixture
def draft_section(content_dir):
    content_dir.write(THIRD, section_text("third", 3, title="Draft third", draft="true"))
    return content_dir


@pytest.fixture
def draft_article(content_dir):
    content_dir.write(
        "articles/draft/article.md", article_text(title="Draft article", draft="true")
    )
    content_dir.write("articles/draft/01-only.md", section_text("only", 1))
    return content_dir


@pytest.fixture
def draft_term(content_dir):
    content_dir.write("glossary/doohickey.md", term_text("doohickey", draft="true"))
    return content_dir


def test_draft_section_is_404_in_production(client, draft_section):
    assert client.get(THIRD_URL).status_code == 404


def test_draft_section_shows_in_development(client, settings, draft_section):
    settings.DEBUG = True
    response = client.get(THIRD_URL)
    assert response.status_code == 200
    assert "Draft third" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/", "/articles/demo/", "/articles/demo/all/", "/articles/demo/second/"]
)
def test_draft_section_is_in_no_production_list(client, draft_section, url):
    page = client.get(url).content.decode()
    assert THIRD_URL not in page
    assert "Draft third" not in page


@pytest.mark.parametrize("url", ["/articles/demo/", "/articles/demo/second/"])
def test_draft_section_is_listed_in_development(client, settings, draft_section, url):
    settings.DEBUG = True
    assert THIRD_URL in client.get(url).content.decode()


def test_draft_section_is_not_in_the_production_sitemap(client, draft_section):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/articles/demo/second/" in sitemap
    assert THIRD_URL not in sitemap


def test_draft_article_is_404_in_production(client, draft_article):
    assert client.get("/articles/draft/").status_code == 404
    assert client.get("/articles/draft/only/").status_code == 404


@pytest.mark.parametrize("url", ["/", "/articles/", "/sitemap.xml"])
def test_draft_article_is_in_no_production_list(client, draft_article, url):
    assert "/articles/draft/" not in client.get(url).content.decode()


def test_draft_article_shows_in_development(client, settings, draft_article):
    settings.DEBUG = True
    assert client.get("/articles/draft/only/").status_code == 200
    assert "/articles/draft/" in client.get("/articles/").content.decode()


def test_hidden_draft_article_is_not_a_problem(draft_article):
    assert get_library().problems == []


def test_draft_term_is_404_in_production(client, draft_term):
    assert client.get("/glossary/doohickey/").status_code == 404


@pytest.mark.parametrize("url", ["/glossary/", "/sitemap.xml"])
def test_draft_term_is_in_no_production_list(client, draft_term, url):
    assert "/glossary/doohickey/" not in client.get(url).content.decode()


def test_draft_term_shows_in_development(client, settings, draft_term):
    settings.DEBUG = True
    assert client.get("/glossary/doohickey/").status_code == 200


def test_drafts_are_checked_whatever_debug_says(settings, draft_section):
    settings.DEBUG = False
    draft_section.write(THIRD, section_text("third", 3, "[x](../first/)\n", draft="true"))
    assert [f.path for f in check_content(draft_section.root)] == [THIRD]
