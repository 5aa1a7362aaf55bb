"""Middleware for production: the headers Django does not set, the requests the site answers at
all, and a cache of rendered pages.

security_headers adds Permissions-Policy, Cross-Origin-Resource-Policy and the headers of
SecurityMiddleware and XFrameOptionsMiddleware to every response, static files and error pages
included (it is the outermost), as ContentSecurityPolicyMiddleware adds the policy of
settings.CONTENT_SECURITY_POLICY; security_header_values() hands the same values to the front
server (carteducation/frontserver.py) for the responses it makes itself. request_guard turns away
a foreign Host and any method but GET and HEAD before anything else runs. PageCacheMiddleware
keeps each rendered page in memory (plain, gzip and brotli, each with its ETag) until the content
library is rebuilt: pages are the same for every reader, so rendering or compressing one twice is
wasted work. language_from_path sets the language of each request from its path alone.
"""

import collections
import functools
import gzip
import hashlib
import logging
import os
import threading
import time
from dataclasses import dataclass

import brotli
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse, QueryDict
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.http import quote_etag

from engine.documents import url_name
from engine.live import get_library, library_swapped

from .languages import LANGUAGES, language_of_path

log = logging.getLogger("carteducation.content")

# Powerful features this site never uses, turned off for it and for anything it could embed.
# clipboard-write stays on: site.js copies heading links. Only names Chromium knows are listed,
# because it reports unknown ones as errors in the console.
DISABLED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DISABLED_FEATURES)


def security_headers(get_response):
    """The outermost middleware: whatever answered below (a view, WhiteNoise, the page cache, a
    400 for a foreign host, an error page), the response leaves with every security header."""
    # Their process_response alone, which only adds headers (nosniff, Referrer-Policy, COOP, HSTS
    # over https; X-Frame-Options). SecurityMiddleware stays in MIDDLEWARE for its https redirect.
    finishers = (SecurityMiddleware(get_response), XFrameOptionsMiddleware(get_response))

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # No other site may embed our pages, scripts or styles (a Spectre-style read needs that).
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        for finisher in finishers:
            response = finisher.process_response(request, response)
        return response

    return middleware


# What the site sends on every response to keep a reader safe. A front server adds the same
# headers to the responses it makes itself (its own 400, 413, 502...).
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
    "Referrer-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
)


def security_header_values(secure):
    """The security headers, with their values, exactly as this site's middleware sets them on a
    response over https (secure) or plain http: one source for Django and the front server."""
    from django.test import RequestFactory

    request = RequestFactory().get("/", secure=secure)
    csp = ContentSecurityPolicyMiddleware(HttpResponse)
    response = csp.process_response(request, HttpResponse())
    response = security_headers(lambda request: response)(request)
    return {name: response[name] for name in SECURITY_HEADERS if name in response}


def language_from_path(get_response):
    """The language of a request is the one its path is in (/es/... is Spanish): never a cookie,
    a session or Accept-Language. So a page is the same for every reader, no response varies on
    the reader's language (no Vary: Accept-Language, unlike Django's LocaleMiddleware) and the
    page cache, keyed by path, keeps every page of both languages.

    Above request_guard, so its 400 and 405 pages are in the path's language too.
    """

    def middleware(request):
        language = language_of_path(request.path_info)
        request.LANGUAGE_CODE = language
        # override, not activate: the language ends with the request, whatever runs next in
        # this thread (a test, the page-cache warm-up) starts from the default again.
        with translation.override(language):
            response = get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Content-Language", language)
        return response

    return middleware


SAFE_METHODS = ("GET", "HEAD")
ALLOW = "GET, HEAD, OPTIONS"


def request_guard(get_response):
    """Answer only this site's hosts, and only GET and HEAD (OPTIONS says so).

    request.get_host() raises DisallowedHost for a Host outside ALLOWED_HOSTS, which Django turns
    into its 400 page; doing it here, above WhiteNoise and the page cache, covers static files and
    cached pages too, which would otherwise answer before anything looked at the host. Every page
    of the site only reads, and nothing posts to it, so one rule covers every address.
    """

    def middleware(request):
        request.get_host()
        if request.method == "GET":
            return get_response(request)
        if request.method == "HEAD":
            response = get_response(request)
            if not response.streaming:
                # The same headers as GET, without the body (gunicorn would drop it, and log that).
                response.headers.setdefault("Content-Length", str(len(response.content)))
                response.content = b""
            return response
        if request.method == "OPTIONS":
            response = HttpResponse(headers={"Content-Length": "0"})
        else:
            response = render(request, "405.html", status=405)
        response["Allow"] = ALLOW
        return response

    return middleware


