"""What search can find: a Document for each article section, glossary term, the questions page,
the help page and each page about the site.

This is the one module of engine.search that asks the site for anything (engine.site: addresses
and the interface's words); the index, ranking and suggestions work on Documents alone.
"""

import functools
from dataclasses import dataclass

from .. import site
from ..languages import DEFAULT_LANGUAGE, fold
from .analysis import compact, name_key, stem_key
from .passages import Passage, passages_of, plain


@dataclass(frozen=True)
class Document:
    """One page a search can find: a section, a glossary term, or another page of the site."""

    kind: str  # "section", "term" or "page"
    url: str
    title: str
    # Where it lives, e.g. "Part 5 of …" or "Glossary", in the index's language.
    context: str
    summary: str = ""  # in_short for a section, the short definition for a term
    names: tuple = ()  # a term's aliases
    passages: tuple = ()  # engine.search.passages.Passage: each heading and the text under it
    order: int = 0
    language: str = DEFAULT_LANGUAGE
    # How much a match here counts: the questions page repeats every section's title and
    # questions, so it would otherwise come first for nearly any question a reader types.
    weight: float = 1.0

    @functools.cached_property
    def keys(self):
        """The page's names as a query would be compared with them: "car t" and "cart" (for
        "CAR-T"), so a reader who leaves out the space or hyphen still finds the name."""
        keys = {name_key(fold(name, self.language)) for name in (self.title, *self.names)}
        return (
            keys | {compact(key) for key in keys} | {stem_key(key, self.language) for key in keys}
        )


def page_document(page, language, **fields):
    """The Document of a rendered page (a section, a term, a condition, the help page): found at
    its own address, by its own text."""
    return Document(
        url=page.get_absolute_url(), passages=passages_of(page.html), language=language, **fields
    )


def section_documents(library, language):
    documents = []
    for article in library.articles.values():
        count = len(article.sections)
        for position, section in enumerate(article.sections, start=1):
            documents.append(
                page_document(
                    section,
                    language,
                    kind="section",
                    title=section.title,
                    context=site.gettext("Part {position} of {count} · {title}").format(
                        position=position, count=count, title=article.title
                    ),
                    summary=section.in_short,
                )
            )
    return documents


def term_documents(library, language):
    return [
        page_document(
            term,
            language,
            kind="term",
            title=term.term,
            context=site.gettext("Glossary"),
            summary=term.short,
            names=tuple(term.aliases),
        )
        for term in sorted(library.terms.values(), key=lambda term: term.term.lower())
    ]


def condition_documents(library, language):
    """A page per condition, found by its title and the other names charts and patients use
    ("SLE", "vasculitis")."""
    return [
        page_document(
            condition,
            language,
            kind="page",
            title=condition.title,
            context=site.gettext("CAR-T by condition"),
            summary=condition.summary,
            names=tuple(condition.names),
            # Found first by its names; a general question ("where can I get CAR-T") belongs
            # to the guide's own part about it, which a condition page only touches on.
            weight=0.85,
        )
        for condition in getattr(library, "conditions", {}).values()
    ]


def questions_document(library, language):
    """The questions page: each section's questions, under the section's name."""
    passages = tuple(
        Passage(f"questions-{section.slug}", section.title, plain(" ".join(section.questions)))
        for article in library.articles.values()
        for section in article.sections
        if section.questions
    )
    if not passages:
        return []
    url = site.reverse(language, "articles:questions")
    title = site.gettext("Questions for your care team")  # in the language (build_documents)
    return [Document("page", url, title, title, passages=passages, language=language, weight=0.6)]


def help_document(library, language):
    """The help page ("When to get help", engine/care.py): its summary names what a reader in
    trouble types (feeling sick, a fever, an emergency, calling at night)."""
    care = library.care
    if care is None:
        return []
    return [
        page_document(
            care, language, kind="page", title=care.title, context=care.title, summary=care.summary
        )
    ]


def build_documents(library, language=DEFAULT_LANGUAGE, pages=None):
    """Every Document of a library, in the language's words; pages: a function(library,
    language) that gives the Documents of the pages about the site (they live in templates)."""
    with site.in_language(language):
        documents = [
            *section_documents(library, language),
            *term_documents(library, language),
            *condition_documents(library, language),
            *questions_document(library, language),
            *help_document(library, language),
            *(pages(library, language) if pages else ()),
        ]
    return [
        Document(**{**vars(document), "order": order}) for order, document in enumerate(documents)
    ]
