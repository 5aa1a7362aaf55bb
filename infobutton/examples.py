"""Worked examples of Infobutton requests and their answers, for the page for clinicians and
health-record teams: each answer is computed from the content, so the page never shows an answer
the site would not give."""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from engine import get_library

from . import feeds, knowledge

ICD10CM, SNOMED = "2.16.840.1.113883.6.90", "2.16.840.1.113883.6.96"


@dataclass(frozen=True)
class Example:
    title: str  # in the page's language (lazy)
    query: dict
    response_type: str

    @property
    def url(self):
        return f"{settings.SITE_URL}/infobutton/?{urlencode(self.query)}"

    def answer(self):
        asked = knowledge.parse_request(self.query)
        libraries = {language: get_library(language) for language in knowledge.LANGUAGES}
        found = knowledge.answer(asked, libraries)
        if asked.response_type == knowledge.HTML:
            return f"302 Found\nLocation: {found.entries[0].url}" if found.entries else ""
        data = feeds.feed_data(found)
        if asked.response_type == knowledge.XML:
            return feeds.as_atom(data)
        return json.dumps({"feed": data}, ensure_ascii=False, indent=2)


def examples(english):
    """A few requests that show each way of asking: the first codes of the map, a code the map
    does not cover, XML and a plain link."""
    rules = [rule for rule in english.codes.rules if rule.target is not None]
    icd = next((rule for rule in rules if rule.system == "icd10cm" and rule.anchor), None)
    icd = icd or next((rule for rule in rules if rule.system == "icd10cm"), None)
    snomed = next((rule for rule in rules if rule.system == "snomed"), None)
    found = []
    if icd is not None:
        found.append(
            Example(
                _("ICD-10-CM, for a patient, in English (JSON)"),
                {
                    "mainSearchCriteria.v.c": icd.code,
                    "mainSearchCriteria.v.cs": ICD10CM,
                    "informationRecipient": "PAT",
                    "informationRecipient.languageCode.c": "en",
                    "knowledgeResponseType": "application/json",
                },
                knowledge.JSON,
            )
        )
    if snomed is not None:
        found.append(
            Example(
                _("SNOMED CT, for a clinician, in Spanish (Atom XML)"),
                {
                    "mainSearchCriteria.v.c": snomed.code,
                    "mainSearchCriteria.v.cs": SNOMED,
                    "informationRecipient": "PROV",
                    "informationRecipient.languageCode.c": "es",
                    "knowledgeResponseType": "text/xml",
                },
                knowledge.XML,
            )
        )
    if icd is not None:
        found.append(
            Example(
                _("A plain link from a health record (text/html: a redirect to the page)"),
                {
                    "mainSearchCriteria.v.c": icd.code,
                    "mainSearchCriteria.v.cs": ICD10CM,
                    "informationRecipient.languageCode.c": "es",
                    "knowledgeResponseType": "text/html",
                },
                knowledge.HTML,
            )
        )
    found.append(
        Example(
            _("A code this site has no page for: a feed with no entries"),
            {
                "mainSearchCriteria.v.c": "J45.909",
                "mainSearchCriteria.v.cs": ICD10CM,
                "knowledgeResponseType": "application/json",
            },
            knowledge.JSON,
        )
    )
    return found
