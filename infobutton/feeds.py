"""The knowledge response as an Atom feed: XML (text/xml), JSON (MedlinePlus Connect's way of
writing Atom as JSON: an element's text under "_value", its attributes beside it) and JSONP."""

import json
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext, override

ATOM = "http://www.w3.org/2005/Atom"


def _timestamp(date):
    return f"{date.isoformat()}T00:00:00Z" if date else "1970-01-01T00:00:00Z"


def feed_data(answer):
    """The feed as plain data (dicts and lists), the one shape both renderings read."""
    request = answer.request
    site = settings.SITE_URL
    with override(request.language):
        title = gettext("CAR-T for autoimmune disease: pages for a diagnosis")
        if answer.matched and answer.entries:
            subtitle = gettext("Pages for %(code)s") % {"code": answer.matched}
        else:
            subtitle = gettext("This site has no page for this request")
        author = gettext(settings.SITE_NAME) if settings.SITE_NAME else title
    query = urlencode(sorted(request.echo))
    return {
        "base": site + "/",
        "lang": request.language,
        "title": {"_value": title, "type": "text"},
        "subtitle": {"_value": subtitle, "type": "text"},
        "author": {"name": {"_value": author}, "uri": {"_value": site + "/"}},
        "updated": {"_value": _timestamp(answer.updated)},
        "id": {"_value": f"{site}/infobutton/?{query}" if query else f"{site}/infobutton/"},
        "category": [{"scheme": name, "term": value} for name, value in request.echo],
        "entry": [_entry(entry) for entry in answer.entries],
    }


def _entry(entry):
    links = [
        {
            "href": entry.url,
            "rel": "alternate",
            "type": "text/html",
            "hreflang": entry.language,
            "title": entry.title,
        }
    ]
    links += [
        {"href": url, "rel": "alternate", "type": "text/html", "hreflang": language}
        for language, url in entry.alternates
    ]
    return {
        "lang": entry.language,
        "title": {"_value": entry.title, "type": "text"},
        "link": links,
        "id": {"_value": entry.url},
        "updated": {"_value": _timestamp(entry.updated)},
        "summary": {"_value": entry.summary, "type": "text"},
        # Who the page is written for (the guide's informationRecipient codes).
        "category": [{"scheme": "informationRecipient", "term": entry.audience}],
    }


def as_json(data):
    return json.dumps({"feed": data}, ensure_ascii=False, separators=(",", ":"))


def as_jsonp(data, callback):
    # /**/ first: the body can never start with bytes another plugin reads as its own file type.
    # The callback was checked to be a plain JavaScript name (knowledge.CALLBACK).
    return f"/**/{callback}({as_json(data)});"


def as_atom(data):
    """The feed as Atom XML. ElementTree escapes every text and attribute."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    root.set("{http://www.w3.org/XML/1998/namespace}base", data["base"])
    root.set("{http://www.w3.org/XML/1998/namespace}lang", data["lang"])
    _text(root, "title", data["title"])
    _text(root, "subtitle", data["subtitle"])
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", data["author"]["name"])
    _text(author, "uri", data["author"]["uri"])
    _text(root, "updated", data["updated"])
    _text(root, "id", data["id"])
    for category in data["category"]:
        ET.SubElement(root, f"{{{ATOM}}}category", category)
    for entry in data["entry"]:
        element = ET.SubElement(root, f"{{{ATOM}}}entry")
        element.set("{http://www.w3.org/XML/1998/namespace}lang", entry["lang"])
        _text(element, "title", entry["title"])
        for link in entry["link"]:
            ET.SubElement(element, f"{{{ATOM}}}link", link)
        _text(element, "id", entry["id"])
        _text(element, "updated", entry["updated"])
        _text(element, "summary", entry["summary"])
        for category in entry["category"]:
            ET.SubElement(element, f"{{{ATOM}}}category", category)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _text(parent, name, value):
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = value["_value"]
    if "type" in value:
        element.set("type", value["type"])
    return element
