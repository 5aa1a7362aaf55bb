"""The one place rendered HTML is made safe to show.

Threat: a content file (written by an editor, or changed by someone who should not have) that
carries script into a patient's browser: <script>, event-handler attributes, javascript:/data:
links, style tricks, forms, frames, or tags that point the page at another host. Everything the
Markdown pipeline produces passes through clean() as its last step, and only what is listed
below survives. This is the only module that imports the sanitiser, and Html, below, is the only
way anything is declared safe to show unescaped. is_web_address() guards the links a template
writes from content outside the Markdown (a reference's url), which clean() never sees. json_ld()
writes structured data for search engines as a script data block, escaped so no text in it can
end the block. marked() writes a search result's words, every piece escaped, the matches in
<mark>.
"""

import datetime
import json
import re
import unicodedata
from html import escape
from importlib.metadata import version
from urllib.parse import urlsplit

import nh3

from .ids import reserved

# Inline SVG, let through on purpose for the icon arrays (engine/iconarrays.py): an <svg> of
# <path> shapes and nothing else. SVG can carry script in many ways (<script>, on* handlers,
# <foreignObject> holding HTML, <use>/<image>/<a> pointing elsewhere, style and url() in
# presentation attributes, <animate> rewriting attributes after the fact), so no SVG tag is
# allowed but these two, no attribute but those below, and every value is checked against a
# pattern that admits only numbers, path commands and a few fixed words (_filter_attribute): no
# url(), no reference to anything, nothing a browser fetches or runs. An editor who writes an
# <svg> by hand gets the same treatment, so the allow-list is the guarantee, not the engine.
# nh3 judges a tag by its name alone, so an <a> inside an <svg> (an SVG link, which no rel
# reaches) would pass as an HTML link does: _only_paths_in_svg, after nh3, unwraps every element
# inside an <svg> but <svg> and <path>.
SVG_TAGS = {"svg", "path"}
SVG_ATTRIBUTES = {
    "svg": {"viewBox", "width", "role", "aria-label"},
    "path": {"d", "fill", "stroke", "stroke-width"},
}
NUMBER = r"\d+(?:\.\d+)?"
SVG_VALUES = {
    ("svg", "viewBox"): re.compile(rf"{NUMBER}(?: {NUMBER}){{3}}"),
    ("svg", "width"): re.compile(rf"{NUMBER}em"),
    ("svg", "role"): re.compile("img"),
    ("path", "d"): re.compile(r"[MmLlHhVvAaZz0-9 .,\-]*"),
    ("path", "fill"): re.compile("currentColor|none"),
    ("path", "stroke"): re.compile("currentColor|none"),
    ("path", "stroke-width"): re.compile(NUMBER),
}

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "sup", "sub", "span", "abbr",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "img", "div", "del", "mark",
    "figure", "figcaption", *SVG_TAGS,
}  # fmt: skip

ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "scope"},
    "td": {"align"},
    "ol": {"start"},
    "sup": {"id"},
    "li": {"id"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    **SVG_ATTRIBUTES,
}

# engine/carecards.py: the box of each level of care card, and the box of its words.
CARE_CARD_CLASSES = {
    "care-card", "care-card--non-urgent", "care-card--urgent", "care-card--emergency",
    "care-card--shared", "care-card__body",
}  # fmt: skip

# Classes are listed here, not in ATTRIBUTES: nh3 keeps only these values of class.
CLASSES = {
    "a": {"term", "heading-link", "cite-link"},
    "sup": {"cite"},
    "span": {"visually-hidden", "term-text", "care-card__level"},
    "div": {"table-wrap", "heading-row", *CARE_CARD_CLASSES},
    # engine/iconarrays.py
    "figure": {"icon-array"},
    "figcaption": {"icon-array__words"},
    "svg": {"icon-array__picture"},
    "path": {"icon-array__filled", "icon-array__empty"},
    **{f"h{n}": {"care-card__heading"} for n in range(2, 7)},
}

URL_SCHEMES = {"http", "https", "mailto"}
# On every link to another site: it gets no handle on this page, and no address of it, whatever
# the host of an export sends (Referrer-Policy is a header; a host may send none).
OUTBOUND_REL = "noopener noreferrer"
NH3_VERSION = version("nh3")  # part of the render cache key: a new nh3 may clean differently

# Tags whose content is dropped along with the tag, not kept as text.
DROP_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript", "textarea"}


class Html(str):
    """Text that is safe to put in a page as it is: HTML clean() has sanitised, or JSON-LD escaped
    so it cannot leave its element. Templates show it unescaped because it has __html__, which
    Django's escaping honours (as Jinja and markupsafe do), so the engine needs no mark_safe: this
    class is the one place rendered HTML is declared safe, and only this module makes one."""

    __slots__ = ()

    def __html__(self):
        return str(self)


