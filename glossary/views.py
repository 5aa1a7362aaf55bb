"""Glossary pages: the A–Z index (with a filter that is a plain GET query) and one page per term."""

from django.shortcuts import render

from engine.live import get_library
from engine.terms import group_by_letter

MAX_QUERY_CHARACTERS = 60  # longer than any term name; the rest of a pasted paragraph is ignored


def clean_query(raw):
    """The filter words as the reader typed them, but printable, single-spaced and short."""
    printable = "".join(
        character for character in raw[: MAX_QUERY_CHARACTERS * 4] if character.isprintable()
    )
    return " ".join(printable.split())[:MAX_QUERY_CHARACTERS].strip()


def index(request):
    query = clean_query(request.GET.get("q", ""))
    groups = group_by_letter(get_library().terms.values(), query)
    context = {
        "query": query,
        "groups": groups,
        "count": sum(len(group.entries) for group in groups),
    }
    return render(request, "glossary/index.html", context)


def term(request, slug):
    library = get_library()
    term = library.get_term_or_404(slug)
    context = {
        "term": term,
        "related": library.terms_named(other for other in term.related if other != slug),
        "uses": library.term_uses.get(slug, []),
    }
    return render(request, "glossary/term.html", context)
