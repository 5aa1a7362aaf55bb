"""Pages come from memory with an ETag and answer 304 when the reader already has them; static
files have hashed names, are cached for good, and go out compressed."""

import gzip

import brotli
import pytest
from django.templatetags.static import static

import articles.views
from engine.live import get_library
from web.warming import warm_page_cache

SECTION = "/articles/car-t-autoimmune/what-studies-show/"


@pytest.fixture
def render_count(monkeypatch):
    calls = []
    render = articles.views.render

    def counting_render(request, template, *args, **kwargs):
        calls.append(template)
        return render(request, template, *args, **kwargs)

    monkeypatch.setattr(articles.views, "render", counting_render)
    return calls


def test_page_has_an_etag(client):
    assert client.get(SECTION)["ETag"].startswith('"')


def test_matching_etag_answers_304_without_a_body(client):
    etag = client.get(SECTION)["ETag"]
    response = client.get(SECTION, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_304_still_carries_the_security_headers(client):
    etag = client.get(SECTION)["ETag"]
    response = client.get(SECTION, headers={"If-None-Match": etag})
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_other_etag_gets_the_whole_page(client):
    response = client.get(SECTION, headers={"If-None-Match": '"something-else"'})
    assert response.status_code == 200
    assert b"<h1" in response.content


def test_page_is_rendered_once_then_served_from_memory(client, content_copy, render_count):
    first = client.get(SECTION)
    second = client.get(SECTION)
    assert render_count == ["articles/section.html"]
    assert first.content == second.content


def test_changed_content_is_served_at_once(client, content_copy):
    before = client.get(SECTION)
    source = next(content_copy.glob("articles/*/*what-studies-show*.md"))
    added = "\n\nA sentence added by an editor.\n\n"
    source.write_text(source.read_text().replace("\n\n", added, 1))
    after = client.get(SECTION)
    assert b"A sentence added by an editor." in after.content
    assert after["ETag"] != before["ETag"]
    assert client.get(SECTION, headers={"If-None-Match": before["ETag"]}).status_code == 200


def test_brotli_page_is_the_same_page(client):
    plain = client.get(SECTION)
    compressed = client.get(SECTION, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert compressed["Content-Encoding"] == "br"
    assert compressed["Vary"] == "Accept-Encoding"
    assert brotli.decompress(compressed.content) == plain.content
    assert compressed["ETag"] != plain["ETag"]


def test_gzip_page_answers_304_to_its_own_etag(client):
    response = client.get(SECTION, headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(response.content) == client.get(SECTION).content
    headers = {"Accept-Encoding": "gzip", "If-None-Match": response["ETag"]}
    again = client.get(SECTION, headers=headers)
    assert again.status_code == 304


def test_refused_coding_is_not_sent(client):
    response = client.get(SECTION, headers={"Accept-Encoding": "br;q=0, gzip;q=0"})
    assert "Content-Encoding" not in response


def test_pages_are_not_kept_in_development(client, content_copy, render_count, settings):
    settings.DEBUG = True
    client.get(SECTION)
    client.get(SECTION)
    assert len(render_count) == 2


def test_static_files_have_hashed_names():
    assert static("css/site.css") != "/static/css/site.css"
    assert static("js/site.js").startswith("/static/js/site.")


@pytest.mark.parametrize("path", ["css/site.css", "js/site.js", "img/favicon.svg"])
def test_hashed_static_file_is_cached_for_good(client, path):
    cache_control = client.get(static(path))["Cache-Control"]
    assert "immutable" in cache_control
    assert "max-age=315360000" in cache_control


@pytest.mark.parametrize(("accept", "coding"), [("gzip, deflate, br", "br"), ("gzip", "gzip")])
def test_static_file_goes_out_compressed(client, accept, coding):
    response = client.get(static("css/site.css"), headers={"Accept-Encoding": accept})
    assert response["Content-Encoding"] == coding


def test_static_file_answers_304_to_its_etag(client):
    etag = client.get(static("js/site.js"))["ETag"]
    assert client.get(static("js/site.js"), headers={"If-None-Match": etag}).status_code == 304


def test_library_is_loaded_once_for_all_requests(client):
    library = get_library()
    client.get(SECTION)
    assert get_library() is library


def test_warming_renders_every_page_ahead_of_readers(client, content_copy, render_count):
    assert warm_page_cache() > 100
    render_count.clear()
    client.get(SECTION)
    client.get("/glossary/")
    assert render_count == []
