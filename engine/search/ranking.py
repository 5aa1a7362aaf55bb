"""How a query is answered from an index: which pages, in which order, and what each shows.

- A word counts once per page, at its best place (title > glossary name > heading > summary >
  text), plus how often the text uses it; rarer words weigh more.
- The editors' synonyms widen a word or phrase to its group: "kids" also finds "children", a
  little below pages that use the word typed.
- Pages with every word come first; a page with most of them stays, its score cut by how much
  it lacks.
- The best pages by their words are weighed again: the words together as a phrase, how much of
  the title the query covers, and a query that is exactly a page's name puts that page first.

Results name the page and the heading the match is under, and carry the matched words as
pieces to mark (engine.search.highlight), never as HTML.
"""

import bisect
import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field

from ..languages import fold, stem
from .analysis import BITS, FIELD_BITS, FIELD_MASK, FIELDS, compact, stem_key
from .highlight import SNIPPET_LENGTH, TOKEN, highlight, phrase_pattern, snippet

PER_PAGE = 20  # results a page shows; the rest are on the next pages

# Weights for where a word is found; a word counts once, at its best place.
TITLE, NAME, HEADING, SUMMARY, TEXT = 10, 8, 6, 3, 1
WEIGHTS = {"title": TITLE, "names": NAME, "headings": HEADING, "summary": SUMMARY, "text": 0}
# Where the words together add their field's weight (the text's is counted apart), by "is the
# page a glossary term?".
# The weight of the best field a posting's bits name, for every combination of bits: looked up
# once per page a word is on, where a long question meets hundreds of pages.
BEST_WEIGHT = tuple(
    max((WEIGHTS[name] for name in FIELDS if bits & BITS[name]), default=0)
    for bits in range(FIELD_MASK + 1)
)
PHRASE_FIELDS = {False: ("title", "names", "headings", "summary"), True: ("headings", "summary")}
TEXT_HITS = 5  # text mentions counted at most this often: a long page is not a better one
SYNONYM = 0.9  # a synonym's match counts a little less than the word typed
RERANKED = 40  # the best pages by words alone are then weighed for phrase and name
COMPLETE = 0.999  # a page's share of the query's weight that counts as having every word
HALF = 0.5  # pages with less of the query are left out while some page has all of it


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


@dataclass
class Result:
    document: object  # engine.search.documents.Document
    score: float
    url: str
    title: list  # highlighted pieces
    summary: list
    heading: list = field(default_factory=list)
    also_called: list = field(default_factory=list)  # [pieces] for each matching alias


