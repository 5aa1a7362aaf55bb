"""Glossary terms: one Markdown file per term in content/glossary/.

Besides the Term itself: the checks that need every term at once (a related term that does not
exist, a name two terms claim, a popup definition too long for a popup), where each term appears
in the articles, and the A–Z grouping of the index page.
"""

import calendar
import datetime
import difflib
import re
from dataclasses import dataclass, field

from . import site
from .documents import Review
from .errors import ContentError
from .languages import (
    DEFAULT_LANGUAGE,
    OTHER_LETTER,
    fold,
    get_language,
    index_letter,
    name_forms,
    sort_key,
)
from .linking import name_key
from .schema import front_matter

# A term with its own last_reviewed is due again this many months later (the articles' cycle;
# they write their next_review themselves). A term without one is reviewed with the glossary.
TERM_REVIEW_MONTHS = 6
SHORT_MAX_WORDS = 35  # a popup on a phone holds about this much before it needs scrolling
WORD = re.compile(r"\w[\w'’-]*")


@dataclass(kw_only=True)
class Term:
    slug: str  # the file's name (a translation writes its own)
    term: str = front_matter("text")
    short: str = front_matter("text")  # the popup definition, at most 35 words
    aliases: list = front_matter("list", [])
    related: list = front_matter("list", [])  # slugs of other terms (written as file names)
    pronunciation: str = front_matter("text", "")
    # None: reviewed with the glossary (see review()).
    last_reviewed: datetime.date | None = front_matter("date", None)
    draft: bool = front_matter("bool", False)
    html: str  # the longer explanation, sanitised
    source_name: str = ""
    sources: list = field(default_factory=list)  # Reference objects the explanation cites
    plurals: list = front_matter("list", [])  # irregular plurals the language's rules miss
    language: str = "en"
    key: str = ""  # the path of the English file it is or translates: "glossary/<file name>"
    source_hash: str = ""  # a translation: which version of the English file it translates

    @property
    def names(self):
        """Every way the text may name this term: the term itself and its aliases."""
        return [self.term, *self.aliases]

    @property
    def letter(self):
        # "Évolution" files under E: the letter without its accent.
        return index_letter(self.term)

    @property
    def index_anchor(self):
        return letter_anchor(self.letter)

    @property
    def sort_key(self):
        return sort_key(self.term)

    def letter_in(self, language):
        """The index letter in a language's alphabet: "ñandú" is under Ñ in Spanish."""
        return index_letter(self.term, language)

    def index_anchor_in(self, language):
        return letter_anchor(self.letter_in(language))

    def matching_aliases(self, query, language=DEFAULT_LANGUAGE):
        """The aliases that contain the query (see contains())."""
        return [alias for alias in self.aliases if contains(alias, query, language)]

    def matches(self, query, language=DEFAULT_LANGUAGE):
        return any(contains(name, query, language) for name in self.names)

    def get_absolute_url(self):
        return site.reverse(self.language, "glossary:term", self.slug)

    def review(self, glossary):
        """This term's Review: from its own last_reviewed, else the glossary's (may be None)."""
        if self.last_reviewed is None:
            return glossary
        return Review(self.last_reviewed, add_months(self.last_reviewed, TERM_REVIEW_MONTHS))


def add_months(date, months):
    """The same day so many months later (or the month's last day, if it is shorter)."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def glossary_review(articles):
    """The glossary's Review: its terms are checked when the articles that use them are.

    The oldest article's dates, so the glossary never looks fresher than any article it serves;
    None without articles.
    """
    articles = list(articles)
    if not articles:
        return None
    return Review(
        min(article.last_reviewed for article in articles),
        min(article.next_review for article in articles),
    )


def index_review(terms, glossary):
    """The glossary index's Review: as old as its stalest term."""
    reviews = [review for review in (term.review(glossary) for term in terms) if review]
    if not reviews:
        return glossary
    return Review(
        min(review.last_reviewed for review in reviews),
        min(review.next_review for review in reviews),
    )


def letter_anchor(letter):
    """The id of a letter's heading on the index page ("#" cannot be part of an address)."""
    return "letter-" + ("other" if letter == OTHER_LETTER else letter.lower())


def contains(name, query, language=DEFAULT_LANGUAGE):
    """Whether a name contains the query, in any case, also ignoring spaces, hyphens and dots.

    In a language whose search folds accents (Spanish), accents too: "celula" finds "célula".
    """
    name, query = fold(name, language), fold(query, language)
    if name_key(query) in name_key(name):
        return True
    loose = _letters_and_digits(query)
    return bool(loose) and loose in _letters_and_digits(name)


def _letters_and_digits(text):
    return "".join(character for character in text.casefold() if character.isalnum())


@dataclass(frozen=True)
class Appearance:
    """Where a term is first linked in one section: the heading just above that link."""

    article: object  # engine.documents.Article
    section: object  # engine.documents.Section
    anchor: str  # the heading's id, or "" when the link comes before the first heading
    heading: str  # the heading's words, or ""

    def get_absolute_url(self):
        url = self.section.get_absolute_url()
        return f"{url}#{self.anchor}" if self.anchor else url


