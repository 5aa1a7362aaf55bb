"""How hard a text is to read: the one place the reading grade and long sentences are measured.

The grade is Flesch-Kincaid, from textstat 0.7.3 (later releases fetch NLTK data on first use;
this one counts syllables with pyphen and works offline). The report, the checker and any note
about a page's reading level all call reading_grade(), so they always agree.
"""

import re

import textstat

WORD = re.compile(
    r"\w[\w'’-]*"
)  # a word is letters or digits, with ' or - inside ("CAR-T", "don't")
LONG_SENTENCE_WORDS = 25  # above this, most readers have to go back to the start

# A sentence ends at . ! or ? followed by a space or the end of a block (plain text blocks are
# one per line: a paragraph, a list item, a table cell). "e.g." and "Dr." end nothing here:
# writers are asked to avoid them, and a false split only makes a sentence look shorter.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+|\n+")


def reading_grade(text):
    """The Flesch-Kincaid grade of plain text, to one decimal; 0.0 for text with no words."""
    if not WORD.search(text or ""):
        return 0.0
    return round(textstat.flesch_kincaid_grade(text), 1)


def sentences(text):
    return [sentence.strip() for sentence in SENTENCE_END.split(text or "") if sentence.strip()]


def word_count(text):
    return len(WORD.findall(text or ""))


def long_sentences(text, limit=LONG_SENTENCE_WORDS):
    """The sentences of text with more than limit words, in order."""
    return [sentence for sentence in sentences(text) if word_count(sentence) > limit]
