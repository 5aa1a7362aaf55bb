"""Care cards: advice a patient must not miss, in three levels, as the NHS website shows it.

An editor writes Python-Markdown's admonition syntax, the level after "!!!" and the card's text
indented by four spaces below it; a quoted title after the level replaces the default heading:

    !!! urgent
        Call your treatment team now, day or night, if you have a fever of 38 °C or higher.

    !!! emergency "Call 911 if someone cannot wake up"
        ...

Each card becomes a box whose heading starts with its level in words ("Urgent:"), so the level
is never told by colour alone, and a screen reader reads it as part of the heading. The heading
sits one level below the heading above the card, so the page's outline has no gaps.

Advice that must read the same everywhere (when to call the team, when to call 911) is written
once, as a named card in content/care-advice.md (engine/care.py), and a page shows it with a
line of its own, "!!! care call-911": the card's words are parsed into the page where that line
is, so its sources are numbered with the page's and its heading fits the page's outline.

Mistakes (a level the site does not know, a card with nothing in it, a card name the care file
does not have) are collected with the line of their "!!!" for the loader to report. A card of
an unknown level is shown as ordinary text, never dropped: the reader keeps the advice even
while the file waits to be fixed.
"""

import copy
import difflib
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .care import CARE_FILE, INCLUDE, LEVEL_WORDS, unknown_card_message
from .languages import SOURCE_LANGUAGE, get_language
from .sanitize import clean

# level -> (the label that says the level in words, the heading when the editor gives none),
# in English; each language's own are in its row of engine.languages (care_levels). Editors write
# the English level word in every language; the page says it in its own.
LEVELS = get_language(SOURCE_LANGUAGE).care_levels
CARD_CLASS = "care-card"
SHARED_CLASS = f"{CARD_CLASS}--shared"  # a card of the care file shown on another page
# The box an included card is parsed into until it becomes a card: not "admonition", so an
# indented paragraph after the include line is never taken for more of the shared card's words.
INCLUDED_CLASS = "care-include"
HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
MARKER = re.compile(r" *!!! ?([\w\-]+(?: +[\w\-]+)*)")


@dataclass(frozen=True)
class CardProblem:
    line: int  # 1-based, counted from the first line of the Markdown body
    message: str


@dataclass(frozen=True)
class CareCard:
    level: str
    html: str  # Html: the card on its own (an h2 heading, no source numbers), for the handout
    name: str = ""  # a card of the care file (defined there, or included): its name


def _level_of(words):
    return " ".join(words.lower().split())


class CardProcessor(AdmonitionProcessor):
    """The admonition block parser, except that a card without a quoted title gets no title
    paragraph (the stock one adds the level's name), so a title in the tree is always the editor's.
    """

    def get_class_and_title(self, match):  # noqa: N802 (Python-Markdown's name)
        return _level_of(match.group(1)), match.group(2) or None


class IncludeProcessor(BlockProcessor):
    """A line "!!! care <name>" of its own: the named card of the care file, parsed here."""

    def __init__(self, parser, extension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent, block):
        return "!!!" in block and INCLUDE.fullmatch(block.strip("\n")) is not None

    def run(self, parent, blocks):
        name = INCLUDE.fullmatch(blocks.pop(0).strip("\n"))["name"]
        seen = self.extension.includes_seen  # name -> includes of it met so far, for its line
        count = seen[name] = seen.get(name, 0) + 1
        lines = self.extension.marker_lines.get(f"care {name}", [])
        line = lines[count - 1] if count <= len(lines) else 1
        card = self.extension.shared.get(name)
        if card is None:
            message = unknown_card_message(name, sorted(self.extension.known))
            self.extension.problems.append(CardProblem(line, message))
            return
        div = etree.SubElement(parent, "div", {"class": f"{INCLUDED_CLASS} {card.level}"})
        # Read by the tree processors, and taken off by the last (CardCopyTreeprocessor).
        div.set("name", name)
        if card.title:
            title = etree.SubElement(div, "p", {"class": "admonition-title"})
            title.text = card.title
        # Without its last newline, as the admonition parser hands the care file's own card over:
        # the two copies come out the same to the byte.
        self.parser.parseChunk(div, card.text.rstrip("\n"))


