"""English: the rules the site follows for English text, one row of engine.languages.

Plurals of glossary names, the words search leaves out, month names, and the reading level:
the Flesch-Kincaid grade, with syllables counted by pyphen's hyphenation dictionary (it ships
inside the package and works offline). The counting follows textstat 0.7.3, which the site used
before (its grades stay within 0.3: tests/engine/test_readability.py).
"""

import functools
import math
import re

import pyphen


def english_name_forms(name):
    """The name and its regular plurals: "s", "es", and "y" to "ies" after a consonant."""
    forms = {name, name + "s", name + "es"}
    if name.endswith("y") and len(name) > 1 and name[-2].lower() not in "aeiou":
        forms.add(name[:-1] + "ies")
    return forms


# Words that would match nearly every page; left out unless the query has nothing else.
# Patients type questions ("am I eligible", "how much does it cost"): the question's own words
# are left out too.
ENGLISH_STOP_WORDS = frozenset({
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "by", "can", "could",
    "did", "do", "does", "for", "from", "get", "got", "happen", "happens", "has", "have", "he",
    "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "much", "my", "of",
    "on", "or", "our",
    "she", "should", "so", "that", "the", "their", "them", "there", "they", "this", "to", "us",
    "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would",
    "you", "your",
})  # fmt: skip

ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


# --- Reading level ---------------------------------------------------------------------------

PUNCTUATION = re.compile(r"[^\w\s]")


def _tenths(number):
    # textstat rounded each average to one decimal, half away from zero, before the formula;
    # doing the same keeps every grade the site has reported (the syllable average alone moves
    # a grade by up to 0.6 otherwise).
    return math.floor(number * 10 + math.copysign(0.5, number)) / 10


def flesch_kincaid_grade(words, sentences, syllables):
    return 0.39 * _tenths(words / sentences) + 11.8 * _tenths(syllables / words) - 15.59


@functools.cache
def _hyphenator(name):
    return pyphen.Pyphen(lang=name)


def syllables(word):
    # The places the dictionary may hyphenate the word, plus one, as textstat counted them.
    bare = PUNCTUATION.sub("", word).lower()
    return len(_hyphenator("en_US").positions(bare)) + 1
