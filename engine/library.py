"""The in-memory index of all content: built once, rebuilt only when a content file changes.

get_library() is what views call. It looks at the files' modification times (at most every
CONTENT_RELOAD_SECONDS) and rebuilds when one has changed. A file that breaks keeps its last
good version in the site; its problems are logged and kept on the library for the error page
and the checker. A file that was never good is left out, and every other page keeps working.
"""

import logging
import re
import threading
import time
from dataclasses import dataclass, field

import yaml
from django.conf import settings
from django.http import Http404
from django.utils import translation

from . import schema
from .documents import Article, Reference, Section
from .errors import ContentError
from .files import find_content_files, key_lines, parse_yaml, read_text, split_front_matter
from .linking import TermMatcher
from .rendering import render_markdown
from .sanitize import is_web_address
from .terms import Term, check_terms, index_term_uses

log = logging.getLogger("carteducation.content")

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SECTION_SLUGS = {"all", "handout"}  # these URLs belong to article-wide pages
REFERENCES_FILE = "references.yaml"


@dataclass
class ParsedFile:
    """One content file after reading and checking its front matter, before rendering."""

    kind: str  # "article", "section", "term" or "references"
    name: str
    meta: dict
    body: str = ""
    body_line: int = 1
    lines: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)  # warnings; errors make the file unusable

    @property
    def folder(self):
        return self.name.split("/")[1] if self.kind in {"article", "section"} else ""


@dataclass
class Library:
    articles: dict  # slug -> Article
    terms: dict  # slug -> Term
    references: dict  # key -> Reference
    problems: list  # ContentError, errors and warnings, in file order
    term_uses: dict = field(default_factory=dict)  # term slug -> [engine.terms.Appearance]

    @property
    def errors(self):
        return [problem for problem in self.problems if problem.level == "error"]

    def get_article_or_404(self, slug):
        try:
            return self.articles[slug]
        except KeyError:
            raise Http404("No such article") from None

    def get_section_or_404(self, article_slug, section_slug):
        section = self.get_article_or_404(article_slug).section(section_slug)
        if section is None:
            raise Http404("No such section")
        return section

    def terms_named(self, slugs):
        """The terms these slugs name, once each, in order; slugs naming no term are skipped."""
        return [self.terms[slug] for slug in dict.fromkeys(slugs) if slug in self.terms]

    def get_term_or_404(self, slug):
        try:
            return self.terms[slug]
        except KeyError:
            raise Http404("No such term") from None


def kind_of(name):
    parts = name.split("/")
    if name == REFERENCES_FILE:
        return "references"
    if len(parts) == 3 and parts[0] == "articles" and parts[2].endswith(".md"):
        return "article" if parts[2] == "article.md" else "section"
    if len(parts) == 2 and parts[0] == "glossary" and parts[1].endswith(".md"):
        return "term"
    return None


FIELDS = {
    "article": schema.ARTICLE_FIELDS,
    "section": schema.SECTION_FIELDS,
    "term": schema.TERM_FIELDS,
}


def parse_file(source, root):
    """Read and check one file. Return a ParsedFile, or raise ContentError for the first error."""
    kind = kind_of(source.name)
    text = read_text(source, root)
    if kind == "references":
        return parse_references(text, source.name)
    meta, body, body_line = split_front_matter(text, source.name)
    lines = key_lines(text)
    values, problems = schema.validate(meta, FIELDS[kind], source.name, lines, first_line=1)
    errors = [problem for problem in problems if problem.level == "error"]
    if errors:
        raise errors[0]
    parsed = ParsedFile(kind, source.name, values, body, body_line, lines, problems)
    slug = slug_of(parsed)
    if not SLUG.match(slug):
        where = lines.get("slug", 1) if kind == "section" else 0
        raise ContentError(
            source.name,
            where,
            f'"{slug}" cannot be used in a web address: use lowercase letters, digits and hyphens',
        )
    if kind == "section" and slug in RESERVED_SECTION_SLUGS:
        raise ContentError(
            source.name,
            lines.get("slug", 1),
            f'the slug "{slug}" is reserved for the site; choose another',
        )
    return parsed


def slug_of(parsed):
    if parsed.kind == "section":
        return parsed.meta["slug"]
    if parsed.kind == "article":
        return parsed.folder
    return parsed.name.rsplit("/", 1)[-1].removesuffix(".md")


