"""Pages come from memory with an ETag and answer 304 when the reader already has them; static
files have hashed names, are cached for good, and go out compressed."""

import gzip

import brotli
import pytest
from django.http import HttpResponse
from django.templatetags.static import static
from django.test import RequestFactory

import articles.views
from engine.live import get_library
from web.middleware import page_cache
from web.middleware.page_cache import PageCacheMiddleware
from web.warming import warm_page_cache

SECTION = "/articles/guide/how-it-works/"


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


def test_page_is_rendered_once_then_served_from_memory(client, site_copy, render_count):
    first = client.get(SECTION)
    second = client.get(SECTION)
    assert render_count == ["articles/section.html"]
    assert first.content == second.content


def test_changed_content_is_served_at_once(client, site_copy):
    before = client.get(SECTION)
    source = next(site_copy.glob("articles/*/*how-it-works*.md"))
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


def test_pages_are_not_kept_in_development(client, site_copy, render_count, settings):
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


@pytest.mark.warmup
def test_warming_renders_every_page_ahead_of_readers(client, site_copy, render_count):
    assert warm_page_cache() > 40
    render_count.clear()
    client.get(SECTION)
    client.get("/glossary/")
    assert render_count == []


# PageCacheMiddleware on its own, with RequestFactory and a stand-in view


def cached_view(body=b"<p>the page</p>", **headers):
    calls = []

    def view(request):
        calls.append(request.get_full_path())
        return HttpResponse(body, headers=headers)

    return PageCacheMiddleware(view), calls


def test_a_page_is_asked_of_the_view_once_then_kept():
    middleware, calls = cached_view()
    first = middleware(RequestFactory().get(SECTION))
    second = middleware(RequestFactory().get(SECTION))
    assert calls == [SECTION]
    assert first.content == second.content == b"<p>the page</p>"
    assert first["ETag"] == second["ETag"]


def test_a_query_the_page_does_not_read_is_not_passed_to_the_view():
    middleware, calls = cached_view()
    middleware(RequestFactory().get(SECTION, {"utm_source": "x"}))
    middleware(RequestFactory().get(SECTION, {"utm_source": "y"}))
    assert calls == [SECTION]


@pytest.mark.parametrize(
    "headers",
    [{"Cache-Control": "private"}, {"Cache-Control": "no-store"}, {"Vary": "Cookie"}],
    ids=["private", "no-store", "varies"],
)
def test_a_response_that_may_not_be_shared_is_never_kept(headers):
    middleware, calls = cached_view(**headers)
    middleware(RequestFactory().get(SECTION))
    middleware(RequestFactory().get(SECTION))
    assert calls == [SECTION, SECTION]


def test_an_address_with_no_page_is_never_kept():
    middleware, calls = cached_view()
    middleware(RequestFactory().get("/no-such-page/"))
    middleware(RequestFactory().get("/no-such-page/"))
    assert len(calls) == 2


def test_a_big_page_is_kept_compressed_for_a_reader_who_accepts_it():
    middleware, _ = cached_view(b"<p>" + b"words " * 500 + b"</p>")
    middleware(RequestFactory().get(SECTION))
    response = middleware(RequestFactory().get(SECTION, headers={"Accept-Encoding": "gzip"}))
    assert response["Content-Encoding"] == "gzip"
    assert response["Vary"] == "Accept-Encoding"
    assert gzip.decompress(response.content).startswith(b"<p>words")


def test_nothing_is_kept_in_development(settings):
    settings.DEBUG = True
    middleware, calls = cached_view()
    middleware(RequestFactory().get(SECTION))
    middleware(RequestFactory().get(SECTION))
    assert calls == [SECTION, SECTION]


def test_pages_beyond_the_memory_budget_go_least_recently_read_first(monkeypatch):
    # Room for three: each page is 1 KiB (what a page takes besides its body) and 19 bytes.
    monkeypatch.setattr(page_cache, "_pages", page_cache.PageStore(budget=3 * 1043))
    calls = []

    def view(request):
        calls.append(request.path)
        return HttpResponse(b"<p>a small page</p>")

    middleware = PageCacheMiddleware(view)
    a, b, c, d = "/", "/articles/", "/glossary/", "/questions/"
    for path in [a, b, c, a, d, a, b]:
        middleware(RequestFactory().get(path))
    # d pushed out b, the page read least recently (a was just read again).
    assert calls == [a, b, c, d, b]
    assert len(page_cache._pages) == 3
