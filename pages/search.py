"""The pages about the site (About, Privacy, Accessibility) as search documents.

Their words live in templates and settings, not in content files, so the search index gets them
by rendering each page's template with the context its view gives it, for the library being
indexed, and reading the main part of the page as passages (engine.search.passages), as a reader
would see them. engine.search.get_index calls page_documents() when it builds a language's
index, once per library (the content watcher does it before the library is swapped in).
"""

import re

from django.template.loader import render_to_string
from django.utils.translation import gettext

from engine import SearchDocument, passages_of, plain, site

from .views import PAGES

MAIN = re.compile(r"<main\b[^>]*>(.*?)</main>", re.DOTALL)
TITLE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def page_documents(library, language):
    """A search Document for each page about the site, in language (the active one)."""
    documents = []
    for name, page in PAGES.items():
        html = render_to_string(page.template, page.context(library))
        main = MAIN.search(html)
        title = TITLE.search(main.group(1)) if main else None
        if title is None:
            continue  # a page without a main part or a heading is not one to send readers to
        body = main.group(1)[: title.start()] + main.group(1)[title.end() :]
        documents.append(
            SearchDocument(
                kind="page",
                url=site.reverse(language, f"pages:{name}"),
                title=plain(TAG.sub(" ", title.group(1))),
                context=gettext("About this site"),
                passages=passages_of(body),
                language=language,
            )
        )
    return documents
