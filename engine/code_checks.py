"""The checker's look at diagnosis-codes.yaml: every code real, every page there.

Each ICD-10-CM code is looked up in the official code set, as CMS publishes it, bundled in the
simple-icd-10-cm package (MIT; its release is named in pyproject.toml's comment): its code list,
one code a line, read as text (about 0.1 s). The package's own import would parse its 10 MB
tabular XML into a tree of every code's title and notes (4 s of CPU and 200 MB), which the
checker does not need: whether a chart can carry the code is all it asks. The running site never
reads either (it matches codes by prefix, engine.codes). SNOMED CT is licensed and not shipped:
its ids are checked for their form and check digit when the file is read, and a reviewer
confirms each in a SNOMED CT browser.
"""

import functools
import importlib.metadata
import importlib.util
from pathlib import Path

from .errors import ContentError
from .kinds import CODES_FILE, SOURCE_LANGUAGE
from .rendering import Elements


def code_list_path():
    """The code list the package bundles (data/code-list-<release>.txt), found without importing
    the package, whose import reads the whole tabular."""
    spec = importlib.util.find_spec("simple_icd_10_cm")
    folder = Path(spec.submodule_search_locations[0]) / "data"
    (found,) = folder.glob("code-list-*.txt")  # one release at a time
    return found


@functools.cache
def chartable_codes():
    """Every ICD-10-CM code a diagnosis can be recorded with (a category such as M32, or a
    subcategory such as M32.14 or S01.00XA), written without its dot. The code list also names
    the chapters (1 to 22) and blocks (M30-M36), which are headings, not codes."""
    text = code_list_path().read_text(encoding="utf-8")
    codes = (line.split(" ")[0] for line in text.splitlines())
    return frozenset(code for code in codes if code[:1].isalpha() and "-" not in code)


def release():
    """What the checker checks ICD-10-CM codes against, for its messages and the docs."""
    version = importlib.metadata.version("simple-icd-10-cm")
    return f"the ICD-10-CM code set in simple-icd-10-cm {version}"


def is_icd10cm_code(code):
    """Whether the code set has this code (M32.14, or M3214) as a category or subcategory."""
    return code.replace(".", "") in chartable_codes()


def check_codes(libraries):
    """ContentErrors for the rules of diagnosis-codes.yaml, against the code set and the pages
    of every language."""
    english = libraries.get(SOURCE_LANGUAGE)
    if english is None or not english.codes:
        return []
    problems = []
    for rule in english.codes.rules:
        if rule.system == "icd10cm" and not is_icd10cm_code(rule.code):
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
