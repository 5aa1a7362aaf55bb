"""Odd addresses (path tricks, encoded dots, NUL, very long slugs, unicode, injected markup)
answer with the friendly 404 page: never a 500, never a file from outside the site."""

import pytest

ARTICLE = "/articles/guide"

ODD_PATHS = [
    "/../../etc/passwd",
    "/articles/../../etc/passwd",
    f"{ARTICLE}/../../../carteducation/settings.py",
    "/articles/%2e%2e/%2e%2e/etc/passwd",
    "/articles/%252e%252e/%252e%252e/etc/passwd",
    f"{ARTICLE}/..%2f..%2f..%2fetc%2fpasswd/",
    "/articles/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/articles/..\\..\\windows\\win.ini",
    "/static/../carteducation/settings.py",
    "/static/%2e%2e/carteducation/settings.py",
    "/static/..%2fcarteducation%2fsettings.py",
    "/glossary/%2e%2e/",
    "/articles/%00/",
    f"{ARTICLE}/%00/",
    f"{ARTICLE}/risks%00/",
    "/glossary/cd19%00.md/",
    "/glossary/%00%00%00/",
    "/articles/" + "a" * 5000 + "/",
    f"{ARTICLE}/" + "-".join(["risks"] * 2000) + "/",
    "/glossary/" + "x" * 20000 + "/",
    "/articles/café/",
    "/glossary/ünïcödé/",
    "/articles/%ff%fe/",
    "/articles/%e2%80%ae/",
    "/articles/🦠/",
    "/glossary/cd19%0d%0aSet-Cookie:%20x=y/",
    "/articles/<script>alert(1)</script>/",
    "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
    f"{ARTICLE}/all/extra/",
    f"{ARTICLE}/handout/qr.svg/extra/",
    "/articles/GUIDE/",
    f"{ARTICLE}/Risks/",
    "/glossary/.env/",
    "/.git/config",
    "/.env",
    "/wp-login.php",
    "/articles/guide.md/",
    "/content/articles/guide/article.md",
]


@pytest.mark.parametrize("path", ODD_PATHS)
def test_odd_address_is_a_friendly_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "We cannot find that page" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=" + "a" * 10000,
        "q=%ff%fe",
        "q=<script>alert(1)</script>",
        "q=café&q=🦠",
        "a=%00",
    ],
)
def test_odd_query_string_never_fails(client, query):
    for path in ["/", f"{ARTICLE}/risks/", "/glossary/", "/search/"]:
        assert client.get(f"{path}?{query}").status_code == 200


def test_markup_in_the_address_is_not_echoed_as_markup(client):
    html = client.get("/articles/<script>alert(1)</script>/").content.decode()
    assert "<script>alert" not in html


def test_no_source_file_can_be_fetched(client):
    for path in ["/manage.py", "/static/manage.py", "/static/carteducation/settings.py"]:
        response = client.get(path)
        assert response.status_code == 404
        assert b"SECRET_KEY" not in response.content
