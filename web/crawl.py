"""Walks the site the way a visitor would: from each language's home page (/ and /es/), the
sitemap and robots.txt, every internal link is followed through the real views and middleware
(Django's test client, no server).

Used by `export_site` (to write every page) and by the page-cache warm-up before gunicorn forks.
"""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from django.conf import settings

from engine import LANGUAGES

# Every language's home page: a language whose pages no English page linked would still be found.
HOMES = ["/" + language.prefix for language in LANGUAGES.values()]
START = [*HOMES, "/sitemap.xml", "/robots.txt"]
LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


class LinkParser(HTMLParser):
    """Collects the addresses in href and src attributes."""

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.links.append(value)


def links_in(html):
    parser = LinkParser()
    parser.feed(html)
    parser.close()
    return parser.links


def internal_path(link, page_path, site_url):
    """The site path a link points to, or None for other sites, mail, fragments and static files."""
    absolute = urljoin(site_url + page_path, link)
    site, target = urlsplit(site_url), urlsplit(absolute)
    if (target.scheme, target.netloc) != (site.scheme, site.netloc):
        return None
    if target.path.startswith(settings.STATIC_URL):
        return None
    return target.path or "/"


def file_for(path):
    """Where a site path is written: a path ending in / becomes a folder with an index.html."""
    relative = path.lstrip("/")
    return relative + "index.html" if path.endswith("/") else relative


def crawl(client, secure, site_url):
    """Fetch every page reachable from START. Return the pages (path -> bytes), the headers of
    the first response, and the links that led nowhere."""
    queue, seen, pages, broken, headers = deque(START), set(START), {}, [], {}
    referrers = {}
    while queue:
        path = queue.popleft()
        response = client.get(path, secure=secure)
        if response.status_code != 200:
            source = referrers.get(path, "the start")
            broken.append(f"{path} ({response.status_code}, linked from {source})")
            continue
        pages[path] = response.content
        headers = headers or dict(response.items())
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html"):
            found = links_in(response.content.decode())
        elif path == "/sitemap.xml":
            found = [loc.text for loc in ElementTree.fromstring(response.content).iter(LOC)]
        else:
            continue
        for link in found:
            target = internal_path(link.strip(), path, site_url)
            if target is not None and target not in seen:
                seen.add(target)
                referrers[target] = path
                queue.append(target)
    return pages, headers, broken
