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
import datetime
import difflib
import logging
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import Resolver404, resolve
from django.utils import timezone

from .code_checks import check_codes
from .condition_checks import check_summary
from .documents import has_pages
from .errors import ContentError
from .files import find_folder_links, read_snapshot
from .kinds import LANGUAGES, SOURCE_LANGUAGE, TRANSLATIONS
from .library import build_library
from .readability import LONG_SENTENCE_WORDS, long_sentences, word_count
from .rendering import Elements
from .search import synonym_problems
from .terms import TERM_REVIEW_MONTHS
from .translations import check_translations

LEVELS = ("error", "warning", "suggestion")
FUTURE_SLACK = datetime.timedelta(days=1)  # an editor's "today" may be tomorrow in UTC
GENERATED_LINK_CLASSES = {"term", "heading-link", "cite-link"}  # made by the site, not the editor
# Front matter the site shows as text: its sentences are checked like the body's.
PROSE_FIELDS = (
    "summary",
    "in_short",
    "audience",
    "short",
    "key_points",
    "main_risks",
    "questions",
    "steps",
)
SNIPPET_WORDS = 6
# Spanish reading level on the INFLESZ scale (higher is easier): 65 is "bastante fácil", the aim
# for every section; below READING_INFLESZ_FLOOR (55, "normal") the checker warns.
INFLESZ_TARGET = 65


@dataclass
class Document:
    """One Markdown file the site loaded, with what the site made of it."""

    name: str
    kind: str  # "article", "section" or "term"
    text: str  # the whole file
    body: str
    body_line: int
    lines: dict  # front matter key -> line
    page: object  # the Article, Section or Term
    html: str  # as the site shows it
    prose: str  # the visible text, for reading level and sentences
    rendered: object  # the engine.rendering.Rendered it was built from
    libraries: dict = None  # language -> Library: where links to other pages are looked up

    def error(self, line, message, level="error"):
        return ContentError(self.name, line, message, level)

    def line_of(self, needle):
        """The line of the first occurrence of needle in the body (else where the body starts)."""
        for offset, line in enumerate(self.body.split("\n")):
            if needle in line:
                return self.body_line + offset
        return self.body_line

    def line_of_words(self, sentence, start=None):
        """The line where a sentence of visible text starts in the file, looking past Markdown."""
        words = sentence.split()
        first = start or self.body_line
        lines = self.text.split("\n")
        for size in (SNIPPET_WORDS, 3, 1):
            snippet = _plain(" ".join(words[:size]))
            if not snippet:
                break
            for number in range(first, len(lines) + 1):
                if snippet in _plain(lines[number - 1]):
                    return number
        return first


def _plain(text):
    text = re.sub(r"\]\([^)]*\)|\[@[^\]]*\]|\[\[!?|\|[a-z0-9-]*\]\]|\]\]", " ", text)
    text = re.sub(r"[*_`#>|\[\]\"“”]", " ", text)
    return " ".join(text.lower().split())


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
    today = today or timezone.localdate()
    findings = [
        ContentError(
            name, 0, "this folder is a link; the site never follows links to folders", "warning"
        )
        for name in find_folder_links(root)
    ]
    for language in require:
        if not has_pages(language):
            message = (
                f'the site has no pages in "{language}" (no URLs for it), so it cannot be required'
            )
            findings.append(ContentError("(content folder)", 0, message))
    try:
        with _quiet_loader():
            # A language the site does not show yet is not built: its pages have no addresses.
            snapshot = read_snapshot(root)  # read once, built in each language
            libraries = {
                language: build_library(snapshot, language=language, drafts=True, remember=False)
                for language in LANGUAGES
                if has_pages(language)
            }
    except Exception as error:
        # A bug in the engine, not a file's mistake (those are problems on the library).
        logging.getLogger("carteducation.content").exception("the content could not be loaded")
        problem = ContentError("(content folder)", 0, f"the content could not be loaded: {error!r}")
        return None, _sorted([*findings, problem])
    # references.yaml is built into every language: its problems are said once (_sorted).
    for library in libraries.values():
        findings.extend(library.problems)
        for document in _documents(library, libraries):
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


