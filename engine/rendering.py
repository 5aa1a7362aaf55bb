"""Markdown to safe HTML, once per document at load time.

file text -> Python-Markdown (tables, table of contents, citations, care cards, icon arrays,
heading self-links, glossary links) -> sanitised by engine.sanitize.clean() as the very last step.
"""

import dataclasses
import re
import threading
import xml.etree.ElementTree as etree
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

import markdown
from markdown.extensions import Extension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension, slugify
from markdown.treeprocessors import Treeprocessor

from .care import CardSource
from .carecards import CardProblem, CareCard, CareCardExtension
from .citations import CitationExtension
from .iconarrays import IconArrayExtension, IconProblem
from .ids import content_id
from .languages import get_language
from .quickinline import QUICK, QuickInlineProcessor
from .sanitize import NH3_VERSION, OUTBOUND_REL, Html, clean

# Part of every render cache key: change the number when a change to the engine changes what a
# file renders to, so no page keeps HTML the old code made.
RENDER_VERSION = f"6 markdown {markdown.__version__} nh3 {NH3_VERSION}"

PROSE_TAGS = {"p", "li", "td", "th", "dd", "dt", "blockquote"}
STASH_MARKER = re.compile("\x02[^\x03]*\x03")


@dataclass
class Rendered:
    html: str  # engine.sanitize.Html: sanitised, shown as it is
    text: str
    toc: list
    cited: list  # reference keys in number order
    missing_citations: list
    terms: list = field(default_factory=list)  # glossary slugs linked, in order of first link
    term_anchors: dict = field(default_factory=dict)  # slug -> id of the h2/h3 above its first link
    unknown_terms: list = field(default_factory=list)  # [[...]] marks, as written, naming no term
    cards: list = field(default_factory=list)  # engine.carecards.CareCard, in reading order
    card_problems: list = field(default_factory=list)  # engine.carecards.CardProblem
    icon_problems: list = field(default_factory=list)  # engine.iconarrays.IconProblem
    # What the sanitiser took out of the editor's Markdown, for the checker: ["tag", name] or
    # ["attribute", tag, name, value]; and the attributes of every image, before sanitising.
    removed: list = field(default_factory=list)
    images: list = field(default_factory=list)

    def as_dict(self):
        """Plain data, to pass between processes and to keep in the render cache. Shallow: the
        lists are shared, not copied (dataclasses.asdict copied every heading of the contents
        deep, a twentieth of a render's time)."""
        data = {name: getattr(self, name) for name in RENDERED_FIELDS}
        data["cards"] = [
            {"level": card.level, "html": card.html, "name": card.name} for card in self.cards
        ]
        data["card_problems"] = [dataclasses.asdict(problem) for problem in self.card_problems]
        data["icon_problems"] = [dataclasses.asdict(problem) for problem in self.icon_problems]
        return data

    @classmethod
    def from_dict(cls, data):
        """From as_dict()'s data. Its HTML is sanitised again unless it is already Html: text
        read from a file on disk (the render cache, as JSON) never is, so it is never trusted;
        what this site's own render process (engine.workers) sends over its pipe is, as
        render_markdown cleaned it last (cleaning it twice cost a cold start a tenth of its
        render time)."""
        return cls(
            **{
                **data,
                "html": _sanitised(data["html"]),
                "cards": [
                    CareCard(card["level"], _sanitised(card["html"]), card.get("name", ""))
                    for card in data.get("cards", [])
                ],
                "card_problems": [
                    CardProblem(problem["line"], problem["message"])
                    for problem in data.get("card_problems", [])
                ],
                "icon_problems": [
                    IconProblem(**problem) for problem in data.get("icon_problems", [])
                ],
            }
        )


RENDERED_FIELDS = tuple(field.name for field in dataclasses.fields(Rendered))


def _sanitised(html):
    return html if isinstance(html, Html) else clean(html)


