"""Keeps a mistake in a content file from ever reaching a reader as a traceback or a 500.

The loader keeps serving the last good version of a broken file (a file broken from the start
is left out: its page is a 404), so the rest of the site always stays browsable. With DEBUG on,
an editor also sees what is wrong: the pages of a broken file show its errors instead of the
page (named by file, line and problem; a fixed file shows on the next reload, as the loader
rebuilds when a file changes), and every other page carries a banner naming the problems
(templates/_partials/content_problems.html). With DEBUG off, the errors are logged, never
shown. This middleware answers for the site itself only if the content cannot be loaded at
all, with a "temporarily unavailable" page.

Those pages answer 503 Service Unavailable, not 500: the server is fine and the fault is in a
content file, fixed by an editor rather than by a restart or a code change, so the condition is
temporary; and a 503 tells browsers, caches and search engines not to keep the answer or drop the
page from an index, but to come back (Retry-After). A 404 would say the page is gone.
"""

import logging

from django.conf import settings
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers

from engine import (
    SOURCE_LANGUAGE,
    ContentError,
    get_library,
    language_of_path,
    one_look_per_request,
)

log = logging.getLogger("carteducation.content")

RETRY_AFTER_SECONDS = 60


class ContentErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Every part of the answer (view, context processors, error pages) from one library.
        with one_look_per_request():
            return self.answer(request)

    def answer(self, request):
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
            own = errors_behind(request.path_info, library)
            if own:
                others = len(library.errors) - len(own)
                warnings = [problem for problem in library.problems if problem.level == "warning"]
                context = {"errors": own, "other_errors": others, "warnings": len(warnings)}
                return _unavailable(request, "content_error.html", context)
            # Every other page is served as usual, with a banner naming the problems.
            request.content_problems = library.errors
        return self.get_response(request)


def errors_behind(path, library):
    """The errors of the content files a site path shows (or would show, for a page whose file
    never worked): a section's file and its article's, a term's file, a whole article's files."""
    try:
        match = resolve(path)
    except Resolver404:
        return []
    kwargs = match.kwargs
    names, folders = set(), set()
    if "article_slug" in kwargs:
        article = library.article(kwargs["article_slug"])
        if article is None and library.language == SOURCE_LANGUAGE:
            # An article whose article.md never worked: English folders are named by the slug.
            folders.add(f"articles/{kwargs['article_slug']}/")
        elif article is not None:
            names.add(article.source_name)
            section_slug = kwargs.get("section_slug")
            section = article.section(section_slug) if section_slug else None
            if section is not None:
                names.add(section.source_name)
            elif section_slug or match.url_name in {"full", "handout"}:
                # The whole article, or a section that never worked: any file of its folder.
                folders.add(article.source_name.rsplit("/", 1)[0] + "/")
    elif "slug" in kwargs:
        term = library.term(kwargs["slug"])
        if term is not None:
            names.add(term.source_name)
        elif library.language == SOURCE_LANGUAGE:  # English terms are named by their file
            names.add(f"glossary/{kwargs['slug']}.md")
    return [
        error
        for error in library.errors
        if error.path in names or any(error.path.startswith(folder) for folder in folders)
    ]


def _unavailable(request, template, context):
    response = render(request, template, context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
