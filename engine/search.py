"""Search across everything a patient can read: article sections, glossary terms (names,
aliases and full explanations), the questions page and the pages about the site.

The index is built once per library: the library is rebuilt only when a content file changes,
and the index is kept on it, so a request only runs the query. Searches stay private: this
module and the view that calls it never log, store or send a query anywhere (see views.search).

How a query is answered:
- Words are compared folded (case and accents ignored) and stemmed with the language's Snowball
  stemmer, so "side effect" finds "side effects" and "celulas" finds "células"; a query word of
  three letters or more also finds the words it begins ("infect" -> "infections"). A hyphenated
  word is also indexed joined ("CAR-T" as "cart"), so "cart" finds it.
- The editors' synonyms (engine.synonyms) widen a word or phrase to its group: "kids" also finds
  "children", a little below pages that use the word typed.
- Ranking: a word counts once per page, at its best place (title > glossary name > heading >
  summary > text), plus how often the text uses it; rarer words weigh more; the words together as
  a phrase count again; a query that is exactly a page's name puts that page first.
- Did you mean (engine.suggest): a word the site never writes gets the closest one it does, the
  glossary's names first. When the query as typed finds no page with all its words and the
  suggestion does, the results are the suggestion's, and the page says so.

Results name the page and the heading the match is under (engine.passages), and carry the
matched words as pieces to mark (engine.highlight), never as HTML.
"""

import bisect
import functools
import math
import re
import struct
import unicodedata
from array import array
from collections import defaultdict
from dataclasses import dataclass, field

from . import site
from .errors import ContentError
from .highlight import PREFIX_LETTERS, SNIPPET_LENGTH, TOKEN, highlight, phrase_pattern, snippet
from .languages import DEFAULT_LANGUAGE, ENGLISH_STOP_WORDS, fold, is_stop_word, stem
from .passages import Passage, passages_of, plain
from .suggest import Vocabulary, compact, is_variant_spelling, suggestion

MAX_QUERY_LENGTH = 200  # characters; longer queries are cut, and the page says so
MAX_WORDS = 12
MAX_RESULTS = 30

# Words that would match nearly every page; left out unless the query has nothing else. Each
# language has its own list (engine.languages); this name is English's, as it always was.
STOP_WORDS = ENGLISH_STOP_WORDS

# Weights for where a word is found; a word counts once, at its best place.
TITLE, NAME, HEADING, SUMMARY, TEXT = 10, 8, 6, 3, 1
FIELDS = ("title", "names", "headings", "summary", "text")
WEIGHTS = {"title": TITLE, "names": NAME, "headings": HEADING, "summary": SUMMARY, "text": 0}
BITS = {name: 1 << index for index, name in enumerate(FIELDS)}
FIELD_BITS = len(FIELDS)  # a posting packs (text count << FIELD_BITS) | field bits in one int
FIELD_MASK = (1 << FIELD_BITS) - 1
# Where the words together add their field's weight (the text's is counted apart), by "is the
# page a glossary term?".
PHRASE_FIELDS = {False: ("title", "names", "headings", "summary"), True: ("headings", "summary")}
TEXT_HITS = 5  # text mentions counted at most this often: a long page is not a better one
SYNONYM = 0.9  # a synonym's match counts a little less than the word typed
PREFIX = 0.5  # so does a longer word the query word begins
MAX_PREFIX_WORDS = 50  # "inf" must not cost a scan of every word that starts with it
RERANKED = 40  # the best pages by words alone are then weighed for phrase and name
COMPLETE = 0.999  # a page's share of the query's weight that counts as having every word
HALF = 0.5  # pages with less of the query are left out while some page has all of it

WORD = re.compile(r"\w+(?:['’-]\w+)*")
NUMBER = struct.Struct("i")  # a word number as Words keeps it
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


