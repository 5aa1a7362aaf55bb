"""The checker's look at care advice: safety first, then who checked it.

- every page that tells a reader to call the team urgently also tells them when to call 911;
- urgent and emergency advice is written once, in the care file, not on a page of its own;
- the care file: the names its handout list gives, an emergency card for the handouts, and
  the cards a translation leaves out;
- a page with care advice names the clinicians who reviewed it, or says plainly that none has
  yet ("clinical_review: pending"): a warning, never an error, so that no one is tempted to
  name a reviewer to make the check pass.

Unknown card names ("!!! care call-91") are found while rendering (engine/carecards.py) and
reported by the build, with the line of the include.
"""

import difflib

from ..care import CARE_FILE, PENDING
from ..errors import ContentError
from .reviews import review_dates

URGENT_ONLY = (
    "this page tells readers to call their team urgently, but not when to call 911: "
    'add "!!! care {emergency}" after the urgent advice'
)
WRITTEN_HERE = (  # for an urgent or an emergency card only
    "an {level} card written here can drift from the advice every other page gives: write it "
    f'once in {CARE_FILE} with a name, and show it here with "!!! care NAME"'
)
NO_CLINICIAN = (
    "this page gives care advice, but names no clinician who reviewed it: ask one to check it "
    'and name them under "clinical_reviewers", or write "clinical_review: pending" to say '
    "plainly that none has yet"
)


def check_care(library, english=None):
    """ContentErrors about the care advice of one built library. english: the English library,
    when this one is a translation (its care file's card names are compared with the English)."""
    problems = []
    pages = _pages(library)
    for name, (page, article) in sorted(pages.items()):
        parsed = library.build.files.get(name)
        rendered = library.build.renders.get(name)
        if parsed is None or rendered is None:
            continue
        problems.extend(_clinical_review_field(page, parsed))
        if rendered.cards:
            problems.extend(_check_cards(page, article, parsed, rendered.cards, library.care))
    care = library.care
    if care is not None:
        parsed = library.build.files.get(care.source_name)
        problems.extend(_check_care_file(care, parsed))
        if english is not None and english.care is not None and english is not library:
            problems.extend(_missing_cards(care, english.care, parsed))
    return problems


def _pages(library):
    """{file name: (page, the article it belongs to or None)} of every page that can show cards."""
    pages = {}
    for article in library.articles.values():
        pages[article.source_name] = (article, None)
        pages.update((section.source_name, (section, article)) for section in article.sections)
    pages.update((term.source_name, (term, None)) for term in library.terms.values())
    conditions = getattr(library, "conditions", {}).values()
    pages.update((condition.source_name, (condition, None)) for condition in conditions)
    if library.care is not None:
        pages[library.care.source_name] = (library.care, None)
    return pages


def _check_cards(page, article, parsed, cards, care):
    levels = {card.level for card in cards}
    if "urgent" in levels and "emergency" not in levels:
        first = next(card for card in cards if card.level == "urgent")
        message = URGENT_ONLY.format(emergency=_emergency_name(care))
        yield ContentError(parsed.name, _card_line(first, parsed), message)
    if parsed.kind != "care":
        for card in cards:
            if not card.name and card.level in {"urgent", "emergency"}:
                message = WRITTEN_HERE.format(level=card.level)
                yield ContentError(parsed.name, _card_line(card, parsed), message, "warning")
    if not _clinically_reviewed(page, article):
        line = parsed.lines.get("clinical_review", parsed.lines.get("title", 1))
        yield ContentError(parsed.name, line, NO_CLINICIAN, "warning")


def _card_line(card, parsed):
    """The line of a card's "!!!" in the page's file: "!!! care <name>" for a shared card (in
    the care file, "!!! <level> <name>"), "!!! <level>" for one written there."""
    if card.name:
        needles = (f"!!! care {card.name}", f"!!! {card.level} {card.name}")
    else:
        needles = (f"!!! {card.level}",)
    for offset, line in enumerate(parsed.body.split("\n")):
        if line.strip().startswith(needles):
            return parsed.body_line + offset
    return parsed.body_line


def _emergency_name(care):
    cards = care.cards.values() if care is not None else ()
    return next((card.name for card in cards if card.level == "emergency"), "NAME")


def _clinically_reviewed(page, article):
    """Whether the page (or the article it belongs to) names a clinical reviewer, or says plainly
    that clinical review is pending."""
    return any(
        owner.clinical_reviewers or owner.clinical_review == PENDING
        for owner in (page, article)
        if owner is not None
    )


def _clinical_review_field(page, parsed):
    """clinical_review says only "pending", and not beside the reviewers it says are missing."""
    line = parsed.lines.get("clinical_review", 1)
    if page.clinical_review and page.clinical_review != PENDING:
        yield ContentError(
            parsed.name,
            line,
            f'clinical_review can only say "{PENDING}"; name the clinicians who reviewed the '
            'page under "clinical_reviewers"',
        )
    elif page.clinical_review == PENDING and page.clinical_reviewers:
        yield ContentError(
            parsed.name,
            line,
            'clinical_review says "pending", but clinical_reviewers names who reviewed it: '
            "remove the clinical_review line",
            "warning",
        )


def _check_care_file(care, parsed):
    name = care.source_name
    lines = parsed.lines if parsed else {}
    for card_name in care.handout:
        if card_name not in care.cards:
            close = difflib.get_close_matches(card_name, list(care.cards), n=1, cutoff=0.6)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            yield ContentError(
                name,
                lines.get("handout", 1),
                f'handout names "{card_name}", which is not a card of this file{hint}',
            )
    if not any(card.level == "emergency" for card in care.handout_cards()):
        yield ContentError(
            name,
            lines.get("handout", lines.get("title", 1)),
            "the printed handouts carry no emergency card: name one under handout (or, without "
            "handout, write an emergency card in this file)",
        )


def _missing_cards(care, english_care, parsed):
    line = parsed.body_line if parsed else 1
    for card_name, card in english_care.cards.items():
        if card_name not in care.cards:
            yield ContentError(
                care.source_name,
                line,
                f'the English {CARE_FILE} has a card "{card_name}" ({card.level}) that this '
                f'translation does not: pages that show "!!! care {card_name}" here show no card',
            )


def check_care_review(document, library, today):
    """The care file's review dates, as an article's are checked (engine/checks/reviews.py)."""
    yield from review_dates(document, today, "the advice with a clinician")
