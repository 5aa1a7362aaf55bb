"""The checked document: one content file the site loaded, with what the site made of it.

Every check reads these, made from what the build kept (engine.library.BuildRecord): no file is
read or rendered again.
"""

import re
from dataclasses import dataclass

from ..errors import ContentError

SNIPPET_WORDS = 6


@dataclass
class Document:
    """One Markdown file the site loaded, with what the site made of it."""

    name: str
    kind: str  # "article", "section" or "term"
    text: str  # the whole file
    body: str
    body_line: int
    lines: dict  # front matter key -> line
    page: object  # the Article, Section or Term
    html: str  # as the site shows it
    prose: str  # the visible text, for reading level and sentences
    rendered: object  # the engine.rendering.Rendered it was built from
    libraries: dict = None  # language -> Library: where links to other pages are looked up

    def error(self, line, message, level="error"):
        return ContentError(self.name, line, message, level)

    def line_of(self, needle):
        """The line of the first occurrence of needle in the body (else where the body starts)."""
        for offset, line in enumerate(self.body.split("\n")):
            if needle in line:
                return self.body_line + offset
        return self.body_line

    def line_of_words(self, sentence, start=None):
        """The line where a sentence of visible text starts in the file, looking past Markdown."""
        words = sentence.split()
        first = start or self.body_line
        lines = self.text.split("\n")
        for size in (SNIPPET_WORDS, 3, 1):
            snippet = _plain(" ".join(words[:size]))
            if not snippet:
                break
            for number in range(first, len(lines) + 1):
                if snippet in _plain(lines[number - 1]):
                    return number
        return first


def _plain(text):
    text = re.sub(r"\]\([^)]*\)|\[@[^\]]*\]|\[\[!?|\|[a-z0-9-]*\]\]|\]\]", " ", text)
    text = re.sub(r"[*_`#>|\[\]\"“”]", " ", text)
    return " ".join(text.lower().split())


def documents_of(library, libraries=None):
    """A Document for every page the library built, from what the build kept: no file is read
    or rendered again."""
    pages = pages_by_source(library)
    for name, parsed in sorted(library.build.files.items()):
        if name not in pages:
            continue  # a section left out for a clash; the build has said why
        page, rendered = pages[name], library.build.renders[name]
        page_html = {"article": "intro_html"}.get(parsed.kind, "html")
        yield Document(
            name,
            parsed.kind,
            parsed.text,
            parsed.body,
            parsed.body_line,
            parsed.lines,
            page,
            getattr(page, page_html),
            rendered.text,
            rendered,
            libraries or {library.language: library},
        )


def pages_by_source(library):
    pages = {}
    for article in library.articles.values():
        pages[article.source_name] = article
        for section in article.sections:
            pages[section.source_name] = section
    for term in library.terms.values():
        pages[term.source_name] = term
    for condition in library.conditions.values():
        pages[condition.source_name] = condition
        if condition.clinicians is not None:
            pages[condition.clinicians.source_name] = condition.clinicians
    return pages
