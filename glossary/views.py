"""Glossary pages: the A–Z index and one page per term."""

from django.shortcuts import render

from articles.library import get_library


def index(request):
    terms = sorted(get_library().terms.values(), key=lambda term: term.term.lower())
    return render(request, "glossary/index.html", {"terms": terms})


def term(request, slug):
    term = get_library().get_term_or_404(slug)
    return render(request, "glossary/term.html", {"term": term})
