"""The one-page printed handout of an article, and its QR code.

The QR code is made here, on the server, as a small SVG with segno. It is served from its own
address and shown with <img>, so the page needs no inline markup marked safe and the strict
Content Security Policy (img-src 'self') allows it.
"""

import functools
import io

import segno
from django.conf import settings

from engine import LANGUAGES

CARD_ROOM = 4  # questions left out to make room for the urgent care card, when there is one
TIMELINE_ROOM = 1  # and for the journey step by step, when the article has a timeline


def online_address(article):
    """The article's address on the public site, which the QR code and the printout name."""
    return settings.SITE_URL + article.get_absolute_url()


def handout_questions(article):
    """A few questions to ask: the first question of each section the article's
    handout_sections names, in that order, or else of each section in reading order."""
    sections = article.sections
    if article.handout_sections:
        sections = [article.section(slug) for slug in article.handout_sections]
    firsts = [section.questions[0] for section in sections if section and section.questions]
    return firsts[: handout_question_limit(article)]


def handout_question_limit(article):
    # What to do when something goes wrong at home matters more on paper than a few questions.
    room = LANGUAGES[article.language].handout_questions
    room -= TIMELINE_ROOM if article.timeline else 0
    return max(0, room - (CARD_ROOM if handout_card(article) else 0))


def handout_card(article):
    """The article's first urgent care card: what to do at home when something goes wrong is what
    a patient needs most on paper. One card only, so the handout stays on one sheet."""
    cards = (card for section in article.sections for card in section.cards)
    return next((card for card in cards if card.level == "urgent"), None)


@functools.lru_cache(maxsize=64)
def qr_svg(address):
    """A QR code for address, as SVG bytes: black modules on white, no inline style."""
    qr = segno.make(address, error="m")
    out = io.BytesIO()
    # omitsize: the SVG keeps its viewBox and scales to the size CSS gives the <img>.
    qr.save(out, kind="svg", xmldecl=False, omitsize=True, light="#fff", dark="#000", svgclass=None,
            lineclass=None, title=f"QR code for {address}")  # fmt: skip
    return out.getvalue()
