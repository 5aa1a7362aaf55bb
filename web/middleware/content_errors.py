"""Keeps a mistake in a content file from ever reaching a reader as a traceback or a 500.

With DEBUG on, any content error stops every page with an error page naming the file, the line
and the problem: an editor saves a file, reloads, and sees what is wrong (a fixed file shows on
the next reload, as the loader rebuilds when a file changes). With DEBUG off, the loader keeps
serving the last good version of a broken file and logs the error, and a file broken from the
start is simply left out (its page is a 404); this middleware only steps in if the content cannot
be loaded at all, with a "temporarily unavailable" page.

Both pages answer 503 Service Unavailable, not 500: the server is fine and the fault is in a
content file, fixed by an editor rather than by a restart or a code change, so the condition is
temporary; and a 503 tells browsers, caches and search engines not to keep the answer or drop the
page from an index, but to come back (Retry-After). A 404 would say the page is gone.
"""

import logging

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from engine import ContentError, get_library, language_of_path

log = logging.getLogger("carteducation.content")

RETRY_AFTER_SECONDS = 60


class ContentErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            library = get_library(language_of_path(request.path_info))
        except Exception as error:
            # The loader has logged it with its traceback; the reader gets a plain page.
            if settings.DEBUG:
                problem = ContentError(
                    "(content folder)",
                    0,
                    f"the content could not be loaded ({error!r}); run make check",
                )
                return _unavailable(request, "content_error.html", {"errors": [problem]})
            return _unavailable(request, "content_unavailable.html", {})
        if settings.DEBUG and library.errors:
            warnings = [problem for problem in library.problems if problem.level == "warning"]
            context = {"errors": library.errors, "warnings": len(warnings)}
            return _unavailable(request, "content_error.html", context)
        return self.get_response(request)


def _unavailable(request, template, context):
    response = render(request, template, context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
