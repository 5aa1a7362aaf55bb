"""Glossary pages: the A–Z index (with a filter that is a plain GET query) and one page per term."""

from django.shortcuts import render
from django.utils.cache import patch_cache_control

from engine import get_library, glossary_review, group_by_letter, index_review, json_ld
from web import structured_data
from web.middleware.page_cache import reads_query_string
from web.shortcuts import get_term_or_404

MAX_QUERY_CHARACTERS = 60  # longer than any term name; the rest of a pasted paragraph is ignored


def clean_query(raw):
    """The filter words as the reader typed them, but printable, single-spaced and short."""
    printable = "".join(
        character for character in raw[: MAX_QUERY_CHARACTERS * 4] if character.isprintable()
    )
    return " ".join(printable.split())[:MAX_QUERY_CHARACTERS].strip()


@reads_query_string
def index(request):
    query = clean_query(request.GET.get("q", ""))
    library = get_library(request.LANGUAGE_CODE)
    # The language's own A to Z (Ñ after N in Spanish), and its way of comparing the filter words.
    groups = group_by_letter(library.terms.values(), query, request.LANGUAGE_CODE)
    context = {
        "query": query,
        "groups": groups,
        "count": sum(len(group.entries) for group in groups),
        "review": index_review(library.terms.values(), glossary_review(library.articles.values())),
    }
    response = render(request, "glossary/index.html", context)
    if query:
        # Filter words may be a reader's health worry, as search words are: no shared cache keeps
        # the page, and no search engine lists it (the A-Z without a filter stays indexed).
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex"
    return response


def term(request, slug):
    library = get_library(request.LANGUAGE_CODE)
    term = get_term_or_404(library, slug)
    review = term.review(glossary_review(library.articles.values()))
    context = {
        "term": term,
        "related": library.terms_named(other for other in term.related if other != slug),
        "uses": library.term_uses.get(slug, []),
        "review": review,
        "structured_data": json_ld(structured_data.for_term(term, review)),
    }
    return render(request, "glossary/term.html", context)
