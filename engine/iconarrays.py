"""Icon arrays: a number that matters to a decision, drawn as a grid of small figures.

"4 of 80 people" is hard to picture; 80 figures with 4 of them filled in is not. An editor writes
the numbers and one sentence in words, as a paragraph of its own:

    ::: icons 4 of 80
    4 of 80 people had severe cytokine release syndrome (CRS) [@muller2024].

and the page shows the figures (an inline SVG drawn here, on the server, when the file loads)
beside the sentence and what it means in simpler terms ("That is 1 in 20."). The picture is
role="img" with a text alternative that says the numbers; the sentence is its caption, so a
screen reader, a printout and a phone all get the numbers in words too. Filled and empty
figures differ in shape (solid or outline), never in colour alone, and both take the text's
colour (currentColor), so they hold in dark mode, in forced colours and on a black-and-white
printer.

Mistakes are collected with the line of their ":::" for the loader to report, as care cards do
(engine.carecards): numbers that cannot be drawn, a sentence without its source, a sentence that
does not say the numbers the picture shows. A block that cannot be drawn is shown as ordinary
text, never dropped: the reader keeps the words while the file waits to be fixed.
"""

import math
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .citations import CITATION_PATTERN

KIND = "icons"
MAX_FIGURES = 100  # more would be too small to see on a phone; write "about 5 in 100" instead
COLUMNS = 10
MARKER = re.compile(r"^ {0,3}:::[ \t]*(.*?)[ \t]*$")
NUMBERS = re.compile(r"^(\d+)\s*(?:of|out of|in|de|en|/)\s*(\d+)$", re.IGNORECASE)
CITATION = re.compile(CITATION_PATTERN)
FAMILIAR = {2, 3, 4, 5, 10}  # "in 4" or "in 10" is easy to picture; "in 7" or "in 9" is not

# The geometry of one figure, in the picture's own units: a head and shoulders, 10 wide and 13
# tall with the gap below it. Each figure is two closed shapes of one path, so a whole grid is two
# <path> elements (filled, empty) and no ids, <use> or <defs> the sanitiser would have to allow.
CELL_WIDTH, CELL_HEIGHT = 10, 13
GROUP_GAP = 2  # extra space after every fifth column and row, so the figures are easy to count
FIGURE = (
    "M{x1} {y1}a2.2 2.2 0 1 0 4.4 0a2.2 2.2 0 1 0-4.4 0ZM{x2} {y2}V{y3}a3.5 3.5 0 0 1 7 0V{y2}Z"
)
EM_PER_COLUMN = 1.5  # the picture's width follows the reader's text size, not the screen's pixels

WORDS = {
    "en": {
        "picture": "A picture of {total} people. {count} of them are filled in.",
        "picture_one": "A picture of {total} people. 1 of them is filled in.",
        "exact": "That is {count} in {total}.",
        "about": "That is about {count} in {total}.",
        "all": "That is all of them.",
        "exact_half": "That is half of them.",
        "about_half": "That is about half of them.",
    },
    "es": {
        "picture": "Dibujo de {total} personas. {count} de ellas están rellenas.",
        "picture_one": "Dibujo de {total} personas. 1 de ellas está rellena.",
        "exact": "Es decir, {count} de cada {total}.",
        "about": "Es decir, alrededor de {count} de cada {total}.",
        "all": "Es decir, todas.",
        "exact_half": "Es decir, la mitad.",
        "about_half": "Es decir, alrededor de la mitad.",
    },
}


NO_BLANK_LINE = (
    'leave a blank line before ":::": without it the line is read as part of the paragraph '
    "above, and no picture is drawn"
)


@dataclass(frozen=True)
class IconProblem:
    line: int  # 1-based, counted from the first line of the Markdown body
    message: str
    level: str = "error"