def reads_query_string(view):
    """Mark a view whose page depends on the query string (search, the glossary filter): the page
    cache renders it per query. Every other page is the same whatever query comes with it."""
    view.reads_query_string = True
    return view


def cached_per_query(view):
    """Mark a view whose answer depends on its whole query and is the same for everyone who
    sends that query (the Infobutton): the page cache keeps each answer under its full query,
    the most recent QUERY_PAGES of them."""
    view.cached_per_query = True
    return view


def _view_for(path):
    try:
        return resolve(path).func
    except Resolver404:
        return None


# Pages are compressed once, when cached, never per request.
COMPRESSIBLE_TYPES = ("text/", "application/xml", "application/json", "application/javascript")
MIN_COMPRESS_BYTES = 512
PER_BODY_HEADERS = {"Content-Length", "ETag"}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the header built once instead of twice per response.

    The policy comes from settings alone: no nonce, no per-view changes, no report-only policy.
    Should any of those appear, django-csp's own code takes over for that response.
    """

    def process_response(self, request, response):
        custom = any(hasattr(response, name) for name in CSP_RESPONSE_ATTRIBUTES)
        if custom or getattr(request, "_csp_nonce", None) or _csp_settings_vary():
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in {404, 500}:
            return response  # Django's debug pages need inline style
        response.headers.setdefault("Content-Security-Policy", _policy())
        return response


CSP_RESPONSE_ATTRIBUTES = ("_csp_exempt", "_csp_config", "_csp_update", "_csp_replace")


def _csp_settings_vary():
    policy = settings.CONTENT_SECURITY_POLICY or {}
    return bool(
        getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        or policy.get("EXCLUDE_URL_PREFIXES")
    )


@functools.cache
def _policy():
    return build_policy()


@dataclass(frozen=True)
class CachedPage:
    library: object  # the content library the page was rendered from
    reads_query_string: bool  # the view renders per query: only a request without one is served
    status: int
    headers: tuple
    bodies: dict  # content coding ("br", "gzip", "identity") -> (ETag, bytes)

    def response(self, request):
        coding = _pick_coding(request.META.get("HTTP_ACCEPT_ENCODING", ""), self.bodies)
        etag, body = self.bodies[coding]
        response = HttpResponse(body, status=self.status, headers=dict(self.headers))
        response["ETag"] = etag
        response["Content-Length"] = str(len(body))
        if coding != "identity":
            response["Content-Encoding"] = coding
        if len(self.bodies) > 1:
            response["Vary"] = "Accept-Encoding"
        return response


def _pick_coding(accept_encoding, bodies):
    accepted = set()
    for item in accept_encoding.lower().split(","):
        name, _, params = item.partition(";")
        if params.replace(" ", "") not in {"q=0", "q=0.0", "q=0.00", "q=0.000"}:
            accepted.add(name.strip())
    for coding in ("br", "gzip"):
        if coding in bodies and coding in accepted:
            return coding
    return "identity"


def _etag(body, coding):
    # One strong ETag per representation: a compressed body is different bytes from the plain one.
    digest = hashlib.blake2b(body, digest_size=12).hexdigest()
    return quote_etag(digest if coding == "identity" else f"{digest}-{coding}")


def _brotli(body):
    # Quality 5, not 11: a tenth of the time (11 takes half a second on the whole article) for
    # output only a few percent larger, and it runs again whenever the content changes.
    return brotli.compress(body, quality=5, mode=brotli.MODE_TEXT)


def _gzip(body):
    return gzip.compress(body, mtime=0)


def _encode(response):
    body = response.content
    bodies = {"identity": (_etag(body, "identity"), body)}
    compressible = response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
    if compressible and len(body) >= MIN_COMPRESS_BYTES:
        for coding, compress in (("br", _brotli), ("gzip", _gzip)):
            compressed = compress(body)
            if len(compressed) < len(body):
                bodies[coding] = (_etag(body, coding), compressed)
    return bodies


_pages = {}  # path -> CachedPage
# Answers kept by their full query (cached_per_query): any client can invent new queries, so
# their number is bounded, the least recently asked going first.
QUERY_PAGES = 2000
_query_pages = collections.OrderedDict()  # "path?query" -> CachedPage
_query_lock = threading.Lock()  # gunicorn's threads share it


def _clear_pages(**kwargs):
    # A changed setting (in tests, say SITE_URL) can change every page, and the policy.
    _pages.clear()
    _query_pages.clear()
    _policy.cache_clear()


setting_changed.connect(_clear_pages)


def _drop_pages(**kwargs):
    # Pages rendered from a library that has been replaced are never served again: let them, and
    # the old library they hold, go at once instead of one by one as each page is asked for.
    _pages.clear()
    _query_pages.clear()


library_swapped.connect(_drop_pages)


def _cacheable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and not response.has_header("Content-Encoding")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheMiddleware:
    """Serve a page rendered before, as long as the content it came from has not changed.

    Pages are kept by path alone, so the number of entries is bounded by the number of pages
    (404s and search results are never stored). A query string changes nothing on a page whose
    view does not read it (tracking parameters, a cache-busting ?x=123): that page is served from
    here, and rendered as if there were no query, so what is kept is the path's own page. Only
    views marked @reads_query_string render per query. A response that varies, sets a cookie or
    says private is passed through untouched. Off in development, where templates change.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG or request.method not in SAFE_METHODS:
            return self.get_response(request)
        query = request.META.get("QUERY_STRING")
        library = get_library(language_of_path(request.path_info))
        page = _pages.get(request.path)
        if page is not None and page.library is library:
            if not (query and page.reads_query_string):
                return page.response(request)
            return self.get_response(request)
        view = _view_for(request.path_info)
        if view is None:  # a 404 or a redirect to the address with a slash: never kept
            return self.get_response(request)
        if getattr(view, "cached_per_query", False):
            return self.by_query(request, library)
        reads_query = getattr(view, "reads_query_string", False)
        if query:
            if reads_query:
                return self.get_response(request)
            request.META["QUERY_STRING"] = ""
            request.GET = QueryDict()
        response = self.get_response(request)
        if not _cacheable(response):
            return response
        headers = tuple((k, v) for k, v in response.items() if k not in PER_BODY_HEADERS)
        page = CachedPage(library, reads_query, response.status_code, headers, _encode(response))
        _pages[request.path] = page
        return page.response(request)

    def by_query(self, request, library):
        key = f"{request.path}?{request.META.get('QUERY_STRING', '')}"
        page = _query_pages.get(key)
        if page is not None and page.library is library:
            with _query_lock:
                if key in _query_pages:
                    _query_pages.move_to_end(key)
            return page.response(request)
        response = self.get_response(request)
        if not _cacheable(response):
            return response
        headers = tuple((k, v) for k, v in response.items() if k not in PER_BODY_HEADERS)
        page = CachedPage(library, True, response.status_code, headers, _encode(response))
        with _query_lock:
            _query_pages[key] = page
            while len(_query_pages) > QUERY_PAGES:
                _query_pages.popitem(last=False)
        return page.response(request)


