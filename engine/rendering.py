"""Markdown to safe HTML, once per document at load time.

file text -> Python-Markdown (tables, table of contents, citations, care cards, heading
self-links, glossary links) -> sanitised by engine.sanitize.clean() as the very last step.
"""

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
from django.utils.translation import gettext
from markdown.extensions import Extension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor

from .carecards import CareCardExtension
from .citations import CitationExtension
from .sanitize import clean

PROSE_TAGS = {"p", "li", "td", "th", "dd", "dt", "blockquote"}
STASH_MARKER = re.compile("\x02[^\x03]*\x03")


@dataclass
class Rendered:
    html: str  # SafeString
    text: str
    toc: list
    cited: list  # reference keys in number order
    missing_citations: list
    terms: list = field(default_factory=list)  # glossary slugs linked, in order of first link
    term_anchors: dict = field(default_factory=dict)  # slug -> id of the h2/h3 above its first link
    unknown_terms: list = field(default_factory=list)  # [[...]] marks, as written, naming no term
    cards: list = field(default_factory=list)  # engine.carecards.CareCard, in reading order
    card_problems: list = field(default_factory=list)  # engine.carecards.CardProblem


class HeadingLinkTreeprocessor(Treeprocessor):
    """Give every h2 and h3 a visible "Copy link" to itself, so a reader can share that spot.

    Without JavaScript it is a plain link to the heading; site.js copies the absolute address.
    The hidden words make each link's name unique: "Copy link to this part: <heading>". The link
    sits beside the heading, not inside it, so a screen reader's list of headings reads the
    headings alone.
    """

    def run(self, root):
        for parent in list(root.iter()):
            for index, heading in enumerate(list(parent)):
                if heading.tag not in {"h2", "h3"} or not heading.get("id"):
                    continue
                name = "".join(heading.itertext()).strip()
                row = etree.Element("div", {"class": "heading-row"})
                row.tail, heading.tail = heading.tail, None
                parent.remove(heading)
                row.append(heading)
                link = etree.SubElement(
                    row, "a", {"href": f"#{heading.get('id')}", "class": "heading-link"}
                )
                # In the language the library loads in (engine.library: translation.override).
                link.text = gettext("Copy link")
                hidden = etree.SubElement(link, "span", {"class": "visually-hidden"})
                hidden.text = " " + gettext("to this part: %(heading)s") % {"heading": name}
                parent.insert(index, row)


class TableWrapTreeprocessor(Treeprocessor):
    """Put each table in a box of its own that scrolls sideways.

    A table cannot reflow like text: on a 320px phone a few columns are wider than the screen,
    and without the box the whole page would scroll sideways. site.js lets the keyboard scroll
    a box that needs it.
    """

    def run(self, root):
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table":
                    continue
                box = etree.Element("div", {"class": "table-wrap"})
                box.tail, child.tail = child.tail, None
                parent.remove(child)
                box.append(child)
                parent.insert(index, box)


class ProseTextTreeprocessor(Treeprocessor):
    """Collect the prose (not headings or citation numbers) as plain text."""

    def run(self, root):
        blocks = []
        for element in root:
            self._collect(element, blocks)
        self.md.prose_text = "\n".join(block for block in blocks if block)

    def _collect(self, element, blocks):
        if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6", "sup", "pre"}:
            return
        if element.tag in PROSE_TAGS and not any(
            child.tag in {"ul", "ol", "p"} for child in element
        ):
            blocks.append(" ".join(_text_without_citations(element).split()))
            return
        for child in element:
            self._collect(child, blocks)


def _text_without_citations(element):
    parts = [element.text or ""]
    for child in element:
        if child.tag != "sup":
            parts.append(_text_without_citations(child))
        parts.append(child.tail or "")
    return STASH_MARKER.sub("", "".join(parts))


class SiteExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        # The table of contents assigns heading ids at priority 5; these run after it.
        md.treeprocessors.register(ProseTextTreeprocessor(md), "prose_text", 4)
        md.treeprocessors.register(HeadingLinkTreeprocessor(md), "heading_links", 3)
        md.treeprocessors.register(TableWrapTreeprocessor(md), "table_wrap", 2)


def render_markdown(text, *, references=None, glossary=None, term_matcher=None, anchor_prefix=""):
    """Render one document's Markdown body. A fresh Markdown instance each time: they keep state.

    Pass term_matcher (a engine.linking.TermMatcher for the same terms) when rendering many
    documents: building it compiles one large pattern.
    """
    citations = CitationExtension(references or {}, anchor_prefix=anchor_prefix)
    cards = CareCardExtension()
    extensions = [
        "sane_lists",
        TableExtension(use_align_attribute=True),
        TocExtension(toc_depth="2-3", anchorlink=False),
        citations,
        cards,
        SiteExtension(),
    ]
    linker = None
    if glossary:
        from .linking import GlossaryExtension  # linking builds on this module

        linker = GlossaryExtension(glossary, matcher=term_matcher)
        extensions.append(linker)
    md = markdown.Markdown(extensions=extensions, output_format="html")
    md.prose_text = ""  # Markdown skips the tree processors when the text is blank
    html = md.convert(text)
    return Rendered(
        html=clean(html),
        text=md.prose_text,
        toc=md.toc_tokens,
        cited=list(citations.cited),
        missing_citations=list(citations.missing),
        terms=list(linker.used) if linker else [],
        term_anchors=dict(linker.anchors) if linker else {},
        unknown_terms=list(linker.unknown) if linker else [],
        cards=cards.cards,
        card_problems=cards.problems,
    )
