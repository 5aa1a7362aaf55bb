"""Questions routed by what they ask, not by their words alone: "can I have kids" is about
fertility, though "kids" means children; "fiebre" wants the advice on when to call, not the
glossary's entry on CRS.

Editors write them in the language's synonyms file (engine.search.synonyms), beside the groups:

    - ask: [have kids, have a baby, get pregnant]
      page: /articles/car-t-autoimmune/fertility-and-pregnancy/

A search that asks one of these puts that page first (the rest follow as ranked). A phrase is
asked when its words are in the query in that order, compared as search compares words (folded
and stemmed, so "having kids" asks "have kids"), with at most GAP other words between two of
them ("have more kids"). The question's own words count here ("have", "tener"): they are what
makes "have kids" a question about fertility.
"""

from dataclasses import dataclass

from ..languages import fold, stem
from .analysis import WORD
from .highlight import TOKEN

GAP = 2  # other words that may stand between two words of a phrase


@dataclass(frozen=True)
class Intent:
    """Phrases a reader may ask, and the address of the page that answers them."""

    asks: tuple  # as the editor wrote them
    page: str  # a page's address on the site, maybe with a #heading
    line: int = 0
    source_name: str = ""


def phrase_stems(text, language):
    """The stems of a phrase's words, in order, the question's own words kept."""
    return tuple(stem(part, language) for part in TOKEN.findall(fold(text, language)))


def asks(query_stems, phrase):
    """Whether the phrase's stems stand in the query's stems in order, at most GAP apart."""
    position = -1
    for wanted in phrase:
        window = query_stems[position + 1 : position + 2 + GAP] if position >= 0 else query_stems
        try:
            offset = window.index(wanted)
        except ValueError:
            return False
        position += offset + 1
    return bool(phrase)


def query_stems(text, language):
    """Every word of a query, stems in order (the question's own words kept)."""
    words = [word.replace("’", "'") for word in WORD.findall(text.lower())]
    return [stem(part, language) for word in words for part in TOKEN.findall(fold(word, language))]


def best_intent(table, text, language):
    """(the page, the phrase) of the longest phrase the query asks, or None; table: [(stems,
    page)] in the file's order, the first of equally long phrases wins."""
    stems = query_stems(text, language)
    best = None
    for phrase, page in table:
        if asks(stems, phrase) and (best is None or len(phrase) > len(best[1])):
            best = (page, phrase)
    return best
