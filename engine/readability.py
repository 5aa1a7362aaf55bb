"""How hard a text is to read: the one place reading scores and long sentences are measured.

English uses the Flesch-Kincaid grade, with syllables counted by pyphen's hyphenation
dictionary, which ships inside the package and works offline. The counting rules follow
textstat 0.7.3, which the site used before (its grades stay within 0.3:
tests/engine/test_readability.py), but textstat imports pkg_resources, which Python 3.12+
environments no longer have.

Spanish (for the Spanish edition) uses the Szigriszt-Pazos perspicuity read on the INFLESZ
scale, and reports Fernández-Huerta beside it. Its syllables come from engine/syllables_es.py,
because hyphenation never splits two vowels ("dí-a", "le-er") and so undercounts Spanish.

The report, the checker and any note about a page's reading level all call these functions,
so they always agree. A language is a row in LANGUAGES, not a fork of this module.
"""

import functools
import math
import re
from dataclasses import dataclass, field

import pyphen

from .syllables_es import count_syllables as spanish_syllables

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


@dataclass(frozen=True)
class Language:
    syllables: object  # function(word as written, punctuation and all) -> int
    score_name: str
    score: object  # function(words, sentences, syllables) -> float
    more_scores: dict = field(default_factory=dict)  # other scores a report shows: name -> function


def _tenths(number):
    # textstat rounded each average to one decimal, half away from zero, before the formula;
    # doing the same keeps every grade the site has reported (the syllable average alone moves
    # a grade by up to 0.6 otherwise).
    return math.floor(number * 10 + math.copysign(0.5, number)) / 10


def flesch_kincaid_grade(words, sentences, syllables):
    return 0.39 * _tenths(words / sentences) + 11.8 * _tenths(syllables / words) - 15.59


def inflesz(words, sentences, syllables):
    # Szigriszt-Pazos perspicuity, read on the INFLESZ scale (Barrio-Cantalejo 2008): below 40
    # very hard, 40-55 somewhat hard, 55-65 normal, 65-80 fairly easy, above 80 very easy.
    return 206.835 - 62.3 * syllables / words - words / sentences


# The steps of the INFLESZ scale, each from its lower bound: 65 up to 80 is "bastante fácil".
INFLESZ_BANDS = ((80, "muy fácil"), (65, "bastante fácil"), (55, "normal"), (40, "algo difícil"))


def inflesz_band(score):
    """The name of the INFLESZ step a score falls in; below 40, "muy difícil"."""
    return next((name for floor, name in INFLESZ_BANDS if score >= floor), "muy difícil")


def fernandez_huerta(words, sentences, syllables):
    # Fernández-Huerta's Spanish adaptation of Flesch reading ease (0-100, higher is easier).
    return 206.84 - 0.60 * (100 * syllables / words) - 1.02 * words / sentences


@functools.cache
def _hyphenator(name):
    return pyphen.Pyphen(lang=name)


def _english_syllables(word):
    # The places the dictionary may hyphenate the word, plus one, as textstat counted them.
    bare = PUNCTUATION.sub("", word).lower()
    return len(_hyphenator("en_US").positions(bare)) + 1


LANGUAGES = {
    "en": Language(_english_syllables, "Flesch-Kincaid grade", flesch_kincaid_grade),
    "es": Language(
        spanish_syllables, "INFLESZ", inflesz, more_scores={"Fernández-Huerta": fernandez_huerta}
    ),
}


def syllable_count(word, language="en"):
    """Syllables in one word, by the language's rules."""
    return LANGUAGES[language].syllables(word)


def _bare_words(text):
    return PUNCTUATION.sub("", text).split()


def reading_scores(text, language="en"):
    """The language's scores of plain text by name, its main score first, to one decimal.

    Every score is 0.0 when the text has no words.
    """
    row = LANGUAGES[language]
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
