"""The library: every page of one language's content, as readers and the checker see it.

A Library is what a build (engine.build) makes of the content files: the articles, glossary
terms and references of one language, the problems found on the way (named by file and line),
and, in `build`, what the next build reuses. It answers lookups by slug and by key; a missing
page is None, and the site's views turn that into their 404.

Each language is a library of its own, built from its own files: English from the top of the
content folder, a translation from its folder (content/es/...), with references.yaml shared.
Every page knows its language and its key, the path of the English file it is or translates,
and library.by_key finds a page by key: so the same page in another language is
other_library.by_key.get(page.key).
"""

from dataclasses import dataclass, field

from .codes import CodeMap
from .languages import SOURCE_LANGUAGE


@dataclass
class BuildRecord:
    """What one build used and made, kept for the checker and for the next build."""

    rendered: set = field(default_factory=set)  # names of the files rendered by this build
    files: dict = field(default_factory=dict)  # name -> ParsedFile each page was built from
    renders: dict = field(default_factory=dict)  # name -> engine.rendering.Rendered
    # For the next build: name -> (sha256 of its bytes, ParsedFile or None, its problems);
    # the bytes of each file's last good version; render key -> Rendered.
    parsed: dict = field(default_factory=dict, repr=False)
    last_good: dict = field(default_factory=dict, repr=False)
    by_render_key: dict = field(default_factory=dict, repr=False)
    key_of_input: dict = field(default_factory=dict, repr=False)
    failures: dict = field(default_factory=dict, repr=False)  # (render key, budget) -> Failure
    glossary: object = field(default=None, repr=False)
    pending: set = field(default_factory=set)  # files still rendering when it was built

    def reusable(self):
        """What a build in another process may start from: only what is the same whatever any
        process has seen since (parses by their bytes' digest, renders by their key, keys by
        their inputs, the glossary). Not the last good versions, the failures or the renders
        each file showed: another process may have seen newer ones, which the shared render
        cache has."""
        return BuildRecord(
            parsed=self.parsed,
            by_render_key=self.by_render_key,
            key_of_input=self.key_of_input,
            glossary=self.glossary,
        )


@dataclass
class Library:
    articles: dict  # slug -> Article
    terms: dict  # slug -> Term
    references: dict  # key -> Reference
    problems: list  # ContentError, errors and warnings, in file order
    synonyms: list = field(default_factory=list)  # engine.search.synonyms.SynonymGroup, for search
    style: list = field(default_factory=list)  # engine.house_style.StyleRule, for the checker
    term_uses: dict = field(default_factory=dict)  # term slug -> [engine.terms.Appearance]
    language: str = SOURCE_LANGUAGE
    # key (the path of the English file) -> the Article, Section or Term it is in this language
    by_key: dict = field(default_factory=dict)
    care: object = None  # engine.care.CareAdvice: the help page and the named care cards
    build: BuildRecord = field(default_factory=BuildRecord, repr=False)
    conditions: dict = field(default_factory=dict)  # slug -> engine.conditions.Condition
    codes: CodeMap = field(default_factory=CodeMap)  # diagnosis code -> page (engine.codes)

    @property
    def errors(self):
        return [problem for problem in self.problems if problem.level == "error"]

    def article(self, slug):
        return self.articles.get(slug)

    def section(self, article_slug, section_slug):
        article = self.articles.get(article_slug)
        return article.section(section_slug) if article else None

    def term(self, slug):
        return self.terms.get(slug)

    def condition(self, slug):
        return self.conditions.get(slug)

    def terms_named(self, slugs):
        """The terms these slugs name, once each, in order; slugs naming no term are skipped."""
        return [self.terms[slug] for slug in dict.fromkeys(slugs) if slug in self.terms]


def empty_library(language=SOURCE_LANGUAGE):
    return Library({}, {}, {}, [], language=language)