# --- What can be found -----------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One page a search can find: a section, a glossary term, or another page of the site."""

    kind: str  # "section", "term" or "page"
    url: str
    title: str
    # Where it lives, e.g. "Part 5 of …" or "Glossary": lazy, so it reads in the language of
    # the page that shows it (the index is built once, by whichever request comes first).
    context: str
    summary: str = ""  # in_short for a section, the short definition for a term
    names: tuple = ()  # a term's aliases
    passages: tuple = ()  # engine.passages.Passage: each heading and the text under it
    order: int = 0
    language: str = DEFAULT_LANGUAGE
    # How much a match here counts: the questions page repeats every section's title and
    # questions, so it would otherwise come first for nearly any question a reader types.
    weight: float = 1.0

    @functools.cached_property
    def keys(self):
        """The page's names as a query would be compared with them: "car t" and "cart" (for
        "CAR-T"), so a reader who leaves out the space or hyphen still finds the name."""
        keys = {name_key(fold(name, self.language)) for name in (self.title, *self.names)}
        return (
            keys | {compact(key) for key in keys} | {stem_key(key, self.language) for key in keys}
        )


@dataclass
class Result:
    document: Document
    score: float
    url: str
    title: list  # highlighted pieces
    summary: list
    heading: list = field(default_factory=list)
    also_called: list = field(default_factory=list)  # [pieces] for each matching alias


@dataclass
class Found:
    """What a search found, and what the page says about it."""

    results: list
    total: int  # how many pages matched in all (at most MAX_RESULTS are shown)
    partial: bool = False  # no page has every word; these have some
    suggestion: str = ""  # "did you mean", as the site spells it
    corrected: bool = False  # the results are the suggestion's: the query as typed found none
    phrase_found: bool = True  # some page has the query's words together, in order


def section_documents(library, language):
    documents = []
    for article in library.articles.values():
        count = len(article.sections)
        for position, section in enumerate(article.sections, start=1):
            documents.append(
                Document(
                    kind="section",
                    url=section.get_absolute_url(),
                    title=section.title,
                    context=site.gettext("Part {position} of {count} · {title}").format(
                        position=position, count=count, title=article.title
                    ),
                    summary=section.in_short,
                    passages=passages_of(section.html),
                    language=language,
                )
            )
    return documents


def term_documents(library, language):
    return [
        Document(
            kind="term",
            url=term.get_absolute_url(),
            title=term.term,
            context=site.gettext("Glossary"),
            summary=term.short,
            names=tuple(term.aliases),
            passages=passages_of(term.html),
            language=language,
        )
        for term in sorted(library.terms.values(), key=lambda term: term.term.lower())
    ]


def questions_document(library, language):
    """The questions page: each section's questions, under the section's name."""
    passages = tuple(
        Passage(f"questions-{section.slug}", section.title, plain(" ".join(section.questions)))
        for article in library.articles.values()
        for section in article.sections
        if section.questions
    )
    if not passages:
        return []
    url = site.reverse(language, "articles:questions")
    title = site.gettext("Questions for your care team")  # built under the language (get_index)
    return [Document("page", url, title, title, passages=passages, language=language, weight=0.6)]


def build_documents(library, language=DEFAULT_LANGUAGE, pages=()):
    """Every Document of a library; pages: more Documents (the pages about the site)."""
    documents = [
        *section_documents(library, language),
        *term_documents(library, language),
        *questions_document(library, language),
        *pages,
    ]
    return [
        Document(**{**vars(document), "order": order}) for order, document in enumerate(documents)
    ]


# --- The index -------------------------------------------------------------------------------


def _words(text, language):
    """(the folded words of text, in order; each hyphenated or apostrophe word joined: "CAR-T"
    -> "cart", "don't" -> "dont", as (joined, as written) pairs)."""
    words = [fold(part, language) for part in TOKEN.findall(text)]
    joined = [
        ("".join(fold(part, language) for part in TOKEN.findall(match.group())), match.group())
        for match in COMPOUND.finditer(text)
    ]
    return words, joined


