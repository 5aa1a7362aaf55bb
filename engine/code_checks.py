"""The checker's look at diagnosis-codes.yaml: every code real, every page there.

Each ICD-10-CM code is looked up in the official code set, as CMS publishes it, bundled in the
simple-icd-10-cm package (MIT; its release is named in pyproject.toml's comment). It is imported
here only, when the map has an ICD-10-CM rule: reading the code set takes a few seconds and about
200 MB, which the checker can spend and the running site never does (it matches codes by prefix,
engine.codes). SNOMED CT is licensed and not shipped: its ids are checked for their form and
check digit when the file is read, and a reviewer confirms each in a SNOMED CT browser.
"""

import functools
import importlib.metadata
import warnings

from .errors import ContentError
from .kinds import CODES_FILE, SOURCE_LANGUAGE
from .rendering import Elements


@functools.cache
def _icd10cm():
    # It reads its bundled files with importlib.resources calls Python 3.13 deprecates: its
    # business, not the editor's.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm

    return simple_icd_10_cm


def release():
    """What the checker checks ICD-10-CM codes against, for its messages and the docs."""
    version = importlib.metadata.version("simple-icd-10-cm")
    return f"the ICD-10-CM code set in simple-icd-10-cm {version}"


def icd10cm_description(code):
    """The official title of an ICD-10-CM code, or "" when the code set has no such code."""
    icd = _icd10cm()
    if not icd.is_valid_item(code) or not icd.is_category_or_subcategory(code):
        return ""
    return icd.get_description(code)


def check_codes(libraries):
    """ContentErrors for the rules of diagnosis-codes.yaml, against the code set and the pages
    of every language."""
    english = libraries.get(SOURCE_LANGUAGE)
    if english is None or not english.codes:
        return []
    problems = []
    for rule in english.codes.rules:
        if rule.system == "icd10cm" and not icd10cm_description(rule.code):
            problems.append(
                ContentError(
                    CODES_FILE,
                    rule.line,
                    f"{rule.code} is not a code of ICD-10-CM ({release()}); check it in the "
                    "code set, or the rule will never match a chart",
                )
            )
        problems.extend(_target_problems(rule, english))
    mapped = {rule.condition for rule in english.codes.rules}
    for condition in english.conditions.values():
        if condition.slug not in mapped:
            problems.append(
                ContentError(
                    condition.source_name,
                    1,
                    f"no rule in {CODES_FILE} sends a diagnosis code to this page, so health "
                    "records cannot find it: add its ICD-10-CM and SNOMED CT codes",
                    "warning",
                )
            )
    return problems


def _target_problems(rule, english):
    target = rule.target
    if target is None:
        return []
    page = _page(target, english)
    if page is None:
        known = ", ".join(f"conditions/{slug}" for slug in english.conditions) or "none yet"
        return [
            ContentError(
                CODES_FILE,
                rule.line,
                f'{rule.code} is sent to "{rule.page}", which is not a page of this site '
                f"(the condition pages are: {known})",
            )
        ]
    problems = []
    anchor = rule.anchor
    if anchor and anchor not in _ids(page.html):
        problems.append(
            ContentError(
                CODES_FILE,
                rule.line,
                f'{rule.code} is sent to "#{anchor}", but no heading of {page.source_name} has '
                "that id (a heading's id is its words in lower case, joined by hyphens)",
            )
        )
    return problems


def _ids(html):
    return {attrs["id"] for _, attrs in Elements(html).elements if attrs.get("id")}


def _page(target, library):
    if target["condition"]:
        return library.conditions.get(target["condition"])
    article = library.articles.get(target["article"])
    return article.section(target["section"]) if article else None
