"""gunicorn settings for production; gunicorn reads this file when started from the project folder.

PORT picks the port (8000), BIND the whole address (127.0.0.1:$PORT; behind nginx a unix
socket, unix:/run/carteducation/gunicorn.sock, as `make serve` does: see docs/deploying.md),
WEB_CONCURRENCY the number of worker processes. gunicorn alone must not face readers: a slow
client holds one of its threads for as long as it likes.
"""

import os

from web.memory import limit_malloc_arenas

# Two C heaps for all of a worker's threads, not one each (web/memory.py): set here, in the
# master, before any thread starts, so every worker forked from it has the same limit.
limit_malloc_arenas()

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 1))
# Threads let one worker keep serving while a slow phone reads a response.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
wsgi_app = "carteducation.wsgi:application"
# Load Django and the content once, before forking: workers start warm and share that memory.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# The path without its query string (%(U)s, not the request line): search terms a patient types
# are about their health, and are never written to a log.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# A worker that stops answering for this long is replaced.
timeout = 30
graceful_timeout = 10
# Recycle workers now and then, so a slow leak can never grow without bound.
max_requests = 50_000
max_requests_jitter = 5_000
# No runtime control socket: nothing here needs one, and it would be one more thing listening.
control_socket_disable = True


def when_ready(server):
    # With preload_app, Django is set up in the master by now. Build the library here, once (in
    # render processes on every core, or from the render cache), and render the home pages: the
    # workers forked next inherit them, and the library, and answer at once. Nothing more before
    # the fork, so a restart is quick even for a library-sized site: each worker's page warmer
    # (post_fork) then renders the lists and builds the search index, off the request path, and
    # a reader who gets to a page first renders it, as any request for an uncached page does.
    # Content that cannot load is logged, never a reason to stop: pages answer 503 until an
    # editor fixes it, and every other site on the machine is none the wiser.
    from engine import close_workers, get_library
    from web.memory import give_back_freed_memory
    from web.warming import entry_paths, warm_page_cache

    try:
        library = get_library()
        warmed = warm_page_cache(entry_paths())
        counts = len(library.articles), len(library.terms), warmed
        # What the build freed stays out of every worker forked next.
        give_back_freed_memory()
    except Exception:
        server.log.exception("the content could not be loaded; the site answers 503 until it can")
        return
    finally:
        # The master renders again only on a reload, and starts its render processes again
        # then; idle until that, they would only hand their pipes to every worker forked next.
        close_workers()
    server.log.info("content loaded: %d articles, %d glossary terms; %d pages ready", *counts)


def post_fork(server, worker):
    # A worker may be forked long after the master loaded the content (it replaces one that
    # died, or the master was reloaded): it looks for changes made since then before it answers
    # anyone, so no reader ever sees content older than a page they already saw. Then a thread of
    # its own looks every CONTENT_RELOAD_SECONDS and swaps in a new library when one is built,
    # and another builds the search index and renders the most-read pages, again after each swap
    # (never blocking a request: see web/warming.py, "The page warmer").
    from engine import start_watching
    from web.warming import start_warming

    start_watching()
    start_warming()


def on_reload(server):
    # SIGHUP, the usual way to deploy: the old workers keep serving while the master looks for
    # changes, so the workers it forks next start with the current content and home pages ready.
    from engine import close_workers, refresh
    from web.warming import entry_paths, warm_page_cache

    try:
        refresh()
        warm_page_cache(entry_paths())
    except Exception:
        server.log.exception("the content could not be loaded on reload")
    finally:
        close_workers()
