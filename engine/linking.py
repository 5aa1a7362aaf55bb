"""Links glossary terms in rendered Markdown, working on the element tree (never on HTML text).

Rules, each for a reason:
- Only the first mention of each term in a document is linked: a section is shared on its own,
  so each section links its own first mentions, and a page of repeated links is hard to read.
- Whole words only, any case, with aliases and the plural forms of the page's language
  (engine.languages), plus a term's irregular `plurals:`; the longest name wins, so
  "cytokine release syndrome" is one link, never "cytokine" plus loose words. A hyphen joins
  words ("CD19-directed" is one word), so a term is never linked as half of a compound.
- Abbreviations written in capitals (CAR, RA, MS) match only in capitals, so "car" and "ms"
  in ordinary sentences are left alone.
- Never inside headings, links, code, citation numbers, image text or attributes, or another
  term: only element text is ever changed, and linked text is not looked at again.
- Editors can force a link with [[words]] or [[words|term-slug]] and stop one with [[!words]].
  A forced link counts as the section's link to that term, so it is not linked again.

While linking, the id of the h2/h3 above each term's first link is noted, so the term's page can
send a reader to the exact part of a section where the term first comes up.
"""

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from .languages import DEFAULT_LANGUAGE, name_forms

SKIP_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "code",
    "pre",
    "sup",
    "abbr",
    "img",
    "script",
    "style",
}
ANCHOR_TAGS = {"h2", "h3"}  # the headings that have ids and self-links
NO_LINK = "data-no-glossary"  # marks text an editor asked us not to link; removed before output
EDITOR_MARK = r"\[\[(!?)([^\[\]|\n]+?)(?:\|([^\[\]|\n]*))?\]\]"


def is_abbreviation(name):
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in name


def name_key(text):
    """How names are compared: any case, any run of spaces."""
    return " ".join(text.split()).lower()


def name_patterns(terms, language=DEFAULT_LANGUAGE):
    """(form, key, pattern, slug) for each name of each term and its plurals, in the order they
    are claimed: when two terms claim one name, the first keeps it (reported when terms load).
    The language's rules make the plurals; a term's `plurals:` adds forms they miss."""
    claimed = set()
    for slug, term in terms.items():
        for name in term.names:
            extra = [form for form in term.plurals if name == term.term] if term.plurals else []
            for form in sorted(set(name_forms(name, language)) | set(extra)):
                key = name_key(form)
                if not key or key in claimed:
                    continue
                claimed.add(key)
                escaped = r"\s+".join(re.escape(word) for word in form.split())
                pattern = escaped if is_abbreviation(name) else f"(?i:{escaped})"
                yield form, key, pattern, slug


class TermMatcher:
    """Finds term names in text. Build it once per set of terms: compiling is the slow part.

    The language (a code in engine.languages) decides the plurals. Matching ignores case but
    never accents, in any language: Spanish text is edited, so its accents are right, and words
    that differ only by an accent are often different words (esta and está, papa and papá).
    """

    def __init__(self, terms=None, language=DEFAULT_LANGUAGE, *, patterns=None):
        """From terms ({slug: Term}), or from some of their name_patterns() (engine.renders
        passes only the names a section could mention)."""
        self.slug_for = {}
        self._forms = []  # (pattern, slug), for the rare match whose lower case is not a key
        entries = name_patterns(terms, language) if patterns is None else patterns
        patterns = []
        for form, key, pattern, slug in entries:
            self.slug_for[key] = slug
            patterns.append((len(form), pattern))
            self._forms.append((pattern, slug))
        patterns.sort(key=lambda item: -item[0])  # the longest name is tried first
        alternatives = "|".join(pattern for _, pattern in patterns)
        self.regex = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if patterns else None

    def find(self, text):
        if not self.regex or not text:
            return
        for match in self.regex.finditer(text):
            yield match, self.slug_of(match.group(0))

    def slug_of(self, words):
        slug = self.slug_for.get(name_key(words))
        if slug is None and not words.isascii():
            # Some capitals do not lower-case to what they match ("İ" matches "i" but lowers to
            # two characters), so ask the patterns themselves. Only for such letters: trying
            # every pattern is slow, and plain ASCII always lower-cases to its key.
            slug = next((s for pattern, s in self._forms if re.fullmatch(pattern, words)), None)
        return slug


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
        slug = slug.strip() if slug is not None else self.extension.matcher.slug_of(words)
        term = self.extension.terms.get(slug) if slug else None
        if term is None:
            self.extension.unknown.append(match.group(0))
            return words, match.start(0), match.end(0)
        self.extension.note_used(slug)
        link = make_link(term, words)
        self.extension.forced[link] = slug
        return link, match.start(0), match.end(0)


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension
        self.heading = ""  # id of the last h2/h3 passed, in document order

    def run(self, root):
        self.heading = ""
        self._walk(root)
        for element in root.iter("span"):
            element.attrib.pop(NO_LINK, None)

    def _walk(self, element):
        if element.tag in ANCHOR_TAGS and element.get("id"):
            self.heading = element.get("id")
        if element in self.extension.forced:
            self.extension.anchors.setdefault(self.extension.forced[element], self.heading)
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
            if slug is None or slug in self.extension.used or slug not in self.extension.terms:
                continue
            self.extension.note_used(slug)
            self.extension.anchors.setdefault(slug, self.heading)
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
    """For one language; begin() names each document's terms, md.reset() forgets the last
    document. After a document:

    .used     the linked term slugs, in order of first link
    .anchors  term slug -> id of the h2/h3 above its first link ("" when above every heading)
    .unknown  editor marks, as written, that name no term
    """

    def __init__(self, language=DEFAULT_LANGUAGE):
        super().__init__()
        self.language = language
        self.begin({})

    def begin(self, terms, matcher=None):
        self.terms = terms
        self.matcher = matcher or TermMatcher(terms, language=self.language)
        self.reset()

    def reset(self):
        self.used = []
        self.anchors = {}
        self.unknown = []
        self.forced = {}  # link element -> slug, for links made from editor marks

    def note_used(self, slug):
        if slug not in self.used:
            self.used.append(slug)

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.inlinePatterns.register(EditorMarkProcessor(self), "glossary_mark", 176)
        # After the table of contents (5) has given headings their ids, so each link can be
        # placed under its heading; before the prose text (4) and heading self-links (3).
        md.treeprocessors.register(GlossaryTreeprocessor(md, self), "glossary", 4.5)
        md.registerExtension(self)  # md.reset() calls reset()
