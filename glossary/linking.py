"""Links glossary terms in rendered Markdown, working on the element tree (never on HTML text).

Rules, each for a reason:
- Only the first mention of each term in a document is linked: a section is shared on its own,
  so each section links its own first mentions, and a page of repeated links is hard to read.
- Whole words only, any case, with aliases and plural forms; the longest name wins, so
  "cytokine release syndrome" is one link, never "cytokine" plus loose words.
- Abbreviations written in capitals (CAR, RA, MS) match only in capitals, so "car" and "ms"
  in ordinary sentences are left alone.
- Never inside headings, links, code, citation numbers, or another term.
- Editors can force a link with [[words]] or [[words|term-slug]] and stop one with [[!words]].
"""

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

SKIP_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "sup", "abbr", "img", "script", "style"}
NO_LINK = "data-no-glossary"  # marks text an editor asked us not to link; removed before output
EDITOR_MARK = r"\[\[(!?)([^\[\]|\n]+?)(?:\|([a-z0-9-]+))?\]\]"


def name_forms(name):
    """The name and its regular plurals."""
    forms = {name, name + "s", name + "es"}
    if name.endswith("y") and len(name) > 1 and name[-2].lower() not in "aeiou":
        forms.add(name[:-1] + "ies")
    return forms


def is_abbreviation(name):
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in name


class TermMatcher:
    """Finds term names in text; built once per set of terms."""

    def __init__(self, terms):
        self.slug_for = {}
        patterns = []
        for slug, term in terms.items():
            for name in term.names:
                for form in name_forms(name):
                    key = form.lower()
                    if key in self.slug_for:
                        continue
                    self.slug_for[key] = slug
                    escaped = r"\s+".join(re.escape(word) for word in form.split())
                    patterns.append((len(form), escaped if is_abbreviation(name) else f"(?i:{escaped})"))
        patterns.sort(key=lambda item: -item[0])  # the longest name is tried first
        alternatives = "|".join(pattern for _, pattern in patterns)
        self.regex = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if patterns else None

    def find(self, text):
        if not self.regex or not text:
            return
        for match in self.regex.finditer(text):
            yield match, self.slug_for[" ".join(match.group(0).split()).lower()]


def make_link(term, text):
    link = etree.Element("a", {"href": term.get_absolute_url(), "class": "term"})
    link.text = text
    return link


class EditorMarkProcessor(InlineProcessor):
    """[[words]] and [[words|slug]] force a link; [[!words]] stops one."""

    def __init__(self, extension):
        super().__init__(EDITOR_MARK)
        self.extension = extension

    def handleMatch(self, match, data):  # noqa: N802 (Python-Markdown's name)
        stop, words, slug = match.group(1), match.group(2).strip(), match.group(3)
        if stop:
            element = etree.Element("span", {NO_LINK: ""})
            element.text = words
            return element, match.start(0), match.end(0)
        slug = slug or self.extension.matcher.slug_for.get(" ".join(words.split()).lower())
        term = self.extension.terms.get(slug) if slug else None
        if term is None:
            self.extension.missing.append(match.group(3) or words)
            return words, match.start(0), match.end(0)
        self.extension.note_used(slug)
        return make_link(term, words), match.start(0), match.end(0)


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        self._walk(root)
        for element in root.iter("span"):
            element.attrib.pop(NO_LINK, None)

    def _walk(self, element):
        if element.tag in SKIP_TAGS or NO_LINK in element.attrib:
            return
        children = list(element)  # taken before linking, so new links are not walked again
        self._link_text(element)
        for child in children:
            self._walk(child)
            self._link_tail(element, child)

    def _link_text(self, element):
        pieces = self._split(element.text)
        if pieces:
            element.text = pieces[0]
            for offset, link in enumerate(pieces[1:]):
                element.insert(offset, link)

    def _link_tail(self, parent, child):
        pieces = self._split(child.tail)
        if pieces:
            child.tail = pieces[0]
            position = list(parent).index(child)
            for offset, link in enumerate(pieces[1:], start=1):
                parent.insert(position + offset, link)

    def _split(self, text):
        """Return [text before, link, link, ...] with each link's tail set, or None if no link."""
        pieces, last = [""], 0
        for match, slug in self.extension.matcher.find(text):
            if slug in self.extension.used:
                continue
            self.extension.note_used(slug)
            if len(pieces) == 1:
                pieces[0] = text[last : match.start()]
            else:
                pieces[-1].tail = text[last : match.start()]
            pieces.append(make_link(self.extension.terms[slug], match.group(0)))
            last = match.end()
        if len(pieces) == 1:
            return None
        pieces[-1].tail = text[last:]
        return pieces


class GlossaryExtension(Extension):
    """Register on a fresh Markdown instance; afterwards .used lists the linked term slugs."""

    def __init__(self, terms, matcher=None):
        super().__init__()
        self.terms = terms
        self.matcher = matcher or TermMatcher(terms)
        self.used = []
        self.missing = []

    def note_used(self, slug):
        if slug not in self.used:
            self.used.append(slug)

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.inlinePatterns.register(EditorMarkProcessor(self), "glossary_mark", 176)
        # After inline patterns (20) have made the final text nodes; before the table of contents (5).
        md.treeprocessors.register(GlossaryTreeprocessor(md, self), "glossary", 7)
