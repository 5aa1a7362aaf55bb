"""How search reads words: a query as typed, and a page's words as the index keeps them.

Both sides are compared folded (case and accents ignored, engine.languages.fold) and, where it
matters, stemmed with the language's Snowball stemmer. A hyphenated or apostrophe word is also
read joined ("CAR-T" as "cart", "don't" as "dont"), so a reader who leaves out the hyphen or the
apostrophe still finds it.
"""

import functools
import re
import unicodedata
from array import array
from dataclasses import dataclass
from sys import intern

from ..languages import DEFAULT_LANGUAGE, ENGLISH_STOP_WORDS, fold, is_stop_word, stem
from .highlight import TOKEN

MAX_QUERY_LENGTH = 200  # characters; longer queries are cut, and the page says so
MAX_WORDS = 12

# Words that would match nearly every page; left out unless the query has nothing else. Each
# language has its own list (engine.languages); this name is English's, as it always was.
STOP_WORDS = ENGLISH_STOP_WORDS

# The fields of a page, best first. A word counts once per page, at its best field.
FIELDS = ("title", "names", "headings", "summary", "text")
BITS = {name: 1 << index for index, name in enumerate(FIELDS)}
FIELD_BITS = len(FIELDS)  # a posting packs (text count << FIELD_BITS) | field bits in one int
FIELD_MASK = (1 << FIELD_BITS) - 1

WORD = re.compile(r"\w+(?:['’-]\w+)*")
COMPOUND = re.compile(r"[\w\u0300-\u036f]+(?:['’‐-][\w\u0300-\u036f]+)+")

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
    # The phrase keeps single letters ("b cell") but not the question's words ("am I").
    phrase = [w for w in every if not is_stop_word(w, language)] or every
    return Query(
        text=text,
        words=tuple(meaningful or words),
        phrase=tuple(phrase) if len(phrase) > 1 else (),
        truncated=truncated,
        language=language,
    )


def stem_key(key, language):
    """A name key with each word stemmed: "t cells" and "t cell" are the same name."""
    return " ".join(stem(word, language) for word in key.split())


def name_key(text):
    """A name reduced to its words, so "B-cell", "b cell" and "B cell" are the same name."""
    return " ".join(WORD.findall(text.lower().replace("-", " ").replace("’", "'")))


def compact(text):
    """Letters and digits only: "CAR-T", "car t" and "cart" are the same compact name."""
    return "".join(character for character in text if character.isalnum())


def meaningful(words, language):
    """The folded words, less the ones search leaves out (all of them if nothing is left)."""
    folded = [fold(word, language) for word in words]
    kept = [word for word in folded if not is_stop_word(word, language)]
    return tuple(kept or folded)


def _words(text, language):
    """(the folded words of text, in order; each hyphenated or apostrophe word joined: "CAR-T"
    -> "cart", "don't" -> "dont", as (joined, as written) pairs)."""
    # Interned: a site of 1,700 pages writes about 150,000 words but only some 10,000 different
    # ones, and every page's words are kept (page_words, the index): one copy of each word.
    words = [intern(fold(part, language)) for part in TOKEN.findall(text)]
    joined = [
        (
            intern("".join(fold(part, language) for part in TOKEN.findall(match.group()))),
            match.group(),
        )
        for match in COMPOUND.finditer(text)
    ]
    return words, joined


@functools.lru_cache(maxsize=16384)
def page_words(title, names, summary, passages, language):
    """How one page's words go into an index, worked out once per page and kept: an index is
    built again whenever any file changes, and most pages have not.

    Returns (the folded words and, packed, the bits of the fields each is in and its times in
    the text; {field: the folded words in order, None between pieces}; the folded words again,
    how each was first written (None: as folded) and its times used).
    """
    texts = {
        "title": [title],
        "names": list(names),
        # One heading per passage ("" for none), so a passage's heading and text line up.
        "headings": [passage.heading for passage in passages],
        "summary": [summary],
        "text": [passage.text for passage in passages],
    }
    stats, sequences, written = {}, {}, {}
    for name, pieces in texts.items():
        bit, in_text, sequence = BITS[name], name == "text", []
        for piece in pieces:
            words, joined = _words(piece, language)
            for word in [*words, *(word for word, _written in joined)]:
                bits, count = stats.get(word, (0, 0))
                stats[word] = (bits | bit, count + in_text)
            # "dont" is how many type "don't": a word the site uses. "cart" for "CAR-T" is not
            # (did you mean offers "CAR-T"), so only the apostrophe words count as written.
            for word, as_written in joined:
                if "'" in as_written or "’" in as_written:
                    first, count = written.get(word, (as_written.lower(), 0))
                    written[word] = (first, count + 1)
            for word_as_written in TOKEN.findall(piece):
                folded = fold(word_as_written, language)
                first, count = written.get(folded, (intern(word_as_written.lower()), 0))
                written[folded] = (first, count + 1)
            sequence.extend(words)
            sequence.append(None)  # a phrase never runs from one piece into the next
        sequences[name] = tuple(sequence)
    # Kept for every page of the site, so kept small: the words, and beside them in one array
    # each one's field bits and text count packed into one number.
    packed = array("i", ((count << FIELD_BITS) | bits for bits, count in stats.values()))
    # The words as written, packed the same way: the folded words, how each was first written
    # (None where that is the folded word itself, as it nearly always is), and their counts.
    firsts = tuple(None if first == word else first for word, (first, _) in written.items())
    counts = array("i", (count for _, count in written.values()))
    return (tuple(stats), packed), sequences, (tuple(written), firsts, counts)
