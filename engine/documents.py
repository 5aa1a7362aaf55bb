"""The content the site shows, as plain dataclasses built once when files are loaded."""

import datetime
import math
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext

from .readability import WORD, reading_grade

WORDS_PER_MINUTE = 200  # a relaxed reading pace; patients may read slowly


@dataclass(frozen=True)
class Reference:
    key: str
    title: str
    authors: str = ""
    journal: str = ""
    year: int | None = None
    doi: str = ""
    pmid: str = ""
    url: str = ""
    note: str = ""
    source_name: str = ""
    line: int = 0

    @property
    def links(self):
        """(label, address) pairs a reader can follow to the source."""
        links = []
        if self.doi:
            links.append(("DOI", f"https://doi.org/{self.doi}"))
        if self.pmid:
            links.append(("PubMed", f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"))
        if self.url:
            links.append((gettext("Web page"), self.url))  # in the language of the page
        return links


@dataclass(frozen=True)
class Review:
    """What the foot of a page says about its review: when, when next, and by whom."""

    last_reviewed: datetime.date
    next_review: datetime.date
    reviewed_by: tuple = ()  # ({"name", "role"}, ...), only as the content files say


def reviewers(*lists):
    """The people in these reviewed_by lists, once each, in order."""
    seen = {}
    for people in lists:
        for person in people:
            seen.setdefault((person["name"], person["role"]), person)
    return tuple(seen.values())


@dataclass
class Section:
    article_slug: str
    slug: str
    title: str
    order: int
    in_short: str
    last_reviewed: datetime.date
    html: str  # sanitised, a SafeString
    text: str  # the prose as plain text, for reading level, search and word counts
    toc: list  # [{"id", "name", "level", "children"}] from the Markdown table of contents
    sources: list  # Reference objects in the order the section first cites them
    terms: list  # glossary term slugs linked in this section, in order of appearance
    term_anchors: dict = field(default_factory=dict)  # term slug -> id of the h2/h3 above its link
    questions: list = field(default_factory=list)
    diagram: str = ""
    reviewed_by: list = field(default_factory=list)  # [{"name", "role"}], only as the file says
    draft: bool = False
    source_name: str = ""
    cards: list = field(default_factory=list)  # engine.carecards.CareCard, in reading order

    @property
    def words(self):
        return len(WORD.findall(self.text))

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))

    @property
    def reading_grade(self):
        return reading_grade(self.text)

    def get_absolute_url(self):
        return reverse("articles:section", args=[self.article_slug, self.slug])

    def source_anchor(self, number):
        return f"{self.slug}-source-{number}"


@dataclass
class Article:
    slug: str
    title: str
    summary: str
    key_points: list
    published: datetime.date
    last_reviewed: datetime.date
    next_review: datetime.date
    intro_html: str
    sections: list  # Section objects, in reading order
    tags: list = field(default_factory=list)
    audience: str = ""
    steps: list = field(default_factory=list)
    main_risks: list = field(default_factory=list)
    conditions: list = field(default_factory=list)  # the diseases the article is about
    reviewed_by: list = field(default_factory=list)  # [{"name", "role"}], only as the file says
    handout_sections: list = field(default_factory=list)  # slugs whose questions the handout prints
    draft: bool = False
    source_name: str = ""

    def get_absolute_url(self):
        return reverse("articles:article", args=[self.slug])

    def get_full_url(self):
        return reverse("articles:full", args=[self.slug])

    @property
    def reading_minutes(self):
        return sum(section.reading_minutes for section in self.sections)

    @property
    def questions(self):
        return [question for section in self.sections for question in section.questions]

    @property
    def review(self):
        return Review(self.last_reviewed, self.next_review, reviewers(self.reviewed_by))

    def review_of(self, section):
        # A section is reviewed with its article, so its next review is the article's.
        return Review(section.last_reviewed, self.next_review, reviewers(section.reviewed_by))

    @property
    def whole_review(self):
        """The review of the whole article on one page: as old as its oldest part."""
        oldest = min([self.last_reviewed, *(section.last_reviewed for section in self.sections)])
        people = reviewers(self.reviewed_by, *(section.reviewed_by for section in self.sections))
        return Review(oldest, self.next_review, people)

    def section(self, slug):
        return next((section for section in self.sections if section.slug == slug), None)

    def neighbours(self, section):
        """The sections before and after this one (None at either end)."""
        index = self.sections.index(section)
        before = self.sections[index - 1] if index > 0 else None
        after = self.sections[index + 1] if index + 1 < len(self.sections) else None
        return before, after
