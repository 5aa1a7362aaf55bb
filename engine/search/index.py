"""The search index of a language: every Document's words, where they are and how often.

The index is built once per library: the library is rebuilt only when a content file changes,
and the index is kept on it, so a request only runs the query (engine.search.ranking) and the
"did you mean" (engine.search.suggestions).
"""

import bisect
import struct
import threading
from array import array
from collections import defaultdict

from ..errors import ContentError
from ..languages import DEFAULT_LANGUAGE, fold, is_stop_word, stem
from . import suggestions
from .analysis import meaningful, page_words
from .documents import build_documents
from .highlight import PREFIX_LETTERS, TOKEN
from .intents import Intent, best_intent, phrase_stems

PREFIX = 0.5  # a longer word the query word begins counts less than the word itself
MAX_PREFIX_WORDS = 50  # "inf" must not cost a scan of every word that starts with it
NUMBER = struct.Struct("i")  # a word number as Words keeps it
# One index build at a time in a process: a search that arrives while the page warmer builds the
# new library's index waits for it (a second or two at library scale) instead of building it too.
_building = threading.Lock()


class SearchIndex:
    """The index of a language's Documents; search(query) answers a Query with a Found."""

    def __init__(self, documents, language=DEFAULT_LANGUAGE, synonyms=()):
        """synonyms: the entries of the language's synonyms file (engine.search.synonyms):
        groups of words, and questions (engine.search.intents)."""
        self.documents = list(documents)
        self.language = language
        intents = [entry for entry in synonyms if isinstance(entry, Intent)]
        synonyms = [entry for entry in synonyms if not isinstance(entry, Intent)]
        self.ids = {}  # folded word -> its number in the token arrays
        # folded word -> (the numbers of the documents it is in, and for each, the fields it is
        # in and how often the text uses it, packed: see analysis.FIELD_BITS). Built as lists,
        # kept as two arrays per word: a few bytes a posting, not a dict entry each.
        self.postings = defaultdict(list)
        self.tokens = []  # per document: {field: Words, in order}
        written = {}  # folded word -> (as first written, times used), for "did you mean"
        for number, document in enumerate(self.documents):
            self.tokens.append(self._add(number, document, written))
        self.postings = {
            word: (array("i", (n for n, _ in found)), array("i", (p for _, p in found)))
            for word, found in self.postings.items()
        }
        self.words = sorted(self.postings)  # for the words a query word begins
        self.by_stem = defaultdict(set)
        for word in self.postings:
            self.by_stem[stem(word, language)].add(word)
        self.synonyms = self._synonym_table(synonyms)
        self.synonyms_as_written = {
            phrase: phrases for phrases in self.synonyms.values() for phrase in phrases
        }
        self.synonym_words = {
            word for phrases in self.synonyms.values() for p in phrases for word in p
        }
        self.stop_ids = {
            number for word, number in self.ids.items() if is_stop_word(word, language)
        }
        self.vocabulary = suggestions.build_vocabulary(self.documents, synonyms, written, language)
        self.intents = self._intent_table(intents)

    def _add(self, number, document, written):
        stats, sequences, words_written = page_words(
            str(document.title),
            tuple(document.names),
            document.summary,
            document.passages,
            self.language,
        )
        for word, found in zip(*stats, strict=True):
            self.postings[word].append((number, found))
        for folded, first, count in zip(*words_written, strict=True):
            known_first, known_count = written.get(folded, (first or folded, 0))
            written[folded] = (known_first, known_count + count)
        ids = self.ids
        return {
            name: Words(
                [-1 if word is None else ids.setdefault(word, len(ids)) for word in sequence]
            )
            for name, sequence in sequences.items()
        }

    def _synonym_table(self, groups):
        """{the stems of a phrase: the group's phrases, each as its folded words}."""
        table = {}
        for group in groups:
            phrases = [self.meaningful(TOKEN.findall(phrase)) for phrase in group.phrases]
            phrases = [phrase for phrase in phrases if phrase]
            for phrase in phrases:
                table[tuple(stem(word, self.language) for word in phrase)] = phrases
        return table

    def _intent_table(self, intents):
        """[(the stems of a phrase asked, (document number, #heading or ""))], in the file's
        order; a question whose page is not one search finds is left out (the checker says so)."""
        table = []
        self.intent_words = []  # each phrase asked, as its folded words (for the export)
        for intent in intents:
            place = self.place_of(intent.page)
            if place is None:
                continue
            for phrase in intent.asks:
                self.intent_words.append(TOKEN.findall(fold(phrase, self.language)))
                stems = phrase_stems(phrase, self.language)
                if stems:
                    table.append((stems, place))
        return table

    def place_of(self, address):
        """(document number, heading id or "") of a page's address, or None."""
        url, _, anchor = address.partition("#")
        for number, document in enumerate(self.documents):
            if document.url == url:
                anchors = {passage.anchor for passage in document.passages}
                return (number, anchor) if not anchor or anchor in anchors else None
        return None

    def intent_of(self, query):
        """(document number, heading id or "") of the page a query asks for, or None."""
        found = best_intent(self.intents, query.text, self.language)
        return None if found is None else found[0]

    def meaningful(self, words):
        return meaningful(words, self.language)

    def search(self, query, page=1):
        """A Found for the query (one page of its results); with a "did you mean" when a word is
        not one the site uses."""
        return suggestions.search(self, query, page)

    def matching_words(self, word, prefix=True):
        """{indexed word: how well it matches}: the same word or stem fully; when there is
        none, a longer word it begins (three letters or more) at PREFIX."""
        found = dict.fromkeys(self.by_stem.get(stem(word, self.language), ()), 1.0)
        if word in self.postings:
            found[word] = 1.0
        # A word the site uses as it is typed is a whole word: "car" must not also find
        # "care". Only a word the site never writes whole is taken as the start of one.
        if prefix and not found and len(word) >= PREFIX_LETTERS:
            start = bisect.bisect_left(self.words, word)
            for other in self.words[start : start + MAX_PREFIX_WORDS]:
                if not other.startswith(word):
                    break
                found.setdefault(other, PREFIX)
        return found

    def known(self, word):
        """The site's words a folded query word matches (a single letter: only itself)."""
        return self.matching_words(word) if len(word) > 1 else {word}

    def ids_for(self, word):
        matching = self.matching_words(word) if len(word) > 1 else {word: 1.0}
        return {self.ids[other] for other in matching if other in self.ids}