@functools.lru_cache(maxsize=16384)
def _analysis(title, names, summary, passages, language):
    """How one page's words go into an index, worked out once per page and kept: an index is
    built again whenever any file changes, and most pages have not.

    Returns ({folded word: (bits of the fields it is in, times in the text)}, {field: the folded
    words in order, None between pieces}, {folded word: (as first written, times used)}).
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
                first, count = written.get(folded, (word_as_written.lower(), 0))
                written[folded] = (first, count + 1)
            sequence.extend(words)
            sequence.append(None)  # a phrase never runs from one piece into the next
        sequences[name] = tuple(sequence)
    # Kept for every page of the site, so kept small: the words, and beside them in one array
    # each one's field bits and text count packed into one number.
    packed = array("i", ((count << FIELD_BITS) | bits for bits, count in stats.values()))
    return (tuple(stats), packed), sequences, written


@dataclass(frozen=True)
class Alternative:
    """One way a concept of the query may appear: a word, or words in order."""

    words: tuple  # folded
    quality: float = 1.0
    prefix: bool = True  # also the longer words each begins: a typed word, not a synonym


@dataclass(frozen=True)
class Concept:
    """One thing the reader asked for: a word, or a phrase an editor made a synonym group of."""

    typed: tuple  # the query words it stands for
    alternatives: tuple


class SearchIndex:
    """The index of a language's Documents; search(query) answers a Query with a Found."""

    def __init__(self, documents, language=DEFAULT_LANGUAGE, synonyms=()):
        self.documents = list(documents)
        self.language = language
        self.ids = {}  # folded word -> its number in the token arrays
        # folded word -> (the numbers of the documents it is in, and for each, the fields it is
        # in and how often the text uses it, packed: see FIELD_BITS). Built as lists, kept as
        # two arrays per word: a few bytes a posting, not a dict entry each.
        self.postings = defaultdict(list)
        self.tokens = []  # per document: {field: array of word numbers, in order}
        written = {}  # folded word -> (as first written, times used), for "did you mean"
        for number, document in enumerate(self.documents):
            self.tokens.append(self._add(number, document, written))
        self.postings = {
            word: (array("i", (n for n, _ in found)), array("i", (p for _, p in found)))
            for word, found in self.postings.items()
        }
        self.words = sorted(self.postings)  # for the words a query word begins
        self.by_stem = defaultdict(set)
        for word in self.postings:
            self.by_stem[stem(word, language)].add(word)
        self.synonyms = self._synonym_table(synonyms)
        self.synonyms_as_written = {
            phrase: phrases for phrases in self.synonyms.values() for phrase in phrases
        }
        self.synonym_words = {
            word for phrases in self.synonyms.values() for p in phrases for word in p
        }
        self.stop_ids = {
            number for word, number in self.ids.items() if is_stop_word(word, language)
        }
        self.vocabulary = self._vocabulary(synonyms, written)

    def _vocabulary(self, synonyms, written):
        """What "did you mean" chooses from: the glossary's names and aliases (an alias that is
        another spelling of its name points to the name), the editors' synonym phrases, and
        every word the pages use, as written."""
        names, variants = {}, {}
        for document in self.documents:
            if document.kind == "term":
                main = name_key(fold(document.title, self.language))
                for name in (document.title, *document.names):
                    key = name_key(fold(name, self.language))
                    names.setdefault(key, name)
                    if is_variant_spelling(key, main):
                        variants[key] = document.title
        for group in synonyms:
            for phrase in group.phrases:
                names.setdefault(name_key(fold(phrase, self.language)), phrase)
        name_words = frozenset(word for key in names for word in TOKEN.findall(key))
        return Vocabulary(names, written, name_words, variants)

    def _add(self, number, document, written):
        stats, sequences, words_written = _analysis(
            str(document.title),
            tuple(document.names),
            document.summary,
            document.passages,
            self.language,
        )
        for word, found in zip(*stats, strict=True):
            self.postings[word].append((number, found))
        for folded, (first, count) in words_written.items():
            known_first, known_count = written.get(folded, (first, 0))
            written[folded] = (known_first, known_count + count)
        ids = self.ids
        return {
            name: Words(
                [-1 if word is None else ids.setdefault(word, len(ids)) for word in sequence]
            )
            for name, sequence in sequences.items()
        }

    def _synonym_table(self, groups):
        """{the stems of a phrase: the group's phrases, each as its folded words}."""
        table = {}
        for group in groups:
            phrases = [self.meaningful(TOKEN.findall(phrase)) for phrase in group.phrases]
            phrases = [phrase for phrase in phrases if phrase]
            for phrase in phrases:
                table[tuple(stem(word, self.language) for word in phrase)] = phrases
        return table

    def meaningful(self, words):
        folded = [fold(word, self.language) for word in words]
        kept = [word for word in folded if not is_stop_word(word, self.language)]
        return tuple(kept or folded)

    # Matching

    def matching_words(self, word, prefix=True):
        """{indexed word: how well it matches}: the same word or stem fully; when there is
        none, a longer word it begins (three letters or more) at PREFIX."""
        found = dict.fromkeys(self.by_stem.get(stem(word, self.language), ()), 1.0)
        if word in self.postings:
            found[word] = 1.0
        # A word the site uses as it is typed is a whole word: "car" must not also find
        # "care". Only a word the site never writes whole is taken as the start of one.
        if prefix and not found and len(word) >= PREFIX_LETTERS:
            start = bisect.bisect_left(self.words, word)
            for other in self.words[start : start + MAX_PREFIX_WORDS]:
                if not other.startswith(word):
                    break
                found.setdefault(other, PREFIX)
        return found

    def _alternative_hits(self, alternative):
        """{document number: (field bits, text count, quality)} for one alternative."""
        hits = None
        for word in alternative.words:
            these = {}
            for other, quality in self.matching_words(word, alternative.prefix).items():
                numbers, packed = self.postings[other]
                for number, both in zip(numbers, packed, strict=True):
                    bits, count = both & FIELD_MASK, both >> FIELD_BITS
                    old = these.get(number, (0, 0, 0.0))
                    these[number] = (old[0] | bits, old[1] + count, max(old[2], quality))
            if hits is None:
                hits = these
            else:  # every word of a phrase must be there; the phrase is weighed later
                hits = {
                    number: (
                        bits & these[number][0],
                        min(count, these[number][1]),
                        min(q, these[number][2]),
                    )
                    for number, (bits, count, q) in hits.items()
                    if number in these and bits & these[number][0]
                }
        quality = alternative.quality
        return {
            number: (bits, count, q * quality) for number, (bits, count, q) in (hits or {}).items()
        }

    def concept_scores(self, concept):
        """{document number: score} for the documents a concept is found in."""
        scores = {}
        for alternative in concept.alternatives:
            for number, (bits, count, quality) in self._alternative_hits(alternative).items():
                best = max((WEIGHTS[name] for name in FIELDS if bits & BITS[name]), default=0)
                score = quality * (best + TEXT * min(count, TEXT_HITS))
                scores[number] = max(scores.get(number, 0.0), score)
        rarity = math.log(1 + len(self.documents) / max(len(scores), 1))
        return {number: score * rarity for number, score in scores.items()}, rarity

    def concepts(self, query):
        """The query's words as Concepts, a synonym phrase ("side effect") as one."""
        words = [
            tuple(fold(part, self.language) for part in TOKEN.findall(word)) for word in query.words
        ]
        words = [parts for parts in words if parts]
        concepts, position = [], 0
        while position < len(words):
            for length in range(min(len(words) - position, 5), 0, -1):
                run = words[position : position + length]
                folded = tuple(part for parts in run for part in parts)
                stems = tuple(stem(part, self.language) for part in folded)
                # The words as written first: two groups' words may share a stem.
                group = self.synonyms_as_written.get(folded) or self.synonyms.get(stems)
                if group is not None or length == 1:
                    break
            typed = tuple(part for parts in run for part in parts)
            alternatives = [Alternative(typed)]
            if len(run) == 1 and len(typed) > 1:
                alternatives.append(Alternative(("".join(typed),)))  # "car-t" as "cart"
            for phrase in group or ():
                if tuple(stem(word, self.language) for word in phrase) != stems:
                    alternatives.append(Alternative(phrase, SYNONYM, prefix=False))
            concepts.append(Concept(typed, tuple(alternatives)))
            position += len(run)
        return concepts

    # Answering

    def search(self, query):
        """A Found for the query; with a "did you mean" when a word is not one the site uses."""
        if not query:
            return Found([], 0)
        found = self.answer(query)
        better = self.suggest(query)
        if better is None and not found.phrase_found:
            # Every word is one the site uses, but never together: "side affects" is the name
            # of nothing, "side effect" a phrase the site knows.
            better = self._closest_phrase(query)
        if better is None:
            return found
        found.suggestion = better
        if not found.results or found.partial or not found.phrase_found:
            corrected = self.answer(parse_query(better, self.language))
            if corrected.results and not corrected.partial:
                corrected.suggestion, corrected.corrected = better, True
                return corrected
        return found

    def _closest_phrase(self, query):
        name = self.vocabulary.closest_name(query.key)
        if name is None:
            return None
        same = stem_key(name_key(fold(name, self.language)), self.language)
        return None if same == stem_key(query.key, self.language) else name

    def answer(self, query):
        concepts = self.concepts(query)
        if not concepts:
            return Found([], 0)
        totals, weight_found, weight_all = defaultdict(float), defaultdict(float), 0.0
        for concept in concepts:
            scores, rarity = self.concept_scores(concept)
            weight_all += rarity
            for number, score in scores.items():
                totals[number] += score
                weight_found[number] += rarity
        # Pages with every word come first. A page with most of them (by weight: a rare word
        # counts more) may still be the one meant ("what happens after treatment" and the
        # section "The first weeks after treatment"), so it stays, its score cut by how much
        # it lacks; a page with less than half is left out while some page has it all.
        coverage = {n: weight_found[n] / weight_all for n in totals}
        complete = [n for n in totals if coverage[n] > COMPLETE]
        partial = not complete and bool(totals)
        chosen = [n for n in totals if partial or coverage[n] >= HALF]
        for n in chosen:
            totals[n] *= min(coverage[n], 1.0) ** 2 * self.documents[n].weight
        ranked = sorted(chosen, key=lambda n: (-totals[n], n))
        concept_ids = defaultdict(set)  # word number -> the concepts it stands for
        for position, concept in enumerate(concepts):
            for alternative in concept.alternatives:
                for word in alternative.words:
                    for number in self._ids_for(word):
                        concept_ids[number].add(position)
        # The best pages by their words are weighed again for the phrase and for their name.
        head = {
            n: totals[n] + self.documents[n].weight * self._bonus(n, query, concept_ids)
            for n in ranked[:RERANKED]
        }
        ranked = sorted(head, key=lambda n: (-head[n], n)) + ranked[RERANKED:]
        patterns = self._patterns(query, concepts)
        results = [
            self._result(n, head.get(n, totals[n]), patterns, concept_ids, concepts)
            for n in ranked[:MAX_RESULTS]
        ]
        return Found(results, len(chosen), partial, phrase_found=self._phrase_found(query, head))

    def _phrase_found(self, query, numbers):
        """Whether one of these documents has the query's words together, in order."""
        phrase = [
            fold(part, self.language) for word in query.phrase for part in TOKEN.findall(word)
        ]
        if len(phrase) < 2:
            return True
        wanted = [self._ids_for(word) for word in phrase]
        return any(_has_run(self.tokens[n][name], wanted) for n in numbers for name in FIELDS)

    def _bonus(self, number, query, concept_ids):
        """The page's name, how much of its title the query covers, and the phrase's weight
        (the words together, in order, and each pair of them)."""
        document, bonus = self.documents[number], 0.0
        # "What is CAR-T?" is all about "how does car-t work"; "Life before and after CAR-T"
        # only partly. Common words of the title do not count either way.
        title = [w for w in self.tokens[number]["title"] if w != -1 and w not in self.stop_ids]
        if title:
            bonus += TITLE * sum(w in concept_ids for w in title) / len(title)
        keys = document.keys
        if query.key and {query.key, compact(query.key), stem_key(query.key, self.language)} & keys:
            bonus += (
                3 * TITLE
            )  # the query is exactly this page's name ("T cells"): it belongs first
        phrase = [TOKEN.findall(word) for word in query.phrase]
        phrase = [fold(part, self.language) for parts in phrase for part in parts]
        if len(phrase) < 2:
            return bonus
        wanted = [self._ids_for(word) for word in phrase]
        sequences = self.tokens[number]

        # A glossary name counts as a phrase only when it is the whole query (the name bonus
        # above): "side effects" is about the Risks section more than the term "Side effect
        # grade", whose name only starts with it.
        fields = PHRASE_FIELDS[document.kind == "term"]

        def weight(run):
            return max(
                (WEIGHTS[name] for name in fields if _has_run(sequences[name], run)), default=0
            )

        hits = _count_runs(sequences["text"], wanted)
        bonus += 2 * weight(wanted) + 2 * TEXT * min(hits, TEXT_HITS)
        if len(wanted) > 2:  # "after treatment" of "happens after treatment" in a title
            bonus += sum(weight(wanted[i : i + 2]) for i in range(len(wanted) - 1))
        return bonus

    def _known(self, word):
        """The site's words a folded query word matches (a single letter: only itself)."""
        return self.matching_words(word) if len(word) > 1 else {word}

    def _ids_for(self, word):
        matching = self.matching_words(word) if len(word) > 1 else {word: 1.0}
        return {self.ids[other] for other in matching if other in self.ids}

    def _patterns(self, query, concepts):
        """What to mark in a result: the whole phrase, then each way each concept was found."""
        patterns = [
            phrase_pattern(alternative.words, self.language, self._known)
            for concept in concepts
            for alternative in concept.alternatives
        ]
        if query.phrase:
            patterns.insert(0, phrase_pattern(query.phrase, self.language, self._known))
        return patterns

    def _best_passage(self, number, concept_ids):
        """The passage of a document with most of the query's concepts (a heading's count
        twice): (its index, how many concepts it has), or (None, 0) when it has none."""
        passages = len(self.documents[number].passages)
        totals = [0] * passages
        for field_name, weight in (("headings", 2), ("text", 1)):
            words = self.tokens[number][field_name]
            ends = words.positions({-1})  # where each passage's piece ends
            found = [set() for _ in range(passages)]
            for word, concepts in concept_ids.items():
                for position in words.positions({word}):
                    piece = bisect.bisect_left(ends, position)
                    if piece < passages:
                        found[piece] |= concepts
            for piece, concepts in enumerate(found):
                totals[piece] += weight * len(concepts)
        if not totals or max(totals) == 0:
            return None, 0
        best = max(range(passages), key=lambda i: (totals[i], -i))
        return best, totals[best]

    def _result(self, number, score, patterns, concept_ids, concepts):
        document = self.documents[number]

        def words_in(text):
            return sum(1 for pattern in patterns if pattern.search(text))

        best, _count = self._best_passage(number, concept_ids)
        passage = document.passages[best] if best is not None else None
        url, heading = document.url, []
        # Send the reader to the heading the words are under, unless the title has them all.
        if passage is not None and passage.heading and words_in(document.title) < len(concepts):
            if passage.anchor:
                url = f"{document.url}#{passage.anchor}"
            heading = highlight(passage.heading, patterns)
        shown = None
        if not (document.summary and words_in(document.summary)):
            shown = snippet(passage.text, patterns) if passage is not None else None
        if shown is None and not document.summary and document.passages:
            shown = snippet(document.passages[0].text, patterns) or document.passages[0].text
            shown = shown[: SNIPPET_LENGTH + 2]
        return Result(
            document=document,
            score=score,
            url=url,
            title=highlight(document.title, patterns),
            summary=highlight(shown or document.summary, patterns),
            heading=heading,
            also_called=[highlight(name, patterns) for name in document.names if words_in(name)],
        )

    # Did you mean

    def suggest(self, query):
        """The query as the site spells it, when a word of it is not one the site uses."""
        typed = [(word, fold(word, self.language)) for word in WORD.findall(query.text)]
        meaningful = {fold(word, self.language) for word in query.words}
        unknown = {
            folded for _, folded in typed if folded in meaningful and not self._knows(folded)
        }
        return suggestion(typed, unknown, query.key, self.vocabulary)

    def _knows(self, folded):
        parts = TOKEN.findall(folded)
        if all(self.vocabulary.knows(part) for part in parts):
            return True
        return folded in self.synonym_words  # a word of the synonyms file, as written there


