"""Values every template needs: the site's name and absolute address, and its languages."""

from django.conf import settings
from django.urls import reverse

from engine.documents import url_name

from .alternates import page_of
from .languages import DEFAULT_LANGUAGE, LANGUAGES, other_languages


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + request.path,
    }


def languages(request):
    """The page's language, and the same page in the others: for <html lang>, the switcher, the
    hreflang links and Open Graph's locales (carteducation/alternates.py finds the pages)."""
    code = getattr(request, "LANGUAGE_CODE", DEFAULT_LANGUAGE)
    page = page_of(request)
    translations = page.translations() if page is not None else {}
    switch = []
    for other in other_languages(code):
        found = translations.get(other)
        address = found.get_absolute_url() if found else reverse(url_name(other, "articles:home"))
        switch.append({"language": LANGUAGES[other], "url": address, "found": bool(found)})
    # Every language the page is in, itself included, and x-default: the English page, which
    # search engines show a reader whose language the site does not have.
    hreflang = [
        (other, settings.SITE_URL + found.get_absolute_url())
        for other, found in translations.items()
    ]
    if len(hreflang) < 2:
        hreflang = []  # a page in one language only has no alternates to name
    elif DEFAULT_LANGUAGE in translations:
        hreflang.append(("x-default", dict(hreflang)[DEFAULT_LANGUAGE]))
    return {
        "page_language": LANGUAGES[code],
        "language_switch": switch,
        "hreflang": hreflang,
        "og_locale_alternates": [
            LANGUAGES[other].locale for other in translations if other != code
        ],
    }
