"""A language's search index as plain data, for the static export: static/js/search-engine.js
answers queries in the browser from it exactly as engine.search does on the server.

The browser gets what the server built, not the pages to build it again: the Documents, every
word with its stem, the postings and each field's words in order, the synonym table, the
questions editors routed (engine.search.intents) and the "did you mean" vocabulary, in the orders
the server uses them (ties are broken the same way). The numbers the ranking weighs with travel
too (RULES), so the script holds the method and this module the numbers. Stems: the browser has
no Snowball stemmer, so every word the site, its synonyms and its glossary names use comes with
its stem; a query word the site never uses is stemmed by the script's own small rules
(search-engine.js, stemUnknown), which is where the two can differ.
"""

from ..languages import _folded_stop_words, stem
from . import analysis, highlight, index, intents, ranking, suggestions
from .analysis import FIELDS

FORMAT = 1  # the shape of the data; search-engine.js refuses another


def rules():
    """Every number the ranking, the suggestions and the query's reading use."""
    return {
        "MAX_QUERY_LENGTH": analysis.MAX_QUERY_LENGTH,
        "MAX_WORDS": analysis.MAX_WORDS,
        "FIELDS": list(FIELDS),
        "WEIGHTS": ranking.WEIGHTS,
        "PHRASE_FIELDS_TERM": list(ranking.PHRASE_FIELDS[True]),
        "PHRASE_FIELDS_OTHER": list(ranking.PHRASE_FIELDS[False]),
        "TITLE": ranking.TITLE,
        "TEXT": ranking.TEXT,
        "TEXT_HITS": ranking.TEXT_HITS,
        "SYNONYM": ranking.SYNONYM,
        "RERANKED": ranking.RERANKED,
        "COMPLETE": ranking.COMPLETE,
        "HALF": ranking.HALF,
        "PER_PAGE": ranking.PER_PAGE,
        "PREFIX": index.PREFIX,
        "MAX_PREFIX_WORDS": index.MAX_PREFIX_WORDS,
        "PREFIX_LETTERS": highlight.PREFIX_LETTERS,
        "SNIPPET_BEFORE": highlight.SNIPPET_BEFORE,
        "SNIPPET_LENGTH": highlight.SNIPPET_LENGTH,
        "GAP": intents.GAP,
        "NAME_CUTOFF": suggestions.NAME_CUTOFF,
        "SHORT_WORD_CUTOFF": suggestions.SHORT_WORD_CUTOFF,
        "WORD_CUTOFF": suggestions.WORD_CUTOFF,
        "SHORTEST": suggestions.SHORTEST,
        "CANDIDATES": suggestions.CANDIDATES,
    }


def index_data(search_index):
    """The index as JSON-ready data (see the module's docstring)."""
    language = search_index.language
    words = sorted(search_index.ids, key=search_index.ids.get)  # numbered as in the tokens
    words += [word for word in search_index.postings if word not in search_index.ids]
    vocabulary = search_index.vocabulary
    groups, by_stems = [], []
    for stems, phrases in search_index.synonyms.items():
        if not any(group is phrases for group in groups):
            groups.append(phrases)
        number = next(n for n, group in enumerate(groups) if group is phrases)
        by_stems.append([list(stems), number])
    return {
        "format": FORMAT,
        "language": language,
        "rules": rules(),
        "stopWords": sorted(_folded_stop_words(language)),
        "documents": [_document(document) for document in search_index.documents],
        "words": words,
        "sequenceWords": len(search_index.ids),
        "stems": _stems(search_index, words),
        "postings": [_interleaved(*search_index.postings[word]) for word in words],
        "tokens": [[list(tokens[name]) for name in FIELDS] for tokens in search_index.tokens],
        "synonyms": {"groups": [[list(p) for p in group] for group in groups], "byStems": by_stems},
        "intents": [[list(stems), place[0], place[1]] for stems, place in search_index.intents],
        "vocabulary": {
            "names": list(vocabulary.names.items()),
            "words": [[folded, *written] for folded, written in vocabulary.words.items()],
            "nameWords": list(vocabulary.name_words),
            "variants": list((vocabulary.variants or {}).items()),
        },
    }


def _document(document):
    return {
        "kind": document.kind,
        "url": document.url,
        "title": str(document.title),
        "context": str(document.context),
        "summary": document.summary,
        "names": list(document.names),
        "passages": [[p.anchor, p.heading, p.text] for p in document.passages],
        "weight": document.weight,
        "keys": sorted(document.keys),
    }


def _interleaved(numbers, packed):
    return [value for pair in zip(numbers, packed, strict=True) for value in pair]


def _stems(search_index, words):
    """{word: stem} for every word a query may use that the server knows a stem for."""
    language = search_index.language
    more = {word for phrases in search_index.synonyms.values() for p in phrases for word in p}
    more |= set(search_index.vocabulary.name_words) | set(search_index.vocabulary.words)
    # A question's own words ("can", "have", "tener") count when a query asks a question.
    more |= set(_folded_stop_words(language))
    more |= {part for phrase in search_index.intent_words for part in phrase}
    return {word: stem(word, language) for word in [*words, *sorted(more - set(words))]}
