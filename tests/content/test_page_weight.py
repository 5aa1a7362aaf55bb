"""A section page, with everything it loads, is light enough for a slow phone: under 50 KB
transferred, compressed as the server sends it. No web fonts anywhere."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.conf import settings

from engine.live import get_library

BUDGET = 50 * 1024
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
FONT_FILES = {".woff", ".woff2", ".ttf", ".otf", ".eot"}


class Subresources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in {"stylesheet", "icon", "preload", "modulepreload"}:
            self.urls.append(attrs["href"])
        elif tag in {"script", "img", "source", "video", "audio"} and attrs.get("src"):
            self.urls.append(attrs["src"])


def sections():
    return [s.get_absolute_url() for a in get_library().articles.values() for s in a.sections]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def transferred(client, url):
    """Bytes on the wire for url and everything it loads, and the list of what it loaded."""
    response = client.get(url, headers=BROWSER)
    assert response.status_code == 200, url
    total, loaded = len(body(response)), []
    parser = Subresources()
    parser.feed(client.get(url).content.decode())
    queue = [urljoin(url, src) for src in parser.urls]
    while queue:
        asset = queue.pop()
        loaded.append(asset)
        response = client.get(asset, headers=BROWSER)
        assert response.status_code == 200, asset
        total += len(body(response))
        if asset.split("?")[0].endswith(".css"):
            css = body(client.get(asset)).decode()
            refs = [ref for ref in CSS_URL.findall(css) if not ref.startswith("#")]
            queue += [urljoin(asset, ref) for ref in refs]
    return total, loaded


@pytest.mark.parametrize("url", sections())
def test_section_page_with_its_css_and_js_is_under_50_kb(client, url):
    total, loaded = transferred(client, url)
    assert any(asset.endswith(".css") for asset in loaded)
    assert any(asset.endswith(".js") for asset in loaded)
    assert total < BUDGET, f"{url}: {total} bytes with {loaded}"


def test_pages_go_out_compressed(client):
    url = sections()[0]
    assert client.get(url, headers=BROWSER)["Content-Encoding"] == "br"


def test_no_stylesheet_declares_a_web_font():
    for css in Path(settings.BASE_DIR, "static").rglob("*.css"):
        assert "@font-face" not in css.read_text(), css


def test_no_font_files_are_shipped():
    shipped = Path(settings.BASE_DIR, "static").rglob("*")
    fonts = [path for path in shipped if path.suffix.lower() in FONT_FILES]
    assert fonts == []
