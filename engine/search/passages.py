"""A page's HTML as the passages a search can point to: each heading and the text under it.

Search results say where a match is ("Risks › Infections and low blood counts") and link to the
nearest heading a browser can scroll to. A heading with an id starts a passage that links to
itself; one without (a care card's) starts a passage of its own name that links to the heading
above it. Citation numbers, "Copy link" buttons and words only screen readers hear are
left out: they are not what a reader searched for.
"""

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED_TAGS = {"sup", "script", "style", "template", "button"}
SKIPPED_CLASSES = {"heading-link", "visually-hidden"}
BLOCKS = {"p", "li", "div", "section", "td", "th", "br", "blockquote", "dd", "dt", "legend"}
VOID = {"br", "img", "input", "hr", "meta", "link", "source", "wbr"}
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?)])")


@dataclass(frozen=True)
class Passage:
    anchor: str  # the id to link to ("" for the top of the page)
    heading: str  # the heading the passage is under ("" for the text before the first one)
    text: str


def plain(text):
    """Text with its runs of space made single, and no space left before punctuation (where a
    citation number was taken out)."""
    return SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


class _Splitter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.passages = []
        self.anchor, self.heading, self.text = "", "", []
        self.heading_tag, self.heading_text, self.heading_id = None, [], ""
        self.skipping = []  # the open tags being skipped, innermost last

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.skipping:
            if tag not in VOID:
                self.skipping.append(tag)
            return
        classes = set((attributes.get("class") or "").split())
        if tag in SKIPPED_TAGS or classes & SKIPPED_CLASSES:
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag in HEADINGS and tag != "h1":
            self.close_passage()
            self.heading_tag, self.heading_text = tag, []
            self.heading_id = attributes.get("id") or None
        elif tag in BLOCKS:
            self.write(" ")

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag == self.heading_tag:
            if self.heading_id is not None:
                self.anchor = self.heading_id
            self.heading = plain("".join(self.heading_text))
            self.heading_tag = None
        elif tag in BLOCKS:
            self.write(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.write(data)

    def write(self, data):
        (self.heading_text if self.heading_tag else self.text).append(data)

    def close_passage(self):
        text = plain("".join(self.text))
        if text or self.heading:
            self.passages.append(Passage(self.anchor, self.heading, text))
        self.text = []


@functools.lru_cache(maxsize=8192)
def passages_of(html):
    """The Passages of a piece of sanitised HTML, in reading order (kept: a page's HTML is the
    same from one library to the next unless its file changed)."""
    splitter = _Splitter()
    splitter.feed(html)
    splitter.close()
    splitter.close_passage()
    return tuple(splitter.passages)