class MarkerLinePreprocessor(Preprocessor):
    """Note the line of every "!!!" before anything else moves lines, for the messages."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines):
        for number, line in enumerate(lines, start=1):
            found = MARKER.match(line)
            if found:
                self.extension.marker_lines.setdefault(_level_of(found.group(1)), []).append(number)
        return lines


class CareCardTreeprocessor(Treeprocessor):
    """Turn each admonition into a care card, or report why it cannot be one."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        self.seen = {}  # level -> cards of that level met so far, to find each one's line
        self._walk(root, heading_level=1)

    def _walk(self, parent, heading_level):
        """Visit parent's children in document order; return the level of the last heading."""
        for child in list(parent):
            if child.tag in HEADING_TAGS:
                heading_level = HEADING_TAGS[child.tag]
            elif child.tag == "div" and child.get("class", "").startswith(
                ("admonition ", f"{INCLUDED_CLASS} ")
            ):
                # A card's own headings do not change the outline outside it.
                self._make_card(parent, child, min(heading_level + 1, 6))
            else:
                heading_level = self._walk(child, heading_level)
        return heading_level

    def _make_card(self, parent, div, heading_level):
        written = div.get("class").split(" ", 1)[1]  # the words after "!!!"
        title = div[0] if len(div) and div[0].get("class") == "admonition-title" else None
        if title is not None:
            div.remove(title)
        name = div.get("name", "")
        line = None
        if not name:  # an included card's lines are the care file's, checked there
            count = self.seen[written] = self.seen.get(written, 0) + 1
            lines = self.extension.marker_lines.get(written, [])
            line = lines[count - 1] if count <= len(lines) else 1
        level = written
        if self.extension.defines_cards and len(written.split()) == 2:
            level, name = written.split()  # "!!! urgent call-now": a named card of the care file
        if level not in LEVELS:
            self._problem(line, _unknown_level_message(written, self.extension.defines_cards))
            self._walk(div, heading_level - 1)
            _unwrap(parent, div, title)
            return
        if line is not None and not len(div) and not (div.text or "").strip():
            self._problem(
                line,
                f'the {level} card is empty: write its words on the lines below "!!! {level}", '
                "each line indented by four spaces",
            )
        label, default_heading = get_language(self.extension.language).care_levels[level]
        body = etree.Element("div", {"class": f"{CARD_CLASS}__body"})
        body.text, div.text = div.text, None
        for child in list(div):
            div.remove(child)
            body.append(child)
        heading = etree.SubElement(div, f"h{heading_level}", {"class": f"{CARD_CLASS}__heading"})
        tag = etree.SubElement(heading, "span", {"class": f"{CARD_CLASS}__level"})
        tag.text = label
        if title is not None:
            tag.tail = " " + (title.text or "")
            heading.extend(title)
        else:
            tag.tail = " " + default_heading
        div.append(body)
        included = div.get("class").startswith(INCLUDED_CLASS)
        div.attrib = {"class": f"{CARD_CLASS} {CARD_CLASS}--{level}"}
        if included:
            # Shown here, written in the care file: search finds its words on the help page.
            div.set("class", f"{div.get('class')} {SHARED_CLASS}")
        if name:
            div.set("name", name)  # taken off by CardCopyTreeprocessor, the last to run
        if included:
            # Its words are the care file's: not this page's prose (its reading level, its long
            # sentences), which the checker measures where they are written.
            div.set("included", "included")
        self._walk(body, heading_level)

    def _problem(self, line, message):
        self.extension.problems.append(CardProblem(line, message))


def _unknown_level_message(written, defines_cards=False):
    words = written.split()
    if words[0] == "care" and len(words) == 2:
        return (
            f'"!!! {written}" must be a line of its own, with a blank line after it: the card\'s '
            f"words come from {CARE_FILE} (until then its words show as ordinary text)"
        )
    if len(words) == 2 and words[0] in LEVEL_WORDS and not defines_cards:
        return (
            f'"!!! {written}": a card with a name is written in {CARE_FILE}; to show that card '
            f'here, write "!!! care {words[1]}" (until then its words show as ordinary text)'
        )
    close = difflib.get_close_matches(words[0], list(LEVELS), n=1, cutoff=0.6)
    hint = f'; did you mean "!!! {close[0]}"?' if close else ""
    return (
        f'"!!! {written}" is not a kind of care card: write "!!! non-urgent", "!!! urgent" or '
        f'"!!! emergency"{hint} (until then its words show as ordinary text)'
    )


