"""A cache of rendered pages: each kept in memory (plain, gzip and brotli, each with its ETag)
until the content library is rebuilt. Pages are the same for every reader, so rendering or
compressing one twice is wasted work. Views whose page depends on the query string say so with
@reads_query_string.
"""

import collections
import gzip
import hashlib
import threading
from dataclasses import dataclass

import brotli
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.http import quote_etag

from engine import get_library, language_of_path, library_swapped

from .guard import SAFE_METHODS


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
MICROCACHE_SECONDS = "1"  # how long nginx may serve a page without asking (and then refreshes)


@dataclass(frozen=True)
class CachedPage:
    library: object  # the content library the page was rendered from
    reads_query_string: bool  # the view renders per query: only a request without one is served
    status: int
    headers: tuple
    bodies: dict  # content coding ("br", "gzip", "identity") -> (ETag, bytes)

    @property
    def size(self):
        """Roughly the memory it takes: its bodies, and a little for the rest."""
        return 1024 + sum(len(body) for _, body in self.bodies.values() if body is not None)

    def response(self, request):
        coding = _pick_coding(request.META.get("HTTP_ACCEPT_ENCODING", ""), self.bodies)
        etag, body = self.bodies[coding]
        if body is None:  # the plain body of a compressed page: not kept, made when asked for
            body = gzip.decompress(self.bodies["gzip"][1])
        response = HttpResponse(body, status=self.status, headers=dict(self.headers))
        response["ETag"] = etag
        response["Content-Length"] = str(len(body))
        if coding != "identity":
            response["Content-Encoding"] = coding
        if len(self.bodies) > 1:
            response["Vary"] = "Accept-Encoding"
        if not self.reads_query_string:
            # A page kept by path alone: nginx may keep it too, for a second (its microcache
            # stores nothing without this header; deploy/nginx-site.conf).
            response["X-Accel-Expires"] = MICROCACHE_SECONDS
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
    if "gzip" in bodies:
        # Nearly every reader (and nginx, which asks for one coding) takes br or gzip: the plain
        # body, three times the size of both, is made from the gzip one for the rare other.
        bodies["identity"] = (bodies["identity"][0], None)
    return bodies


class PageStore:
    """Pages kept by key (a path, or a path and its query), the least recently read going
    first once there are more than `most` of them or their bodies take more than `budget` bytes
    (None: no such limit). gunicorn's threads share a store, so changes hold a lock.
    """

    def __init__(self, budget=None, most=None):
        self.budget = budget  # bytes of page bodies, at most
        self.most = most  # pages, at most
        self.pages = collections.OrderedDict()  # key -> CachedPage, least recently read first
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        page = self.pages.get(key)
        if page is not None:
            with self.lock:
                if key in self.pages:
                    self.pages.move_to_end(key)
        return page

    def put(self, key, page):
        with self.lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= old.size
            self.pages[key] = page
            self.size += page.size
            while len(self.pages) > 1 and self._over():
                _, dropped = self.pages.popitem(last=False)
                self.size -= dropped.size

    def _over(self):
        too_big = self.budget is not None and self.size > self.budget
        return too_big or (self.most is not None and len(self.pages) > self.most)

    def clear(self):
        with self.lock:
            self.pages.clear()
            self.size = 0

    def __len__(self):
        return len(self.pages)


# Pages kept by path. Without a budget, every page a crawler reads would stay in every gunicorn
# worker: a library-sized site has 3,500 pages in its two languages, about 85 MiB in each
# worker. A page pushed out is rendered again for its next reader (10-30 ms), and nginx's
# microcache keeps a copy of the pages read most anyway.
PAGES_BYTES = 16 * 2**20  # br and gzip: about 300 section pages, or 1,000 glossary terms
_pages = PageStore(budget=PAGES_BYTES)
# Answers kept by their full query (cached_per_query): any client can invent new queries, so
# their number is bounded, the least recently asked going first.
QUERY_PAGES = 2000
_query_pages = PageStore(most=QUERY_PAGES)  # "path?query" -> CachedPage


def _clear_pages(**kwargs):
    # A changed setting (in tests, say SITE_URL) can change every page.
    _pages.clear()
    _query_pages.clear()


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
    (404s and search results are never stored), and their memory by PAGES_BYTES. A query string
    changes nothing on a page whose view does not read it (tracking parameters, a cache-busting
    ?x=123): that page is served from here, and rendered as if there were no query, so what is
    kept is the path's own page. Only views marked @reads_query_string render per query. A
    response that varies, sets a cookie or says private is passed through untouched. Off in
    development, where templates change.
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
        _pages.put(request.path, page)
        return page.response(request)

    def by_query(self, request, library):
        key = f"{request.path}?{request.META.get('QUERY_STRING', '')}"
        page = _query_pages.get(key)
        if page is not None and page.library is library:
            return page.response(request)
        response = self.get_response(request)
        if not _cacheable(response):
            return response
        headers = tuple((k, v) for k, v in response.items() if k not in PER_BODY_HEADERS)
        page = CachedPage(library, True, response.status_code, headers, _encode(response))
        _query_pages.put(key, page)
        return page.response(request)
