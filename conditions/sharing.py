"""Sharing a page with a patient, the way clinics share: a link, a QR code, a one-page handout,
and a short plain-text block for an after-visit summary.

Everything comes from the page's address: no account, no stored state, no tracking parameter on
any link. The care advice on handouts and in the text block is the site's own (care_cards, read
from the content), never a copy kept here.
"""

import functools
import io
import re
from dataclasses import dataclass

import segno
from django.conf import settings
from django.utils.translation import gettext

from engine import get_library

AVS_MAX_CHARACTERS = 600  # what an after-visit summary's free-text box takes without cutting


def online_address(page):
    """The page's address on the public site: what the QR code, the handout and the text name."""
    return settings.SITE_URL + page.get_absolute_url()


@functools.lru_cache(maxsize=256)
def qr_svg(address):
    """A QR code for address, as SVG bytes: black modules on white, no inline style."""
    qr = segno.make(address, error="m")
    out = io.BytesIO()
    # omitsize: the SVG keeps its viewBox and scales to the size CSS gives the <img>.
    qr.save(out, kind="svg", xmldecl=False, omitsize=True, light="#fff", dark="#000", svgclass=None,
            lineclass=None, title=f"QR code for {address}")  # fmt: skip
    return out.getvalue()


@dataclass(frozen=True)
class CareAdvice:
    """What to do when something goes wrong at home, as the site's content says it."""

    urgent: object = None  # engine.carecards.CareCard
    emergency: object = None

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


def care_cards(language):
    """The urgent and the emergency card of the site's care advice, in a language.

    Until the one source of care advice lands (issue 18), the cards are the article's own: the
    first urgent and the first emergency card a reader meets.
    """
    library = get_library(language)
    cards = [
        card
        for article in library.articles.values()
        for section in article.sections
        for card in section.cards
    ]
    urgent = next((card for card in cards if card.level == "urgent"), None)
    emergency = next((card for card in cards if card.level == "emergency"), None)
    return CareAdvice(urgent, emergency)


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
