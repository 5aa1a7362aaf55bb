"""Search across the article sections and the glossary, answered on the server.

The index is built once per library: the library is rebuilt only when a content file changes,
and the index is kept on it, so a request only runs the query. Searches stay private: this
module and the view that calls it never log, store or send a query anywhere (see views.search).

Highlighting is returned as (text, is_match) pieces, never as HTML: the template escapes every
piece and wraps the matches in <mark>, so nothing a reader types can become markup.

The language (a code in engine.languages) decides the stop words and how words match. English
matches the start of a word, in any case. A language that folds accents and stems (Spanish)
matches a word of the text that starts with the query word or has the same stem, both without
accents: "celulas" finds "células", "síntomas" finds "síntoma". Either way a match is a span of
the text as written, so the reader sees the accented words marked.
"""

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .languages import DEFAULT_LANGUAGE, ENGLISH_STOP_WORDS, fold, get_language, is_stop_word, stem

MAX_QUERY_LENGTH = 200  # characters; longer queries are cut, and the page says so
MAX_WORDS = 12
MAX_RESULTS = 30
SNIPPET_BEFORE = 70  # characters of context shown before the first match
SNIPPET_LENGTH = 220

# Words that would match nearly every page; left out unless the query has nothing else. Each
# language has its own list (engine.languages); this name is English's, as it always was.
STOP_WORDS = ENGLISH_STOP_WORDS

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
    language: str = DEFAULT_LANGUAGE

    def __bool__(self):
        return bool(self.words)

    @property
    def key(self):
        return name_key(fold(self.text, self.language))


def parse_query(raw, language=DEFAULT_LANGUAGE):
    """Turn whatever arrived in ?q= into a Query; never raises, whatever the input.

    language: a code in engine.languages, whose stop words are left out.
    """
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
    meaningful = [w for w in words if not is_stop_word(w, language) and (len(w) > 1 or w.isdigit())]
    return Query(
        text=text,
        words=tuple(meaningful or words),
        phrase=tuple(every) if len(every) > 1 else (),
        truncated=truncated,
        language=language,
    )


def name_key(text):
    """A name reduced to its words, so "B-cell", "b cell" and "B cell" are the same name."""
    return " ".join(WORD.findall(text.lower().replace("-", " ").replace("’", "'")))


def _escaped(word):
    # Straight and curly apostrophes match each other; "b-cell" also finds "B cell".
    return re.escape(word).replace("'", "['’]").replace(r"\-", r"[\s‐–-]?")


def _matches_as_written(language):
    row = get_language(language)
    return row.stemmer is None and not row.fold_accents


def word_pattern(word, language=DEFAULT_LANGUAGE):
    # A word matches the start of a word in the text, so "infection" finds (and marks the whole
    # of) "infections".
    if not _matches_as_written(language):
        return FoldedPattern((word,), language)
    return re.compile(r"(?<!\w)" + _escaped(word) + r"\w*", re.IGNORECASE)


def phrase_pattern(words, language=DEFAULT_LANGUAGE):
    # The words in order, with spaces or hyphens between them: "b cell" finds "B-cell".
    if not _matches_as_written(language):
        return FoldedPattern(words, language)
    return re.compile(r"(?<!\w)" + r"[\s‐–-]+".join(map(_escaped, words)) + r"\w*", re.IGNORECASE)


TOKEN = re.compile(r"[\w\u0300-\u036f]+")  # a word, with any combining accents it is written with
JOINER = re.compile(r"[\s‐–-]+")  # what may stand between the words of a phrase


@dataclass(frozen=True)
class Tokens:
    """The words of a text, column by column: where each starts and ends, folded, stemmed."""

    starts: tuple
    ends: tuple
    folded: tuple
    stems: tuple


@functools.lru_cache(maxsize=4096)
def _tokens(text, language):
    """The words of a text, split, folded and stemmed once per text, not once per query."""
    found = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    return Tokens(
        starts=tuple(start for start, _, _ in found),
        ends=tuple(end for _, end, _ in found),
        folded=tuple(fold(word, language) for _, _, word in found),
        stems=tuple(stem(word, language) for _, _, word in found),
    )


def _joined(text, tokens, index):
    """Whether only spaces or hyphens stand between a word and the one before it."""
    return bool(JOINER.fullmatch(text[tokens.ends[index - 1] : tokens.starts[index]]))


@dataclass(frozen=True)
class FoldedMatch:
    text: str
    span: tuple

    def start(self):
        return self.span[0]

    def end(self):
        return self.span[1]

    def group(self, index=0):
        return self.text[self.span[0] : self.span[1]]


class FoldedPattern:
    """Matches query words as a language that folds and stems compares them (see the docstring).

    It answers search(), finditer() and findall() as a compiled pattern would, so ranking,
    snippets and highlighting treat both kinds alike. Several words match only in order, with
    spaces or hyphens between them, as a phrase.
    """

    def __init__(self, words, language):
        self.language = language
        parts = [part for word in words for part in TOKEN.findall(word)]
        self.parts = tuple((fold(part, language), stem(part, language)) for part in parts)

    @staticmethod
    def _fits(tokens, index, part):
        folded, stemmed = part
        return tokens.folded[index].startswith(folded) or tokens.stems[index] == stemmed

    def finditer(self, text):
        tokens = _tokens(text, self.language)
        if not self.parts:
            return
        (folded, stemmed), rest = self.parts[0], self.parts[1:]
        # The first word's places in one pass over the columns; the rest are checked only there.
        firsts = [
            index
            for index, (word, word_stem) in enumerate(zip(tokens.folded, tokens.stems, strict=True))
            if word.startswith(folded) or word_stem == stemmed
        ]
        after = 0  # matches do not overlap, as a regular expression's do not
        for first in firsts:
            last = first + len(rest)
            if first < after or last >= len(tokens.folded):
                continue
            if all(
                self._fits(tokens, first + offset, part) and _joined(text, tokens, first + offset)
                for offset, part in enumerate(rest, start=1)
            ):
                after = last + 1
                yield FoldedMatch(text, (tokens.starts[first], tokens.ends[last]))

    def search(self, text):
        return next(self.finditer(text), None)

    def findall(self, text):
        return [match.group() for match in self.finditer(text)]


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
    language: str = DEFAULT_LANGUAGE

    @property
    def keys(self):
        return {name_key(fold(name, self.language)) for name in (self.title, *self.names)}


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


def build_documents(library, language=DEFAULT_LANGUAGE):
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
                    language=language,
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
                language=language,
            )
        )
    return documents


class SearchIndex:
    def __init__(self, documents, language=DEFAULT_LANGUAGE):
        self.documents = documents
        self.language = language

    def search(self, query):
        """(the best results, how many matched in all, whether they have only some of the words)"""
        if not query:
            return [], 0, False
        patterns = [word_pattern(word, self.language) for word in query.words]
        phrase = phrase_pattern(query.phrase, self.language) if query.phrase else None
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


def get_index(library, language=None):
    """The search index for this library in its language (by default the library's own), built
    on first use and kept with it."""
    language = language or library.language
    # The loader makes a new Library object whenever content changes, so an index stored on
    # the library can never be stale, and it is built once per library, not per request.
    index = vars(library).get("_search_index")
    if index is None or index.language != language:
        index = SearchIndex(build_documents(library, language), language)
        library._search_index = index
    return index
