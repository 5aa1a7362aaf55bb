"""The same page in another language, for the language switcher, the hreflang links and the
sitemap's alternates.

A page is a URL name ("articles:section", named as in English) in a language, and the piece of
content it shows, if any. Its counterpart in another language is found through the content
pairing, never by translating the address (the slugs differ): a Spanish file translates the
English file at the same path, and both carry that path as their `key`, so the counterpart of an
item is get_library(language).by_key.get(item.key). A page without content (the home page, the
glossary index) has a counterpart in every language.
"""

import logging
from dataclasses import dataclass

from django.urls import reverse

from engine import DEFAULT_LANGUAGE, LANGUAGES, get_library, url_name

log = logging.getLogger("carteducation.content")


@dataclass(frozen=True)
class Page:
    language: str
    name: str  # the English URL name, e.g. "articles:full"
    item: object = None  # the Article, Section or Term the page shows

    def get_absolute_url(self):
        return reverse(url_name(self.language, self.name), args=_address_args(self.item))

    def in_language(self, language):
        """This page in `language`, or None when its content has no counterpart there."""
        if language == self.language:
            return self
        if self.item is None:
            return Page(language, self.name)
        try:
            library = get_library(language)
        except Exception:
            # The other language's content failing to load must not take this page down: the
            # page is served as one without a counterpart.
            log.exception("the %s content could not be loaded", language)
            return None
        other = library.by_key.get(self.item.key)
        return None if other is None else Page(language, self.name, other)

    def translations(self):
        """{language: the page in it} for every language it has, its own included."""
        pages = {code: self.in_language(code) for code in LANGUAGES}
        return {code: page for code, page in pages.items() if page is not None}


def _address_args(item):
    if item is None:
        return []
    if hasattr(item, "article_slug"):  # a section's address names its article too
        return [item.article_slug, item.slug]
    return [item.slug]


def page_of(request):
    """The Page a request is for, or None (a 404, an error page, a file such as robots.txt)."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return None
    namespaces = list(match.namespaces)
    language = getattr(request, "LANGUAGE_CODE", DEFAULT_LANGUAGE)
    if namespaces and namespaces[0] == language and language != DEFAULT_LANGUAGE:
        namespaces = namespaces[1:]
    if not namespaces:
        return None
    name = ":".join([*namespaces, match.url_name])
    kwargs = match.kwargs
    if not kwargs:
        return Page(language, name)
    library = get_library(language)
    if "condition_slug" in kwargs:
        # The summary for clinicians is in English only, beside its condition's page.
        item = library.conditions.get(kwargs["condition_slug"])
        if item is not None and name == "conditions:clinicians":
            item = item.clinicians
    elif "slug" in kwargs:
        item = library.terms.get(kwargs["slug"])
    else:
        item = library.articles.get(kwargs.get("article_slug"))
        if item is not None and "section_slug" in kwargs:
            item = item.section(kwargs["section_slug"])
    return None if item is None else Page(language, name, item)
