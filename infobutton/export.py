"""The Infobutton in the static export: its answers written as files, one per code, language,
recipient and format, and a page that says how to use them.

A static host cannot read a query string, so an EHR that points at the export asks for a file:

    /infobutton/<system>/<code>/<language>-<recipient>.json   (or .xml)

e.g. /infobutton/icd10cm/M32.14/es-PAT.json. Each file is exactly what the server answers for the
same request (it is made by asking the server's own view). Only the codes of the map have files:
a static host cannot match by prefix, so a record asks for the most specific code in the map
(the explaining page lists them) and treats a missing file as "no page".
"""

from urllib.parse import urlencode

from django.shortcuts import render
from django.test import RequestFactory
from django.utils import translation

from engine import CODE_SYSTEMS as SYSTEMS
from engine import get_library

from . import knowledge

FORMATS = {"json": knowledge.JSON, "xml": knowledge.XML}
RECIPIENTS = (knowledge.PATIENT, knowledge.PROVIDER)
FOLDER = "/infobutton/"


def file_path(rule, language, recipient, extension):
    return f"{FOLDER}{rule.system}/{rule.code}/{language}-{recipient}.{extension}"


def static_answers(client, secure):
    """{site path: bytes} of every answer file and the page that explains them."""
    rules = get_library("en").codes.rules
    files = {}
    for rule in rules:
        for language in knowledge.LANGUAGES:
            for recipient in RECIPIENTS:
                for extension, response_type in FORMATS.items():
                    query = {
                        "mainSearchCriteria.v.c": rule.code,
                        "mainSearchCriteria.v.cs": SYSTEMS[rule.system][1],
                        "informationRecipient": recipient,
                        "informationRecipient.languageCode.c": language,
                        "knowledgeResponseType": response_type,
                    }
                    response = client.get(f"{FOLDER}?{urlencode(query)}", secure=secure)
                    files[file_path(rule, language, recipient, extension)] = response.content
    files[FOLDER] = _explaining_page(rules)
    return files


def _explaining_page(rules):
    request = RequestFactory().get(FOLDER)
    request.LANGUAGE_CODE = "en"
    context = {
        "rules": rules,
        "example": file_path(rules[0], "es", knowledge.PATIENT, "json") if rules else "",
        "systems": SYSTEMS,
    }
    with translation.override("en"):
        return render(request, "infobutton/static_files.html", context).content
