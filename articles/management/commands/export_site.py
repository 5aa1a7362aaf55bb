"""python manage.py export_site OUTDIR: the whole site as static files, for a static host or CDN.

The pages are made by the real views and middleware (Django's test client, no server): starting
from / and /es/, the sitemap and robots.txt, every internal link is followed. A page at /a/b/ is
written to OUTDIR/a/b/index.html, other files (sitemap.xml, robots.txt, a QR code) under their own
name, and the not-found page to OUTDIR/404.html, with the Spanish one in OUTDIR/es/404.html (for
hosts that answer a missing page with the nearest folder's 404.html). The collected static files
are copied, with their precompressed .br and .gz twins. A _headers file carries the security
headers for hosts that read one (Netlify, Cloudflare Pages); elsewhere set them as
docs/deploying.md describes. For an https site they include Strict-Transport-Security with the
production value, whatever DJANGO_DEBUG says.

The site's public address must be given (SITE_URL in the environment, or --site-url): every
canonical link, share link, sitemap entry and QR code is written with it, and the development
default (http://127.0.0.1:8000) would send every reader of the export to a machine they cannot
reach.

Search works in the export without a server, and answers as the server does: each language's
search index is written as data (engine/search/portable.py) to OUTDIR/search-index/<language>-
<hash>.json, and each language's search page is written from articles/search_export.html instead
of the server's results page: static/js/search-engine.js runs the server's ranking, synonyms,
questions and "did you mean" on that data in the browser, and static/js/search-export.js shows
the results as the server's page does. The file's name changes with its content, so a host may
keep it as long as it likes. Without JavaScript the page says that search needs it here, and links
to the article list and the glossary A-Z. A link to a page that does not exist stops the export
with a list of them.
"""

import hashlib
import json
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.urls import resolve, reverse
from django.utils import translation

from articles.export_folder import ExportFolder, check_target
from engine import LANGUAGES, get_index, get_library, language_of_path, url_name
from engine.search.portable import index_data
from infobutton.export import FOLDER as INFOBUTTON_FOLDER
from infobutton.export import static_answers
from pages.search import page_documents
from web.crawl import HOMES, crawl, file_for


def static_files_collected():
    """Whether STATIC_ROOT holds every static file as it is now: its manifest is newer than each
    source file (`make static`, which `make export` runs first, has run since the last change).
    Only then is collectstatic left out: it rewrites every stylesheet and script it hashes
    (deletes, then writes again), and a server or a test reading the same folder at that moment
    finds a file missing."""
    manifest = Path(settings.STATIC_ROOT) / staticfiles_storage.manifest_name
    if not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    return all(
        Path(storage.path(path)).stat().st_mtime <= collected
        for finder in get_finders()
        for path, storage in finder.list([])
    )


NOT_FOUND_PROBE = "this-page-does-not-exist/"
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
SEARCH_INDEX_FOLDER = "search-index"


