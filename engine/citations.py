"""A Markdown extension for citations: `[@key]` or `[@key1; @key2]` becomes numbered links.

Numbers follow the order in which a document first cites each source, so every page has its
own short list. Keys that name no reference are collected for the caller to report, and shown
as "[source missing]" ("[falta la fuente]") rather than breaking the page. A screen reader hears
"Source 3" ("Fuente 3") for each number.
"""

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from .languages import DEFAULT_LANGUAGE, get_language

CITATION_PATTERN = r"\[@([A-Za-z0-9_.:-]+(?:\s*;\s*@[A-Za-z0-9_.:-]+)*)\]"
KEY_SEPARATOR = re.compile(r"\s*;\s*@")


class CitationProcessor(InlineProcessor):
    def __init__(self, pattern, extension):
        super().__init__(pattern)
        self.extension = extension

    def handleMatch(self, match, data):  # noqa: N802 (Python-Markdown's name)
        sup = etree.Element("sup", {"class": "cite"})
        keys = KEY_SEPARATOR.split(match.group(1))
        for index, key in enumerate(keys):
            number = self.extension.number_for(key)
            if index:
                sup[-1].tail = ", "
            if number is None:
                link = etree.SubElement(sup, "span")
                link.text = self.extension.words[1]
                continue
            link = etree.SubElement(
                sup,
                "a",
                {"href": f"#{self.extension.anchor_prefix}source-{number}", "class": "cite-link"},
            )
            hidden = etree.SubElement(link, "span", {"class": "visually-hidden"})
            hidden.text = self.extension.words[0]
            hidden.tail = str(number)
        return sup, match.start(0), match.end(0)


class CitationExtension(Extension):
    """For one language; begin() names each document's references, and md.reset() forgets the
    last document's numbers."""

    def __init__(self, language=DEFAULT_LANGUAGE):
        super().__init__()
        # (read out before each number, shown for a missing key), in the page's language
        self.words = get_language(language).citation_words
        self.begin({})

    def begin(self, references, anchor_prefix=""):
        self.references = references
        self.anchor_prefix = anchor_prefix
        self.reset()

    def reset(self):
        self.cited = []  # keys, in citation-number order
        self.missing = []

    def number_for(self, key):
        if key not in self.references:
            if key not in self.missing:
                self.missing.append(key)
            return None
        if key not in self.cited:
            self.cited.append(key)
        return self.cited.index(key) + 1

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        # Above links (160) so "[@key]" is never taken for a reference-style link.
        md.inlinePatterns.register(CitationProcessor(CITATION_PATTERN, self), "citation", 175)
        md.registerExtension(self)  # md.reset() calls reset()
