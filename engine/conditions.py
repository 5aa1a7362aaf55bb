"""Condition pages: one page per disease for patients, and a summary for clinicians beside it.

A condition is a folder content/conditions/<slug>/ with condition.md (the patient page, in every
language: content/es/conditions/<slug>/condition.md translates it and writes its own slug) and
clinicians.md (the health-professional summary, as NCI's PDQ keeps one beside each patient page;
in English only). The summary has no review dates of its own: it is reviewed with its condition,
and shows the condition's dates. Both are rendered like sections (citations, care cards; glossary
links on the patient page only).
"""

import datetime
from dataclasses import dataclass, field

from . import site
from .documents import Readable, Reviewed
from .errors import ContentError
from .schema import front_matter


@dataclass(kw_only=True)
class ClinicianSummary(Readable):
    slug: str  # its condition's (English) slug
    title: str = front_matter("text")
    summary: str = front_matter("text")  # one or two sentences: what the evidence amounts to
    draft: bool = front_matter("bool", False)
    html: str = ""
    text: str = ""
    toc: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    cards: list = field(default_factory=list)
    source_name: str = ""
    language: str = "en"
    key: str = ""
    source_hash: str = ""
    condition: object = field(default=None, repr=False)  # the Condition it summarises

    @property
    def review(self):
        return self.condition.review

    def get_absolute_url(self):
        return site.reverse(self.language, "conditions:clinicians", self.slug)


@dataclass(kw_only=True)
class Condition(Readable, Reviewed):
    slug: str  # the folder's name (a translation writes its own)
    title: str = front_matter("text")
    summary: str = front_matter("text")  # one sentence: lists, the Infobutton, the handout
    # Other names a patient or a chart uses ("SLE", "lupus nephritis"): the list shows them, and
    # search finds the page by them.
    names: list = front_matter("list", [])
    order: int = front_matter("int", 100)  # place in the list of conditions
    # The one thing to take away and what to do about it: the box under the title, as on the
    # article's overview (templates/_partials/main_message.html).
    main_message: str = front_matter("text", "")
    main_action: str = front_matter("text", "")
    key_points: list = front_matter("list", [])  # the handout's few lines
    questions: list = front_matter("list", [])  # for the handout and the questions page
    last_reviewed: datetime.date = front_matter("date")
    next_review: datetime.date = front_matter("date")
    draft: bool = front_matter("bool", False)
    html: str = ""
    text: str = ""
    toc: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    terms: list = field(default_factory=list)
    term_anchors: dict = field(default_factory=dict)
    cards: list = field(default_factory=list)
    source_name: str = ""
    language: str = "en"
    key: str = ""
    source_hash: str = ""
    clinicians: ClinicianSummary | None = None  # in English; None in another language

    def get_absolute_url(self):
        return site.reverse(self.language, "conditions:condition", self.slug)

    def get_handout_url(self):
        return site.reverse(self.language, "conditions:handout", self.slug)

    def get_qr_url(self):
        return site.reverse(self.language, "conditions:qr", self.slug)


def build_conditions(items, references, terms, problems, renders, report):
    """{slug: Condition}, each with its ClinicianSummary when there is one. items: the parsed
    condition.md and clinicians.md files that rendered; terms: {English file name: Term};
    report(item, rendered): the library's checks of one rendered file."""
    term_slugs = {stem: term.slug for stem, term in terms.items()}
    summaries = {}
    for item in items:
        if item.kind == "clinicians":
            rendered = renders[item.name]
            report(item, rendered)
            summaries[item.folder] = ClinicianSummary(
                slug=item.folder,
                **item.meta,
                html=rendered.html,
                text=rendered.text,
                toc=rendered.toc,
                sources=_sources(rendered, references),
                cards=rendered.cards,
                source_name=item.name,
                language=item.language,
                key=item.key,
            )
    conditions = {}
    for item in sorted((i for i in items if i.kind == "condition"), key=lambda i: i.name):
        slug = item.slug
        if slug in conditions:
            other = conditions[slug].source_name
            message = f'the slug "{slug}" is already used by {other}; this condition is left out'
            problems.append(ContentError(item.name, item.lines.get("slug", 1), message))
            continue
        rendered = renders[item.name]
        report(item, rendered)
        condition = Condition(
            slug=slug,
            **{key: value for key, value in item.meta.items() if key != "slug"},
            html=rendered.html,
            text=rendered.text,
            toc=rendered.toc,
            sources=_sources(rendered, references),
            terms=[term_slugs.get(stem, stem) for stem in rendered.terms],
            term_anchors={term_slugs.get(s, s): a for s, a in rendered.term_anchors.items()},
            cards=rendered.cards,
            source_name=item.name,
            language=item.language,
            key=item.key,
            clinicians=summaries.pop(item.folder, None),
        )
        if condition.clinicians is not None:
            condition.clinicians.condition = condition
        conditions[slug] = condition
    for folder, summary in summaries.items():
        message = (
            f"there is no conditions/{folder}/condition.md for this summary to go with; a "
            "clinicians' summary sits beside its condition's page"
        )
        problems.append(ContentError(summary.source_name, 1, message))
    return dict(sorted(conditions.items(), key=lambda pair: (pair[1].order, pair[1].title)))


def _sources(rendered, references):
    return [references[key] for key in rendered.cited if key in references]