def _documents(library, libraries=None):
    """A Document for every page the library built, from what the build kept: no file is read
    or rendered again."""
    pages = _pages_by_source(library)
    for name, parsed in sorted(library.files.items()):
        if name not in pages:
            continue  # a section left out for a clash; the build has said why
        page, rendered = pages[name], library.renders[name]
        page_html = {"article": "intro_html"}.get(parsed.kind, "html")
        yield Document(
            name,
            parsed.kind,
            parsed.text,
            parsed.body,
            parsed.body_line,
            parsed.lines,
            page,
            getattr(page, page_html),
            rendered.text,
            rendered,
            libraries or {library.language: library},
        )


def _pages_by_source(library):
    pages = {}
    for article in library.articles.values():
        pages[article.source_name] = article
        for section in article.sections:
            pages[section.source_name] = section
    for term in library.terms.values():
        pages[term.source_name] = term
    for condition in library.conditions.values():
        pages[condition.source_name] = condition
        if condition.clinicians is not None:
            pages[condition.clinicians.source_name] = condition.clinicians
    return pages


def _check_document(document, library, today):
    checks = [_check_links, _check_markup, _check_sentences]
    if document.kind == "clinicians":
        # Written for health professionals: the plain-language advice is for patients' pages.
        checks = [_check_links, _check_markup, _check_clinician_summary]
    if document.kind == "article":
        checks += [_check_article_reviews, _check_handout_sections]
    if document.kind == "section":
        checks += [_check_section_review, _check_reading_grade]
    if document.kind == "term":
        checks.append(_check_term_review)
    if document.kind == "condition":
        # A patient page on its own, reviewed on its own cycle: as an article and a section.
        checks += [_check_article_reviews, _check_reading_grade]
    findings = []
    for check in checks:
        try:
            findings.extend(check(document, library, today))
        except (RecursionError, ValueError) as error:
            findings.append(document.error(0, f"the checker could not read this file ({error!r})"))
    return findings


# Links and anchors


def _ids(page_html):
    return {attrs["id"] for _, attrs in Elements(page_html).elements if attrs.get("id")}


# Ids the templates give a page besides those in its content (see templates/): a link may jump
# to these too. Kept short on purpose: editors link to headings.
PAGE_IDS = {"main-content"}
OVERVIEW_IDS = PAGE_IDS | {"contents-heading"}
TERM_PAGE_IDS = PAGE_IDS | {"term-title", "related-terms", "where-it-appears"}


def _section_ids(section):
    ids = _ids(section.html) | PAGE_IDS
    ids |= {section.source_anchor(number) for number in range(1, len(section.sources) + 1)}
    return ids | {f"{section.slug}-sources-heading", f"{section.slug}-questions-heading"}


def _ids_on_page(view_name, page):
    """The ids a link can jump to on a page, or None when that page is not checked."""
    if view_name == "articles:section":
        return _section_ids(page)
    if view_name == "articles:full":
        ids = set(OVERVIEW_IDS)
        for section in page.sections:
            ids |= _section_ids(section) | {section.slug, f"{section.slug}-title"}
        return ids
    if view_name == "articles:article":
        return _ids(page.intro_html) | OVERVIEW_IDS
    if view_name == "glossary:term":
        return _ids(page.html) | TERM_PAGE_IDS
    if view_name in {"conditions:condition", "conditions:clinicians"}:
        if view_name == "conditions:clinicians":
            page = getattr(page, "clinicians", None) or page
        return _ids(page.html) | PAGE_IDS
    return None


def _view_of(document):
    return {
        "article": "articles:article",
        "section": "articles:section",
        "term": "glossary:term",
        "condition": "conditions:condition",
        "clinicians": "conditions:clinicians",
    }[document.kind]


