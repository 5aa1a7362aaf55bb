""" "Did you mean": the closest spelling the site itself uses, for words it does not know.

A query word the site never writes ("lupis", "leukopheresis", "cytokin") gets the closest word
of the site's own vocabulary, in the query's language: the glossary's names and aliases first
(the medical words patients most often misspell), then every other word of the pages. A whole
query close to a glossary name ("cytokin storm", "tcell", "cart") gets that name, as the
glossary writes it ("cytokine storm", "T cell", "CAR-T").

Closeness is rapidfuzz's normalised Indel similarity (fuzz.ratio), a maintained C++ library,
rather than a distance of our own; a short word must be closer than a long one, since one
letter changes more of it.
"""

from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from ..languages import fold
from .analysis import WORD, compact, name_key, parse_query, stem_key
from .highlight import TOKEN
from .ranking import Found, answer

NAME_CUTOFF = 85  # a whole query against a glossary name
SHORT_WORD_CUTOFF = 75  # a word of up to four letters: one letter wrong ("crs" for "cars" is not)
WORD_CUTOFF = 78  # a longer word: "lupis" -> "lupus" is 80, "leucopheresis" -> 85
SHORTEST = 3  # words shorter than this are not corrected
CANDIDATES = 8  # the closest words weighed against each other, best score first


@dataclass(frozen=True)
class Vocabulary:
    """The words and names a language's pages use, folded (as search compares them).

    names: folded name -> the name as the glossary writes it. words: folded word -> (the word
    as most often written, how many times it is used). name_words: the folded words of names.
    """

    names: dict
    words: dict
    name_words: frozenset
    variants: dict = None  # folded alias -> the term's name, for an alias that is another spelling

    @cached_property
    def compact_names(self):
        """compact(folded name) -> the name as written (the first of names that compact alike)."""
        found = {}
        for folded, written in self.names.items():
            found.setdefault(compact(folded), (self.variants or {}).get(folded) or written)
        return found

    def knows(self, folded_word):
        return folded_word in self.words or folded_word in self.name_words

    def closest_name(self, folded_query):
        """The glossary name closest to a whole query, or None."""
        written = self.compact_names.get(compact(folded_query))
        if written is not None:
            return written
        found = process.extractOne(
            folded_query, self.names.keys(), scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF
        )
        if not found:
            return None
        return (self.variants or {}).get(found[0]) or self.names[found[0]]

    def closest_word(self, folded_word):
        """The site's word closest to folded_word (as written), or None."""
        if len(folded_word) < SHORTEST or folded_word.isdigit():
            return None
        cutoff = SHORT_WORD_CUTOFF if len(folded_word) <= 4 else WORD_CUTOFF
        for choices in (self.name_words, self.words.keys()):
            found = process.extract(
                folded_word, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=CANDIDATES
            )
            if found:
                # The closest first; between equally close words, the one the site uses most.
                best = max(found, key=lambda item: (item[1], self.words.get(item[0], ("", 0))[1]))
                return self.words.get(best[0], (best[0], 0))[0]
        return None


def is_variant_spelling(alias, name):
    """Whether a glossary alias is another spelling of the name ("leukopheresis" of
    "leukapheresis"), not another name for it ("CRS" of "cytokine release syndrome")."""
    return alias != name and fuzz.ratio(alias, name) >= NAME_CUTOFF


def suggestion(words, unknown, folded_query, vocabulary):
    """The query as the site would spell it, or None.

    words: the query's words as typed, in order; unknown: the folded forms of those the site
    never writes; folded_query: the whole query, folded. A query that is an alias spelt another
    way than the glossary's name gets the name: "leukopheresis" -> "Leukapheresis".
    """
    if folded_query in (vocabulary.variants or {}):
        return vocabulary.variants[folded_query]
    if not unknown:
        return None
    name = vocabulary.closest_name(folded_query)
    if name is not None:
        return name
    replaced, changed = [], False
    for word, folded in words:
        better = vocabulary.closest_word(folded) if folded in unknown else None
        replaced.append(better or word)
        changed = changed or better is not None
    return " ".join(replaced) if changed else None


def build_vocabulary(documents, synonyms, written, language):
    """What "did you mean" chooses from: the glossary's names and aliases (an alias that is
    another spelling of its name points to the name), the editors' synonym phrases, and
    every word the pages use, as written (written: folded word -> (as written, times used))."""
    names, variants = {}, {}
    for document in documents:
        if document.kind == "term":
            main = name_key(fold(document.title, language))
            for name in (document.title, *document.names):
                key = name_key(fold(name, language))
                names.setdefault(key, name)
                if is_variant_spelling(key, main):
                    variants[key] = document.title
    for group in synonyms:
        for phrase in group.phrases:
            names.setdefault(name_key(fold(phrase, language)), phrase)
    name_words = frozenset(word for key in names for word in TOKEN.findall(key))
    return Vocabulary(names, written, name_words, variants)


def search(index, query, page=1):
    """A Found for the query (engine.search.ranking), with a "did you mean" when a word of it
    is not one the site uses; when the query as typed finds no page with all its words and the
    suggestion does, the results are the suggestion's, and the page says so."""
    if not query:
        return Found([], 0)
    found = answer(index, query, page, results=False)
    if found.routed:
        return found.show()  # the question is understood: no "did you mean" for its other words
    better = suggest(index, query)
    if better is None and not found.phrase_found:
        # Every word is one the site uses, but never together: "side affects" is the name
        # of nothing, "side effect" a phrase the site knows.
        better = _closest_phrase(index, query)
    if better is None:
        return found.show()
    found.suggestion = better
    suggested = parse_query(better, index.language)
    # The suggestion's results replace the query's when the query as typed found no page with
    # all its words, or when the suggestion asks a question the editors routed ("can i hav kids").
    weak = not found.total or found.partial or not found.phrase_found
    if weak or index.intent_of(suggested) is not None:
        corrected = answer(index, suggested, page)
        if corrected.results and not corrected.partial:
            corrected.suggestion, corrected.corrected = better, True
            return corrected
    return found.show()


def _closest_phrase(index, query):
    name = index.vocabulary.closest_name(query.key)
    if name is None:
        return None
    same = stem_key(name_key(fold(name, index.language)), index.language)
    return None if same == stem_key(query.key, index.language) else name


def suggest(index, query):
    """The query as the site spells it, when a word of it is not one the site uses."""
    typed = [(word, fold(word, index.language)) for word in WORD.findall(query.text)]
    meaningful = {fold(word, index.language) for word in query.words}
    unknown = {folded for _, folded in typed if folded in meaningful and not _knows(index, folded)}
    return suggestion(typed, unknown, query.key, index.vocabulary)


def _knows(index, folded):
    parts = TOKEN.findall(folded)
    if all(index.vocabulary.knows(part) for part in parts):
        return True
    return folded in index.synonym_words  # a word of the synonyms file, as written there