def _has_run(sequence, wanted):
    return _count_runs(sequence, wanted, stop_at=1) > 0


def _count_runs(sequence, wanted, stop_at=None):
    """How many times the words (each a set of word numbers) follow each other in sequence."""
    count = 0
    for start in sequence.positions(wanted[0]):
        if start + len(wanted) <= len(sequence) and all(
            sequence[start + offset] in ids for offset, ids in enumerate(wanted[1:], start=1)
        ):
            count += 1
            if stop_at and count >= stop_at:
                break
    return count


class Words:
    """A field's words as numbers, in order (-1 between pieces). Kept as bytes, so finding
    where a word is is a bytes.find in C, not a Python loop over every word of a long page."""

    __slots__ = ("data", "view")

    def __init__(self, numbers):
        self.data = array("i", numbers).tobytes()
        self.view = memoryview(self.data).cast("i")

    def __len__(self):
        return len(self.view)

    def __getitem__(self, index):
        return self.view[index]

    def __iter__(self):
        return iter(self.view)

    def positions(self, numbers):
        """Where any of these word numbers stand, in order."""
        found = []
        for number in numbers:
            needle = NUMBER.pack(number)
            start = self.data.find(needle)
            while start != -1:
                if start % len(needle) == 0:
                    found.append(start // len(needle))
                    start = self.data.find(needle, start + len(needle))
                else:  # the bytes straddle two numbers
                    start = self.data.find(needle, start + 1)
        return sorted(found)


def get_index(library, language=None, pages=None):
    """The search index for this library in its language (by default the library's own), built
    on first use and kept with it. pages: a function(library, language) that gives the
    Documents of the pages about the site (they live in templates, outside the library)."""
    language = language or library.language
    # The loader makes a new Library object whenever content changes, so an index stored on
    # the library can never be stale, and it is built once per library, not per request.
    index = vars(library).get("_search_index")
    if index is None or index.language != language:
        with site.in_language(language):  # the words of the site's own pages
            extra = pages(library, language) if pages else []
            documents = build_documents(library, language, extra)
        index = SearchIndex(documents, language, library.synonyms)
        library._search_index = index
    return index


def synonym_problems(library):
    """Warnings for the synonyms file of a library, named by line: a group none of whose words
    the site uses (it can find nothing), or an entry made only of words search leaves out."""
    index = get_index(library)
    problems = []
    for group in library.synonyms:
        entries = [(phrase, index.meaningful(TOKEN.findall(phrase))) for phrase in group.phrases]
        for phrase, words in entries:
            if all(is_stop_word(word, index.language) for word in words):
                message = f'"{phrase}" is made of words search leaves out, so it does nothing here'
                problems.append(ContentError(group.source_name, group.line, message, "warning"))
        if not any(all(word in index.postings for word in words) for _, words in entries if words):
            message = (
                "no word or phrase of this group is used on the site, so it finds nothing: "
                "add the word the pages use"
            )
            problems.append(ContentError(group.source_name, group.line, message, "warning"))
    return problems
