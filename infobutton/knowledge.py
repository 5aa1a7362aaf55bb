"""An HL7 Infobutton knowledge resource: a diagnosis code in, the right pages out.

The request follows the URL-based implementation guide (HL7 Version 3 Implementation Guide:
Context-Aware Knowledge Retrieval (Infobutton), Release 4): a GET with parameters such as

    mainSearchCriteria.v.c=M32.14
    mainSearchCriteria.v.cs=2.16.840.1.113883.6.90      (ICD-10-CM; SNOMED CT is ...6.96)
    mainSearchCriteria.v.dn=Lupus nephritis             (display name: used when the code is not)
    informationRecipient=PAT | PROV                     (patient page first, or clinicians' first)
    informationRecipient.languageCode.c=en | es
    knowledgeResponseType=application/json | text/xml | application/javascript | text/html

and the answer is the knowledge response of the Service-Oriented Architecture implementation
guide: an Atom feed (as XML, or as JSON the way MedlinePlus Connect writes it, "_value" for an
element's text) whose entries are the pages, each with its title, links (hreflang), summary and
its review date as `updated`, and whose categories echo the request. A code no rule covers gets a
feed with no entries: never an error, never the nearest page (docs/clinicians.md).

parse_request() and answer() are pure: the view (infobutton/views.py) adds HTTP.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings

from engine import CODE_SYSTEMS as SYSTEMS
from engine import SYSTEM_OF_OID

JSON = "application/json"
XML = "text/xml"
JSONP = "application/javascript"
HTML = "text/html"
RESPONSE_TYPES = (JSON, XML, JSONP, HTML)
PATIENT, PROVIDER = "PAT", "PROV"
LANGUAGES = ("en", "es")
# ISO 639-2 and the names some systems send, for the two languages the site has.
LANGUAGE_ALIASES = {"eng": "en", "spa": "es", "english": "en", "spanish": "es", "español": "es"}
MAX_VALUE = 200  # characters kept of any one value: a code or a name is far shorter
MAX_ECHOED = 20  # parameters echoed back as categories
# What a knowledge request may carry (the guide's parameter names, before the first dot): echoed
# back as categories; anything else (a tracking parameter, junk) is not.
ECHOED = (
    "mainSearchCriteria",
    "informationRecipient",
    "performer",
    "taskContext",
    "subTopic",
    "patientPerson",
    "age",
    "ageGroup",
    "encounter",
    "serviceDeliveryLocation",
    "holder",
    "severityObservation",
    "knowledgeResponseType",
)
# A JSONP callback: a JavaScript name, optionally dotted ("app.show"), nothing else.
CALLBACK = re.compile(r"^[A-Za-z_$][\w$]{0,63}(?:\.[A-Za-z_$][\w$]{0,63}){0,3}$", re.ASCII)
RESERVED = {"eval", "alert", "constructor", "prototype", "__proto__", "function", "import", "new"}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class BadRequest(ValueError):
    """A request the resource will not answer as asked (a callback that is not a name)."""


@dataclass(frozen=True)
class KnowledgeRequest:
    code: str = ""
    system: str = ""  # "icd10cm", "snomed", or "" (an OID the site does not know, or none)
    system_oid: str = ""
    display_name: str = ""
    recipient: str = PATIENT
    language: str = "en"
    response_type: str = JSON
    callback: str = ""
    echo: tuple = ()  # (parameter, value) as received, for the feed's categories


def _value(query, name):
    value = query.get(name, "")
    return CONTROL.sub("", str(value)).strip()[:MAX_VALUE]


def parse_request(query):
    """A KnowledgeRequest from a query (a QueryDict or a dict). Raises BadRequest only for a
    callback that is not a plain JavaScript name: everything else has a sensible reading."""
    code = _value(query, "mainSearchCriteria.v.c")
    oid = _value(query, "mainSearchCriteria.v.cs")
    response_type = _value(query, "knowledgeResponseType").lower().split(";")[0].strip()
    if response_type not in RESPONSE_TYPES:
        response_type = JSON
    callback = ""
    if response_type == JSONP:
        callback = _value(query, "callback")
        if not CALLBACK.match(callback) or callback.split(".")[0] in RESERVED:
            raise BadRequest("callback must be a JavaScript name, such as showPages")
    echo = []
    for name in sorted(query):
        if name.split(".", 1)[0] in ECHOED and len(echo) < MAX_ECHOED:
            echo.append((CONTROL.sub("", name)[:MAX_VALUE], _value(query, name)))
    return KnowledgeRequest(
        code=code,
        system=SYSTEM_OF_OID.get(oid, ""),
        system_oid=oid,
        display_name=_value(query, "mainSearchCriteria.v.dn"),
        recipient=PROVIDER
        if _value(query, "informationRecipient").upper() == PROVIDER
        else PATIENT,
        language=_language(_value(query, "informationRecipient.languageCode.c")),
        response_type=response_type,
        callback=callback,
        echo=tuple(echo),
    )


def _language(value):
    value = value.lower().replace("_", "-")
    value = LANGUAGE_ALIASES.get(value, value.split("-")[0])
    return value if value in LANGUAGES else "en"


@dataclass(frozen=True)
class Entry:
    title: str
    url: str  # absolute
    language: str
    summary: str
    updated: datetime.date
    alternates: tuple = ()  # (language, absolute url) of the same page in other languages
    audience: str = PATIENT


@dataclass(frozen=True)
class Answer:
    request: KnowledgeRequest
    entries: list = field(default_factory=list)
    updated: datetime.date = None
    matched: str = ""  # what matched, for the subtitle: "ICD-10-CM M32" or a display name


def answer(request, libraries):
    """The Answer to a KnowledgeRequest. libraries: {language: Library}."""
    english = libraries["en"]
    rule, matched = None, ""
    if request.system and request.code:
        rule = english.codes.lookup(request.system, request.code)
        if rule is not None:
            matched = f"{SYSTEMS[rule.system][0]} {rule.code}"
    if rule is None and request.display_name:
        rule = _rule_named(request.display_name, english)
        matched = request.display_name if rule is not None else ""
    entries = _entries(rule, request, libraries) if rule is not None else []
    dates = [entry.updated for entry in entries] or [
        condition.last_reviewed for condition in english.conditions.values()
    ]
    return Answer(request, entries, max(dates, default=None), matched)


def fold(text):
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _rule_named(name, english):
    """The rule for a display name: a condition whose title or other name is exactly it, or a
    rule whose written name is. Never a partial match: a wrong page is worse than none."""
    wanted = fold(name)
    for rule in english.codes.rules:
        if rule.name and fold(rule.name) == wanted:
            return rule
    for condition in english.conditions.values():
        if wanted in {fold(n) for n in (condition.title, *condition.names)}:
            return next((r for r in english.codes.rules if r.condition == condition.slug), None)
    return None


def _entries(rule, request, libraries):
    target = rule.target
    if target is None:
        return []  # the map says: no page for this code
    english = libraries["en"]
    if target["condition"]:
        condition = english.conditions.get(target["condition"])
        if condition is None:
            return []
        patient = _page_entry(condition, rule.anchor, request.language, libraries, PATIENT)
        entries = [patient]
        if condition.clinicians is not None:
            entries.append(_clinicians_entry(condition))
        if request.recipient == PROVIDER:
            entries.reverse()
        return entries
    article = english.articles.get(target["article"])
    section = article.section(target["section"]) if article else None
    if section is None:
        return []
    return [_page_entry(section, rule.anchor, request.language, libraries, PATIENT)]


def _in_language(page, language, libraries):
    found = libraries.get(language)
    return found.by_key.get(page.key) if found is not None else None


def _page_entry(english_page, anchor, language, libraries, audience):
    page = _in_language(english_page, language, libraries) or english_page
    anchor_there = _paired_anchor(english_page, page, anchor)
    alternates = []
    for other in LANGUAGES:
        version = _in_language(english_page, other, libraries)
        if version is not None and other != page.language:
            alternates.append(
                (other, _address(version, _paired_anchor(english_page, version, anchor)))
            )
    return Entry(
        title=page.title,
        url=_address(page, anchor_there),
        language=page.language,
        summary=getattr(page, "summary", "") or getattr(page, "in_short", ""),
        updated=page.last_reviewed,
        alternates=tuple(alternates),
        audience=audience,
    )


def _clinicians_entry(condition):
    summary = condition.clinicians
    return Entry(
        title=summary.title,
        url=_address(summary, ""),
        language=summary.language,
        summary=summary.summary,
        updated=condition.last_reviewed,
        audience=PROVIDER,
    )


def _address(page, anchor):
    return settings.SITE_URL + page.get_absolute_url() + (f"#{anchor}" if anchor else "")


def _paired_anchor(english_page, page, anchor):
    """The id in `page` of the heading that is `anchor` in the English page: a translation's
    headings have their own words, so the same heading is found by its place."""
    if not anchor or page is english_page:
        return anchor
    english_ids, ids = _heading_ids(english_page.toc), _heading_ids(page.toc)
    if anchor in english_ids and len(ids) == len(english_ids):
        return ids[english_ids.index(anchor)]
    return ""


def _heading_ids(toc):
    ids = []
    for entry in toc:
        ids.append(entry["id"])
        ids.extend(_heading_ids(entry.get("children", [])))
    return ids
