"""How hard a text is to read: the one place reading scores and long sentences are measured.

Each language's row in engine.languages gives its syllable counter and its formulas: the
Flesch-Kincaid grade in English (engine/languages/english.py, counted as textstat 0.7.3 did,
whose grades stay within 0.3: tests/engine/test_readability.py; textstat itself imports
pkg_resources, which Python 3.12+ environments no longer have), the INFLESZ scale with
Fernández-Huerta beside it in Spanish (engine/languages/spanish.py).

The report, the checker and any note about a page's reading level all call these functions,
so they always agree. A language is a row in engine.languages, not a fork of this module.
"""

import re

from .languages import get_language
from .languages.spanish import inflesz_band  # noqa: F401 (the report names the band)

WORD = re.compile(
    r"\w[\w'’-]*"
)  # a word is letters or digits, with ' or - inside ("CAR-T", "don't")
LONG_SENTENCE_WORDS = 25  # above this, most readers have to go back to the start

# A sentence ends at . ! or ? followed by a space or the end of a block (plain text blocks are
# one per line: a paragraph, a list item, a table cell). "e.g." and "Dr." end nothing here:
# writers are asked to avoid them, and a false split only makes a sentence look shorter.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+|\n+")

# For the scores, as textstat counted: punctuation goes (so "CAR-T" is one word, "don't" is
# "dont"), a sentence is a run up to . ! or ?, and "sentences" of two words or fewer (headings
# such as "In short", list labels) are not counted as sentences.
PUNCTUATION = re.compile(r"[^\w\s]")
SCORE_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
SHORTEST_SENTENCE_WORDS = 3


def syllable_count(word, language="en"):
    """Syllables in one word, by the language's rules."""
    return get_language(language).syllables(word)


def _bare_words(text):
    return PUNCTUATION.sub("", text).split()


def reading_scores(text, language="en"):
    """The language's scores of plain text by name, its main score first, to one decimal.

    Every score is 0.0 when the text has no words.
    """
    row = get_language(language)
    scores = {row.score_name: row.score, **row.more_scores}
    # A word keeps its punctuation for the syllable counter (Spanish reads "CAR-T" as car + te),
    # and counts as one word when it has a letter or digit, as textstat counted.
    words = [word for word in (text or "").split() if PUNCTUATION.sub("", word)]
    if not words:
        return dict.fromkeys(scores, 0.0)
    spans = SCORE_SENTENCE.findall(text)
    short = sum(1 for span in spans if len(_bare_words(span)) < SHORTEST_SENTENCE_WORDS)
    sentences = max(1, len(spans) - short)
    syllables = sum(row.syllables(word) for word in words)
    return {
        name: round(formula(len(words), sentences, syllables), 1)
        for name, formula in scores.items()
    }


def reading_score(text, language="en"):
    """The language's main readability score of plain text, to one decimal; 0.0 with no words."""
    return next(iter(reading_scores(text, language).values()))


def reading_grade(text):
    """The Flesch-Kincaid grade of English plain text, to one decimal; 0.0 with no words."""
    return reading_score(text, "en")


def sentences(text):
    return [sentence.strip() for sentence in SENTENCE_END.split(text or "") if sentence.strip()]


def word_count(text):
    return len(WORD.findall(text or ""))


def long_sentences(text, limit=LONG_SENTENCE_WORDS):
    """The sentences of text with more than limit words, in order."""
    return [sentence for sentence in sentences(text) if word_count(sentence) > limit]
