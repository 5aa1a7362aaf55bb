"""The kinds of content file, in one registry: which files are which, and the dataclass of each.

A kind's front matter (its keys, their types, which are required, their defaults) is read from its
dataclass, where each such field is declared once with engine.schema.front_matter(). So a new
field is one line in the dataclass plus its place in a template; a new kind of page is one entry
here, its dataclass, and its view.
"""

from dataclasses import dataclass
from functools import cached_property

from .documents import Article, Reference, Section
from .schema import fields_of
from .terms import Term

REFERENCES_FILE = "references.yaml"


@dataclass(frozen=True)
class Kind:
    name: str
    page: type  # the dataclass a file of this kind becomes
    pattern: str  # where its files live, for people reading this registry

    @cached_property
    def fields(self):
        return fields_of(self.page)


KINDS = {
    "article": Kind("article", Article, "articles/<slug>/article.md"),
    "section": Kind("section", Section, "articles/<slug>/<anything>.md"),
    "term": Kind("term", Term, "glossary/<slug>.md"),
    "references": Kind("references", Reference, REFERENCES_FILE),
}


def kind_of(name):
    """The kind of the file at name (relative to the content folder), or None if unused."""
    parts = name.split("/")
    if name == REFERENCES_FILE:
        return "references"
    if len(parts) == 3 and parts[0] == "articles" and parts[2].endswith(".md"):
        return "article" if parts[2] == "article.md" else "section"
    if len(parts) == 2 and parts[0] == "glossary" and parts[1].endswith(".md"):
        return "term"
    return None


def fields(kind):
    """{key: schema.Field} for a kind of file."""
    return KINDS[kind].fields
