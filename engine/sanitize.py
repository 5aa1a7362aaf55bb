"""The one place rendered HTML is made safe to show.

Threat: a content file (written by an editor, or changed by someone who should not have) that
carries script into a patient's browser: <script>, event-handler attributes, javascript:/data:
links, style tricks, forms, frames, or tags that point the page at another host. Everything the
Markdown pipeline produces passes through clean() as its last step, and only what is listed
below survives. This is the only module that imports the sanitiser, and Html, below, is the only
way anything is declared safe to show unescaped. is_web_address() guards the links a template
writes from content outside the Markdown (a reference's url), which clean() never sees. json_ld()
writes structured data for search engines as a script data block, escaped so no text in it can
end the block.
"""

import datetime
import json
import unicodedata
from importlib.metadata import version
from urllib.parse import urlsplit

import nh3

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "sup", "sub", "span", "abbr",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "img", "div", "del", "mark",
}  # fmt: skip

ATTRIBUTES = {
    "a": {"href", "title"},
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
}

# engine/carecards.py: the box of each level of care card, and the box of its words.
CARE_CARD_CLASSES = {
    "care-card", "care-card--non-urgent", "care-card--urgent", "care-card--emergency",
    "care-card__body",
}  # fmt: skip

# Classes are listed here, not in ATTRIBUTES: nh3 keeps only these values of class.
CLASSES = {
    "a": {"term", "heading-link", "cite-link"},
    "sup": {"cite"},
    "span": {"visually-hidden", "term-text", "care-card__level"},
    "div": {"table-wrap", "heading-row", *CARE_CARD_CLASSES},
    **{f"h{n}": {"care-card__heading"} for n in range(2, 7)},
}

URL_SCHEMES = {"http", "https", "mailto"}
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
    if tag == "img" and attribute == "src" and not value.startswith("/static/"):
        return None
    return value


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
    # This output was just sanitised.
    return Html(cleaned)


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