class Command(BaseCommand):
    help = "Write every page, the sitemap and the static files to OUTDIR, for a static host."

    def add_arguments(self, parser):
        parser.add_argument("outdir", type=Path)
        parser.add_argument(
            "--site-url",
            default=os.environ.get("SITE_URL", ""),
            help="the public address the export is for, e.g. https://carteducation.example "
            "(default: the SITE_URL environment variable; one of the two is required)",
        )
        parser.add_argument(
            "--no-headers-file",
            dest="headers_for_host",
            action="store_false",
            help="leave out _headers, for a host that does not read it (it would serve it)",
        )

    def handle(self, *args, outdir, site_url, headers_for_host=True, **options):
        site_url = site_url.strip().rstrip("/")
        site = urlsplit(site_url)
        if not site_url:
            raise CommandError(
                "Say which address the export is for: SITE_URL=https://your.site.example "
                "python manage.py export_site OUTDIR (every canonical link, share link and QR "
                "code is written with it)."
            )
        if site.scheme not in {"http", "https"} or not site.hostname or site.path:
            raise CommandError(f"SITE_URL must look like https://your.site.example, not {site_url}")
        outdir = outdir.absolute()
        check_target(outdir)  # before any work: a folder the export may not replace is refused
        if not static_files_collected():
            call_command("collectstatic", interactive=False, verbosity=0)
        # The pages are built as in production (no drafts, hashed static names, HSTS), as if
        # requested from the real site over its own scheme.
        production = {
            "DEBUG": False,
            "SITE_URL": site_url,
            "ALLOWED_HOSTS": [site.hostname],
            "SECURE_SSL_REDIRECT": False,
            "SECURE_HSTS_SECONDS": settings.PRODUCTION_HSTS_SECONDS,
        }
        with override_settings(**production):
            client = Client(HTTP_HOST=site.netloc)
            secure = site.scheme == "https"
            pages, headers, broken = crawl(client, secure, site_url)
            # The Infobutton's answers, as files a static host can serve (infobutton/export.py).
            pages.update(static_answers(client, secure))
            # Each language's not-found page: "/" gives 404.html, "/es/" es/404.html.
            not_found = {
                home: client.get(home + NOT_FOUND_PROBE, secure=secure).content for home in HOMES
            }
            # Each language's search index, and its search page in place of the server's.
            indexes = {}
            for language in LANGUAGES:
                name, content = search_index_file(language)
                indexes[name] = content
                path = reverse(url_name(language, "articles:search"))
                pages[path] = render_search_page(path, site, secure, f"/{name}")
        if broken:
            raise CommandError("These internal links lead nowhere:\n  " + "\n  ".join(broken))
        with ExportFolder(outdir) as folder:
            for path, content in pages.items():
                target = folder.path / file_for(path)
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.suffix == ".html":
                    content = safe_on_any_host(content, headers.get("Content-Security-Policy", ""))
                target.write_bytes(content)
            for home, content in not_found.items():
                target = folder.path / file_for(home).replace("index.html", "404.html")
                target.write_bytes(safe_on_any_host(content, headers["Content-Security-Policy"]))
            for name, content in indexes.items():
                (folder.path / name).parent.mkdir(parents=True, exist_ok=True)
                (folder.path / name).write_bytes(content)
            self.copy_static(folder.path)
            if headers_for_host:
                (folder.path / "_headers").write_text(headers_file(headers))
        self.stdout.write(
            f"Exported {len(pages)} pages, the static files and the search index to {outdir}"
        )
        if headers_for_host:
            self.stdout.write(
                "_headers gives Netlify and Cloudflare Pages the security headers (they read it "
                "and do not serve it). On any other host, export with --no-headers-file and set "
                "them in its configuration (README.md); every page carries its referrer policy "
                "and a Content-Security-Policy of its own meanwhile."
            )

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


def search_index_file(language):
    """(its path in the export, its bytes): the language's search index as JSON, named by a hash
    of its content."""
    with translation.override(language):
        index = get_index(get_library(language), language, pages=page_documents)
        data = json.dumps(index_data(index), ensure_ascii=False, separators=(",", ":")).encode()
    digest = hashlib.sha256(data).hexdigest()[:12]
    return f"{SEARCH_INDEX_FOLDER}/{language}-{digest}.json", data


def render_search_page(path, site, secure, index_url):
    """The export's search page at `path`, in that path's language, as the real view would frame it
    (the same context processors, header, footer and hashed static files)."""
    request = RequestFactory().get(path, secure=secure, HTTP_HOST=site.netloc)
    request.resolver_match = resolve(path)
    request.LANGUAGE_CODE = language_of_path(path)  # as the language_from_path middleware does
    context = {"hide_header_search": True, "search_index_url": index_url}
    with translation.override(request.LANGUAGE_CODE):
        html = render_to_string("articles/search_export.html", context, request=request)
    return html.encode()


# What a <meta http-equiv> policy cannot say (browsers ignore these there, with a warning).
NOT_IN_META = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def meta_policy(policy):
    directives = [directive.strip() for directive in policy.split(";") if directive.strip()]
    return "; ".join(d for d in directives if d.split()[0] not in NOT_IN_META)


def safe_on_any_host(html, policy):
    """The page, safe on a host that sends none of _headers: the site's Content-Security-Policy
    as a <meta> element (less what a meta policy cannot say), first in <head> so it covers
    everything after it. The referrer policy is in every page already (base.html)."""
    if not policy:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{meta_policy(policy)}">'
    head = b'<meta charset="utf-8">'
    if head not in html:
        return html
    return html.replace(head, head + b"\n  " + meta.encode(), 1)


def headers_file(headers):
    """The _headers file: the security headers for every path."""
    lines = ["/*"]
    lines += [f"  {name}: {headers[name]}" for name in HEADERS_FOR_HOSTS if name in headers]
    # Any site or health record may read the Infobutton's answer files (as the server's CORS).
    lines += [
        f"{INFOBUTTON_FOLDER}*",
        "  Access-Control-Allow-Origin: *",
        "  ! Cross-Origin-Resource-Policy",
        "  Cross-Origin-Resource-Policy: cross-origin",
    ]
    return "\n".join(lines) + "\n"
