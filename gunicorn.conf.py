"""gunicorn settings for production; gunicorn reads this file when started from the project folder.

PORT picks the port (8000), BIND the whole address (127.0.0.1:$PORT; behind nginx a unix
socket, unix:/run/carteducation/gunicorn.sock, as `make serve` does: see README.md, "Deploying"),
WEB_CONCURRENCY the number of worker processes. gunicorn alone must not face readers: a slow
client holds one of its threads for as long as it likes.
"""

import os

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
    # With preload_app, Django is set up in the master by now. Load the content and render every
    # page here, once: the workers forked next inherit it all and answer at full speed at once.
    from carteducation.middleware import warm_page_cache
    from engine.library import get_library

    library = get_library()
    counts = len(library.articles), len(library.terms), warm_page_cache()
    server.log.info("content loaded: %d articles, %d glossary terms; %d pages ready", *counts)
