"""Values every template needs: the site's name and address, and the words the scripts show."""

from django.conf import settings
from django.utils.translation import gettext


def site(request):
    return {
        # The default name is in the catalogue (it is the templates' fallback too); a name a
        # deployment sets has no translation and reads as it is set.
        "site_name": gettext(settings.SITE_NAME) if settings.SITE_NAME else "",
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + request.path,
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
        }
    }
