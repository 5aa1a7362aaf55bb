"""Search across the article sections and the glossary, answered on the server.

The index is built once per library: the library is rebuilt only when a content file changes,
and the index is kept on it, so a request only runs the query. Searches stay private: this
module and the view that calls it never log, store or send a query anywhere (see views.search).

Highlighting is returned as (text, is_match) pieces, never as HTML: the template escapes every
piece and wraps the matches in <mark>, so nothing a reader types can become markup.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200  # characters; longer queries are cut, and the page says so
MAX_WORDS = 12
MAX_RESULTS = 30
SNIPPET_BEFORE = 70  # characters of context shown before the first match
SNIPPET_LENGTH = 220

# Words that would match nearly every page; left out unless the query has nothing else.
STOP_WORDS = {
    "a", "about", "an", "and", "are", "as", "at", "be", "can", "do", "does", "for", "from", "how",
    "i", "in", "is", "it", "me", "my", "of", "on", "or", "the", "to", "what", "when", "where",
    "which", "who", "why", "will", "with", "you", "your",
}  # fmt: skip

# Weights for where a word is found; a word counts once, at its best place.
TITLE, NAME, HEADING, SUMMARY, TEXT = 10, 8, 6, 3, 1

SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?)])")
WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Control characters become spaces; invisible format marks (RTL/LTR marks, zero-width joiners),
# lone surrogates, private-use and unassigned code points are dropped, and so is U+FFFD, which
# stands for bytes in the address that were not valid UTF-8.
SPACE_CATEGORIES = {"Cc", "Zl", "Zp"}
DROP_CATEGORIES = {"Cf", "Cs", "Co", "Cn"}


@dataclass(frozen=True)
class Query:
    text: str  # the cleaned query, as shown back to the reader
    words: tuple  # what is searched for, lower-case
    phrase: tuple = ()  # every word in order, to rank "B cell" as a phrase above "cell" alone
    truncated: bool = False

    def __bool__(self):
        return bool(self.words)

    @property
    def key(self):
        return name_key(self.text)


def parse_query(raw):
    """Turn whatever arrived in ?q= into a Query; never raises, whatever the input."""
    # Cut before normalising, so a huge query costs no more than a long one.
    text = unicodedata.normalize("NFC", raw[: MAX_QUERY_LENGTH * 4])
    text = "".join(
        " " if unicodedata.category(char) in SPACE_CATEGORIES else char
        for char in text
        if unicodedata.category(char) not in DROP_CATEGORIES and char != "\ufffd"
    )
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    every = [word.replace("’", "'") for word in WORD.findall(text.lower())][:MAX_WORDS]
    words = list(dict.fromkeys(every))
    meaningful = [w for w in words if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]
    return Query(
        text=text,
        words=tuple(meaningful or words),
        phrase=tuple(every) if len(every) > 1 else (),
        truncated=truncated,
    )


def name_key(text):
    """A name reduced to its words, so "B-cell", "b cell" and "B cell" are the same name."""
    return " ".join(WORD.findall(text.lower().replace("-", " ").replace("’", "'")))


def _escaped(word):
    # Straight and curly apostrophes match each other; "b-cell" also finds "B cell".
    return re.escape(word).replace("'", "['’]").replace(r"\-", r"[\s‐–-]?")


def word_pattern(word):
    # A word matches the start of a word in the text, so "infection" finds (and marks the whole
    # of) "infections".
    return re.compile(r"(?<!\w)" + _escaped(word) + r"\w*", re.IGNORECASE)


def phrase_pattern(words):
    # The words in order, with spaces or hyphens between them: "b cell" finds "B-cell".
    return re.compile(r"(?<!\w)" + r"[\s‐–-]+".join(map(_escaped, words)) + r"\w*", re.IGNORECASE)


def highlight(text, patterns):
    """Split text into (piece, is_match) pairs for the template to escape and mark."""
    spans = {(m.start(), m.end()) for pattern in patterns for m in pattern.finditer(text)}
    spans = sorted(spans, key=lambda span: (span[0], -span[1]))  # the longest match at a place wins
    pieces, position = [], 0
    for start, end in spans:
        if start < position:  # overlapping matches: keep the earlier one
            continue
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def snippet(text, patterns):
    """A short passage of text around the first match, or None if nothing matches."""
    starts = [m.start() for pattern in patterns if (m := pattern.search(text))]
    if not starts:
        return None
    first = min(starts)
    start = 0
    if first > SNIPPET_BEFORE:
        space = text.find(" ", first - SNIPPET_BEFORE, first)  # begin on a whole word
        start = space + 1 if space != -1 else first - SNIPPET_BEFORE
    end = start + SNIPPET_LENGTH
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    passage = text[start:end].strip()
    return ("… " if start > 0 else "") + passage + (" …" if end < len(text) else "")


@dataclass(frozen=True)
class Heading:
    id: str
    name: str


@dataclass(frozen=True)
class Document:
    """One thing a search can find: a section of an article, or a glossary term."""

    kind: str  # "section" or "term"
    url: str
    title: str
    # Where it lives, e.g. "Part 5 of …" or "Glossary": lazy, so it reads in the language of
    # the page that shows it (the index is built once, by whichever request comes first).
    context: str
    summary: str  # in_short for a section, the short definition for a term
    text: str = ""  # the section's prose
    names: tuple = ()  # a term's aliases
    headings: tuple = ()  # Heading objects of a section
    order: int = 0

    @property
    def keys(self):
        return {name_key(name) for name in (self.title, *self.names)}


@dataclass
class Result:
    document: Document
    score: float
    url: str
    title: list  # highlighted pieces
    summary: list
    heading: list = field(default_factory=list)
    also_called: list = field(default_factory=list)  # [pieces] for each matching alias


def _flatten(toc):
    for item in toc:
        yield Heading(item["id"], html.unescape(item["name"]))  # toc names come HTML-escaped
        yield from _flatten(item.get("children", []))


def _readable(text):
    # The prose text keeps a space where a citation number was taken out ("goes up ."), and a
    # line break between blocks; a snippet reads better without either.
    return SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def build_documents(library):
    documents = []
    for article in library.articles.values():
        count = len(article.sections)
        for position, section in enumerate(article.sections, start=1):
            documents.append(
                Document(
                    kind="section",
                    url=section.get_absolute_url(),
                    title=section.title,
                    context=format_lazy(
                        _("Part {position} of {count} · {title}"),
                        position=position,
                        count=count,
                        title=article.title,
                    ),
                    summary=section.in_short,
                    text=_readable(section.text),
                    headings=tuple(_flatten(section.toc)),
                    order=len(documents),
                )
            )
    for term in sorted(library.terms.values(), key=lambda term: term.term.lower()):
        documents.append(
            Document(
                kind="term",
                url=term.get_absolute_url(),
                title=term.term,
                context=_("Glossary"),
                summary=term.short,
                names=tuple(term.aliases),
                order=len(documents),
            )
        )
    return documents


class SearchIndex:
    def __init__(self, documents):
        self.documents = documents

    def search(self, query):
        """(the best results, how many matched in all, whether they have only some of the words)"""
        if not query:
            return [], 0, False
        patterns = [word_pattern(word) for word in query.words]
        phrase = phrase_pattern(query.phrase) if query.phrase else None
        scored = [(self._score(doc, patterns, phrase, query.key), doc) for doc in self.documents]
        complete = [(score, doc) for (score, found), doc in scored if found == len(patterns)]
        partial = not complete
        chosen = complete or [(score, doc) for (score, found), doc in scored if found]
        chosen.sort(key=lambda item: (-item[0], item[1].order))
        marked = [phrase, *patterns] if phrase else patterns
        results = [self._result(doc, score, marked) for score, doc in chosen[:MAX_RESULTS]]
        return results, len(chosen), partial and bool(results)

    @staticmethod
    def _score(document, patterns, phrase=None, key=""):
        """(score, how many of the words were found) for one document."""
        places = [
            (TITLE, [document.title]),
            (NAME, document.names),
            (HEADING, [heading.name for heading in document.headings]),
            (SUMMARY, [document.summary]),
        ]

        def weigh(pattern):
            found_in = [weight for weight, texts in places if any(map(pattern.search, texts))]
            return max(found_in, default=0), len(pattern.findall(document.text))

        score, found = 0.0, 0
        for pattern in patterns:
            best, hits = weigh(pattern)
            if best or hits:
                found += 1
                score += best + TEXT * min(hits, 5)
        if phrase is not None:
            best, hits = weigh(phrase)
            score += 2 * best + 2 * TEXT * min(hits, 5)  # the words together count double
        if key and key in document.keys:
            score += 3 * TITLE  # the query is exactly this page's name: it belongs first
        return score, found

    @staticmethod
    def _result(document, score, patterns):
        def words_in(text):
            return sum(1 for pattern in patterns if pattern.search(text))

        url, heading = document.url, []
        best = max(document.headings, key=lambda heading: words_in(heading.name), default=None)
        # Send the reader straight to a heading when it matches better than the section's title.
        if best is not None and words_in(best.name) > words_in(document.title):
            url, heading = f"{document.url}#{best.id}", highlight(best.name, patterns)
        passage = None if words_in(document.summary) else snippet(document.text, patterns)
        return Result(
            document=document,
            score=score,
            url=url,
            title=highlight(document.title, patterns),
            summary=highlight(passage or document.summary, patterns),
            heading=heading,
            also_called=[highlight(name, patterns) for name in document.names if words_in(name)],
        )


def get_index(library):
    """The search index for this library, built on first use and kept with the library."""
    # The loader makes a new Library object whenever content changes, so an index stored on
    # the library can never be stale, and it is built once per library, not per request.
    index = vars(library).get("_search_index")
    if index is None:
        index = SearchIndex(build_documents(library))
        library._search_index = index
    return index