def most_read_paths(library):
    """The pages most readers open: home, the lists, every article's overview and sections.

    gunicorn renders these before forking, so the first readers never wait. On a library of
    30 articles and 1,100 glossary terms they are about a fifth of the site; the rest (term
    pages, full articles, handouts) is rendered after the fork by each worker's page warmer.
    """
    # In every language: `library` is the English one; the others are built and swapped with it.
    paths = []
    for language in LANGUAGES:
        pages = library if language == library.language else get_library(language)
        names = ("articles:home", "articles:list", "glossary:index", "articles:questions")
        paths += [reverse(url_name(language, name)) for name in names]
        for article in pages.articles.values():
            paths.append(article.get_absolute_url())
            paths.extend(section.get_absolute_url() for section in article.sections)
    return paths


def _warming_client(**options):
    from django.test import Client

    hosts = [host for host in settings.ALLOWED_HOSTS if host and "*" not in host and host[0] != "."]
    return Client(HTTP_HOST=hosts[0] if hosts else "localhost", **options)


def warm_page_cache(paths=None):
    """Render and compress pages once, through the real views and middleware; return how many.

    paths: just these (gunicorn's master warms most_read_paths() before forking). None: every
    page reachable from the home page and the sitemap.
    """
    from carteducation.crawl import crawl

    client = _warming_client()
    if paths is not None:
        secure = settings.SECURE_SSL_REDIRECT
        return sum(client.get(path, secure=secure).status_code == 200 for path in paths)
    pages, _, _ = crawl(client, secure=settings.SECURE_SSL_REDIRECT, site_url=settings.SITE_URL)
    return len(pages)


