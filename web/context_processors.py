"""Values every template needs: the site's name and address, its languages, and the words the
scripts show."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from engine import DEFAULT_LANGUAGE, LANGUAGES, other_languages, url_name

from .alternates import page_of


def site(request):
    return {
        # The default name is in the catalogue (it is the templates' fallback too); a name a
        # deployment sets has no translation and reads as it is set.
        "site_name": gettext(settings.SITE_NAME) if settings.SITE_NAME else "",
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + request.path,
    }


def languages(request):
    """The page's language, and the same page in the others: for <html lang>, the switcher, the
    hreflang links and Open Graph's locales (web/alternates.py finds the pages)."""
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


def ui_strings(request):
    """The words static/js/*.js shows, in the page's language. base.html puts them in a JSON
    block (json_script: data, never run, so the strict CSP stands); each script reads it and keeps
    its own English when the block is missing. {name} marks where the script puts a value."""
    return {
        "ui_strings": {
            # site.js
            "linkCopied": gettext("Link copied"),
            "linkNotCopied": gettext(
                "Your browser did not let us copy. Copy the address from the address bar."
            ),
            "tableScrolls": gettext("Table, scrolls sideways"),
            "textCopied": gettext("Text copied"),
            "textNotCopied": gettext(
                "Your browser did not let us copy. The text is selected: copy it with your "
                "keyboard."
            ),
            # glossary.js
            "close": gettext("Close"),
            "closeWhat": gettext("definition"),
            "moreAbout": gettext("More about {term}"),
            # questions.js
            "remove": gettext("Remove"),
            "questionRemoved": gettext("Question removed."),
            "typeFirst": gettext("Type a question first."),
            "added": gettext("Added to your list: {question}"),
            "listTitle": gettext("Questions for my care team"),
            "tickToPrint": gettext("Tick at least one question, or add your own, then print."),
            "tickToCopy": gettext("Tick at least one question, or add your own, then copy."),
            "copiedOne": gettext(
                "Copied 1 question. You can paste them into a message or your notes."
            ),
            "copiedMany": gettext(
                "Copied {count} questions. You can paste them into a message or your notes."
            ),
            "notCopied": gettext("Your browser did not let us copy. Use “Print my list” instead."),
            # search-export.js (the static export's search page)
            "searching": gettext("Searching…"),
            "searchNone": gettext("No results for “{query}”"),
            "searchOne": gettext("1 result for “{query}”"),
            "searchMany": gettext("{count} results for “{query}”"),
            "searchMore": gettext("Show more results"),
        }
    }
