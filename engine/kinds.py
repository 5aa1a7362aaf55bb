"""The kinds of content file, in one registry: which files are which, and the dataclass of each.

A kind's front matter (its keys, their types, which are required, their defaults) is read from its
dataclass, where each such field is declared once with engine.schema.front_matter(). So a new
field is one line in the dataclass plus its place in a template; a new kind of page is one entry
here, its dataclass, and its view.
"""

from dataclasses import dataclass
from functools import cached_property

from .codes import CodeRule
from .conditions import ClinicianSummary, Condition
from .documents import Article, Reference, Section
from .house_style import StyleRule
from .languages import SOURCE_LANGUAGE, TRANSLATIONS
from .schema import Field, fields_of
from .search.synonyms import SynonymGroup
from .terms import Term

REFERENCES_FILE = "references.yaml"
# Each language's own list of search synonyms (engine.search.synonyms), not a translation.
SYNONYMS_FILE = "search-synonyms.yaml"
# Each language's own house style: words to avoid and what to write instead (engine.house_style).
STYLE_FILE = "style.yaml"
# Which condition page (or section) answers a diagnosis code: shared by every language, like
# references.yaml (engine.codes).
CODES_FILE = "diagnosis-codes.yaml"
SHARED_FILES = {REFERENCES_FILE, CODES_FILE}  # one file, built into every language
# Files no translation pairs with English.
UNPAIRED_FILES = {REFERENCES_FILE, SYNONYMS_FILE, STYLE_FILE, CODES_FILE}
# Each translation (engine.languages.TRANSLATIONS) is a mirrored tree in its own folder,
# content/<code>/, paired with the English file at the same path (its key). references.yaml is
# shared: a translation has none of its own.
# What a translated file says besides its kind's fields: the hash of the English file it
# translates (engine.translations), and, for an article or a term, the slug of its own address
# (an English one takes the name of its folder or file).
TRANSLATION_FIELDS = {"source_hash": Field("text", required=False)}
OWN_SLUG = {"slug": Field("text")}


@dataclass(frozen=True)
class Kind:
    name: str
    page: type  # the dataclass a file of this kind becomes
    pattern: str  # where its files live, for people reading this registry
    # Glossary terms are linked in its body (a page patients read on its own).
    links_terms: bool = False
    # A translation has its own copy (paired by path); False: one file, in English only (the
    # clinicians' summaries, written for US clinicians, as NCI's health-professional PDQ).
    translated: bool = True

    @cached_property
    def fields(self):
        return fields_of(self.page)


KINDS = {
    "article": Kind("article", Article, "articles/<slug>/article.md"),
    "section": Kind("section", Section, "articles/<slug>/<anything>.md", links_terms=True),
    "term": Kind("term", Term, "glossary/<slug>.md"),
    "references": Kind("references", Reference, REFERENCES_FILE, translated=False),
    "synonyms": Kind("synonyms", SynonymGroup, f"{SYNONYMS_FILE} in each language's folder"),
    "style": Kind("style", StyleRule, f"{STYLE_FILE} in each language's folder"),
    # A page per disease for patients (engine.conditions), and the clinicians' summary beside it.
    "condition": Kind("condition", Condition, "conditions/<slug>/condition.md", links_terms=True),
    "clinicians": Kind(
        "clinicians", ClinicianSummary, "conditions/<slug>/clinicians.md", translated=False
    ),
    "codes": Kind("codes", CodeRule, CODES_FILE, translated=False),
}

# The Markdown file names of a condition's folder, by kind.
CONDITION_FILES = {"condition.md": "condition", "clinicians.md": "clinicians"}


def split_name(name):
    """(language, key) of the file at name (relative to the content folder). The key is the path
    of the English file it is or translates: "es/glossary/cd19.md" -> ("es", "glossary/cd19.md")."""
    first, _, rest = name.partition("/")
    if first in TRANSLATIONS and rest:
        return first, rest
    return SOURCE_LANGUAGE, name


def kind_of(name):
    """The kind of the file at name (relative to the content folder), or None if unused."""
    language, name = split_name(name)
    parts = name.split("/")
    if name == REFERENCES_FILE:
        return "references" if language == SOURCE_LANGUAGE else None
    if name == CODES_FILE:
        return "codes" if language == SOURCE_LANGUAGE else None
    if name == SYNONYMS_FILE:
        return "synonyms"
    if name == STYLE_FILE:
        return "style"
    if len(parts) == 3 and parts[0] == "articles" and parts[2].endswith(".md"):
        return "article" if parts[2] == "article.md" else "section"
    if len(parts) == 2 and parts[0] == "glossary" and parts[1].endswith(".md"):
        return "term"
    if len(parts) == 3 and parts[0] == "conditions" and parts[2] in CONDITION_FILES:
        kind = CONDITION_FILES[parts[2]]
        return kind if language == SOURCE_LANGUAGE or KINDS[kind].translated else None
    return None


def is_translated(name):
    """Whether a translation pairs with this English file (name relative to the content folder)."""
    kind = kind_of(name)
    return kind is not None and name not in UNPAIRED_FILES and KINDS[kind].translated


def fields(kind, language=SOURCE_LANGUAGE):
    """{key: schema.Field} for a kind of file, in a language."""
    if language == SOURCE_LANGUAGE:
        return KINDS[kind].fields
    own_slug = OWN_SLUG if kind in {"article", "term", "condition"} else {}
    return {**KINDS[kind].fields, **own_slug, **TRANSLATION_FIELDS}
