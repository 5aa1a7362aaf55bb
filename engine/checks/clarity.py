"""Checks that keep pages easy to take in, after the instruments patient material is judged by
(AHRQ's PEMAT-P and the CDC Clear Communication Index): lists short enough to scan, a main
message short enough for the first screen of a phone, a timeline whose every step leads to its
advice, and pictures drawn by the site rather than by hand.

Each check reads a built page (engine.checks.document.Document) and yields ContentErrors naming
the file and line, as every other check does; check_clarity runs those of a kind of file.
"""

import re
import unicodedata
from html.parser import HTMLParser

from ..linking import is_abbreviation
from ..timeline import LINK, read_link
from .links import link_problem

MAX_LIST_ITEMS = 7  # CDC CCI item 8: a longer list without sub-headings is hard to scan
MAIN_MESSAGE_WORDS = 35  # with the action, about a phone screen at ordinary text size
MAIN_ACTION_WORDS = 25
DIAGRAMS = {"steps": "steps", "timeline": "timeline"}  # diagram: value -> article field it draws
# Small words an abbreviation leaves out: "Food and Drug Administration" is FDA, "síndrome de
# liberación de citocinas" is SLC.
SKIPPED_WORDS = {"and", "of", "the", "for", "y", "de", "del", "la", "las", "los", "el", "a"}
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