class Words:
    """A field's words as numbers, in order (-1 between pieces). Kept as bytes, so finding
    where a word is is a bytes.find in C, not a Python loop over every word of a long page."""

    __slots__ = ("data",)  # a view of it is made when asked for: kept, one is 184 bytes more

    def __init__(self, numbers):
        self.data = array("i", numbers).tobytes()

    @property
    def view(self):
        return memoryview(self.data).cast("i")

    def __len__(self):
        return len(self.data) // NUMBER.size

    def __getitem__(self, index):
        return self.view[index]

    def __iter__(self):
        return iter(self.view)

    def positions(self, numbers):
        """Where any of these word numbers stand, in order."""
        found = []
        for number in numbers:
            needle = NUMBER.pack(number)
            start = self.data.find(needle)
            while start != -1:
                if start % len(needle) == 0:
                    found.append(start // len(needle))
                    start = self.data.find(needle, start + len(needle))
                else:  # the bytes straddle two numbers
                    start = self.data.find(needle, start + 1)
        return sorted(found)


def get_index(library, language=None, pages=None):
    """The search index for this library in its language (by default the library's own), built
    on first use and kept with it. pages: a function(library, language) that gives the
    Documents of the pages about the site (they live in templates, outside the library)."""
    language = language or library.language
    # The loader makes a new Library object whenever content changes, so an index stored on
    # the library can never be stale, and it is built once per library, not per request.
    index = vars(library).get("_search_index")
    if index is not None and index.language == language:
        return index
    with _building:
        index = vars(library).get("_search_index")
        if index is None or index.language != language:
            documents = build_documents(library, language, pages)
            index = SearchIndex(documents, language, library.synonyms)
            library._search_index = index
    return index


def synonym_problems(library):
    """Warnings for the synonyms file of a library, named by line: a group none of whose words
    the site uses (it can find nothing), or an entry made only of words search leaves out."""
    index = get_index(library)
    problems = []
    for group in library.synonyms:
        if isinstance(group, Intent):
            if index.place_of(group.page) is None:
                message = (
                    f"no page that search finds is at {group.page}: give the address of an "
                    "article part, a glossary term or a page about the site, as the browser "
                    "shows it (a #heading must be one of that page's headings)"
                )
                problems.append(ContentError(group.source_name, group.line, message))
            continue
        entries = [(phrase, index.meaningful(TOKEN.findall(phrase))) for phrase in group.phrases]
        for phrase, words in entries:
            if all(is_stop_word(word, index.language) for word in words):
                message = f'"{phrase}" is made of words search leaves out, so it does nothing here'
                problems.append(ContentError(group.source_name, group.line, message, "warning"))
        if not any(all(word in index.postings for word in words) for _, words in entries if words):
            message = (
                "no word or phrase of this group is used on the site, so it finds nothing: "
                "add the word the pages use"
            )
            problems.append(ContentError(group.source_name, group.line, message, "warning"))
    return problems
