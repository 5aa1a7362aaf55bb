"""Content lookups for views: the engine answers None for a page that is not there, and a view
turns that into its 404 (the engine knows nothing of HTTP)."""

from django.http import Http404


def get_article_or_404(library, slug):
    article = library.article(slug)
    if article is None:
        raise Http404("No such article")
    return article


def get_section_or_404(library, article_slug, section_slug):
    section = library.section(article_slug, section_slug)
    if section is None:
        raise Http404("No such section")
    return section


def get_term_or_404(library, slug):
    term = library.term(slug)
    if term is None:
        raise Http404("No such term")
    return term


def get_condition_or_404(library, slug):
    condition = library.condition(slug)
    if condition is None:
        raise Http404("No such condition")
    return condition
