"""Sharing a page with a patient, the way clinics share: a link, a QR code, a one-page handout,
and a short plain-text block for an after-visit summary.

Everything comes from the page's address: no account, no stored state, no tracking parameter on
any link. The care advice on handouts and in the text block is the care file's (care_cards),
never a copy kept here.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext

from articles.handout import handout_cards, online_address
from engine import get_library

AVS_MAX_CHARACTERS = 600  # what an after-visit summary's free-text box takes without cutting


@dataclass(frozen=True)
class CareAdvice:
    """What to do when something goes wrong at home, as the care file says it (issue 18)."""

    cards: tuple = ()  # engine.carecards.CareCard: the handout's cards, emergency first

    @property
    def urgent(self):
        return next((card for card in self.cards if card.level == "urgent"), None)

    @property
    def emergency(self):
        return next((card for card in self.cards if card.level == "emergency"), None)

    @property
    def emergency_line(self):
        """The emergency card in one line of plain text (for the after-visit text)."""
        if self.emergency is None:
            return ""
        # The card's heading (its level in words and title) is left out: the advice is the text.
        body = re.sub(r"<h[1-6]\b.*?</h[1-6]>", " ", str(self.emergency.html), flags=re.S)
        text = " ".join(re.sub(r"<[^>]+>", " ", body).split())
        sentences = re.split(r"(?<=[.!?])\s+", text)
        return next((sentence for sentence in sentences if "911" in sentence), sentences[0])


def care_cards(language, pages=()):
    """The care file's handout cards in a language (when to call 911, when to call the team
    now), and any other card of the care file the pages show: articles.handout.handout_cards."""
    return CareAdvice(tuple(handout_cards(get_library(language), pages)))


def after_visit_text(title, address, review_date, language):
    """The plain text a clinician pastes into an after-visit summary: the page, the one-line
    emergency advice and the review date, at most AVS_MAX_CHARACTERS."""
    from django.utils.formats import date_format

    advice = care_cards(language).emergency_line
    reviewed = date_format(review_date, "DATE_FORMAT") if review_date else ""
    lines = [
        gettext("Read more: {title}").format(title=title),
        address,
        advice,
        gettext("Page reviewed {date}. It is not medical advice: ask your care team.").format(
            date=reviewed
        )
        if reviewed
        else gettext("It is not medical advice: ask your care team."),
    ]
    text = "\n".join(line for line in lines if line)
    if len(text) > AVS_MAX_CHARACTERS:  # a very long title gives way first; the advice never
        room = len(lines[0]) - (len(text) - AVS_MAX_CHARACTERS) - 1
        lines[0] = lines[0][: max(room, 0)].rstrip() + "…"
        text = "\n".join(line for line in lines if line)
    return text[:AVS_MAX_CHARACTERS]


def share_context(page, *, title, handout_url, qr_url, review_date, language):
    """What the share panel of a page shows: link, QR, handout, after-visit text."""
    address = online_address(page)
    return {
        "share_title": title,
        "share_url": address,
        "share_handout_url": handout_url,
        "share_qr_url": qr_url,
        "share_text": after_visit_text(title, address, review_date, language),
    }