# The page warmer: a thread in each gunicorn worker that renders pages off the request path.
# Rendering all 1,700 pages of a library-sized site before forking took longer than the whole
# start may (8 s on 2 cores), so the master renders only the most-read ones; after the fork each
# worker's warmer renders every other page once, and after each library swap (which drops every
# page) the most-read ones again. Not every page after a swap: that is seconds of CPU per worker
# per edit, taken from readers and from the next build, for pages such as the 1,100 glossary
# terms that few readers open between two edits; the first reader of one renders it (about 10 ms).
# Nobody ever waits for the warmer: a reader who asks for a page before it gets there renders it
# as before. It pauses between pages, so a request in the same worker gets the interpreter at
# once, and a pass stops as soon as the library it renders is replaced (the next pass renders
# the new one).
WARM_PAUSE_SECONDS = 0.002
_warm_wanted = threading.Event()
_warmer = None  # (pid, thread, stop event) of this process's warmer


class _StopPass(Exception):
    pass


class _PoliteClient:
    """The warmer's test client: pauses before each page; stops when the library or the warmer
    does."""

    def __init__(self, client, library, stop):
        self.client, self.library, self.stop = client, library, stop

    def get(self, path, **kwargs):
        time.sleep(WARM_PAUSE_SECONDS)
        if self.stop.is_set() or get_library() is not self.library:
            raise _StopPass
        return self.client.get(path, **kwargs)


def warm_pass(stop=None, every_page=True):
    """One pass of the warmer: the most-read pages, then (every_page) every other page reachable."""
    from carteducation.crawl import crawl

    library = get_library()
    # Not raising request exceptions: the test client hears every request's exception signal in
    # the process, so a reader's failing request would otherwise be raised (and logged) again
    # here. A page that fails for the warmer is logged by Django, as for a reader.
    client = _warming_client(raise_request_exception=False)
    client = _PoliteClient(client, library, stop or threading.Event())
    secure = settings.SECURE_SSL_REDIRECT
    try:
        for path in most_read_paths(library):
            client.get(path, secure=secure)
        if every_page:
            crawl(client, secure=secure, site_url=settings.SITE_URL)
    except _StopPass:
        pass  # a swap asked for another pass already, or the warmer is stopping


def _warm_forever(stop):
    every_page = True  # the first pass, after the fork; then only the most-read pages
    while True:
        _warm_wanted.wait()
        if stop.is_set():
            return
        _warm_wanted.clear()
        try:
            warm_pass(stop, every_page)
            every_page = False
        except Exception:
            # A page that cannot render is its reader's error to log, not the warmer's end.
            log.exception("the page warmer stopped a pass")


def _want_warming(**kwargs):
    _warm_wanted.set()


def warming():
    warmer = _warmer
    return warmer is not None and warmer[0] == os.getpid() and warmer[1].is_alive()


def start_warming():
    """In a gunicorn worker, once, after the fork (gunicorn.conf.py, post_fork)."""
    global _warmer
    if warming():
        return
    stop = threading.Event()
    thread = threading.Thread(target=_warm_forever, args=(stop,), name="page-warmer", daemon=True)
    _warmer = (os.getpid(), thread, stop)
    library_swapped.connect(_want_warming)
    _warm_wanted.set()
    thread.start()


def stop_warming():
    global _warmer
    library_swapped.disconnect(_want_warming)
    if warming():
        _, thread, stop = _warmer
        stop.set()
        _warm_wanted.set()
        thread.join(timeout=30)
    _warm_wanted.clear()
    _warmer = None
