"""The one-page printed handout of an article, and the QR code of every handout and share panel
(conditions.sharing uses these too).

The QR code is made here, on the server, as a small SVG with segno. It is served from its own
address and shown with <img>, so the page needs no inline markup marked safe and the strict
Content Security Policy (img-src 'self') allows it.
"""

import functools
import io

import segno
from django.conf import settings

from engine import LANGUAGES

TIMELINE_ROOM = 1  # questions left out for the journey step by step, when the article has one


def online_address(page):
    """The page's address on the public site: what the QR code, the handout and the text name."""
    return settings.SITE_URL + page.get_absolute_url()


def handout_questions(article, cards=True):
    """A few questions to ask: the first question of each section the article's
    handout_sections names, in that order, or else of each section in reading order. cards:
    whether the handout carries care cards, which take the room of a few questions."""
    sections = article.sections
    if article.handout_sections:
        sections = [article.section(slug) for slug in article.handout_sections]
    firsts = [section.questions[0] for section in sections if section and section.questions]
    return firsts[: handout_question_limit(article, cards)]


def handout_question_limit(article, cards=True):
    # What to do when something goes wrong at home matters more on paper than a few questions.
    language = LANGUAGES[article.language]
    room = language.handout_questions_beside_cards if cards else language.handout_questions
    return max(0, room - (TIMELINE_ROOM if article.timeline else 0))


def handout_steps(article, cards=True):
    """The steps of treatment, when the sheet has room for them: not beside the care cards,
    which need the space more (the QR code leads to the steps online)."""
    return [] if cards else article.steps


def handout_cards(library, pages=()):
    """The care cards a printed handout carries, the same on every handout of a language: the
    care file's handout cards (when to call 911, when to call the team now: care-advice.md,
    `handout:`), then any other card of the care file the pages show, each once (a handout of
    one section or condition page passes it, so its own shared advice is on paper too).

    Each is an engine.carecards.CareCard whose html is the card on its own: an h2 heading, no
    source numbers, glossary words as plain text. Without a care file, there are none."""
    care = library.care
    if care is None:
        return []
    cards = list(care.handout_cards())
    names = {card.name for card in cards}
    for page in pages:
        for card in getattr(page, "cards", []):
            if card.name in care.rendered_cards and card.name not in names:
                names.add(card.name)
                cards.append(care.rendered_cards[card.name])
    return cards


@functools.lru_cache(maxsize=256)  # every page with a handout, in each language
def qr_svg(address):
    """A QR code for address, as SVG bytes: black modules on white, no inline style."""
    qr = segno.make(address, error="m")
    out = io.BytesIO()
    # omitsize: the SVG keeps its viewBox and scales to the size CSS gives the <img>.
    qr.save(out, kind="svg", xmldecl=False, omitsize=True, light="#fff", dark="#000", svgclass=None,
            lineclass=None, title=f"QR code for {address}")  # fmt: skip
    return out.getvalue()
