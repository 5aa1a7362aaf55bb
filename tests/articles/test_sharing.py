"""Sharing: heading "Copy link" anchors, canonical address, Open Graph and Twitter tags, email."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from engine.live import get_library
from engine.rendering import render_markdown

ARTICLE = "guide"
SECTION = f"/articles/{ARTICLE}/risks/"


def meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return found and found.group(1)


def mailto(html):
    found = re.search(r'<a href="(mailto:[^"]*)">Email a link to this page</a>', html)
    return urlsplit(found.group(1).replace("&amp;", "&"))


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://example.org"
    return settings.SITE_URL


def test_heading_link_reads_copy_link_to_this_part():
    html = render_markdown("## Short-term risks\n\nText.").html
    assert (
        '<a class="heading-link" href="#short-term-risks">Copy link'
        '<span class="visually-hidden"> to this part: Short-term risks</span></a>'
    ) in html


def test_heading_link_is_a_plain_anchor_without_javascript(client):
    html = client.get(SECTION).content.decode()
    assert '<a class="heading-link" href="#short-term-risks">' in html


def test_canonical_url_uses_site_url_not_the_request_host(client, settings, site_url):
    settings.ALLOWED_HOSTS = ["other.test"]
    html = client.get(SECTION, HTTP_HOST="other.test").content.decode()
    assert f'<link rel="canonical" href="{site_url}{SECTION}">' in html
    assert "other.test" not in html


def test_canonical_url_leaves_out_the_query_string(client, site_url):
    html = client.get("/search/", {"q": "fever"}).content.decode()
    assert f'<link rel="canonical" href="{site_url}/search/">' in html


def test_section_has_open_graph_tags(client, site_url):
    section = get_library().articles[ARTICLE].section("risks")
    html = client.get(SECTION).content.decode()
    assert meta(html, "property", "og:title") == section.title
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:url") == f"{site_url}{SECTION}"
    assert meta(html, "property", "og:description") == section.in_short


def test_section_has_a_twitter_card_with_a_large_image(client):
    section = get_library().articles[ARTICLE].section("risks")
    html = client.get(SECTION).content.decode()
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "name", "twitter:title") == section.title


@pytest.mark.parametrize("url", ["/", SECTION, f"/articles/{ARTICLE}/", "/glossary/", "/about/"])
def test_card_image_is_this_site_s_share_picture_addressed_from_site_url(client, site_url, url):
    html = client.get(url).content.decode()
    image = meta(html, "property", "og:image")
    assert re.fullmatch(rf"{re.escape(site_url)}/static/img/share(\.[0-9a-f]+)?\.png", image)
    assert meta(html, "name", "twitter:image") == image
    assert meta(html, "property", "og:image:alt").startswith("CAR-T for autoimmune disease: ")
    assert meta(html, "name", "twitter:image:alt") == meta(html, "property", "og:image:alt")
    assert (
        meta(html, "property", "og:image:width"),
        meta(html, "property", "og:image:height"),
    ) == (
        "1200",
        "630",
    )


def test_share_picture_is_a_1200_by_630_png(client):
    html = client.get("/").content.decode()
    path = urlsplit(meta(html, "property", "og:image")).path
    response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response["Content-Type"] == "image/png"
    # A PNG's width and height are the first two numbers of its IHDR chunk.
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(body[16:20]), int.from_bytes(body[20:24])) == (1200, 630)


def test_home_has_the_site_wide_open_graph_tags(client):
    html = client.get("/").content.decode()
    assert meta(html, "property", "og:site_name") == "CAR-T for autoimmune disease"
    assert meta(html, "property", "og:type") == "website"
    assert meta(html, "property", "og:description")


def test_meta_description_is_the_section_summary(client):
    section = get_library().articles[ARTICLE].section("risks")
    assert meta(client.get(SECTION).content.decode(), "name", "description") == section.in_short


def test_email_link_carries_the_title_and_canonical_address(client, site_url):
    link = mailto(client.get(SECTION).content.decode())
    fields = parse_qs(link.query)
    assert link.path == ""
    assert fields["subject"] == ["Risks"]
    assert fields["body"][0].endswith(f"\n{site_url}{SECTION}")


def test_email_link_encodes_what_would_break_it(client, settings, tmp_path):
    article = tmp_path / "articles" / "demo"
    article.mkdir(parents=True)
    (article / "article.md").write_text(
        '---\ntitle: "Fish & chips? Yes #1 <b>\\"quoted\\"</b>"\nsummary: A summary.\n'
        "key_points: [One]\npublished: 2025-01-01\nlast_reviewed: 2026-01-01\n"
        "next_review: 2027-01-01\n---\nIntro.\n",
        encoding="utf-8",
    )
    settings.CONTENT_DIR = tmp_path
    html = client.get("/articles/demo/").content.decode()
    link = mailto(html)
    assert parse_qs(link.query)["subject"] == ['Fish & chips? Yes #1 <b>"quoted"</b>']
    assert (
        meta(html, "property", "og:title")
        == "Fish &amp; chips? Yes #1 &lt;b&gt;&quot;quoted&quot;&lt;/b&gt;"
    )


def test_article_page_has_an_email_link(client):
    assert "mailto:?subject=" in client.get(f"/articles/{ARTICLE}/").content.decode()


def test_copy_page_link_button_starts_hidden_for_readers_without_javascript(client):
    html = client.get(SECTION).content.decode()
    assert '<li class="js-only" hidden><button type="button" class="copy-page-link"' in html