def _view_and_library(match, libraries):
    """(the view name without its language, the library of the page's language) of a resolved
    address: "es:articles:section" is a section of the Spanish library."""
    language = match.namespaces[0] if match.namespaces else SOURCE_LANGUAGE
    if language not in LANGUAGES or language == SOURCE_LANGUAGE:
        return match.view_name, libraries.get(SOURCE_LANGUAGE)
    return match.view_name.removeprefix(f"{language}:"), libraries.get(language)


def _target(view_name, match, library):
    """The Article, Section or Term a resolved site address shows, None if it names none, or
    True for a page that does not come from one content file (home, glossary index...)."""
    if library is None:
        return True  # a language this check did not build
    kwargs = match.kwargs
    article = library.articles.get(kwargs.get("article_slug", ""))
    if view_name == "articles:section":
        return article.section(kwargs["section_slug"]) if article else None
    if "article_slug" in kwargs:
        return article
    if view_name == "glossary:term":
        return library.terms.get(kwargs.get("slug", ""))
    if "condition_slug" in kwargs:
        condition = library.conditions.get(kwargs["condition_slug"])
        if view_name == "conditions:clinicians" and condition is not None:
            return condition if condition.clinicians is not None else None
        return condition
    return True


def _known_paths(library):
    paths = []
    for article in library.articles.values():
        paths += [article.get_absolute_url(), article.get_full_url()]
        paths += [section.get_absolute_url() for section in article.sections]
    paths += [term.get_absolute_url() for term in library.terms.values()]
    paths += [condition.get_absolute_url() for condition in library.conditions.values()]
    return paths


def _did_you_mean(written, choices, prefix=""):
    close = difflib.get_close_matches(written, choices, n=1, cutoff=0.6)
    return f'; did you mean "{prefix}{close[0]}"?' if close else ""


def _check_links(document, library, today):
    for tag, attrs in Elements(document.html).elements:
        if tag != "a" or "href" not in attrs:
            continue
        if GENERATED_LINK_CLASSES & set(attrs.get("class", "").split()):
            continue
        href = attrs["href"]
        problem = _link_problem(href, document, library)
        if problem:
            message, level = problem
            yield document.error(document.line_of(href), message, level)


