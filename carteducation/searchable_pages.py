"""The pages about the site (About, Privacy, Accessibility) as search documents.

Their words live in templates and settings, not in content files, so the search index gets them
by rendering each page through its own view, in the language asked for, and reading the main
part of the page as passages (engine.search.passages), as a reader would see them. engine.search.get_index
calls page_documents() when it builds a language's index, once per library.
"""

import re

from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _

from engine.documents import url_name
from engine.search import Document
from engine.search.passages import passages_of, plain

PAGES = ("pages:about", "pages:privacy", "pages:accessibility")
MAIN = re.compile(r"<main\b[^>]*>(.*?)</main>", re.DOTALL)
TITLE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def page_documents(language):
    """A search Document for each page about the site, in language (the active one)."""
    documents = []
    for name in PAGES:
        url = reverse(url_name(language, name))
        html = _render(url, language)
        main = MAIN.search(html)
        title = TITLE.search(main.group(1)) if main else None
        if title is None:
            continue  # a page without a main part or a heading is not one to send readers to
        body = main.group(1)[: title.start()] + main.group(1)[title.end() :]
        heading = plain(TAG.sub(" ", title.group(1)))
        documents.append(
            Document(
                kind="page",
                url=url,
                title=heading,
                context=str(_("About this site")),
                passages=passages_of(body),
                language=language,
            )
        )
    return documents


def _render(url, language):
    request = RequestFactory().get(url)
    request.LANGUAGE_CODE = language
    return resolve(url).func(request).content.decode()
