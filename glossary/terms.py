"""Glossary terms: one Markdown file per term in content/glossary/."""

from dataclasses import dataclass, field

from django.urls import reverse


@dataclass
class Term:
    slug: str
    term: str
    short: str  # the popup definition, at most 35 words
    html: str  # the longer explanation, sanitised
    aliases: list = field(default_factory=list)
    related: list = field(default_factory=list)  # slugs of other terms
    pronunciation: str = ""
    draft: bool = False
    source_name: str = ""
    sources: list = field(default_factory=list)  # Reference objects the explanation cites

    @property
    def names(self):
        """Every way the text may name this term: the term itself and its aliases."""
        return [self.term, *self.aliases]

    @property
    def letter(self):
        first = self.term[:1].upper()
        return first if first.isalpha() else "#"

    def get_absolute_url(self):
        return reverse("glossary:term", args=[self.slug])
