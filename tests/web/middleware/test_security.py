"""Every response carries the headers that keep a reader safe: a strict Content-Security-Policy,
HSTS over https, nosniff, a private Referrer-Policy, COOP, CORP and a Permissions-Policy.
Static files served by WhiteNoise get them too. No page sets a cookie."""

import pytest
from django.http import HttpResponse
from django.templatetags.static import static
from django.test import RequestFactory

from web.middleware.security import (
    SECURITY_HEADERS,
    ContentSecurityPolicyMiddleware,
    security_header_values,
    security_headers,
)

SECTION = "/articles/guide/how-it-works/"


def csp_of(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def production(settings):
    settings.SECURE_HSTS_SECONDS = 63072000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = True
    return settings


def test_policy_starts_from_nothing_allowed(client):
    assert csp_of(client.get("/"))["default-src"] == ["'none'"]


def test_policy_allows_only_this_site_for_what_pages_load(client):
    csp = csp_of(client.get(SECTION))
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]


def test_policy_forbids_framing_and_base_element(client):
    csp = csp_of(client.get(SECTION))
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]


def test_policy_has_nothing_unsafe(client):
    header = client.get(SECTION)["Content-Security-Policy"]
    for unsafe in ("unsafe-inline", "unsafe-eval", "unsafe-hashes", "data:", "http:", "https:"):
        assert unsafe not in header
    assert "*" not in header


def test_policy_loads_no_fonts_and_connects_only_to_this_site(client):
    csp = csp_of(client.get(SECTION))
    assert "font-src" not in csp
    assert csp["connect-src"] == ["'self'"]


def test_hsts_over_https_for_two_years_with_preload(client, production):
    response = client.get(SECTION, secure=True)
    assert response["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"


def test_plain_http_is_redirected_to_https(client, production):
    response = client.get(SECTION)
    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{SECTION}"


def test_content_type_is_never_sniffed(client):
    assert client.get(SECTION)["X-Content-Type-Options"] == "nosniff"


def test_referrer_is_never_sent_to_other_sites(client):
    assert client.get(SECTION)["Referrer-Policy"] == "no-referrer"


def test_cross_origin_isolation_headers(client):
    response = client.get(SECTION)
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_old_browsers_are_told_not_to_frame_the_site(client):
    assert client.get(SECTION)["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "feature",
    ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort", "browsing-topics"],
)
def test_powerful_feature_is_turned_off(client, feature):
    policy = [item.strip() for item in client.get(SECTION)["Permissions-Policy"].split(",")]
    assert f"{feature}=()" in policy


def test_copying_a_link_stays_allowed(client):
    # site.js copies heading links to the clipboard.
    assert "clipboard-write" not in client.get(SECTION)["Permissions-Policy"]


def test_no_page_sets_a_cookie(client):
    for url in ["/", SECTION, "/glossary/", "/no-such-page/"]:
        assert not client.get(url).cookies


def test_not_found_page_has_the_headers_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert csp_of(response)["default-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["js/site.js", "css/site.css", "img/favicon.svg"])
def test_static_file_carries_the_headers(client, production, path):
    response = client.get(static(path), secure=True)
    assert response.status_code == 200
    assert csp_of(response)["default-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=63072000")
    assert "Permissions-Policy" in response


def test_static_files_are_not_offered_to_other_origins(client):
    assert "Access-Control-Allow-Origin" not in client.get(static("js/site.js"))


# The middleware on its own, with RequestFactory and a stand-in view


def answered_by(status, secure=False):
    def view(request):
        return HttpResponse("x", status=status)

    request = RequestFactory().get("/", secure=secure)
    return security_headers(ContentSecurityPolicyMiddleware(view))(request)


@pytest.mark.parametrize("status", [200, 301, 404, 500, 503])
def test_every_response_of_a_view_leaves_with_the_security_headers(status):
    response = answered_by(status)
    assert response["Permissions-Policy"].startswith("accelerometer=()")
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_a_header_the_view_set_itself_is_kept():
    def view(request):
        return HttpResponse(headers={"Cross-Origin-Resource-Policy": "cross-origin"})

    response = security_headers(view)(RequestFactory().get("/"))
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"


@pytest.mark.parametrize("status", [200, 304, 404, 500])
def test_behind_nginx_gunicorn_leaves_the_headers_to_nginx(settings, status):
    # nginx adds them to every answer (deploy/nginx-site.conf); copies from gunicorn would only be
    # stored with each page in the microcache and parsed again on every hit.
    settings.SECURITY_HEADERS_FROM_FRONT = True
    response = answered_by(status)
    for name in SECURITY_HEADERS:
        assert name not in response


def test_behind_nginx_the_config_still_carries_every_header(settings):
    settings.SECURE_HSTS_SECONDS = 3600
    expected = security_header_values(secure=True)
    settings.SECURITY_HEADERS_FROM_FRONT = True
    assert security_header_values(secure=True) == expected
    assert set(expected) == set(SECURITY_HEADERS)