def _link_problem(href, document, library):
    """(message, level) for a link that will not work as meant, or None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None  # another site, or mailto: checking it would need the network
    if not parts.path:
        return _anchor_problem(
            href, parts.fragment, _ids_on_page(_view_of(document), document.page)
        )
    if not parts.path.startswith("/"):
        meant = urljoin(document.page.get_absolute_url(), href)
        return (
            f'the link "{href}" is relative, so it breaks when the page moves or is printed; '
            f'write the whole path from the site root, like "{meant}"',
            "error",
        )
    if parts.path.startswith(settings.STATIC_URL):
        if finders.find(parts.path.removeprefix(settings.STATIC_URL)):
            return None
        return f'the link "{href}" leads to a file that is not in static/', "error"
    try:
        match = resolve(parts.path)
    except Resolver404:
        try:
            resolve(parts.path + "/")
        except Resolver404:
            hint = _did_you_mean(parts.path, _known_paths(library))
            return f'the link "{href}" leads to no page on this site{hint}', "error"
        return f'the link "{href}" needs a / at the end: "{parts.path}/"', "warning"
    view_name, target_library = _view_and_library(match, document.libraries)
    target = _target(view_name, match, target_library)
    if target is None:
        hint = _did_you_mean(parts.path, _known_paths(target_library))
        return f'the link "{href}" leads to no page on this site{hint}', "error"
    if target is True:
        return None
    if _is_draft(target, target_library) and not _is_draft(document.page, library):
        return f'the link "{href}" leads to a draft, which the live site does not show', "warning"
    return _anchor_problem(href, parts.fragment, _ids_on_page(view_name, target))


def _is_draft(page, library):
    article = library.articles.get(getattr(page, "article_slug", ""))
    return page.draft or bool(article and article.draft)


def _anchor_problem(href, fragment, ids):
    if not fragment or ids is None or fragment in ids:
        return None
    hint = _did_you_mean(fragment, sorted(ids), prefix="#")
    return (
        f'the link "{href}" goes to "#{fragment}", but no heading on that page has that id{hint}',
        "error",
    )


def _check_clinician_summary(document, library, today):
    return check_summary(document)


# What the sanitiser removed (noted while rendering, engine.rendering.sanitiser_losses)


def _check_markup(document, library, today):
    for attrs in document.rendered.images:
        yield from _image_problems(attrs, document)
    yield from _removed_by_sanitiser(document)
    for mark in re.findall(r"\[\[[^\[\]\n]*\]\]", Elements(document.html).text):
        yield document.error(
            document.line_of(mark),
            f'"{mark}" shows on the page as typed: glossary marks work only in section files',
            "warning",
        )


def _image_problems(attrs, document):
    src = attrs.get("src", "")
    line = document.line_of(src) if src else document.body_line
    if not attrs.get("alt", "").strip():
        yield document.error(
            line,
            "the image has no alt text: describe it inside the square brackets, like "
            "![A nurse taking a blood sample](/static/img/blood-test.png)",
        )
    if src.startswith(settings.STATIC_URL) and not finders.find(
        src.removeprefix(settings.STATIC_URL)
    ):
        yield document.error(line, f'the image "{src}" is not in static/')


def _removed_by_sanitiser(document):
    for loss in document.rendered.removed:
        if loss[0] == "tag":
            tag = loss[1]
            if tag == "h1":
                yield document.error(_top_heading_line(document), TOP_HEADING, "warning")
            else:
                message = (
                    f"the HTML tag <{tag}> is not allowed; the site removes it, so it will not show"
                )
                yield document.error(document.line_of(f"<{tag}"), message, "warning")
        else:
            _, tag, name, value = loss
            message = _attribute_message(tag, name, value)
            yield document.error(document.line_of(value or name), message, "warning")


TOP_HEADING = 'a "#" heading: the page title is already the main heading; start headings with "##"'


def _top_heading_line(document):
    for offset, line in enumerate(document.body.split("\n")):
        if re.match(r"#(?!#)", line):
            return document.body_line + offset
    return document.body_line


def _attribute_message(tag, name, value):
    if tag == "a" and name == "href":
        return (
            f'the link address "{value}" is not allowed (only http, https and mailto); '
            "the site removes it"
        )
    if tag == "img" and name == "src":
        return (
            f'the image "{value}" is not on this site; images must be in static/ '
            "(an address starting /static/)"
        )
    return f'the HTML attribute {name}="{value}" on <{tag}> is not allowed; the site removes it'


# Reading level


def _check_sentences(document, library, today):
    for sentence in long_sentences(document.prose):
        yield _long_sentence(document, sentence, document.line_of_words(sentence))
    for key in PROSE_FIELDS:
        values = getattr(document.page, key, None) or []
        if key == "steps":
            values = [step["text"] for step in values]
        for value in values if isinstance(values, list) else [values]:
            for sentence in long_sentences(value):
                yield _long_sentence(
                    document,
                    sentence,
                    document.line_of_words(sentence, start=document.lines.get(key, 1)),
                )


def _long_sentence(document, sentence, line):
    words = sentence.split()
    start = " ".join(words[:SNIPPET_WORDS])
    return document.error(
        line,
        f'a sentence of {word_count(sentence)} words ("{start} …"); sentences of at most '
        f"{LONG_SENTENCE_WORDS} words are easier to follow",
        "suggestion",
    )


def _check_reading_grade(document, library, today):
    if library.language == "es":
        yield from _check_inflesz(document)
        return
    grade = document.page.reading_grade
    ceiling = settings.READING_GRADE_CEILING
    if grade > ceiling:
        yield document.error(
            document.lines.get("title", 1),
            f"the reading grade is {grade:.1f}, above the ceiling of {ceiling:g}: "
            "use shorter sentences and everyday words",
            "warning",
        )


def _check_inflesz(document):
    score = document.page.reading_scores["INFLESZ"]
    floor = settings.READING_INFLESZ_FLOOR
    if document.page.text and score < floor:
        yield document.error(
            document.lines.get("title", 1),
            f"the reading level (INFLESZ) is {score:.1f}, below {floor:g} (aim for "
            f"{INFLESZ_TARGET} or more): use shorter sentences and everyday words",
            "warning",
        )


# The handout


def _check_handout_sections(document, library, today):
    article = document.page
    with_questions = [section.slug for section in article.sections if section.questions]
    for slug in article.handout_sections:
        if slug not in with_questions:
            yield document.error(
                document.lines.get("handout_sections", 1),
                f'handout_sections names "{slug}", which is not a section of this article with '
                f"questions, so the handout leaves it out{_did_you_mean(slug, with_questions)}",
                "warning",
            )


# Reviews


def _check_article_reviews(document, library, today):
    article = document.page
    if article.next_review < today:
        yield document.error(
            document.lines.get("next_review", 1),
            f"review overdue: it was due on {article.next_review:%Y-%m-%d}; check the article, "
            "then update last_reviewed and next_review",
            "warning",
        )
    if article.next_review < article.last_reviewed:
        yield document.error(
            document.lines.get("next_review", 1),
            f"next_review ({article.next_review:%Y-%m-%d}) is before last_reviewed "
            f"({article.last_reviewed:%Y-%m-%d})",
            "warning",
        )
    yield from _future_review(document, article.last_reviewed, today)


def _check_section_review(document, library, today):
    yield from _future_review(document, document.page.last_reviewed, today)


def _check_term_review(document, library, today):
    term = document.page
    if term.last_reviewed is None:
        return  # reviewed with the glossary, whose dates are the articles' (checked there)
    review = term.review(None)
    if review.next_review < today:
        yield document.error(
            document.lines.get("last_reviewed", 1),
            f"review overdue: it was due on {review.next_review:%Y-%m-%d}, "
            f"{TERM_REVIEW_MONTHS} months after last_reviewed; check the term, then update "
            "last_reviewed (or remove it: the term then shows the glossary's review dates)",
            "warning",
        )
    yield from _future_review(document, term.last_reviewed, today)


def _future_review(document, date, today):
    if date > today + FUTURE_SLACK:
        yield document.error(
            document.lines.get("last_reviewed", 1),
            f"last_reviewed ({date:%Y-%m-%d}) is in the future; write the date of the last review",
            "warning",
        )


# The --report table


@dataclass(frozen=True)
class SectionReport:
    name: str  # article-slug/section-slug (es/article-slug/section-slug in Spanish)
    words: int
    minutes: int
    grade: float  # the language's main reading score: the grade in English, INFLESZ in Spanish
    terms: int
    last_reviewed: datetime.date
    next_review: datetime.date
    scores: dict = None  # every reading score the language reports, by name


def section_reports(library):
    language = library.language
    prefix = "" if language == SOURCE_LANGUAGE else f"{language}/"
    rows = []
    for article in library.articles.values():
        for section in article.sections:
            # English keeps its column "Grade"; other languages name their scales.
            scores = {"Grade": section.reading_grade} if not prefix else section.reading_scores
            rows.append(
                SectionReport(
                    name=f"{prefix}{article.slug}/{section.slug}",
                    words=section.words,
                    minutes=section.reading_minutes,
                    grade=next(iter(scores.values())),
                    terms=len(section.terms),
                    last_reviewed=section.last_reviewed,
                    next_review=article.next_review,  # sections are reviewed with their article
                    scores=scores,
                )
            )
    return rows
