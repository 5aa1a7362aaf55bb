"""The address of the help page ("When to get help") for every template: the menu and the footer
of every page link to it, and the home page above its heading, as long as the language has care
advice."""

from django.urls import reverse

from engine import DEFAULT_LANGUAGE, get_library, url_name


def help_page(request):
    language = getattr(request, "LANGUAGE_CODE", DEFAULT_LANGUAGE)
    try:
        care = get_library(language).care
    except Exception:
        # Content that cannot load has its own page (web/middleware/content_errors.py).
        return {}
    return {"help_url": reverse(url_name(language, "care:help")) if care is not None else ""}
