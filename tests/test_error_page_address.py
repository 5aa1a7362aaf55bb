"""An error page names the site, never the address that was asked for: its canonical link,
og:url and printed "Printed from" line are the home page of its language, whatever a stranger
put in the path. The glossary filter, like search, is kept by no shared cache and listed by no
search engine (the A-Z without a filter is an ordinary page)."""

import re

import pytest

SITE = "https://carteducation.example"

STRANGE_PATHS = [
    "/articles/stop-taking-your-medicines/",
    "/articles/<script>alert(1)</script>/",
    "/glossary/%22%3E%3Cscript%3E/",
    "/wp-login.php",
    "/" + "a" * 3000,
    "/articles/car-t-autoimmune/not-a-section/",
]


def addresses(html):
    """Every address the page gives for itself: canonical, og:url (when it has Open Graph tags)
    and the printed one."""
    found = [
        re.findall(r'<link rel="canonical" href="([^"]*)"', html),
        re.findall(r'<meta property="og:url" content="([^"]*)"', html),
        re.findall(r'class="print-source">[^<]*: ([^<]*)</p>', html),
    ]
    return [address for addresses in found for address in addresses]


@pytest.mark.parametrize("path", STRANGE_PATHS)
def test_the_not_found_page_names_the_home_page_not_the_address_asked_for(client, settings, path):
    settings.SITE_URL = SITE
    response = client.get(path)
    assert response.status_code == 404
    assert addresses(response.content.decode()) == [f"{SITE}/"] * 3


def test_the_spanish_not_found_page_names_the_spanish_home_page(client, settings):
    settings.SITE_URL = SITE
    response = client.get("/es/articulos/no-existe/")
    assert response.status_code == 404
    assert addresses(response.content.decode()) == [f"{SITE}/es/"] * 3


def test_the_method_not_allowed_page_names_the_home_page(client, settings):
    settings.SITE_URL = SITE
    response = client.post("/articles/made-up-by-someone/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert addresses(response.content.decode()) == [f"{SITE}/"] * 2  # no Open Graph tags


def test_an_ordinary_page_still_names_itself(client, settings):
    settings.SITE_URL = SITE
    html = client.get("/glossary/").content.decode()
    assert addresses(html) == [f"{SITE}/glossary/"] * 3


@pytest.mark.parametrize("path", ["/glossary/?q=lupus", "/es/glosario/?q=lupus"])
def test_the_glossary_filter_is_kept_by_no_cache_and_listed_by_no_search_engine(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_the_glossary_a_to_z_without_a_filter_is_an_ordinary_page(client):
    response = client.get("/glossary/")
    assert "no-store" not in response.get("Cache-Control", "")
    assert "noindex" not in response.content.decode()