def _unwrap(parent, div, title):
    """Put a card's contents where the card was, its title (if any) as a bold line."""
    index = list(parent).index(div)
    parent.remove(div)
    children = list(div)
    if title is not None:
        title.tag, title.tail = "strong", None
        title.attrib.clear()
        line = etree.Element("p")
        line.tail = "\n"
        line.append(title)
        children.insert(0, line)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if children:
        children[-1].tail = (children[-1].tail or "") + (div.tail or "")


class CardCopyTreeprocessor(Treeprocessor):
    """Keep a copy of each finished card to show on its own (the handout): an h2 heading, as the
    handout's other parts have, no source numbers (their list is not there), and glossary words
    as plain text (a printed sheet has nothing to click)."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        for div in root.iter("div"):
            classes = div.get("class", "").split()
            if CARD_CLASS not in classes:
                continue
            name = div.attrib.pop("name", "")
            div.attrib.pop("included", None)
            card = copy.deepcopy(div)
            card.tail = None
            # The copy is the card on its own, the same as the care file's own copy.
            card.set("class", " ".join(c for c in classes if c != SHARED_CLASS))
            card[0].tag = "h2"
            for parent in list(card.iter()):
                for child in list(parent):
                    if child.tag == "sup" or (child.tag == "a" and child.get("class") == "term"):
                        _remove(parent, child, keep_text=child.tag == "a")
            html = self.md.serializer(card)
            for postprocessor in self.md.postprocessors:
                html = postprocessor.run(html)
            level = classes[1].removeprefix(f"{CARD_CLASS}--")
            self.extension.cards.append(CareCard(level, clean(html), name))


def _remove(parent, child, keep_text):
    """Take child out of parent, keeping its tail (and its words, if asked) in place."""
    words = "".join(child.itertext()) if keep_text else ""
    index = list(parent).index(child)
    parent.remove(child)
    before = parent[index - 1] if index else None
    text = (before.tail if before is not None else parent.text) or ""
    if not keep_text:
        text = text.rstrip()  # "38 °C [@key]." reads "38 °C." without its number
    text += words + (child.tail or "")
    if before is not None:
        before.tail = text
    else:
        parent.text = text


class CareCardExtension(Extension):
    """For one language; begin() before each document, md.reset() after. After a document:

    .cards     CareCard for each card, in reading order
    .problems  CardProblem for each mistake
    """

    def __init__(self, language="en"):
        super().__init__()
        self.language = language
        self.begin()

    def begin(self, shared=None, known=(), defines_cards=False):
        """shared: {name: engine.care.CardSource}, the care file's cards "!!! care <name>" may
        show; known: the names of all its cards (a name the page gets wrong is told the
        closest). defines_cards: the document is the care file, whose cards are written
        "!!! <level> <name>"."""
        self.shared = shared or {}
        self.known = set(known) | set(self.shared)  # every card name, for "did you mean"
        self.defines_cards = defines_cards
        self.reset()

    def reset(self):
        self.marker_lines = {}  # words after "!!!" -> lines of that "!!!", in order
        self.includes_seen = {}
        self.cards = []
        self.problems = []

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        # Before raw HTML is set aside (20), which can change the number of lines.
        md.preprocessors.register(MarkerLinePreprocessor(md, self), "care_card_lines", 25)
        md.parser.blockprocessors.register(CardProcessor(md.parser), "admonition", 105)
        md.parser.blockprocessors.register(IncludeProcessor(md.parser, self), "care_include", 106)
        # After the table of contents (5), so a card's heading is not in it and gets no "Copy
        # link"; before glossary linking (4.5), which leaves headings alone but links the body.
        md.treeprocessors.register(CareCardTreeprocessor(md, self), "care_cards", 4.8)
        # Last, after unescaping (0), so the copies hold the finished text.
        md.treeprocessors.register(CardCopyTreeprocessor(md, self), "care_card_copies", -1)
        md.registerExtension(self)  # md.reset() calls reset()
