"""The table `make check --report` prints: each section's words, minutes, reading score, terms
and review dates."""

import datetime
from dataclasses import dataclass

from ..languages import SOURCE_LANGUAGE


@dataclass(frozen=True)
class SectionReport:
    name: str  # article-slug/section-slug (es/article-slug/section-slug in Spanish)
    words: int
    minutes: int
    grade: float  # the language's main reading score: the grade in English, INFLESZ in Spanish
    terms: int
    last_reviewed: datetime.date
    next_review: datetime.date
    scores: dict = None  # every reading score the language reports, by name


def section_reports(library):
    language = library.language
    prefix = "" if language == SOURCE_LANGUAGE else f"{language}/"
    rows = []
    for article in library.articles.values():
        for section in article.sections:
            # English keeps its column "Grade"; other languages name their scales.
            scores = {"Grade": section.reading_grade} if not prefix else section.reading_scores
            rows.append(
                SectionReport(
                    name=f"{prefix}{article.slug}/{section.slug}",
                    words=section.words,
                    minutes=section.reading_minutes,
                    grade=next(iter(scores.values())),
                    terms=len(section.terms),
                    last_reviewed=section.last_reviewed,
                    next_review=article.next_review,  # sections are reviewed with their article
                    scores=scores,
                )
            )
    return rows
