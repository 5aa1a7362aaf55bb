"""The address of the help page ("When to get help") for every template: the header of every page
links to it (templates/_partials/help_link.html), as long as the language has care advice."""

from django.urls import reverse

from carteducation.languages import DEFAULT_LANGUAGE
from engine.documents import url_name
from engine.live import get_library


def help_page(request):
    language = getattr(request, "LANGUAGE_CODE", DEFAULT_LANGUAGE)
    try:
        care = get_library(language).care
    except Exception:
        # Content that cannot load has its own page (articles/middleware.py); it needs no link.
        return {}
    return {"help_url": reverse(url_name(language, "care:help")) if care is not None else ""}