def check_terms(terms, key_lines, language=DEFAULT_LANGUAGE):
    """Problems that only show with every term loaded.

    key_lines: slug -> {front matter key: line number}, so each problem names the key's line.
    language: whose plural rules make the plurals that may clash with another term's name.
    """
    problems = []
    owners = {}  # name key -> slug of the first term (in file order) to claim it
    for slug, term in terms.items():
        lines = key_lines.get(slug, {})
        problems.extend(_check_short(term, lines))
        problems.extend(_check_related(term, terms, lines))
        for name in term.names:
            key = name_key(name)
            owner = owners.setdefault(key, slug)
            if owner != slug:
                problems.append(_claimed_twice(term, name, terms[owner], lines))
    plural_owners = {}
    for slug, term in terms.items():
        for name in term.names:
            for form in name_forms(name, language, term.plurals) - {name}:
                plural_owners.setdefault(name_key(form), (slug, name))
    for slug, term in terms.items():
        for name in term.names:
            other, base = plural_owners.get(name_key(name), (slug, name))
            if other != slug and owners.get(name_key(name)) == slug:
                line = _line_for_name(term, name, key_lines.get(slug, {}))
                problems.append(
                    ContentError(
                        term.source_name,
                        line,
                        f'"{name}" is also the plural of "{base}", a name of "{terms[other].term}" '
                        f"({terms[other].source_name}); each name can lead to only one term",
                    )
                )
    return problems


def _check_short(term, lines):
    words = len(WORD.findall(term.short))
    if words > SHORT_MAX_WORDS:
        yield ContentError(
            term.source_name,
            lines.get("short", 1),
            f'"short" has {words} words; the popup definition may have at most {SHORT_MAX_WORDS}'
            " (put the rest in the explanation below the front matter)",
        )


def _check_related(term, terms, lines):
    for related in term.related:
        if related == term.slug:
            yield ContentError(
                term.source_name,
                lines.get("related", 1),
                f'"{related}" lists the term itself',
                "warning",
            )
        elif related not in terms:
            yield ContentError(
                term.source_name,
                lines.get("related", 1),
                f'the related term "{related}" names no glossary term{_suggestion(related, terms)}',
            )


def _suggestion(written, terms):
    by_name = {name_key(name): slug for slug, term in terms.items() for name in term.names}
    if name_key(written) in by_name:
        slug = by_name[name_key(written)]
        return f'; related terms are written as file names: did you mean "{slug}"?'
    close = difflib.get_close_matches(written, list(terms), n=1)
    return f'; did you mean "{close[0]}"?' if close else ""


def _claimed_twice(term, name, owner, lines):
    return ContentError(
        term.source_name,
        _line_for_name(term, name, lines),
        f'"{name}" is already a name of "{owner.term}" ({owner.source_name}); each name can lead'
        " to only one term, so this one is never linked by it",
    )


def _line_for_name(term, name, lines):
    key = "term" if name == term.term else "aliases"
    return lines.get(key, 1)


def index_term_uses(articles):
    """term slug -> [Appearance], in reading order. Built once per library, never per request."""
    uses = {}
    for article in articles.values():
        for section in article.sections:
            for slug, anchor in section.term_anchors.items():
                heading = _heading_name(section.toc, anchor) if anchor else ""
                uses.setdefault(slug, []).append(Appearance(article, section, anchor, heading))
    return uses


def _heading_name(toc, anchor):
    for token in toc:
        if token["id"] == anchor:
            return token["name"]
        found = _heading_name(token.get("children", []), anchor)
        if found:
            return found
    return ""


@dataclass(frozen=True)
class IndexEntry:
    term: Term
    aliases: list  # the aliases the filter matched, to show why the term is listed


@dataclass(frozen=True)
class LetterGroup:
    letter: str
    entries: list  # IndexEntry, in alphabetical order

    @property
    def anchor(self):
        return letter_anchor(self.letter)


def group_by_letter(terms, query="", language=DEFAULT_LANGUAGE):
    """[LetterGroup] for the language's alphabet (A to Z; Ñ after N in Spanish), then "#" if any
    term starts with a digit or symbol.

    Every letter is listed, even with no terms, so the index can show the whole alphabet. With a
    query, only the terms whose name or an alias contains it.
    """
    groups = {letter: [] for letter in get_language(language).alphabet}
    for term in sorted(terms, key=lambda term: sort_key(term.term, language)):
        if query and not term.matches(query, language):
            continue
        aliases = (
            term.matching_aliases(query, language)
            if query and not contains(term.term, query, language)
            else []
        )
        groups.setdefault(index_letter(term.term, language), []).append(IndexEntry(term, aliases))
    return [
        LetterGroup(letter, entries)
        for letter, entries in groups.items()
        if entries or letter != OTHER_LETTER
    ]