def simpler_terms(count, total):
    """("exact" or "about", n, d) saying count of total more simply (4 of 80: exact, 1 in 20), or
    ("all", ...) or None when there is nothing simpler to say (1 of 10, 0 of 12, 7 of 100)."""
    if count == total:
        return ("all", count, total)
    if count in {0, 1} or total == 100:
        return None  # "none", "1 of 90" or "7 of 100" is already as plain as it gets
    share = count / total
    divisor = math.gcd(count, total)
    small, large = count // divisor, total // divisor
    # 3 of 15: 1 in 5; 10 of 15: 2 in 3. Not 10 of 14 as "5 in 7": tenths are easier.
    if (small, large) != (count, total) and (large in FAMILIAR or small == 1):
        return ("exact", small, large)
    if total <= 10:
        return None
    if share <= 0.5:
        one_in = round(total / count)
        if abs(1 / one_in - share) <= 0.1 * share:
            return ("about", 1, one_in)  # 3 of 37: about 1 in 12
    tenths = round(share * 10)
    if 1 <= tenths <= 9 and abs(tenths / 10 - share) <= 0.05:
        return ("about", tenths, 10)  # 13 of 15: about 9 in 10
    return ("about", max(1, round(share * 100)), 100)


def simpler_words(count, total, language):
    said = simpler_terms(count, total)
    if said is None:
        return ""
    how, small, large = said
    if small * 2 == large:
        how = f"{how}_half"  # "half" is plainer than "1 in 2" or "5 in 10"
    return WORDS[language][how].format(count=small, total=large)


def picture_label(count, total, language):
    words = WORDS[language]
    return (words["picture_one"] if count == 1 else words["picture"]).format(
        count=count, total=total
    )