def _filter_attribute(tag, attribute, value):
    # Images may only come from this site: an outside image would tell another host who reads what.
    if tag == "img" and attribute == "src" and not is_static_path(value):
        return None
    # rel is the pipeline's own, on links to other sites (engine/rendering.py): no other value.
    if attribute == "rel" and value != OUTBOUND_REL:
        return None
    # An id the site's own pages or scripts use would stand in for their element (engine/ids.py).
    if attribute == "id" and reserved(value):
        return None
    pattern = SVG_VALUES.get((tag, attribute))
    if pattern and not pattern.fullmatch(value):
        return None
    return value


# A path under /static/ as collectstatic writes them: plain segments of letters, digits, ".",
# "_" and "-", none starting with a dot. Nothing a browser would read as another place (no "..",
# "//", "\\", percent-encoding, query, fragment or control character).
STATIC_PATH = re.compile(r"/static/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*")


def is_static_path(src):
    """Whether an image's src is a plain file under /static/ (engine/checks.py says so too)."""
    return STATIC_PATH.fullmatch(src) is not None


_cleaner = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=DROP_WITH_CONTENT,
    attributes=ATTRIBUTES,
    allowed_classes=CLASSES,
    attribute_filter=_filter_attribute,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)


def clean(html):
    """Return html with everything outside the allow-lists removed, as Html for templates."""
    html = str(html)
    # A character reference such as &#xD; comes out as a bare carriage return, which the next
    # parse would read as a newline; writing the newline now keeps clean(clean(x)) == clean(x).
    cleaned = _cleaner.clean(html).replace("\r", "\n")
    narrowed = _only_paths_in_svg(cleaned)
    if narrowed != cleaned:
        # Cleaned once more, so what is shown is always nh3's own output.
        cleaned = _cleaner.clean(narrowed).replace("\r", "\n")
    # This output was just sanitised.
    return Html(cleaned)


# A tag in nh3's output. Its serialiser escapes "<" and ">" in attribute values as in text, and
# every script, style and comment is gone, so each "<" starts a tag.
_SERIALISED_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*>")
# Elements written without an end tag (which cannot sit inside an <svg>, but are counted right).
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}  # fmt: skip


def _only_paths_in_svg(html):
    """html (nh3's output) with the tags of every element inside an <svg> but <svg> and <path>
    taken out, their content kept in their place, as nh3 does with any tag it does not allow."""
    if "<svg" not in html:
        return html
    kept = []
    # For each element open inside the outermost <svg> (itself included): whether its tags stay.
    open_in_svg = []
    position = 0
    for tag in _SERIALISED_TAG.finditer(html):
        kept.append(html[position : tag.start()])
        position = tag.end()
        closing, name = tag.group(1), tag.group(2).lower()
        if closing:
            if not open_in_svg or open_in_svg.pop():
                kept.append(tag.group(0))
        elif open_in_svg or name == "svg":
            stays = name in SVG_TAGS
            if name not in _VOID:
                open_in_svg.append(stays)
            if stays:
                kept.append(tag.group(0))
        else:
            kept.append(tag.group(0))
    kept.append(html[position:])
    return "".join(kept)


# The escapes of Django's json_script: with <, > and & written as \u escapes, no text in the JSON
# can close the <script> element, open a comment or start a character reference.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """data as a <script type="application/ld+json"> block, escaped as json_script escapes.

    A browser never runs a script of this type (it is a data block), so the Content-Security-
    Policy, which allows no inline script, stays as it is. json_script itself cannot be used: it
    always writes type="application/json", which search engines do not read as JSON-LD.
    """
    text = json.dumps(data, default=_json_value).translate(_JSON_SCRIPT_ESCAPES)
    # The text is JSON, escaped above so it cannot leave the element.
    return Html(f'<script type="application/ld+json">{text}</script>')


def marked(pieces):
    """A search result's [(text, is_match)] pieces (engine.search.highlight) as Html: every piece
    escaped as a template's autoescape escapes text, the matches in <mark>, nothing else."""
    return Html(
        "".join(f"<mark>{escape(text)}</mark>" if hit else escape(text) for text, hit in pieces)
    )


def _json_value(value):
    # Dates as ISO 8601 (as schema.org wants them); anything else that is text in disguise (a
    # lazily translated string) as its text.
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def is_web_address(url):
    """Whether url is an http(s) address. For links a template writes from content outside the
    Markdown (a reference's url), which clean() never sees. Browsers ignore spaces and control
    characters around and inside a scheme, so they are dropped before looking at it."""
    visible = "".join(c for c in url if not (c.isspace() or unicodedata.category(c) == "Cc"))
    try:
        return urlsplit(visible).scheme.lower() in {"http", "https"}
    except ValueError:
        return False