def parse_references(text, name):
    data = parse_yaml(text, name)
    if not isinstance(data, list):
        raise ContentError(
            name, 1, "the references file must be a list of entries, each starting with `- key:`"
        )
    nodes = yaml.compose(text, Loader=yaml.SafeLoader).value
    entries, problems = [], []
    for item, node in zip(data, nodes, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            problems.append(
                ContentError(name, line, "each reference must be a set of `key: value` lines")
            )
            continue
        lines = {k.value: k.start_mark.line + 1 for k, _ in getattr(node, "value", [])}
        values, found = schema.validate(item, schema.REFERENCE_FIELDS, name, lines, first_line=line)
        problems.extend(found)
        if any(problem.level == "error" for problem in found):
            continue
        if values.get("url") and not is_web_address(values["url"]):
            # A template writes this into an href, outside the sanitised Markdown.
            where = lines.get("url", line)
            message = f'the url of "{values["key"]}" must start with https://'
            problems.append(ContentError(name, where, message))
            continue
        if not (values.get("doi") or values.get("pmid") or values.get("url")):
            problems.append(
                ContentError(name, line, f'reference "{values["key"]}" needs a doi, pmid or url')
            )
            continue
        entries.append(Reference(**values, source_name=name, line=line))
    return ParsedFile("references", name, {"entries": entries}, problems=problems)


def line_of(parsed, needle):
    """The line of the first occurrence of needle in the file's body (for messages)."""
    for offset, line in enumerate(parsed.body.split("\n")):
        if needle in line:
            return parsed.body_line + offset
    return parsed.body_line


class ContentLoader:
    """Keeps the parsed files and the built library for one content folder."""

    def __init__(self, root, *, drafts=None, language=None):
        self.root = root
        self.drafts = drafts  # include draft files; None: only while DEBUG is on
        # The words the engine itself puts into the content (a care card's "Urgent:") are in
        # this language, whatever language the request that happens to trigger a load is in.
        self.language = language or settings.LANGUAGE_CODE
        self._parsed = {}  # name -> (stamp, ParsedFile or ContentError)
        self._last_good = {}  # name -> ParsedFile
        self._stamps = None
        self._library = None
        self._checked = 0.0
        self._debug = None
        self._lock = threading.Lock()

    def library(self):
        if (
            self._library is not None
            and time.monotonic() - self._checked < settings.CONTENT_RELOAD_SECONDS
        ):
            return self._library
        with self._lock:
            files = find_content_files(self.root)
            stamps = {source.name: source.stamp for source in files}
            if self._library is None or stamps != self._stamps or self._debug != settings.DEBUG:
                try:
                    with translation.override(self.language):
                        self._library = self._build(files)
                except Exception:
                    # A bug, or a file that trips one, must not take the site down: keep serving
                    # the last good library and try again when a file changes. With nothing to
                    # serve yet, the error goes up to articles.middleware (a 503, not a 500).
                    log.exception(
                        "the content could not be loaded; the site keeps its last good version"
                    )
                    if self._library is None:
                        raise
                self._stamps, self._debug = stamps, settings.DEBUG
            self._checked = time.monotonic()
        return self._library

    def _parse(self, source, problems):
        cached = self._parsed.get(source.name)
        if cached and cached[0] == source.stamp and source.stamp is not None:
            result = cached[1]
        else:
            try:
                result = parse_file(source, self.root)
            except ContentError as error:
                result = error
                keeping = (
                    " (the site keeps its last good version)"
                    if source.name in self._last_good
                    else ""
                )
                log.error("%s%s", error, keeping)
            except Exception as error:
                # Not a mistake we foresaw, but still this one file's: leave it out, not the site.
                log.exception("%s could not be read", source.name)
                result = ContentError(
                    source.name,
                    0,
                    f"the site could not read this file ({type(error).__name__}); run make check",
                )
            self._parsed[source.name] = (source.stamp, result)
        if isinstance(result, ContentError):
            problems.append(result)
            return self._last_good.get(source.name)
        self._last_good[source.name] = result
        problems.extend(result.problems)
        return result

    def _build(self, files):
        problems, parsed, hidden_folders = [], [], set()
        show_drafts = settings.DEBUG if self.drafts is None else self.drafts
        names = {source.name for source in files}
        self._parsed = {name: value for name, value in self._parsed.items() if name in names}
        for source in files:
            if kind_of(source.name) is None:
                problems.append(
                    ContentError(
                        source.name,
                        0,
                        "the site does not use this file (is it in the right folder?)",
                        "warning",
                    )
                )
                continue
            result = self._parse(source, problems)
            if result is None:
                continue
            if show_drafts or not result.meta.get("draft"):
                parsed.append(result)
            elif result.kind == "article":
                hidden_folders.add(result.folder)
        # A hidden draft article hides its sections too (they are not an article without a head).
        parsed = [
            item for item in parsed if item.kind != "section" or item.folder not in hidden_folders
        ]
        references = build_references(parsed, problems)
        terms = build_terms(parsed, references, problems)
        articles = build_articles(parsed, references, terms, problems)
        return Library(
            articles=articles,
            terms=terms,
            references=references,
            problems=problems,
            term_uses=index_term_uses(articles),
        )


def build_references(parsed, problems):
    references = {}
    for item in parsed:
        if item.kind != "references":
            continue
        for reference in item.meta["entries"]:
            if reference.key in references:
                problems.append(
                    ContentError(
                        item.name, reference.line, f'the key "{reference.key}" is used twice'
                    )
                )
                continue
            references[reference.key] = reference
    return references


def build_terms(parsed, references, problems):
    terms, lines = {}, {}
    for item in (p for p in parsed if p.kind == "term"):
        lines[slug_of(item)] = item.lines
        rendered = render_markdown(
            item.body, references=references, anchor_prefix=f"{slug_of(item)}-"
        )
        report_missing_citations(item, rendered, problems)
        report_card_problems(item, rendered, problems)
        meta = item.meta
        terms[slug_of(item)] = Term(
            slug=slug_of(item),
            term=meta["term"],
            short=meta["short"],
            html=rendered.html,
            aliases=meta.get("aliases", []),
            related=meta.get("related", []),
            pronunciation=meta.get("pronunciation", ""),
            last_reviewed=meta.get("last_reviewed"),
            draft=meta.get("draft", False),
            source_name=item.name,
            sources=[references[key] for key in rendered.cited],
        )
    problems.extend(check_terms(terms, lines))
    return terms


def report_missing_citations(item, rendered, problems):
    for key in rendered.missing_citations:
        problems.append(
            ContentError(
                item.name,
                line_of(item, f"@{key}"),
                f'the citation "{key}" names no entry in {REFERENCES_FILE}',
            )
        )


def report_unknown_terms(item, rendered, problems):
    for mark in rendered.unknown_terms:
        problems.append(
            ContentError(
                item.name,
                line_of(item, mark),
                f"{mark} names no glossary term; the words are shown unlinked",
            )
        )


def report_card_problems(item, rendered, problems):
    for problem in rendered.card_problems:
        problems.append(ContentError(item.name, item.body_line + problem.line - 1, problem.message))


def build_articles(parsed, references, terms, problems):
    folders = {}
    for item in parsed:
        if item.kind in {"article", "section"}:
            folders.setdefault(item.folder, []).append(item)
    articles = {}
    matcher = TermMatcher(terms)  # one per build: compiling every term name is the slow part
    for slug, items in sorted(folders.items()):
        heads = [item for item in items if item.kind == "article"]
        if not heads:
            problems.append(
                ContentError(
                    f"articles/{slug}/article.md", 0, "this article folder has no article.md"
                )
            )
            continue
        section_items = [i for i in items if i.kind == "section"]
        sections = build_sections(section_items, slug, references, terms, problems, matcher)
        head = heads[0]
        intro = render_markdown(head.body, references=references, anchor_prefix="intro-")
        report_missing_citations(head, intro, problems)
        report_card_problems(head, intro, problems)
        meta = head.meta
        articles[slug] = Article(
            slug=slug,
            title=meta["title"],
            summary=meta["summary"],
            key_points=meta["key_points"],
            published=meta["published"],
            last_reviewed=meta["last_reviewed"],
            next_review=meta["next_review"],
            intro_html=intro.html,
            sections=sections,
            tags=meta.get("tags", []),
            audience=meta.get("audience", ""),
            steps=meta.get("steps", []),
            main_risks=meta.get("main_risks", []),
            conditions=meta.get("conditions", []),
            reviewed_by=meta.get("reviewed_by", []),
            handout_sections=meta.get("handout_sections", []),
            draft=meta.get("draft", False),
            source_name=head.name,
        )
    return articles


def build_sections(items, article_slug, references, terms, problems, matcher=None):
    sections, slugs, orders = [], {}, {}
    for item in sorted(items, key=lambda i: (i.meta["order"], i.name)):
        meta = item.meta
        clash = slugs.get(meta["slug"]) or orders.get(meta["order"])
        if clash:
            what = "slug" if meta["slug"] in slugs else "order"
            problems.append(
                ContentError(
                    item.name,
                    item.lines.get(what, 1),
                    f"the {what} is already used by {clash}; this section is left out",
                )
            )
            continue
        slugs[meta["slug"]], orders[meta["order"]] = item.name, item.name
        rendered = render_markdown(
            item.body,
            references=references,
            glossary=terms,
            term_matcher=matcher,
            anchor_prefix=f"{meta['slug']}-",
        )
        report_missing_citations(item, rendered, problems)
        report_unknown_terms(item, rendered, problems)
        report_card_problems(item, rendered, problems)
        sections.append(
            Section(
                article_slug=article_slug,
                slug=meta["slug"],
                title=meta["title"],
                order=meta["order"],
                in_short=meta["in_short"],
                last_reviewed=meta["last_reviewed"],
                html=rendered.html,
                text=rendered.text,
                toc=rendered.toc,
                sources=[references[key] for key in rendered.cited],
                terms=rendered.terms,
                term_anchors=rendered.term_anchors,
                questions=meta.get("questions", []),
                diagram=meta.get("diagram", ""),
                reviewed_by=meta.get("reviewed_by", []),
                draft=meta.get("draft", False),
                source_name=item.name,
                cards=rendered.cards,
            )
        )
    return sections


_loaders = {}


def get_library():
    """The current content, from memory; rebuilt first if a file has changed."""
    root = settings.CONTENT_DIR
    if root not in _loaders:
        _loaders[root] = ContentLoader(root)
    return _loaders[root].library()


def load_library(root, *, drafts=None):
    """Build the library from scratch, with no memory of earlier versions (for the checker).

    drafts=True includes draft files whatever DEBUG says, so the checker sees them too.
    """
    return ContentLoader(root, drafts=drafts).library()
