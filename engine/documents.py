"""The content the site shows, as plain dataclasses built once when files are loaded.

A field an editor writes in front matter is declared with front_matter(kind, default): that one
line is the whole schema of the field (engine.kinds reads it), its default included.
"""

import dataclasses
import datetime
import math
from dataclasses import dataclass, field

from . import site
from . import timeline as timelines
from .readability import WORD, reading_grade, reading_scores
from .schema import front_matter

WORDS_PER_MINUTE = 200  # a relaxed reading pace; patients may read slowly


@dataclass(frozen=True, kw_only=True)
class Reference:
    key: str = front_matter("text")
    title: str = front_matter("text")
    authors: str = front_matter("text", "")
    journal: str = front_matter("text", "")
    year: int | None = front_matter("int", None)
    doi: str = front_matter("text", "")
    pmid: str = front_matter("text", "")
    url: str = front_matter("text", "")
    note: str = front_matter("text", "")
    # The note in each translation, written beside the English one: `note_es:` (see in_language).
    note_es: str = front_matter("text", "")
    # A title this site wrote itself (a short description of a record or a news report) may be
    # written in each translation too: `title_es:`. A source's own title stays as it is.
    title_es: str = front_matter("text", "")
    title_language: str = "en"  # the language the title shown is in (templates mark it lang=)
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
            links.append((site.gettext("Web page"), self.url))  # in the language of the page
        return links

    def in_language(self, language):
        """This source as the pages of a language show it: with the note written for that
        language, or none until one is (a note is never shown in another language), and the
        title written for it if there is one (else the English title, marked as English)."""
        if language == "en":
            return self
        title = getattr(self, f"title_{language}", "")
        return dataclasses.replace(
            self,
            note=getattr(self, f"note_{language}", ""),
            title=title or self.title,
            title_language=language if title else self.title_language,
        )

    @property
    def year_shown(self):
        """The year to print after the journal, unless the journal line already ends with it
        ("FDA news release, 27 June 2025"): a source's date is printed once."""
        if self.year is None or self.journal.rstrip(" .").endswith(str(self.year)):
            return None
        return self.year


@dataclass(frozen=True)
class Review:
    """What the foot of a page says about its review: when, when next, and by whom."""

    last_reviewed: datetime.date
    next_review: datetime.date
    reviewed_by: tuple = ()  # ({"name", "role"}, ...), only as the content files say
    # The clinicians who checked it, as above; none: the page says no clinician has reviewed it.
    clinical_reviewers: tuple = ()


def reviewers(*lists):
    """The people in these reviewed_by lists, once each, in order."""
    seen = {}
    for people in lists:
        for person in people:
            seen.setdefault((person["name"], person["role"]), person)
    return tuple(seen.values())


class Readable:
    """What a rendered page says about its own text (its `text` in its `language`): Section,
    Condition, ClinicianSummary, the care file."""

    @property
    def words(self):
        return len(WORD.findall(self.text))

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))

    @property
    def reading_grade(self):
        """The Flesch-Kincaid grade: English text only (see reading_scores)."""
        return reading_grade(self.text)

    @property
    def reading_scores(self):
        """The scores of the page's language by name, its main one first: the Flesch-Kincaid
        grade in English, INFLESZ and Fernández-Huerta in Spanish."""
        return reading_scores(self.text, self.language)


@dataclass(kw_only=True)
class Reviewers:
    """Who checked a page, as its editor wrote it: the same three fields on every kind that names
    its reviewers (Section, Article, Condition, the care file)."""

    # Who checked it, as [{"name", "role"}]: only ever what an editor wrote, never made up.
    reviewed_by: list = front_matter("people", [])
    # The clinicians among them, who checked the medical content (names only from the file).
    clinical_reviewers: list = front_matter("people", [])
    # "pending": no clinician has reviewed it yet, and the editors know (engine/checks/care.py).
    clinical_review: str = front_matter("text", "")


class Reviewed(Reviewers):
    """A page with review dates of its own (last_reviewed and next_review, declared by each kind
    in its own place), and the Review its foot shows. Not Section: a section is reviewed with its
    article (Article.review_of)."""

    @property
    def review(self):
        return Review(
            self.last_reviewed,
            self.next_review,
            reviewers(self.reviewed_by),
            reviewers(self.clinical_reviewers),
        )


@dataclass
class SectionGroup:
    name: str  # its heading, or "" for parts before the first heading
    start: int  # the number of its first part in the article, for <ol start>
    sections: list