class HeadingLinkTreeprocessor(Treeprocessor):
    """Give every h2 and h3 a visible "Copy link" to itself, so a reader can share that spot.

    Without JavaScript it is a plain link to the heading; site.js copies the absolute address.
    The hidden words make each link's name unique: "Copy link to this part: <heading>". The link
    sits beside the heading, not inside it, so a screen reader's list of headings reads the
    headings alone.
    """

    def __init__(self, md, language="en"):
        super().__init__(md)
        self.words = get_language(language).copy_link  # (visible, hidden before the name)

    def run(self, root):
        visible, hidden_words = self.words
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
                link.text = visible
                hidden = etree.SubElement(link, "span", {"class": "visually-hidden"})
                hidden.text = f"{hidden_words}{name}"
                parent.insert(index, row)


class OutboundLinkTreeprocessor(Treeprocessor):
    """rel="noopener noreferrer" on every link to another site (engine.sanitize.OUTBOUND_REL)."""

    def run(self, root):
        for link in root.iter("a"):
            if link.get("href", "").strip().lower().startswith(("http://", "https://", "//")):
                link.set("rel", OUTBOUND_REL)


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
        if element.get("included"):
            return  # a card of the care file (engine/carecards.py): its prose is measured there
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
    def __init__(self, language="en"):
        super().__init__()
        self.language = language

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        if QUICK:
            # Python-Markdown's own inline pass, at its own priority, in less time.
            md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)
        # The table of contents assigns heading ids at priority 5; these run after it.
        md.treeprocessors.register(ProseTextTreeprocessor(md), "prose_text", 4)
        md.treeprocessors.register(HeadingLinkTreeprocessor(md, self.language), "heading_links", 3)
        md.treeprocessors.register(TableWrapTreeprocessor(md), "table_wrap", 2)
        md.treeprocessors.register(OutboundLinkTreeprocessor(md), "outbound_links", 1)


def _heading_id(value, separator):
    """Python-Markdown's id for a heading, unless the site's own pages use it (engine/ids.py)."""
    return content_id(slugify(value, separator))


@dataclass
class _Renderer:
    """A Markdown instance with the site's extensions, kept for the documents of one language."""

    md: markdown.Markdown
    citations: CitationExtension
    cards: CareCardExtension
    icons: IconArrayExtension
    linker: object  # engine.linking.GlossaryExtension, or None where terms are not linked


# Kept per thread (a Markdown instance is one document at a time) and reused: setting one up,
# its parsers, patterns and the site's extensions, cost a third of a glossary term's render.
# Python-Markdown supports reuse through md.reset(), which also resets each of the site's
# extensions (each takes its document's own inputs in begin()).
_renderers = threading.local()


def _renderer(language, linked):
    kept = vars(_renderers)
    if (language, linked) not in kept:
        citations = CitationExtension(language=language)
        cards = CareCardExtension(language)
        icons = IconArrayExtension(language)
        extensions = [
            "sane_lists",
            TableExtension(use_align_attribute=True),
            TocExtension(toc_depth="2-3", anchorlink=False, slugify=_heading_id),
            citations,
            cards,
            icons,
            SiteExtension(language),
        ]
        linker = None
        if linked:
            from .linking import GlossaryExtension  # linking builds on this module

            linker = GlossaryExtension(language=language)
            extensions.append(linker)
        md = markdown.Markdown(extensions=extensions, output_format="html")
        kept[(language, linked)] = _Renderer(md, citations, cards, icons, linker)
    return kept[(language, linked)]