@dataclass
class Found:
    """What a search found, and what the page says about it."""

    results: list  # this page's results (PER_PAGE at most)
    total: int  # how many pages matched in all
    partial: bool = False  # no page has every word; these have some
    suggestion: str = ""  # "did you mean", as the site spells it
    corrected: bool = False  # the results are the suggestion's: the query as typed found none
    phrase_found: bool = True  # some page has the query's words together, in order
    routed: bool = False  # the query asks a question an editor routed to its first page
    page: int = 1  # which page of results this is, from 1
    # Makes this page's results, when answer() was asked to leave them (see show()).
    make_results: object = field(default=None, repr=False, compare=False)

    def show(self):
        """This Found with its page of results made, if answer() left them to be made."""
        if self.make_results is not None:
            self.results, self.make_results = self.make_results(), None
        return self

    @property
    def pages(self):
        return max(1, -(-self.total // PER_PAGE))

    @property
    def start(self):
        """The number of the first result shown (1 on the first page)."""
        return (self.page - 1) * PER_PAGE + 1


def concepts(index, query):
    """The query's words as Concepts, a synonym phrase ("side effect") as one."""
    language = index.language
    words = [tuple(fold(part, language) for part in TOKEN.findall(word)) for word in query.words]
    words = [parts for parts in words if parts]
    found, position = [], 0
    while position < len(words):
        for length in range(min(len(words) - position, 5), 0, -1):
            run = words[position : position + length]
            folded = tuple(part for parts in run for part in parts)
            stems = tuple(stem(part, language) for part in folded)
            # The words as written first: two groups' words may share a stem.
            group = index.synonyms_as_written.get(folded) or index.synonyms.get(stems)
            if group is not None or length == 1:
                break
        typed = tuple(part for parts in run for part in parts)
        alternatives = [Alternative(typed)]
        if len(run) == 1 and len(typed) > 1:
            alternatives.append(Alternative(("".join(typed),)))  # "car-t" as "cart"
        for phrase in group or ():
            if tuple(stem(word, language) for word in phrase) != stems:
                alternatives.append(Alternative(phrase, SYNONYM, prefix=False))
        found.append(Concept(typed, tuple(alternatives)))
        position += len(run)
    return found


def _alternative_hits(index, alternative):
    """{document number: (field bits, text count, quality)} for one alternative."""
    hits = None
    for word in alternative.words:
        these = {}
        for other, quality in index.matching_words(word, alternative.prefix).items():
            numbers, packed = index.postings[other]
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
    return {number: (bits, count, q * quality) for number, (bits, count, q) in (hits or {}).items()}


def concept_scores(index, concept):
    """({document number: score} for the documents a concept is found in, its rarity)."""
    scores = {}
    for alternative in concept.alternatives:
        for number, (bits, count, quality) in _alternative_hits(index, alternative).items():
            score = quality * (BEST_WEIGHT[bits] + TEXT * min(count, TEXT_HITS))
            scores[number] = max(scores.get(number, 0.0), score)
    rarity = math.log(1 + len(index.documents) / max(len(scores), 1))
    return {number: score * rarity for number, score in scores.items()}, rarity


def answer(index, query, page=1, *, results=True):
    """A Found for the query as typed (no "did you mean": engine.search.suggestions), with the
    results of one page of them (a page past the last gives the last). A query that asks a
    question the editors routed (engine.search.intents) has that page first.

    results=False: the results are made only when found.show() asks for them (a search that
    may show a "did you mean"'s results instead makes only those it shows: their passages and
    highlights are half the time of an answer)."""
    wanted = concepts(index, query)
    if not wanted:
        return Found([], 0)
    intent = index.intent_of(query)
    totals, weight_found, weight_all = defaultdict(float), defaultdict(float), 0.0
    for concept in wanted:
        scores, rarity = concept_scores(index, concept)
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
        totals[n] *= min(coverage[n], 1.0) ** 2 * index.documents[n].weight
    ranked = sorted(chosen, key=lambda n: (-totals[n], n))
    concept_ids = defaultdict(set)  # word number -> the concepts it stands for
    for position, concept in enumerate(wanted):
        for alternative in concept.alternatives:
            for word in alternative.words:
                for number in index.ids_for(word):
                    concept_ids[number].add(position)
    # The best pages by their words are weighed again for the phrase and for their name.
    phrase = _phrase_words(index, query)
    head = {
        n: totals[n] + index.documents[n].weight * _bonus(index, n, query, concept_ids, phrase)
        for n in ranked[:RERANKED]
    }
    ranked = sorted(head, key=lambda n: (-head[n], n)) + ranked[RERANKED:]
    phrase_found = _phrase_found(index, phrase, head)
    anchors = {}
    if intent is not None:
        # The page answers the question, whatever its words: it comes first, and the search
        # is not "corrected" to other words.
        number, anchors[intent[0]] = intent
        ranked = [number, *(n for n in ranked if n != number)]
        partial, phrase_found = False, True
    patterns = _patterns(index, query, wanted)
    found = Found([], len(ranked), partial, phrase_found=phrase_found, routed=intent is not None)
    found.page = min(max(page, 1), found.pages)
    found.make_results = lambda: [
        _result(index, n, head.get(n, totals[n]), patterns, concept_ids, wanted, anchors.get(n))
        for n in ranked[found.start - 1 : found.start - 1 + PER_PAGE]
    ]
    return found.show() if results else found


def _phrase_words(index, query):
    """The query's phrase as sets of word numbers, one set per word in order."""
    phrase = [fold(part, index.language) for word in query.phrase for part in TOKEN.findall(word)]
    return [index.ids_for(word) for word in phrase]


def _phrase_found(index, wanted, numbers):
    """Whether one of these documents has the phrase's words (_phrase_words) together, in
    order."""
    if len(wanted) < 2:
        return True
    return any(has_run(index.tokens[n][name], wanted) for n in numbers for name in FIELDS)


def _bonus(index, number, query, concept_ids, wanted):
    """The page's name, how much of its title the query covers, and the phrase's weight
    (the words together, in order, and each pair of them; wanted: _phrase_words())."""
    document, bonus = index.documents[number], 0.0
    # "What is CAR-T?" is all about "how does car-t work"; "Life before and after CAR-T"
    # only partly. Common words of the title do not count either way.
    title = [w for w in index.tokens[number]["title"] if w != -1 and w not in index.stop_ids]
    if title:
        bonus += TITLE * sum(w in concept_ids for w in title) / len(title)
    keys = document.keys
    if query.key and {query.key, compact(query.key), stem_key(query.key, index.language)} & keys:
        bonus += 3 * TITLE  # the query is exactly this page's name ("T cells"): it belongs first
    if len(wanted) < 2:
        return bonus
    sequences = index.tokens[number]

    # A glossary name counts as a phrase only when it is the whole query (the name bonus
    # above): "side effects" is about the Risks section more than the term "Side effect
    # grade", whose name only starts with it.
    fields = PHRASE_FIELDS[document.kind == "term"]

    def weight(run):
        return max((WEIGHTS[name] for name in fields if has_run(sequences[name], run)), default=0)

    hits = count_runs(sequences["text"], wanted)
    bonus += 2 * weight(wanted) + 2 * TEXT * min(hits, TEXT_HITS)
    if len(wanted) > 2:  # "after treatment" of "happens after treatment" in a title
        # Each pair of the query's words, in each short field: the field's pairs of words are
        # read once (a long question has a dozen pairs, and 40 pages are weighed).
        neighbours = {name: set(itertools.pairwise(sequences[name])) for name in fields}

        def pair_weight(first, second):
            found = (
                WEIGHTS[name]
                for name in fields
                if any((a, b) in neighbours[name] for a in first for b in second)
            )
            return max(found, default=0)

        bonus += sum(pair_weight(wanted[i], wanted[i + 1]) for i in range(len(wanted) - 1))
    return bonus


def _patterns(index, query, wanted):
    """What to mark in a result: the whole phrase, then each way each concept was found."""
    patterns = [
        phrase_pattern(alternative.words, index.language, index.known)
        for concept in wanted
        for alternative in concept.alternatives
    ]
    if query.phrase:
        patterns.insert(0, phrase_pattern(query.phrase, index.language, index.known))
    return patterns


def _best_passage(index, number, concept_ids):
    """The passage of a document with most of the query's concepts (a heading's count
    twice): (its index, how many concepts it has), or (None, 0) when it has none."""
    passages = len(index.documents[number].passages)
    totals = [0] * passages
    for field_name, weight in (("headings", 2), ("text", 1)):
        words = index.tokens[number][field_name]
        ends = words.positions({-1})  # where each passage's piece ends
        found = [set() for _ in range(passages)]
        for word, concept_set in concept_ids.items():
            for position in words.positions({word}):
                piece = bisect.bisect_left(ends, position)
                if piece < passages:
                    found[piece] |= concept_set
        for piece, concept_set in enumerate(found):
            totals[piece] += weight * len(concept_set)
    if not totals or max(totals) == 0:
        return None, 0
    best = max(range(passages), key=lambda i: (totals[i], -i))
    return best, totals[best]


def _result(index, number, score, patterns, concept_ids, wanted, anchor=None):
    """The Result for a document; anchor: the heading an editor sent this query to."""
    document = index.documents[number]

    def words_in(text):
        return sum(1 for pattern in patterns if pattern.search(text))

    if anchor:
        best = next(i for i, p in enumerate(document.passages) if p.anchor == anchor)
    else:
        best, _count = _best_passage(index, number, concept_ids)
    passage = document.passages[best] if best is not None else None
    url, heading = document.url, []
    # Send the reader to the heading the words are under, unless the title has them all.
    if anchor or (
        passage is not None and passage.heading and words_in(document.title) < len(wanted)
    ):
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


def has_run(sequence, wanted):
    return count_runs(sequence, wanted, stop_at=1) > 0


def count_runs(sequence, wanted, stop_at=None):
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
