"""Requests an attacker or a broken client sends: a foreign Host, odd methods, cache-busting
query strings, a view that fails. Each gets the site's own page with every security header, and
costs no more than an ordinary request."""

import logging

import pytest
from django.template.loader import get_template
from django.templatetags.static import static

import articles.views
import glossary.views
from web.middleware.security import SECURITY_HEADERS, security_header_values
from web.warming import warm_page_cache

FULL = "/articles/car-t-autoimmune/all/"
SECTION = "/articles/car-t-autoimmune/what-studies-show/"
STATIC = "img/favicon.svg"
HEADERS_OVER_HTTP = [name for name in SECURITY_HEADERS if name != "Strict-Transport-Security"]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    return settings


def counting(monkeypatch, module):
    calls = []
    render = module.render

    def counting_render(request, template, *args, **kwargs):
        calls.append(template)
        return render(request, template, *args, **kwargs)

    monkeypatch.setattr(module, "render", counting_render)
    return calls


def assert_security_headers(response):
    for name in HEADERS_OVER_HTTP:
        assert response.has_header(name), f"{response.status_code} lacks {name}"
    assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", [SECTION, "/", "/glossary/", "/no-such-page/"])
def test_foreign_host_gets_400_even_for_a_cached_page(client, path):
    warm_page_cache()
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert b"We could not read that request" in response.content
    assert_security_headers(response)


def test_foreign_host_gets_400_for_a_static_file(client):
    response = client.get(static(STATIC), headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert_security_headers(response)


def test_allowed_host_still_gets_the_page(client, settings):
    settings.ALLOWED_HOSTS = ["carteducation.example"]
    assert client.get(SECTION, headers={"Host": "carteducation.example"}).status_code == 200


@pytest.mark.parametrize("path", [SECTION, "/search/", static(STATIC)])
@pytest.mark.parametrize("method", ["get", "head"])
def test_get_and_head_are_answered(client, path, method):
    assert getattr(client, method)(path).status_code == 200


@pytest.mark.parametrize("path", [SECTION, "/", "/search/", "/no-such-page/", static(STATIC)])
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "FOO"])
def test_other_methods_get_405_with_allow(client, path, method):
    response = client.generic(method, path, data="x=1")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert b"You cannot do that here" in response.content
    assert_security_headers(response)


@pytest.mark.parametrize("path", [SECTION, static(STATIC)])
def test_options_answers_allow_without_a_body(client, path):
    response = client.options(path)
    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.content == b""
    assert_security_headers(response)


def test_random_query_strings_are_served_from_the_cache(
    client, production, content_copy, monkeypatch
):
    renders = counting(monkeypatch, articles.views)
    plain = client.get(FULL)
    queries = ["utm_source=news&utm_medium=email", "x=1", "x=2", "fbclid=abc", "q=<b>", "a" * 500]
    for query in queries:
        response = client.get(f"{FULL}?{query}")
        assert response.content == plain.content
        assert response["ETag"] == plain["ETag"]
    assert renders == ["articles/full.html"]


def test_page_first_asked_for_with_a_query_is_kept_as_its_own_page(
    client, production, content_copy, monkeypatch
):
    renders = counting(monkeypatch, articles.views)
    first = client.get(f"{SECTION}?utm_source=news&q=%22%3E%3Cscript%3E")
    html = first.content.decode()
    assert "utm_source" not in html
    assert "script%3E" not in html and "<script>alert" not in html
    assert f'rel="canonical" href="http://127.0.0.1:8000{SECTION}"' in html
    assert client.get(SECTION).content == first.content
    assert renders == ["articles/section.html"]


def test_glossary_filter_renders_per_query(client, production, content_copy, monkeypatch):
    renders = counting(monkeypatch, glossary.views)
    everything = client.get("/glossary/")
    filtered = client.get("/glossary/?q=lupus")
    assert filtered.content != everything.content
    assert client.get("/glossary/").content == everything.content
    assert renders == ["glossary/index.html", "glossary/index.html"]


def test_search_renders_per_query_and_is_never_kept(client, production, content_copy, monkeypatch):
    renders = counting(monkeypatch, articles.views)
    lupus = client.get("/search/?q=lupus").content
    kidney = client.get("/search/?q=kidney").content
    assert lupus != kidney
    assert client.get("/search/?q=kidney").content == kidney
    assert renders == ["articles/search.html"] * 3


@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html", "405.html", "500.html"])
def test_error_page_renders_on_its_own(template):
    # Django renders 500.html with no request and no context processors.
    html = get_template(template).render()
    assert "<h1>" in html


@pytest.fixture
def failing_view(client, settings):
    settings.ROOT_URLCONF = "tests.urls_failing"
    settings.DEBUG = False
    client.raise_request_exception = False
    return "/test-only/fail/"


def test_failing_view_gets_the_sites_500_page_with_headers(client, failing_view):
    response = client.get(failing_view)
    assert response.status_code == 500
    assert b"Sorry, something went wrong on our side" in response.content
    assert_security_headers(response)


def test_failing_view_is_logged_once_with_its_traceback(client, failing_view, caplog):
    with caplog.at_level(logging.ERROR):
        client.get(failing_view)
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert errors[0].name == "django.request"
    assert "a view failed on purpose" in caplog.text
    assert len(caplog.text.splitlines()) < 60


def test_front_server_gets_the_headers_the_site_sends(client):
    response = client.get(SECTION)
    assert security_header_values(secure=False) == {
        name: response[name] for name in HEADERS_OVER_HTTP
    }


def test_front_server_gets_hsts_over_https(settings):
    settings.SECURE_HSTS_SECONDS = 63072000
    values = security_header_values(secure=True)
    assert values["Strict-Transport-Security"].startswith("max-age=63072000")
