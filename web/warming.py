"""What is made ready before a reader asks: gunicorn's master renders the home pages before it
forks (warm_page_cache(entry_paths())), and each worker's page warmer renders the front pages
(home and the lists) and builds each language's search index, after the fork and again after
each library swap, off the request path (start_warming). Both go through the real views and
middleware, so what they leave in the page cache (web.middleware.page_cache) is what a reader
would get.
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.urls import reverse

from engine import LANGUAGES, get_library, library_swapped, url_name
from web.memory import give_back_free_pages, give_back_freed_memory

log = logging.getLogger("carteducation.content")


ENTRY_PAGES = ("articles:home",)
FRONT_PAGES = (*ENTRY_PAGES, "articles:list", "glossary:index", "articles:questions")


def front_paths():
    """The home page and the lists, in every language: the pages nearly every visit starts
    from, and the dearest to render (the glossary's list names every term). Each worker's page
    warmer renders them first, after the fork and after each swap."""
    return [reverse(url_name(language, name)) for language in LANGUAGES for name in FRONT_PAGES]


def entry_paths():
    """The home page of every language: gunicorn's master renders it before it forks, so the
    site's first answer is ready when it opens. Not the lists: at library scale (30 articles,
    1,100 terms) they took 0.25 s, a twelfth of a first start, and both workers render them in
    parallel a moment after the fork."""
    return [reverse(url_name(language, name)) for language in LANGUAGES for name in ENTRY_PAGES]


def search_paths():
    """The search page of every language: asking it builds that language's search index."""
    return [reverse(url_name(language, "articles:search")) for language in LANGUAGES]


def _warming_client(**options):
    from django.test import Client

    hosts = [host for host in settings.ALLOWED_HOSTS if host and "*" not in host and host[0] != "."]
    return Client(HTTP_HOST=hosts[0] if hosts else "localhost", **options)


def warm_page_cache(paths=None):
    """Render and compress pages once, through the real views and middleware; return how many.

    paths: just these (gunicorn's master warms entry_paths() before forking). None: every
    page reachable from the home page and the sitemap.
    """
    from web.crawl import crawl

    client = _warming_client()
    if paths is not None:
        secure = settings.SECURE_SSL_REDIRECT
        return sum(client.get(path, secure=secure).status_code == 200 for path in paths)
    pages, _, _ = crawl(client, secure=settings.SECURE_SSL_REDIRECT, site_url=settings.SITE_URL)
    return len(pages)


# The page warmer: a thread in each gunicorn worker that makes ready, off the request path, what
# would cost a reader most: the front pages (the lists render in 40-110 ms at library scale),
# then the search index of each language (2-3 s; a search that arrives meanwhile waits for that
# build, never makes a second one).
# It runs after the fork and again after each library swap, which drops every page and makes a
# new index. Not every page, nor every article part: at library scale that is 500 to 1,700 pages
# per worker, 12 to 50 s of CPU after each edit, taken from readers and from the next edit's
# build (on 2 cores it held an edit back 10 s); the first reader of a page renders it (10-30
# ms), and nginx's microcache serves it to everyone else.
# Nobody ever waits for the warmer: a reader who asks for a page before it gets there renders it
# as before. It pauses between pages, so a request in the same worker gets the interpreter at
# once, and a pass stops as soon as the library it renders is replaced (the next pass renders
# the new one).
WARM_PAUSE_SECONDS = 0.002
# Between passes the warmer also gives back, this often, what readers' requests freed: rendered
# pages and search results that the C allocator would otherwise keep. At library scale a worker
# grew by 4-50 MiB after a burst of reading, until the next build; a trim takes 0.3-7 ms.
TRIM_SECONDS = 10
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


def warm_pass(stop=None):
    """One pass of the warmer: the front pages, then each language's search index (2-3 s at
    library scale, so the lists are not left to wait for it)."""
    library = get_library()
    # Not raising request exceptions: the test client hears every request's exception signal in
    # the process, so a reader's failing request would otherwise be raised (and logged) again
    # here. A page that fails for the warmer is logged by Django, as for a reader.
    client = _warming_client(raise_request_exception=False)
    client = _PoliteClient(client, library, stop or threading.Event())
    secure = settings.SECURE_SSL_REDIRECT
    try:
        for path in front_paths() + search_paths():
            client.get(path, secure=secure)
    except _StopPass:
        return  # a swap asked for another pass already, or the warmer is stopping
    # The last library, its index and its pages are gone by now: give their memory back.
    give_back_freed_memory()


def _warm_forever(stop):
    while True:
        wanted = _warm_wanted.wait(timeout=TRIM_SECONDS)
        if stop.is_set():
            return
        if not wanted:
            give_back_free_pages()
            continue
        _warm_wanted.clear()
        try:
            warm_pass(stop)
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
