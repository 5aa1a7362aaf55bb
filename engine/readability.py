"""How hard a text is to read: the one place reading scores and long sentences are measured.

English uses the Flesch-Kincaid grade; Spanish (for the Spanish edition) the Szigriszt-Pazos
INFLESZ score. Both need syllables, counted with pyphen's hyphenation dictionaries, which ship
inside the package and work offline. The counting rules follow textstat 0.7.3, which the site
used before (its grades stay within 0.3: tests/articles/test_readability.py), but textstat
imports pkg_resources, which Python 3.12+ environments no longer have.

The report, the checker and any note about a page's reading level all call these functions,
so they always agree. A language is a row in LANGUAGES, not a fork of this module.
"""

import functools
import math
import re
from dataclasses import dataclass

import pyphen

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
    hyphenation: str  # pyphen's dictionary name
    score_name: str
    score: object  # function(words, sentences, syllables) -> float


def _tenths(number):
    # textstat rounded each average to one decimal, half away from zero, before the formula;
    # doing the same keeps every grade the site has reported (the syllable average alone moves
    # a grade by up to 0.6 otherwise).
    return math.floor(number * 10 + math.copysign(0.5, number)) / 10


def flesch_kincaid_grade(words, sentences, syllables):
    return 0.39 * _tenths(words / sentences) + 11.8 * _tenths(syllables / words) - 15.59


def inflesz(words, sentences, syllables):
    # Szigriszt-Pazos perspicuity, read on the INFLESZ scale (55 or more: fairly easy).
    return 206.835 - 62.3 * syllables / words - words / sentences


LANGUAGES = {
    "en": Language("en_US", "Flesch-Kincaid grade", flesch_kincaid_grade),
    "es": Language("es", "INFLESZ", inflesz),
}


@functools.cache
def _hyphenator(name):
    return pyphen.Pyphen(lang=name)


def syllable_count(word, language="en"):
    """Syllables in one word: the places a dictionary may hyphenate it, plus one."""
    return len(_hyphenator(LANGUAGES[language].hyphenation).positions(word.lower())) + 1


def _bare_words(text):
    return PUNCTUATION.sub("", text).split()


def reading_score(text, language="en"):
    """The language's readability score of plain text, to one decimal; 0.0 with no words."""
    words = _bare_words(text or "")
    if not words:
        return 0.0
    spans = SCORE_SENTENCE.findall(text)
    short = sum(1 for span in spans if len(_bare_words(span)) < SHORTEST_SENTENCE_WORDS)
    sentences = max(1, len(spans) - short)
    syllables = sum(syllable_count(word, language) for word in words)
    return round(LANGUAGES[language].score(len(words), sentences, syllables), 1)


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
