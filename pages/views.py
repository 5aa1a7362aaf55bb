"""The pages about the site itself: who publishes it and how it is written (About), what it does
with a reader's data (Privacy) and how it is made usable for everyone (Accessibility).

Each says only what is true of this code and this deployment's settings: a setting left blank is
said plainly, never filled in, and without CONTACT_EMAIL no page offers a way to write.
"""

from django.conf import settings
from django.shortcuts import render

from engine.documents import reviewers
from engine.live import get_library


def _about_the_site():
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


def clinically_reviewed_pages(library):
    """(title, address, clinicians) for each page whose content file names the clinicians who
    reviewed it (a section takes its article's), the help page and glossary terms included."""
    pages = []
    for article in library.articles.values():
        if article.clinical_reviewers:
            pages.append(
                (article.title, article.get_absolute_url(), article.review.clinical_reviewers)
            )
        for section in article.sections:
            clinicians = article.review_of(section).clinical_reviewers
            if clinicians:
                pages.append((section.title, section.get_absolute_url(), clinicians))
    care = library.care
    if care is not None and care.clinical_reviewers:
        pages.append((care.title, care.get_absolute_url(), reviewers(care.clinical_reviewers)))
    for term in sorted(library.terms.values(), key=lambda term: term.sort_key):
        if term.clinical_reviewers:
            pages.append((term.term, term.get_absolute_url(), reviewers(term.clinical_reviewers)))
    return pages


def about(request):
    library = get_library(request.LANGUAGE_CODE)
    context = {
        **_about_the_site(),
        "reviewed_pages": reviewed_pages(library),
        "clinically_reviewed_pages": clinically_reviewed_pages(library),
    }
    return render(request, "pages/about.html", context)


def privacy(request):
    return render(request, "pages/privacy.html", _about_the_site())


def accessibility(request):
    return render(request, "pages/accessibility.html", _about_the_site())
