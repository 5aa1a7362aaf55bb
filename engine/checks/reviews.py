"""Reviews that are due, dates that contradict each other or lie in the future, and the
handout's choice of sections."""

import datetime

from ..errors import did_you_mean
from ..terms import TERM_REVIEW_MONTHS

FUTURE_SLACK = datetime.timedelta(days=1)  # an editor's "today" may be tomorrow in UTC


def check_handout_sections(document, library, today):
    article = document.page
    with_questions = [section.slug for section in article.sections if section.questions]
    for slug in article.handout_sections:
        if slug not in with_questions:
            yield document.error(
                document.lines.get("handout_sections", 1),
                f'handout_sections names "{slug}", which is not a section of this article with '
                f"questions, so the handout leaves it out{did_you_mean(slug, with_questions)}",
                "warning",
            )


def check_article_reviews(document, library, today):
    article = document.page
    if article.next_review < today:
        yield document.error(
            document.lines.get("next_review", 1),
            f"review overdue: it was due on {article.next_review:%Y-%m-%d}; check the article, "
            "then update last_reviewed and next_review",
            "warning",
        )
    if article.next_review < article.last_reviewed:
        yield document.error(
            document.lines.get("next_review", 1),
            f"next_review ({article.next_review:%Y-%m-%d}) is before last_reviewed "
            f"({article.last_reviewed:%Y-%m-%d})",
            "warning",
        )
    yield from _future_review(document, article.last_reviewed, today)


def check_section_review(document, library, today):
    yield from _future_review(document, document.page.last_reviewed, today)


def check_term_review(document, library, today):
    term = document.page
    if term.last_reviewed is None:
        return  # reviewed with the glossary, whose dates are the articles' (checked there)
    review = term.review(None)
    if review.next_review < today:
        yield document.error(
            document.lines.get("last_reviewed", 1),
            f"review overdue: it was due on {review.next_review:%Y-%m-%d}, "
            f"{TERM_REVIEW_MONTHS} months after last_reviewed; check the term, then update "
            "last_reviewed (or remove it: the term then shows the glossary's review dates)",
            "warning",
        )
    yield from _future_review(document, term.last_reviewed, today)


def _future_review(document, date, today):
    if date > today + FUTURE_SLACK:
        yield document.error(
            document.lines.get("last_reviewed", 1),
            f"last_reviewed ({date:%Y-%m-%d}) is in the future; write the date of the last review",
            "warning",
        )