class ListItems(HTMLParser):
    """Every list in a piece of HTML: (how many items it has, the words of its first item)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.lists = []  # [count, first item's words], in document order of the opening tag
        self._open = []  # indexes into self.lists of the lists being read, innermost last
        self._first = []  # for each open list: still reading its first item
        self.feed(str(html))
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in {"ul", "ol"}:
            self.lists.append([0, ""])
            self._open.append(len(self.lists) - 1)
            self._first.append(False)
        elif tag == "li" and self._open:
            found = self.lists[self._open[-1]]
            found[0] += 1
            self._first[-1] = found[0] == 1

    def handle_endtag(self, tag):
        if tag in {"ul", "ol"} and self._open:
            self._open.pop()
            self._first.pop()
        elif tag == "li" and self._first:
            self._first[-1] = False

    def handle_data(self, data):
        if self._first and self._first[-1]:
            found = self.lists[self._open[-1]]
            found[1] += data


def long_lists(html):
    """(items, first item's words) of each list in html with more than MAX_LIST_ITEMS items."""
    return [
        (count, " ".join(words.split()))
        for count, words in ListItems(html).lists
        if count > MAX_LIST_ITEMS
    ]


def check_lists(document):
    for count, first in long_lists(document.html):
        yield document.error(
            document.line_of_words(first) if first else document.body_line,
            f'a list of {count} items (it starts "{" ".join(first.split()[:6])} …"): lists of '
            f"more than {MAX_LIST_ITEMS} are hard to take in; split it into groups of at most "
            f"{MAX_LIST_ITEMS}, each under a heading (###) or a short line of its own",
            "warning",
        )
    page = document.page
    for key in ("key_points", "main_risks"):
        values = getattr(page, key, None) or []
        if len(values) > MAX_LIST_ITEMS:
            yield document.error(
                document.lines.get(key, 1),
                f"{key} has {len(values)} items: keep it to {MAX_LIST_ITEMS} at most",
                "warning",
            )


def check_main_message(document):
    page = document.page
    for key, most in (("main_message", MAIN_MESSAGE_WORDS), ("main_action", MAIN_ACTION_WORDS)):
        words = len((getattr(page, key, "") or "").split())
        if words > most:
            yield document.error(
                document.lines.get(key, 1),
                f"{key} has {words} words: keep it to {most} at most, so the box at the top of "
                "the page fits the first screen of a phone",
                "warning",
            )
    if getattr(page, "main_action", "") and not getattr(page, "main_message", ""):
        yield document.error(
            document.lines.get("main_action", 1),
            "main_action is shown only with a main_message: write the main message too",
            "warning",
        )


def check_timeline(document, library):
    """Each step's link, judged as a link in the text is (engine.checks.links)."""
    page = document.page
    line = document.lines.get("timeline", 1)
    for number, step in enumerate(getattr(page, "timeline", None) or [], start=1):
        if not LINK.fullmatch(step["link"].strip()):
            yield document.error(
                line,
                f'step {number} of the timeline ("{step["name"]}"): its link must be written '
                'as a Markdown link, like "[When to get help](/articles/x/first-weeks/#help)"',
            )
            continue
        _, address = read_link(step["link"])
        problem = ("the address is neither a page of this site nor a web address", "error")
        if address:
            problem = link_problem(address, document, library)
        if problem:
            message, level = problem
            yield document.error(line, f"step {number} of the timeline: {message}", level)


def check_diagram(document, article):
    """A section's diagram: names something the site draws, and its article has it."""
    diagram = getattr(document.page, "diagram", "")
    if not diagram:
        return
    line = document.lines.get("diagram", 1)
    if diagram not in DIAGRAMS:
        names = " or ".join(f'"{name}"' for name in DIAGRAMS)
        yield document.error(
            line, f'diagram: "{diagram}" is not a diagram the site draws: write {names}', "warning"
        )
    elif article is not None and not getattr(article, DIAGRAMS[diagram]):
        yield document.error(
            line,
            f"diagram: {diagram} draws the {DIAGRAMS[diagram]} of article.md, which has none, so "
            "nothing is shown",
            "warning",
        )


def check_hand_drawn_pictures(document):
    if "<svg" in document.body.lower():
        yield document.error(
            document.line_of("<svg") if "<svg" in document.body else document.body_line,
            'an <svg> written by hand: draw numbers with "::: icons 4 of 80" and a sentence '
            "instead, which the site draws the same way on every page",
            "warning",
        )


def _plain(text):
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _initials(name):
    words = [w for w in re.split(r"[\s\-]+", _plain(name)) if w and w not in SKIPPED_WORDS]
    return "".join(w[0] for w in words), len(words)


def _stands_for(letters, name):
    """Whether name's words start with the abbreviation's letters, in order, from its first
    word to its last, skipping at most two ("immune effector cell-associated neurotoxicity
    syndrome" is ICANS)."""
    initials, _ = _initials(name)
    if not initials or initials[0] != letters[0] or initials[-1] != letters[-1]:
        return False
    found = iter(initials)
    return all(letter in found for letter in letters) and len(initials) - len(letters) <= 2


def spelled_out_forms(terms):
    """[(abbreviation, [its spelled-out forms])] from the glossary: an abbreviation among a
    term's names, and the names that say it in words: those whose words start with its letters
    ("cytokine release syndrome" for CRS), and any of three words or more ("Administración de
    Alimentos y Medicamentos" for FDA). An abbreviation in the term's own name ("CAR-T" in
    "CAR-T cell therapy") is the name the site uses, and a term with no such form (CD19) is
    explained in its own way: both are left alone."""
    pairs = []
    for term in terms:
        names = term.names
        for short in (name for name in names if is_abbreviation(name)):
            if short != term.term and re.search(
                rf"(?<![\w-]){re.escape(short)}(?![\w-])", term.term
            ):
                continue
            letters = _plain("".join(c for c in short if c.isalpha()))
            forms = [
                name
                for name in names
                if not is_abbreviation(name)
                and short not in name
                and (_stands_for(letters, name) or _initials(name)[1] >= 3)
            ]
            if forms:
                pairs.append((short, forms))
    return pairs


def check_spelled_out(document, terms):
    """An abbreviation the page uses before it says what it stands for (PEMAT item 4; CDC CCI
    item 7): the first time, the words in full, with the abbreviation after them in brackets."""
    page = document.page
    text = " ".join([getattr(page, "in_short", ""), document.prose])
    plain = _plain(text)
    for short, forms in spelled_out_forms(terms):
        first = re.search(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text)
        if not first:
            continue
        ends = SENTENCE_END.search(text, first.end())
        sentence_end = ends.end() if ends else len(text)
        spelled = [plain.find(_plain(form)) for form in forms]
        if not any(0 <= at <= sentence_end for at in spelled):
            long = forms[0]
            where = document.line_of_words(text[first.start() : first.start() + 60])
            yield document.error(
                where,
                f'"{short}" is used before it is spelled out on this page: the first time, write '
                f'"{long} ({short})", so a reader who comes straight to this page knows it',
                "suggestion",
            )


def check_clarity(document, library, today):
    """Short lists, a short main message, a timeline that leads to its advice, abbreviations
    spelled out at first use."""
    yield from check_lists(document)
    yield from check_hand_drawn_pictures(document)
    if document.kind in ("article", "condition"):
        yield from check_main_message(document)
    if document.kind == "article":
        yield from check_timeline(document, library)
    if document.kind == "section":
        article = library.articles.get(document.page.article_slug)
        yield from check_diagram(document, article)
        yield from check_spelled_out(document, library.terms.values())
