"""Pages rendered before a reader asks: gunicorn's master renders the most-read pages before it
forks (warm_page_cache(most_read_paths(...))), and each worker's page warmer renders the rest
off the request path (start_warming). Both go through the real views and middleware, so what
they leave in the page cache (web.middleware.page_cache) is what a reader would get.
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.urls import reverse

from engine import LANGUAGES, get_library, library_swapped, url_name

log = logging.getLogger("carteducation.content")


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
    from web.crawl import crawl

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
    from web.crawl import crawl

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