@dataclass(kw_only=True)
class Section(Readable, Reviewers):
    article_slug: str
    title: str = front_matter("text")
    slug: str = front_matter("text")
    order: int = front_matter("int")
    in_short: str = front_matter("text")
    last_reviewed: datetime.date = front_matter("date")
    questions: list = front_matter("list", [])
    diagram: str = front_matter("text", "")
    # On the first part of each group of parts: the group's heading ("Learn about CAR-T"), so the
    # list of parts is read in short labelled lists (as a timeline's phase; Article.section_groups).
    group: str = front_matter("text", "")
    # On pages about evidence: what experts know, and what they do not know yet, one sentence
    # each, shown with "In short" (CDC Clear Communication Index item 11).
    what_we_know: str = front_matter("text", "")
    not_known_yet: str = front_matter("text", "")
    draft: bool = front_matter("bool", False)
    html: str  # sanitised: engine.sanitize.Html, safe for templates
    text: str  # the prose as plain text, for reading level, search and word counts
    toc: list  # [{"id", "name", "level", "children"}] from the Markdown table of contents
    sources: list  # Reference objects in the order the section first cites them
    terms: list  # glossary term slugs linked in this section, in order of appearance
    term_anchors: dict = field(default_factory=dict)  # term slug -> id of the h2/h3 above its link
    source_name: str = ""
    cards: list = field(default_factory=list)  # engine.carecards.CareCard, in reading order
    language: str = "en"
    key: str = ""  # the path of the English file it is or translates, e.g. "articles/x/01-y.md"
    source_hash: str = ""  # a translation: which version of the English file it translates

    def get_absolute_url(self):
        return site.reverse(self.language, "articles:section", self.article_slug, self.slug)

    def source_anchor(self, number):
        return f"{self.slug}-source-{number}"


@dataclass(kw_only=True)
class Article(Reviewed):
    slug: str  # the folder's name
    title: str = front_matter("text")
    summary: str = front_matter("text")
    key_points: list = front_matter("list")
    published: datetime.date = front_matter("date")
    last_reviewed: datetime.date = front_matter("date")
    next_review: datetime.date = front_matter("date")
    tags: list = front_matter("list", [])
    audience: str = front_matter("text", "")
    steps: list = front_matter("steps", [])
    # The one thing a reader should take away, and what they can do about it: the box at the top
    # of the home page, the overview and the handout (templates/_partials/main_message.html).
    main_message: str = front_matter("text", "")
    main_action: str = front_matter("text", "")
    # The journey from screening to the months after, shown by sections with diagram: timeline
    # and on the handout ({"phase"?, "when", "name", "text", "watch", "link"}; engine.timeline).
    timeline: list = front_matter("timeline", [])
    main_risks: list = front_matter("list", [])
    conditions: list = front_matter("list", [])  # the diseases the article is about
    # Its clinical_reviewers (Reviewers) also review each section that names none of its own.
    # Slugs of the sections whose first question the handout prints, in that order.
    handout_sections: list = front_matter("list", [])
    draft: bool = front_matter("bool", False)
    intro_html: str
    sections: list  # Section objects, in reading order
    source_name: str = ""
    language: str = "en"
    key: str = ""  # as on Section: "articles/<English folder>/article.md"
    source_hash: str = ""

    def get_absolute_url(self):
        return site.reverse(self.language, "articles:article", self.slug)

    def get_full_url(self):
        return site.reverse(self.language, "articles:full", self.slug)

    def get_handout_url(self):
        return site.reverse(self.language, "articles:handout", self.slug)

    def get_handout_qr_url(self):
        return site.reverse(self.language, "articles:handout_qr", self.slug)

    @property
    def reading_minutes(self):
        return sum(section.reading_minutes for section in self.sections)

    @property
    def timeline_phases(self):
        return timelines.phases(self.timeline)

    @property
    def section_groups(self):
        """The parts in their groups, in order: [SectionGroup]. A group begins at each part with
        a group heading; parts before the first heading form a group with no heading."""
        groups = []
        for number, section in enumerate(self.sections, start=1):
            if section.group or not groups:
                groups.append(SectionGroup(section.group, number, []))
            groups[-1].sections.append(section)
        return groups

    @property
    def questions(self):
        return [question for section in self.sections for question in section.questions]

    def review_of(self, section):
        # A section is reviewed with its article, so its next review is the article's; a
        # clinician who reviewed the whole article reviewed the section too.
        return Review(
            section.last_reviewed,
            self.next_review,
            reviewers(section.reviewed_by),
            reviewers(section.clinical_reviewers or self.clinical_reviewers),
        )

    @property
    def whole_review(self):
        """The review of the whole article on one page: as old as its oldest part. Its clinical
        reviewers are those who reviewed every part (the article's own, then each section's)."""
        oldest = min([self.last_reviewed, *(section.last_reviewed for section in self.sections)])
        people = reviewers(self.reviewed_by, *(section.reviewed_by for section in self.sections))
        clinicians = reviewers(self.clinical_reviewers)
        if not clinicians and self.sections:
            each = [reviewers(section.clinical_reviewers) for section in self.sections]
            clinicians = tuple(p for p in each[0] if all(p in other for other in each[1:]))
        return Review(oldest, self.next_review, people, clinicians)

    def section(self, slug):
        return next((section for section in self.sections if section.slug == slug), None)

    def neighbours(self, section):
        """The sections before and after this one (None at either end)."""
        index = self.sections.index(section)
        before = self.sections[index - 1] if index > 0 else None
        after = self.sections[index + 1] if index + 1 < len(self.sections) else None
        return before, after
