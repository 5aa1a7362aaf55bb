"""How search results show what matched: the matched words marked, and a passage around them.

Marks are returned as (text, is_match) pieces, never as HTML: the template escapes every piece
and wraps the matches in <mark>, so nothing a reader types can become markup. Matching here is
the index's (engine.search): case and accents ignored, a word matches a word of the text that
starts with it or has the same stem; several words match only in order, as a phrase, with
spaces or hyphens between them. A match is a span of the text as written, so the reader sees
the accented words marked.
"""

import functools
import re
from dataclasses import dataclass

from ..languages import DEFAULT_LANGUAGE, fold, stem

SNIPPET_BEFORE = 70  # characters of context shown before the first match
SNIPPET_LENGTH = 220
PREFIX_LETTERS = 3  # a query word this long also finds the words it begins ("infect")


def word_pattern(word, language=DEFAULT_LANGUAGE, known=None):
    """A pattern for one query word (or a hyphenated one, "b-cell", as a phrase)."""
    return FoldedPattern((word,), language, known)


def phrase_pattern(words, language=DEFAULT_LANGUAGE, known=None):
    """A pattern for the words in order: "b cell" finds "B-cell" and "B cell"."""
    return FoldedPattern(words, language, known)


TOKEN = re.compile(r"[\w\u0300-\u036f]+")  # a word, with any combining accents it is written with
JOINER = re.compile(r"[\s‐–-]+")  # what may stand between the words of a phrase


@dataclass(frozen=True)
class Tokens:
    """The words of a text, column by column: where each starts and ends, folded, stemmed."""

    starts: tuple
    ends: tuple
    folded: tuple
    stems: tuple


@functools.lru_cache(maxsize=4096)
def _tokens(text, language):
    """The words of a text, split, folded and stemmed once per text, not once per query."""
    found = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    return Tokens(
        starts=tuple(start for start, _, _ in found),
        ends=tuple(end for _, end, _ in found),
        folded=tuple(fold(word, language) for _, _, word in found),
        stems=tuple(stem(word, language) for _, _, word in found),
    )


def _joined(text, tokens, index):
    """Whether only spaces or hyphens stand between a word and the one before it."""
    return bool(JOINER.fullmatch(text[tokens.ends[index - 1] : tokens.starts[index]]))


@dataclass(frozen=True)
class FoldedMatch:
    text: str
    span: tuple

    def start(self):
        return self.span[0]

    def end(self):
        return self.span[1]

    def group(self, index=0):
        return self.text[self.span[0] : self.span[1]]


def _word_fits(word, word_stem, folded, stemmed):
    """A query word fits a word of the text with the same stem, or one it begins (when it is
    three letters or more: "ra" must not mark "rash", as the index does not match it)."""
    if word_stem == stemmed or word == folded:
        return True
    return len(folded) >= PREFIX_LETTERS and word.startswith(folded)


class FoldedPattern:
    """Matches query words as a language that folds and stems compares them (see the docstring).

    It answers search(), finditer() and findall() as a compiled pattern would, so ranking,
    snippets and highlighting treat both kinds alike. Several words match only in order, with
    spaces or hyphens between them, as a phrase.
    """

    def __init__(self, words, language, known=None):
        """known: a function giving, for a folded query word, every folded word of the site it
        matches (the search index's own answer); then matching is a set lookup per word."""
        self.language = language
        parts = [part for word in words for part in TOKEN.findall(word)]
        self.parts = tuple((fold(part, language), stem(part, language)) for part in parts)
        self.known = [frozenset(known(folded)) for folded, _ in self.parts] if known else None

    def _fits(self, tokens, index, position):
        if self.known is not None:
            return tokens.folded[index] in self.known[position]
        folded, stemmed = self.parts[position]
        return _word_fits(tokens.folded[index], tokens.stems[index], folded, stemmed)

    def finditer(self, text):
        tokens = _tokens(text, self.language)
        if not self.parts:
            return
        (folded, stemmed), rest = self.parts[0], self.parts[1:]
        # The first word's places in one pass over the columns; the rest are checked only there.
        if self.known is not None:
            firsts = [index for index, word in enumerate(tokens.folded) if word in self.known[0]]
        else:
            firsts = [
                index
                for index, (word, word_stem) in enumerate(
                    zip(tokens.folded, tokens.stems, strict=True)
                )
                if _word_fits(word, word_stem, folded, stemmed)
            ]
        after = 0  # matches do not overlap, as a regular expression's do not
        for first in firsts:
            last = first + len(rest)
            if first < after or last >= len(tokens.folded):
                continue
            if all(
                self._fits(tokens, first + offset, offset) and _joined(text, tokens, first + offset)
                for offset in range(1, len(rest) + 1)
            ):
                after = last + 1
                yield FoldedMatch(text, (tokens.starts[first], tokens.ends[last]))

    def search(self, text):
        return next(self.finditer(text), None)

    def findall(self, text):
        return [match.group() for match in self.finditer(text)]


def highlight(text, patterns):
    """Split text into (piece, is_match) pairs for the template to escape and mark."""
    spans = {(m.start(), m.end()) for pattern in patterns for m in pattern.finditer(text)}
    spans = sorted(spans, key=lambda span: (span[0], -span[1]))  # the longest match at a place wins
    pieces, position = [], 0
    for start, end in spans:
        if start < position:  # overlapping matches: keep the earlier one
            continue
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def snippet(text, patterns):
    """A short passage of text around the first match, or None if nothing matches."""
    starts = [m.start() for pattern in patterns if (m := pattern.search(text))]
    if not starts:
        return None
    first = min(starts)
    start = 0
    if first > SNIPPET_BEFORE:
        space = text.find(" ", first - SNIPPET_BEFORE, first)  # begin on a whole word
        start = space + 1 if space != -1 else first - SNIPPET_BEFORE
    end = start + SNIPPET_LENGTH
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    passage = text[start:end].strip()
    return ("… " if start > 0 else "") + passage + (" …" if end < len(text) else "")