def figure_paths(count, total, columns=COLUMNS):
    """(width, height, d of the filled figures, d of the empty ones). Filled figures come first,
    in reading order: a block of them is easier to judge than figures scattered about."""
    columns = min(columns, total)
    rows = math.ceil(total / columns)
    filled, empty = [], []
    for index in range(total):
        row, column = divmod(index, columns)
        x = column * CELL_WIDTH + (column // 5) * GROUP_GAP * (columns > 5)
        y = row * CELL_HEIGHT + (row // 5) * GROUP_GAP * (rows > 5)
        shape = FIGURE.format(
            x1=_number(x + 2.8), y1=_number(y + 2.8), x2=_number(x + 1.5),
            y2=_number(y + 12), y3=_number(y + 9),
        )  # fmt: skip
        (filled if index < count else empty).append(shape)
    width = columns * CELL_WIDTH + ((columns - 1) // 5) * GROUP_GAP * (columns > 5)
    height = rows * CELL_HEIGHT + ((rows - 1) // 5) * GROUP_GAP * (rows > 5)
    return width, height, "".join(filled), "".join(empty)


def _number(value):
    return f"{value:g}"


def icon_array(count, total, language="en"):
    """The <svg> element of count filled figures out of total, labelled in the language."""
    width, height, filled, empty = figure_paths(count, total)
    columns = min(COLUMNS, total)
    svg = etree.Element(
        "svg",
        {
            "class": "icon-array__picture",
            "viewBox": f"0 0 {width} {height}",
            "width": f"{_number(columns * EM_PER_COLUMN)}em",
            "role": "img",
            "aria-label": picture_label(count, total, language),
        },
    )
    # fill and stroke are said here too, so the figures differ even where the style sheet does
    # not reach (a reader mode, a feed): solid for the filled ones, an outline for the rest.
    if filled:
        etree.SubElement(
            svg, "path", {"class": "icon-array__filled", "fill": "currentColor", "d": filled}
        )
    if empty:
        etree.SubElement(
            svg,
            "path",
            {
                "class": "icon-array__empty",
                "fill": "none",
                "stroke": "currentColor",
                "stroke-width": "0.8",
                "d": empty,
            },
        )
    return svg


class MarkerLinePreprocessor(Preprocessor):
    """Note the line of every ":::" before anything else moves lines, for the messages."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines):
        previous = ""
        for number, line in enumerate(lines, start=1):
            found = MARKER.match(line.strip())
            if found and found.group(1):
                if previous.strip() and not previous.lstrip().startswith("#"):
                    # Markdown reads the line as more of the paragraph above it.
                    self.extension.problems.append(IconProblem(number, NO_BLANK_LINE))
                else:
                    self.extension.marker_lines.append(number)
            previous = line
        return lines


class IconArrayProcessor(BlockProcessor):
    """A paragraph whose first line is "::: icons N of M" becomes a figure."""

    def __init__(self, parser, extension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent, block):
        found = MARKER.match(block.split("\n", 1)[0])
        return bool(found and found.group(1))

    def run(self, parent, blocks):
        block = blocks.pop(0)
        first, _, rest = block.partition("\n")
        # A closing ":::", for editors used to fenced blocks elsewhere, is not part of the sentence.
        sentence = "\n".join(line for line in rest.split("\n") if line.strip() != ":::").strip()
        line = self.extension.next_line()
        spec = MARKER.match(first).group(1)
        kind, _, numbers = spec.partition(" ")
        problems = self._problems(kind.lower(), numbers.strip(), sentence)
        for message, level in problems:
            self.extension.problems.append(IconProblem(line, message, level))
        if any(level == "error" for _, level in problems):
            if sentence:
                etree.SubElement(parent, "p").text = sentence
            return
        count, total = (int(n) for n in NUMBERS.match(numbers.strip()).groups())
        self.extension.drawn += 1
        figure = etree.SubElement(parent, "figure", {"class": "icon-array"})
        figure.append(icon_array(count, total, self.extension.language))
        caption = etree.SubElement(figure, "figcaption", {"class": "icon-array__words"})
        etree.SubElement(caption, "p").text = sentence
        simpler = simpler_words(count, total, self.extension.language)
        if simpler:
            etree.SubElement(caption, "p").text = simpler  # styled as the caption's second line

    def _problems(self, kind, numbers, sentence):
        """[(message, level)] for one block."""
        if kind != KIND:
            return [
                (
                    f'"::: {kind}" is not a kind of picture the site can draw: write '
                    f'"::: icons 4 of 80" (the number filled in, then the total) '
                    "(until then its words show as ordinary text)",
                    "error",
                )
            ]
        found = NUMBERS.match(numbers)
        if not found:
            written = f' ("{numbers}")' if numbers else ""
            return [
                (
                    f'the icon array needs two whole numbers after "::: icons"{written}: the '
                    'number filled in, then the total, like "::: icons 4 of 80" (until then its '
                    "words show as ordinary text)",
                    "error",
                )
            ]
        count, total = (int(n) for n in found.groups())
        problems = []
        if total == 0:
            problems.append(("the icon array's total is 0: there is nothing to draw", "error"))
        elif count > total:
            problems.append(
                (
                    f"the icon array fills in {count} of {total}: the first number must not be "
                    "more than the total",
                    "error",
                )
            )
        elif total > MAX_FIGURES:
            problems.append(
                (
                    f"the icon array has {total} figures, more than {MAX_FIGURES} a phone can "
                    'show: write it in 100 instead, like "::: icons 5 of 100", and say '
                    '"about 5 in 100" in the sentence',
                    "error",
                )
            )
        if not sentence:
            problems.append(
                (
                    "the icon array has no sentence: write what the numbers mean on the line "
                    'below "::: icons", like "4 of 80 people had a fever [@key]."',
                    "error",
                )
            )
        elif not CITATION.search(sentence):
            problems.append(
                (
                    "the icon array's sentence cites no source: add the study the numbers come "
                    'from, like "[@muller2024]"',
                    "error",
                )
            )
        elif not problems and not _says(sentence, count, total):
            problems.append(
                (
                    f"the icon array shows {count} of {total}, but its sentence does not say "
                    f"both numbers: write them in the sentence, so the words and the picture agree",
                    "warning",
                )
            )
        return problems


def _says(sentence, count, total):
    without_sources = CITATION.sub(" ", sentence)
    numbers = {int(n) for n in re.findall(r"(?<![\d.,])\d+(?![\d.,]\d)", without_sources)}
    return count in numbers and total in numbers


class IconArrayExtension(Extension):
    """For one language; md.reset() forgets the last document. After a document:

    .problems  IconProblem for each mistake
    .drawn     how many icon arrays were drawn
    """

    def __init__(self, language="en"):
        super().__init__()
        self.language = language if language in WORDS else "en"
        self.reset()

    def reset(self):
        self.marker_lines = []
        self.problems = []
        self.drawn = 0
        self._seen = 0

    def next_line(self):
        self._seen += 1
        lines = self.marker_lines
        return lines[self._seen - 1] if self._seen <= len(lines) else 1

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        # Before raw HTML is set aside (20), which can change the number of lines.
        md.preprocessors.register(MarkerLinePreprocessor(md, self), "icon_array_lines", 26)
        # Before headings, lists and paragraphs, which would otherwise take the block.
        md.parser.blockprocessors.register(IconArrayProcessor(md.parser, self), "icon_array", 75)
        md.registerExtension(self)  # md.reset() calls reset()