def render_markdown(
    text,
    *,
    references=None,
    glossary=None,
    term_matcher=None,
    anchor_prefix="",
    language="en",
    care=(),
    defines_cards=False,
):
    """Render one document's Markdown body.

    Pass term_matcher (a engine.linking.TermMatcher for the same terms and language) when
    rendering many documents: building it compiles one large pattern. The language (a code in
    engine.languages) is the page's: it decides the words the site adds (care card labels,
    "Copy link") and which plurals of the glossary's names are linked. care: the cards of the
    care file the text may include ("!!! care <name>"), as engine.care.cards_for() gives them;
    defines_cards: the text is the care file itself (engine/care.py).
    """
    kept = _renderer(language, linked=bool(glossary))
    md, citations, cards, icons, linker = (
        kept.md,
        kept.citations,
        kept.cards,
        kept.icons,
        kept.linker,
    )
    md.reset()
    citations.begin(references or {}, anchor_prefix)
    shared = {card[0]: CardSource(*card, line=0) for card in care if len(card) == 4}
    known = {*shared, *(name for card in care if len(card) == 2 for name in card[1])}
    cards.begin(shared, known, defines_cards)
    if linker:
        linker.begin(glossary, term_matcher)
    md.prose_text = ""  # Markdown skips the tree processors when the text is blank
    try:
        raw = md.convert(text)
    except BaseException:
        # A document stopped half-way (too deep for Python, say) may leave the parser in the
        # middle of a list: the next document gets a new instance.
        vars(_renderers).pop((language, bool(glossary)), None)
        raise
    html = clean(raw)
    removed, images = sanitiser_losses(raw, html)
    return Rendered(
        html=html,
        text=md.prose_text,
        toc=md.toc_tokens,
        cited=list(citations.cited),
        missing_citations=list(citations.missing),
        terms=list(linker.used) if linker else [],
        term_anchors=dict(linker.anchors) if linker else {},
        unknown_terms=list(linker.unknown) if linker else [],
        cards=cards.cards,
        card_problems=cards.problems,
        icon_problems=icons.problems,
        removed=removed,
        images=images,
    )


class Elements(HTMLParser):
    """Start tags with their attributes, in document order, and the text a reader sees."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.texts = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.texts.append(data)

    @property
    def text(self):
        return "".join(self.texts)


# The start tags of a piece of HTML, read with two patterns rather than a parser: only to tell an
# editor what the sanitiser took out, never to decide what is safe (clean() alone does that). They
# cannot fail on any input (the standard library's parser raises on some, such as "<![x"), and at
# worst misread a malformed tag, which costs a warning. Comments and <!...> declarations are not
# tags.
NOT_TAGS = re.compile(r"<!--.*?(?:-->|$)|<![^>]*>?", re.DOTALL)
START_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


IMAGE_TAG = re.compile("<img", re.IGNORECASE)


def start_tags(html):
    """[(tag, {attribute: value})] for every start tag in html, in document order."""
    tags = []
    for found in START_TAG.finditer(NOT_TAGS.sub("", html)):
        attrs = {}
        for name, *values in ATTRIBUTE.findall(found.group(2)):
            attrs.setdefault(name.lower(), unescape("".join(values)))
        tags.append((found.group(1).lower(), attrs))
    return tags


def sanitiser_losses(raw_html, clean_html):
    """(what clean() removed, the images' attributes), found while both versions are at hand.

    The site's own extensions add nothing the sanitiser removes, so every loss is the editor's.
    """
    if raw_html == clean_html and not IMAGE_TAG.search(raw_html):
        return [], []  # most documents: nothing removed, no image (and no tags to read)
    raw = start_tags(raw_html)
    images = [attrs for tag, attrs in raw if tag == "img"]
    if raw_html == clean_html:
        return [], images
    kept = start_tags(str(clean_html))
    kept_tags = Counter(tag for tag, _ in kept)
    raw_tags = Counter(tag for tag, _ in raw)
    removed = [["tag", tag] for tag in raw_tags if raw_tags[tag] > kept_tags[tag]]
    kept_attrs = Counter((tag, name, value) for tag, attrs in kept for name, value in attrs.items())
    for tag, attrs in raw:
        if not kept_tags[tag]:
            continue  # the whole tag is reported above
        for name, value in attrs.items():
            if kept_attrs[(tag, name, value)]:
                kept_attrs[(tag, name, value)] -= 1
            else:
                removed.append(["attribute", tag, name, value])
    return removed, images
