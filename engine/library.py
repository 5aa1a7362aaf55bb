"""The library: every page of the content, built from the files, and what views ask it for.

build_library(snapshot, previous) turns the content files' bytes into a Library, re-rendering
only what changed since `previous` (see README, "How content is rebuilt"):

    bytes -> engine.parsing (front matter, schema) -> engine.renders (from the last build, the
    render cache, or rendered in worker processes under a time budget) -> Article, Section,
    Term, Reference -> checks that need them all (duplicate slugs, glossary names, citations)

A file that breaks keeps its last good version (from `previous`, or, after a restart, from the
render cache); one that never worked is left out; either way its problems are on
library.problems, named by file and line, and every other file is built as usual.

Each language is a library of its own, built from its own files: English from the top of the
content folder, a translation from its folder (content/es/...), with references.yaml shared.
Every page knows its language and its key, the path of the English file it is or translates,
and library.by_key finds a page by key: so the same page in another language is
other_library.by_key.get(page.key).

load_library(root) reads a folder once and builds it (for the checker and tests); what views
read is engine.live.get_library(language), which builds off the request path and swaps in whole.
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404

from .cache import open_cache
from .documents import Article, Section
from .errors import ContentError
from .files import read_snapshot
from .kinds import REFERENCES_FILE, SOURCE_LANGUAGE, kind_of, split_name
from .parsing import parse_file
from .renders import find_keys, get_renders, glossary_of, make_job, render_key
from .terms import Term, check_terms, index_term_uses
from .workers import Failure

log = logging.getLogger("carteducation.content")

KEEPING = " (the site keeps its last good version)"
DEEP_LEVELS = 40  # nesting deeper than this is what makes Python-Markdown give up
MANY_BRACKETS = 1000  # "[" on one line that can keep the link parser busy for minutes


@dataclass
class Library:
    articles: dict  # slug -> Article
    terms: dict  # slug -> Term
    references: dict  # key -> Reference
    problems: list  # ContentError, errors and warnings, in file order
    synonyms: list = field(default_factory=list)  # engine.search.synonyms.SynonymGroup, for search
    term_uses: dict = field(default_factory=dict)  # term slug -> [engine.terms.Appearance]
    language: str = SOURCE_LANGUAGE
    # key (the path of the English file) -> the Article, Section or Term it is in this language
    by_key: dict = field(default_factory=dict)
    rendered: set = field(default_factory=set)  # names of the files rendered by this build
    files: dict = field(default_factory=dict)  # name -> ParsedFile each page was built from
    renders: dict = field(default_factory=dict)  # name -> engine.rendering.Rendered
    # For the next build: name -> (sha256 of its bytes, ParsedFile or None, its problems);
    # the bytes of each file's last good version; render key -> Rendered.
    parsed: dict = field(default_factory=dict, repr=False)
    last_good: dict = field(default_factory=dict, repr=False)
    by_render_key: dict = field(default_factory=dict, repr=False)
    key_of_input: dict = field(default_factory=dict, repr=False)
    failures: dict = field(default_factory=dict, repr=False)  # (render key, budget) -> Failure
    glossary: object = field(default=None, repr=False)

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


def build_library(
    snapshot, previous=None, *, language=SOURCE_LANGUAGE, drafts=False, cache=None, remember=True
):
    """Build the library of a language from snapshot: {name relative to the content folder: the
    file's bytes, or the ContentError saying why it could not be read}. Only that language's
    files are used (and, for a translation, the shared references.yaml).

    previous: the Library of the last build, whose parses and renders are reused. drafts: show
    draft files. cache: a RenderCache (default: RENDER_CACHE_PATH). remember: a file broken now
    may fall back to its last good version saved in the cache by an earlier run, and a render
    failure remembered there is believed until it is due to be tried again (the checker says
    no: it reports the files as they are, so it tries again a remembered timeout at once).
    Nothing here touches the content folder, a request, or anything global but the cache file.
    """
    previous = previous or Library({}, {}, {}, [], language=language)
    if cache is None:
        cache = open_cache(settings.RENDER_CACHE_PATH, last_good=remember)
    try:
        return _Build(snapshot, previous, drafts, cache, language, retry=not remember).run()
    finally:
        if cache is not None:
            cache.close()


class _Build:
    """One build's working state; run() returns the Library."""

    def __init__(self, snapshot, previous, drafts, cache, language, retry=False):
        self.previous, self.drafts, self.cache = previous, drafts, cache
        self.retry = retry  # try again now every remembered failure that may have passed
        self.language = language
        self.names = list(snapshot)  # every file, all languages: the cache forgets the rest
        self.snapshot = {
            name: data
            for name, data in snapshot.items()
            if split_name(name)[0] == language
            or (language != SOURCE_LANGUAGE and name == REFERENCES_FILE)
        }
        self.budget = settings.CONTENT_RENDER_SECONDS
        self.problems = []
        self.parsed = {}  # for the next build, as Library.parsed
        self.last_good = {}
        self.files = {}  # name -> ParsedFile used
        self.renders = {}  # name -> Rendered used
        self.keys = {}  # name -> render key used
        self.by_render_key = {}
        self.key_of_input = {}
        self.new_keys = {}  # the part of key_of_input the cache does not have yet
        # (render key, budget) -> Failure, so the next build does not try it again
        self.failures = {}
        self.rendered = set()
        self.new_good = {}  # name -> bytes, good for the first time: saved to the cache

    def run(self):
        items = self.parse_all()
        references = build_references(items, self.problems, self.language)
        term_items = [item for item in items if item.kind == "term"]
        self.render(term_items, references, None)
        terms = build_terms(
            [i for i in term_items if i.name in self.renders],
            references,
            self.problems,
            self.renders,
            self.language,
        )
        heads = [item for item in items if item.kind in {"article", "section"}]
        # Marks and related: lists name a term by its English file name in every language.
        by_stem = {stem_of(term.key): term for term in terms.values()}
        glossary = glossary_of(by_stem, self.previous.glossary, self.language)
        self.render(heads, references, glossary)
        heads = [item for item in heads if item.name in self.renders]
        articles = build_articles(heads, references, by_stem, self.problems, self.renders)
        if self.cache is not None:
            used = [*self.keys.values(), *(key for key, _ in self.failures)]
            self.cache.save(used, self.new_good, self.new_keys, names=self.names)
        return Library(
            articles=articles,
            terms=terms,
            references=references,
            problems=self.problems,
            synonyms=[g for item in items if item.kind == "synonyms" for g in item.meta["groups"]],
            term_uses=index_term_uses(articles),
            language=self.language,
            by_key=index_by_key(articles, terms),
            rendered=self.rendered,
            files=self.files,
            renders=self.renders,
            parsed=self.parsed,
            last_good=self.last_good,
            by_render_key=self.by_render_key,
            key_of_input=self.key_of_input,
            failures=self.failures,
            glossary=glossary,
        )

    # Reading

    def parse_all(self):
        """The ParsedFile of every usable file (its last good version if broken), drafts
        hidden unless asked for."""
        items, hidden_folders = [], set()
        for name in sorted(self.snapshot):
            if kind_of(name) is None:
                message = "the site does not use this file (is it in the right folder?)"
                self.problems.append(ContentError(name, 0, message, "warning"))
                continue
            item = self.parse(name)
            if item is None:
                continue
            if self.drafts or not item.meta.get("draft"):
                items.append(item)
            elif item.kind == "article":
                hidden_folders.add(item.folder)
        # A hidden draft article hides its sections too (they are not an article without a head).
        return [i for i in items if i.kind != "section" or i.folder not in hidden_folders]

    def parse(self, name):
        data = self.snapshot[name]
        if isinstance(data, ContentError):
            digest, parsed, problems = None, None, [data]
        else:
            digest = hashlib.sha256(data).hexdigest()
            known = self.previous.parsed.get(name)
            if known and known[0] == digest:
                _, parsed, problems = known
            else:
                parsed, problems = parse_file(name, data)
                if parsed is not None:
                    self.new_good[name] = data
        self.parsed[name] = (digest, parsed, problems)
        self.problems.extend(problems)
        if parsed is not None:
            self.last_good[name] = data
            return parsed
        fallback = self.fallback(name)
        if digest is None or self.previous.parsed.get(name, (None,))[0] != digest:
            for problem in problems:  # logged when the file changes, not on every build
                log.error("%s%s", problem, KEEPING if fallback else "")
        return fallback

    def fallback(self, name):
        """The ParsedFile of the file's last good version, or None."""
        data = self.previous.last_good.get(name)
        if data is None and self.cache is not None:
            data = self.cache.last_good(name)
        if data is None:
            return None
        parsed, _ = parse_file(name, data)
        if parsed is not None:
            self.last_good[name] = data
        return parsed

    # Rendering

    def render(self, items, references, glossary):
        jobs = [make_job(item, references, link_terms=item.kind == "section") for item in items]
        known = self.previous.key_of_input
        keys, key_of_input = find_keys(jobs, references, glossary, known=known, cache=self.cache)
        self.key_of_input.update(key_of_input)
        self.new_keys.update((k, v) for k, v in key_of_input.items() if k not in known)
        renders, fresh = get_renders(
            jobs,
            keys,
            glossary,
            known=self.previous.by_render_key,
            failed=self.previous.failures,
            cache=self.cache,
            budget=self.budget,
            retry=self.retry,
        )
        self.rendered.update(fresh)
        for item in items:
            result = renders[item.name]
            if isinstance(result, Failure):
                key = (keys[item.name], self.budget)
                new = key not in self.previous.failures
                self.failures[key] = result
                self.render_failed(item, result, references, glossary, log_it=new)
                continue
            self.files[item.name], self.renders[item.name] = item, result
            self.keys[item.name] = keys[item.name]
            self.by_render_key[keys[item.name]] = result

    def render_failed(self, item, failure, references, glossary, *, log_it):
        name = item.name
        self.new_good.pop(name, None)
        data, old_file, old_render = self.last_good_render(name, references, glossary)
        problem = explain_failure(item, failure, self.budget)
        self.problems.append(problem)
        if log_it:  # logged when this process first meets it, not on every build
            log.error("%s%s", problem, KEEPING if old_render else "")
        self.last_good.pop(name, None)
        if old_render is not None:
            self.files[name], self.renders[name] = old_file, old_render
            self.last_good[name] = data

    def last_good_render(self, name, references, glossary):
        """(bytes, ParsedFile, Rendered) of the file's last good version, or Nones. Never
        renders: the last build or the render cache has it, or it is left out."""
        if name in self.previous.renders:
            return (
                self.previous.last_good.get(name),
                self.previous.files[name],
                self.previous.renders[name],
            )
        data = self.cache.last_good(name) if self.cache is not None else None
        parsed = parse_file(name, data)[0] if data else None
        if parsed is None:
            return None, None, None
        job = make_job(parsed, references, link_terms=parsed.kind == "section")
        key = render_key(job, references, glossary)
        return data, parsed, self.cache.renders([key]).get(key)


def explain_failure(item, failure, budget):
    """The ContentError for a file that could not be rendered, at the line most likely to blame."""
    line, culprit = likely_culprit(item)
    if failure.reason == "timeout":
        message = f"the site gave up turning this file into a page after {budget:g} seconds"
    else:
        message = f"the site cannot turn this file into a page ({failure.reason})"
    if culprit:
        return ContentError(item.name, line, f"{message}: {culprit}")
    hint = "look for something unusual, such as lists or quotes nested very deeply"
    return ContentError(item.name, line, f"{message}; {hint}")


def likely_culprit(item):
    """(line, what is wrong there) for the usual reasons a body is too much to render."""
    lines = item.body.split("\n")
    depths = [_depth(line) for line in lines]
    deepest = max(range(len(lines)), key=depths.__getitem__, default=0)
    if lines and depths[deepest] > DEEP_LEVELS * 4:
        return item.body_line + deepest, (
            "this list or quote is nested too deeply to show; keep lists and quotes to a few levels"
        )
    counts = [line.count("[") for line in lines]
    busiest = max(range(len(lines)), key=counts.__getitem__, default=0)
    if lines and counts[busiest] > MANY_BRACKETS:
        return item.body_line + busiest, (
            f'this line has {counts[busiest]:,} "[" characters; Markdown reads each as the '
            "start of a link, which takes too long: remove the ones that are not links"
        )
    return item.body_line, ""


def _depth(line):
    """How deeply a line is nested, in columns: indentation, and four for each quote mark or
    list marker before the text ("- - - Text" is three lists deep; a level is four columns)."""
    stripped = line.lstrip(" \t>-*+")
    prefix = line[: len(line) - len(stripped)]
    markers = sum(prefix.count(mark) for mark in ">-*+")
    return markers * 4 + len(prefix.expandtabs(4)) - markers


def build_references(parsed, problems, language=SOURCE_LANGUAGE):
    """{key: Reference} from references.yaml, each as the language's pages show it."""
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
            references[reference.key] = reference.in_language(language)
    return references


def stem_of(key):
    """The file name of a term's key without .md: how marks and related: lists name it."""
    return key.rsplit("/", 1)[-1].removesuffix(".md")


def build_terms(items, references, problems, renders, language=SOURCE_LANGUAGE):
    terms, lines = {}, {}
    for item in items:
        if item.slug in terms:  # only a translation writes its terms' slugs
            problems.append(slug_clash(item, terms[item.slug].source_name, "term"))
            continue
        rendered = renders[item.name]
        report_missing_citations(item, rendered, problems)
        report_card_problems(item, rendered, problems)
        lines[item.slug] = item.lines
        meta = {key: value for key, value in item.meta.items() if key != "slug"}
        terms[item.slug] = Term(
            slug=item.slug,
            **meta,
            html=rendered.html,
            source_name=item.name,
            sources=[references[key] for key in rendered.cited if key in references],
            language=item.language,
            key=item.key,
        )
    if language != SOURCE_LANGUAGE:
        # related: names terms by their English file names; the pages need their own slugs.
        # One not translated yet is left out (engine.translations reports one that names no
        # English term either).
        slugs = {stem_of(term.key): slug for slug, term in terms.items()}
        for term in terms.values():
            term.related = [slugs[stem] for stem in term.related if stem in slugs]
    problems.extend(check_terms(terms, lines, language))
    return terms


def slug_clash(item, other, what):
    line = item.lines.get("slug", 1)
    return ContentError(
        item.name,
        line,
        f'the slug "{item.slug}" is already used by {other}; this {what} is left out',
    )


def index_by_key(articles, terms):
    """{key: Article, Section or Term}: the page each English file path names in this library."""
    found = {term.key: term for term in terms.values()}
    for article in articles.values():
        found[article.key] = article
        found.update((section.key, section) for section in article.sections)
    return found


def report_missing_citations(item, rendered, problems):
    for key in rendered.missing_citations:
        problems.append(
            ContentError(
                item.name,
                item.line_of(f"@{key}"),
                f'the citation "{key}" names no entry in {REFERENCES_FILE}',
            )
        )


def report_unknown_terms(item, rendered, problems):
    for mark in rendered.unknown_terms:
        problems.append(
            ContentError(
                item.name,
                item.line_of(mark),
                f"{mark} names no glossary term; the words are shown unlinked",
            )
        )


def report_card_problems(item, rendered, problems):
    for problem in rendered.card_problems:
        problems.append(ContentError(item.name, item.body_line + problem.line - 1, problem.message))


def build_articles(items, references, terms, problems, renders):
    """{slug: Article}. terms: {English file name: Term}, as marks name them."""
    folders = {}
    for item in items:
        folders.setdefault(item.folder, []).append(item)
    articles = {}
    for _, items in sorted(folders.items()):
        heads = [item for item in items if item.kind == "article"]
        if not heads:
            where = items[0].name.rsplit("/", 1)[0]
            problems.append(
                ContentError(f"{where}/article.md", 0, "this article folder has no article.md")
            )
            continue
        head = heads[0]
        slug = head.slug
        if slug in articles:  # only a translation writes its articles' slugs
            problems.append(slug_clash(head, articles[slug].source_name, "article"))
            continue
        section_items = [i for i in items if i.kind == "section"]
        sections = build_sections(section_items, slug, references, terms, problems, renders)
        intro = renders[head.name]
        report_missing_citations(head, intro, problems)
        report_card_problems(head, intro, problems)
        articles[slug] = Article(
            slug=slug,
            **{key: value for key, value in head.meta.items() if key != "slug"},
            intro_html=intro.html,
            sections=sections,
            source_name=head.name,
            language=head.language,
            key=head.key,
        )
    return articles


def build_sections(items, article_slug, references, terms, problems, renders):
    sections, slugs, orders = [], {}, {}
    # Links were made by the terms' English file names (as marks write them); the pages name
    # terms by their slugs, which in a translation are the terms' own.
    term_slugs = {stem: term.slug for stem, term in terms.items()}
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
        rendered = renders[item.name]
        report_missing_citations(item, rendered, problems)
        report_unknown_terms(item, rendered, problems)
        report_card_problems(item, rendered, problems)
        sections.append(
            Section(
                article_slug=article_slug,
                **meta,
                html=rendered.html,
                text=rendered.text,
                toc=rendered.toc,
                sources=[references[key] for key in rendered.cited if key in references],
                terms=[term_slugs.get(stem, stem) for stem in rendered.terms],
                term_anchors={term_slugs.get(s, s): a for s, a in rendered.term_anchors.items()},
                source_name=item.name,
                cards=rendered.cards,
                language=item.language,
                key=item.key,
            )
        )
    return sections


def load_library(root, *, drafts=None, language=SOURCE_LANGUAGE):
    """Read the folder once and build the library of a language, with no memory of earlier
    versions (for the checker and tests). drafts=True includes draft files whatever DEBUG says."""
    drafts = settings.DEBUG if drafts is None else drafts
    return build_library(read_snapshot(root), language=language, drafts=drafts, remember=False)
