"""python manage.py export_site OUTDIR: the whole site as static files, for a static host or CDN.

The pages are made by the real views and middleware (Django's test client, no server): starting
from /, the sitemap and robots.txt, every internal link is followed. A page at /a/b/ is written
to OUTDIR/a/b/index.html, other files (sitemap.xml, robots.txt, a QR code) under their own name,
and the not-found page to OUTDIR/404.html. The collected static files are copied, with their
precompressed .br and .gz twins. A _headers file carries the security headers for hosts that
read one (Netlify, Cloudflare Pages); elsewhere set them as README.md describes.

Pages that only answer with a query string (search results) cannot be exported; search still
needs the server. A link to a page that does not exist stops the export with a list of them.
"""

import shutil
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings

START = ["/", "/sitemap.xml", "/robots.txt"]
NOT_FOUND_PROBE = "/this-page-does-not-exist/"
# Headers a static host should send, in the format of a _headers file.
HEADERS_FOR_HOSTS = [
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
]
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


class Command(BaseCommand):
    help = "Write every page, the sitemap and the static files to OUTDIR, for a static host."

    def add_arguments(self, parser):
        parser.add_argument("outdir", type=Path)

    def handle(self, *args, outdir, **options):
        outdir = outdir.resolve()
        if outdir.exists() and any(outdir.iterdir()) and not (outdir / "index.html").exists():
            raise CommandError(f"{outdir} is not empty and holds no earlier export: choose another")
        call_command("collectstatic", interactive=False, verbosity=0)
        site_url = settings.SITE_URL
        site = urlsplit(site_url)
        # The pages are built as in production (no drafts, hashed static names), as if requested
        # from the real site over its own scheme.
        production = {
            "DEBUG": False,
            "ALLOWED_HOSTS": [site.hostname],
            "SECURE_SSL_REDIRECT": False,
        }
        with override_settings(**production):
            client = Client(HTTP_HOST=site.netloc)
            secure = site.scheme == "https"
            pages, headers, broken = crawl(client, secure, site_url)
            not_found = client.get(NOT_FOUND_PROBE, secure=secure)
        if broken:
            raise CommandError("These internal links lead nowhere:\n  " + "\n  ".join(broken))
        if outdir.exists():
            shutil.rmtree(outdir)
        for path, content in pages.items():
            target = outdir / file_for(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        (outdir / "404.html").write_bytes(not_found.content)
        self.copy_static(outdir)
        lines = [f"  {name}: {headers[name]}\n" for name in HEADERS_FOR_HOSTS if name in headers]
        (outdir / "_headers").write_text("/*\n" + "".join(lines))
        self.stdout.write(f"Exported {len(pages)} pages and the static files to {outdir}")

    def copy_static(self, outdir):
        # Only the files of the current manifest: STATIC_ROOT keeps every earlier hashed version.
        source = Path(staticfiles_storage.location)
        target = outdir / settings.STATIC_URL.strip("/")
        for original, hashed in staticfiles_storage.hashed_files.items():
            for name in {original, hashed}:
                for variant in (name, name + ".br", name + ".gz"):
                    if (source / variant).exists():
                        (target / variant).parent.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(source / variant, target / variant)
