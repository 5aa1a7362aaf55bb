"""The pages about the site itself: who publishes it and how it is written (About), what it does
with a reader's data (Privacy) and how it is made usable for everyone (Accessibility).

Each says only what is true of this code and this deployment's settings: a setting left blank is
said plainly, never filled in, and without CONTACT_EMAIL no page offers a way to write. Each
page is its template and a context made from the settings and the library, so search
(pages/search.py) reads the same page a reader gets.
"""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render

from engine import get_library


def _about_the_site(library):
    return {
        "publisher": settings.SITE_PUBLISHER,
        "funding": settings.SITE_FUNDING,
        "contact_email": settings.CONTACT_EMAIL,
    }


def reviewed_pages(library):
    """(title, address, reviewers) for each page whose content file names its reviewers."""
    pages = []
    for article in library.articles.values():
        if article.reviewed_by:
            pages.append((article.title, article.get_absolute_url(), article.review.reviewed_by))
        for section in article.sections:
            review = article.review_of(section)
            if review.reviewed_by:
                pages.append((section.title, section.get_absolute_url(), review.reviewed_by))
    return pages


def _about(library):
    return {**_about_the_site(library), "reviewed_pages": reviewed_pages(library)}


@dataclass(frozen=True)
class Page:
    template: str
    context: object  # function(library) -> the template's context


PAGES = {
    "about": Page("pages/about.html", _about),
    "privacy": Page("pages/privacy.html", _about_the_site),
    "accessibility": Page("pages/accessibility.html", _about_the_site),
}


def _show(request, name):
    page = PAGES[name]
    return render(request, page.template, page.context(get_library(request.LANGUAGE_CODE)))


def about(request):
    return _show(request, "about")


def privacy(request):
    return _show(request, "privacy")


def accessibility(request):
    return _show(request, "accessibility")
