"""When to get help: the care file's advice on one page, one tap from every page of the site.

The page is content/care-advice.md (content/es/care-advice.md in Spanish), rendered once when
the content loads like any section (engine/care.py): its cards are the same cards every other
page and the handouts show.
"""

from django.http import Http404
from django.shortcuts import render

from engine import get_library


def help_page(request):
    care = get_library(request.LANGUAGE_CODE).care
    if care is None:
        raise Http404("This site has no care advice")
    context = {"care": care, "section": care, "review": care.review}
    return render(request, "care/help.html", context)
