"""About, Privacy and Accessibility: each reachable from every page, each saying only what is
true of the code and the settings (a blank setting is said plainly, never filled in)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from engine.readability import reading_grade
from tests.conftest import article_text, section_text
from web.crawl import crawl

PAGES = ["/about/", "/privacy/", "/accessibility/"]
REVIEWER = "{'name': 'Dr Ann Lee', 'role': 'Rheumatologist'}"


def visible_text(response):
    main = response.content.decode().split('<main id="main-content" tabindex="-1">')[1]
    main = main.split("</main>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.mark.parametrize("url", PAGES)
def test_page_answers_with_one_h1(client, content_dir, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize("url", ["/", "/articles/demo/first/", "/glossary/widget/", *PAGES])
def test_footer_links_to_about_privacy_and_accessibility(client, content_dir, url):
    footer = client.get(url).content.decode().split('<footer class="site-footer">')[1]
    for name in ("pages:about", "pages:privacy", "pages:accessibility"):
        assert f'href="{reverse(name)}"' in footer


def test_sitemap_lists_the_pages(client, content_dir):
    sitemap = client.get("/sitemap.xml").content.decode()
    for url in PAGES:
        assert f"<loc>{settings.SITE_URL}{url}</loc>" in sitemap


def test_blank_publisher_is_said_plainly(client, content_dir, settings):
    settings.SITE_PUBLISHER = ""
    text = visible_text(client.get("/about/"))
    assert "This site does not name the group that publishes it yet." in text
    assert "published by" not in text


def test_publisher_is_named_when_set(client, content_dir, settings):
    settings.SITE_PUBLISHER = "Lupus Friends <Charity>"
    response = client.get("/about/")
    assert "This site is published by Lupus Friends &lt;Charity&gt;." in response.content.decode()
    assert "does not name the group" not in visible_text(response)


def test_blank_funding_is_said_plainly(client, content_dir, settings):
    settings.SITE_FUNDING = ""
    text = visible_text(client.get("/about/"))
    assert "This site does not say yet who pays for it" in text


def test_funding_is_shown_when_set(client, content_dir, settings):
    settings.SITE_FUNDING = "Paid for by a grant from the Demo Trust. No drug company pays us."
    text = visible_text(client.get("/about/"))
    assert "Paid for by a grant from the Demo Trust. No drug company pays us." in text
    assert "does not say yet who pays" not in text


def test_without_contact_email_no_page_offers_one(client, content_dir, settings):
    settings.CONTACT_EMAIL = ""
    pages, _, broken = crawl(client, False, settings.SITE_URL)
    assert not broken
    assert "/about/" in pages
    for path, body in pages.items():
        # The share links' "mailto:?subject=" names no address: the reader picks one.
        assert not re.search(rb"mailto:[^?]", body), path
        assert b"Tell us about a" not in body, path


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/about/", "Tell us about a mistake"),
        ("/privacy/", "Questions about privacy"),
        ("/accessibility/", "Tell us about a problem"),
    ],
)
def test_contact_email_is_offered_when_set(client, content_dir, settings, url, heading):
    settings.CONTACT_EMAIL = "editors@example.org"
    html = client.get(url).content.decode()
    assert heading in html
    assert '<a href="mailto:editors@example.org">editors@example.org</a>' in html


def test_about_says_no_page_names_reviewers_when_none_does(client, content_dir):
    text = visible_text(client.get("/about/"))
    assert "No page names the people who reviewed it yet." in text


def test_about_lists_the_pages_that_name_their_reviewers(client, content_dir):
    content_dir.write(
        "articles/demo/02-second.md", section_text("second", 2, reviewed_by=[REVIEWER])
    )
    text = visible_text(client.get("/about/"))
    assert "Section second : Dr Ann Lee (Rheumatologist)" in text
    assert "Section first" not in text
    assert "No page names" not in text


def test_about_lists_an_article_reviewer_under_the_article(client, content_dir):
    content_dir.write("articles/demo/article.md", article_text(reviewed_by=[REVIEWER]))
    html = client.get("/about/").content.decode()
    assert '<a href="/articles/demo/">Demo article</a>: Dr Ann Lee (Rheumatologist)' in html


@pytest.mark.parametrize("url", PAGES)
def test_page_text_is_plain(client, content_dir, settings, url):
    settings.CONTACT_EMAIL = "editors@example.org"
    assert reading_grade(visible_text(client.get(url))) <= 6


def test_no_page_has_a_form_that_posts(client, content_dir, settings):
    # The privacy statement says the site never asks for anything about the reader.
    pages, _, _ = crawl(client, False, settings.SITE_URL)
    for path, body in pages.items():
        forms = re.findall(rb"<form[^>]*>", body)
        assert all(b'method="get"' in form for form in forms), path
