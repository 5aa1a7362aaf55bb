"""The content checker: every mistake in a content folder, each named by file and line.

check_content(root) returns ContentError findings: errors (the site cannot show something as
meant), warnings (it shows, but not as the editor expects) and suggestions (plain-language
advice). It reads the folder once and builds the library of each language once
(engine.library.build_library: one render per file, each under the time budget), starts from
what that build reports (files that cannot be read, every front matter mistake, files too much
to render, duplicate slugs and orders, citations, glossary terms), and adds, from the built
pages only, what an editor needs: links and #anchors that lead nowhere, images without alt text,
HTML the sanitiser removed, reviews that are due, the reading level and long sentences.

Every language is checked: the Spanish pages (content/es/) as the English ones, with the reading
level on the Spanish scale (INFLESZ), and each translation against its English file
(engine.translations: stale, orphaned or missing translations).

Drafts are checked too: they will be published one day.
"""

import contextlib
import logging
from collections import Counter

from .. import site
from ..build import build_library
from ..code_checks import check_codes
from ..condition_checks import check_summary
from ..errors import ContentError
from ..files import find_folder_links, read_snapshot
from ..languages import LANGUAGES, SOURCE_LANGUAGE, TRANSLATIONS
from ..search import synonym_problems
from ..translations import check_translations
from .clarity import check_clarity
from .document import documents_of
from .links import check_links
from .markup import check_markup
from .reading import check_house_style, check_reading_level, check_sentences
from .report import SectionReport, section_reports
from .reviews import (
    check_article_reviews,
    check_handout_sections,
    check_section_review,
    check_term_review,
)

__all__ = ["SectionReport", "check_content", "count", "load_and_check", "section_reports"]

LEVELS = ("error", "warning", "suggestion")
# The checks of each kind of file, each a function(document, library, today) -> findings.
COMMON = (check_links, check_markup, check_sentences, check_house_style, check_clarity)
CHECKS = {
    "article": (*COMMON, check_article_reviews, check_handout_sections),
    "section": (*COMMON, check_section_review, check_reading_level),
    "term": (*COMMON, check_term_review),
    # A patient page on its own, reviewed on its own cycle: as an article and a section.
    "condition": (*COMMON, check_article_reviews, check_reading_level),
    # Written for health professionals: the plain-language advice is for patients' pages.
    "clinicians": (
        check_links,
        check_markup,
        lambda document, library, today: check_summary(document),
    ),
}


def check_content(root, *, today=None, require=()):
    """Every finding for the content under root, sorted by file and line. require: languages
    whose missing translations are errors, not warnings."""
    return load_and_check(root, today=today, require=require)[1]


def load_and_check(root, *, today=None, require=()):
    """(the English library with drafts, or None if it cannot be built; every finding, sorted)."""
    libraries, findings = load_and_check_all(root, today=today, require=require)
    return (libraries or {}).get(SOURCE_LANGUAGE), findings


def load_and_check_all(root, *, today=None, require=()):
    """({language: library with drafts}, or None if they cannot be built; every finding,
    sorted)."""
    today = today or site.current().today()
    findings = [
        ContentError(
            name, 0, "this folder is a link; the site never follows links to folders", "warning"
        )
        for name in find_folder_links(root)
    ]
    for language in require:
        if not site.shows(language):
            message = f'the site has no pages in "{language}", so it cannot be required'
            findings.append(ContentError("(content folder)", 0, message))
    try:
        with _quiet_loader():
            # A language the site does not show yet is not built: its pages have no addresses.
            snapshot = read_snapshot(root)  # read once, built in each language
            libraries = {
                language: build_library(snapshot, language=language, drafts=True, remember=False)
                for language in LANGUAGES
                if site.shows(language)
            }
    except Exception as error:
        # A bug in the engine, not a file's mistake (those are problems on the library).
        logging.getLogger("carteducation.content").exception("the content could not be loaded")
        problem = ContentError("(content folder)", 0, f"the content could not be loaded: {error!r}")
        return None, _sorted([*findings, problem])
    # references.yaml is built into every language: its problems are said once (_sorted).
    for library in libraries.values():
        findings.extend(library.problems)
        for document in documents_of(library, libraries):
            findings.extend(_check_document(document, library, today))
        findings.extend(synonym_problems(library))
    english = libraries[SOURCE_LANGUAGE]
    findings.extend(check_codes(libraries))
    for language in TRANSLATIONS:
        if language not in libraries:
            continue
        required = language in require
        findings.extend(check_translations(english, libraries[language], required=required))
    return libraries, _sorted(findings)


@contextlib.contextmanager
def _quiet_loader():
    # The loader logs each broken file for the running site; here the findings say it all.
    logger = logging.getLogger("carteducation.content")
    disabled, logger.disabled = logger.disabled, True
    try:
        yield
    finally:
        logger.disabled = disabled


def _sorted(findings):
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda finding: (finding.path, finding.line))


def count(findings):
    counts = Counter(finding.level for finding in findings)
    return {level: counts.get(level, 0) for level in LEVELS}


def summary(findings, files):
    numbers = count(findings)
    if not findings:
        return f"No problems found in {files} files."
    parts = [f"{numbers[level]} {level}{'' if numbers[level] == 1 else 's'}" for level in LEVELS]
    return f"{', '.join(parts)} in {files} files."


def _check_document(document, library, today):
    findings = []
    for check in CHECKS[document.kind]:
        try:
            findings.extend(check(document, library, today))
        except (RecursionError, ValueError) as error:
            findings.append(document.error(0, f"the checker could not read this file ({error!r})"))
    return findings
