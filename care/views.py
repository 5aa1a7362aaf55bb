"""When to get help: the care file's advice on one page, one tap from every page of the site.

The page is content/care-advice.md (content/es/care-advice.md in Spanish), rendered once when
the content loads like any section (engine/care.py): its cards are the same cards every other
page and the handouts show.
"""

from django.http import Http404
from django.shortcuts import render

from engine import get_library
from engine.documents import Review, reviewers


def help_page(request):
    care = get_library(request.LANGUAGE_CODE).care
    if care is None:
        raise Http404("This site has no care advice")
    review = Review(
        care.last_reviewed,
        care.next_review,
        reviewers(care.reviewed_by),
        reviewers(care.clinical_reviewers),
    )
    return render(request, "care/help.html", {"care": care, "section": care, "review": review})
