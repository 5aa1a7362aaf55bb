"""Tools a patient prints and keeps: a card for the names and numbers of their CAR-T team, and a
log of temperature and symptoms for the first weeks after the drip.

Each is one sheet of A4 or US Letter. The advice on them (when to call the team, when to call
911) is never written here: it is the site's own care advice, the cards the content defines, so
it reads the same on paper as on every page.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _

from engine import get_library

LOG_DAYS = 14  # two weeks to a sheet: the first weeks are when side effects are most likely


def care_advice(library):
    """{"urgent": CareCard or None, "emergency": CareCard or None}: the first card of each level
    in the articles, in reading order (the advice the site gives wherever it gives it)."""
    cards = [
        card for article in library.articles.values() for s in article.sections for card in s.cards
    ]
    return {
        level: next((card for card in cards if card.level == level), None)
        for level in ("urgent", "emergency")
    }


def team_card(request):
    context = {
        "advice": care_advice(get_library(request.LANGUAGE_CODE)),
        "sheet_title": _("My CAR-T team: a card to fill in and keep"),
        "sheet_description": _(
            "A one-page card for the names and phone numbers of your CAR-T team, with what to do "
            "in an emergency. Print it, fill it in and keep it with you."
        ),
    }
    return render(request, "printables/team_card.html", context)


def temperature_log(request):
    context = {
        "advice": care_advice(get_library(request.LANGUAGE_CODE)),
        "days": range(1, LOG_DAYS + 1),
        "sheet_title": _("Temperature and symptoms log"),
        "sheet_description": _(
            "A one-page log to print for the first weeks after CAR-T: write down your temperature "
            "and any new symptoms each day, and take it to your checks."
        ),
    }
    return render(request, "printables/temperature_log.html", context)
