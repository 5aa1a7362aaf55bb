"""Building a library: the content files' bytes in, a Library of one language out.

build_library(snapshot, previous) re-renders only what changed since `previous` (see
docs/architecture.md, "How content is rebuilt"):

    bytes -> engine.parsing (front matter, schema) -> engine.renders (from the last build, the
    render cache, or rendered in worker processes under a time budget) -> engine.assemble
    (Article, Section, Term, Reference, and the checks that need them all)

A file that breaks keeps its last good version (from `previous`, or, after a restart, from the
render cache); one that never worked is left out; either way its problems are on
library.problems, named by file and line, and every other file is built as usual.

load_library(root) reads a folder once and builds it (for the checker and tests); what views
read is engine.live.get_library(language), which builds off the request path and swaps in whole.
"""

import hashlib
import logging

from . import site
from .assemble import (
    build_articles,
    build_references,
    build_terms,
    index_by_key,
    report_card_problems,
    report_missing_citations,
    report_unknown_terms,
    stem_of,
)
from .cache import open_cache
from .codes import CodeMap
from .conditions import build_conditions
from .errors import ContentError
from .files import read_snapshot
from .kinds import KINDS, SHARED_FILES, kind_of, split_name
from .languages import SOURCE_LANGUAGE
from .library import BuildRecord, Library, empty_library
from .parsing import parse_file
from .renders import find_keys, get_renders, glossary_of, make_job, render_key
from .terms import index_term_uses
from .workers import PENDING, Failure

log = logging.getLogger("carteducation.content")

KEEPING = " (the site keeps its last good version)"
DEEP_LEVELS = 40  # nesting deeper than this is what makes Python-Markdown give up
MANY_BRACKETS = 1000  # "[" on one line that can keep the link parser busy for minutes


def build_library(
    snapshot,
    previous=None,
    *,
    language=SOURCE_LANGUAGE,
    drafts=False,
    cache=None,
    remember=True,
    patience=None,
):
    """Build the library of a language from snapshot: {name relative to the content folder: the
    file's bytes, or the ContentError saying why it could not be read}. Only that language's
    files are used (and, for a translation, the shared references.yaml).

    previous: the Library of the last build, whose parses and renders are reused. drafts: show
    draft files. cache: a RenderCache (default: the site's render_cache_path). remember: a file
    broken now may fall back to its last good version saved in the cache by an earlier run, and
    a render failure remembered there is believed until it is due to be tried again (the
    checker says no: it reports the files as they are, so it tries again a remembered timeout
    at once). patience: wait at most this long for any one render of a file that has a
    version to show (engine.renders.get_renders); a file still rendering then keeps that version
    in this build, and is named in library.build.pending (engine.live builds again soon). None:
    wait for every render.
    Nothing here touches the content folder, a request, or anything global but the cache file.
    """
    previous = previous or empty_library(language)
    if cache is None:
        here = site.current()
        cache = open_cache(
            here.render_cache_path, secret=here.render_cache_secret, last_good=remember
        )
    try:
        build = _Build(snapshot, previous.build, drafts, cache, language, retry=not remember)
        build.patience = patience
        return build.run()
    finally:
        if cache is not None:
            cache.close()


class _Build:
    """One build's working state; run() returns the Library."""

    def __init__(self, snapshot, previous, drafts, cache, language, retry=False):
        # previous: the BuildRecord of the last build, whose parses and renders are reused
        self.previous, self.drafts, self.cache = previous, drafts, cache
        self.retry = retry  # try again now every remembered failure that may have passed
        self.language = language
        self.names = list(snapshot)  # every file, all languages: the cache forgets the rest
        self.snapshot = {
            name: data
            for name, data in snapshot.items()
            if split_name(name)[0] == language
            or (language != SOURCE_LANGUAGE and name in SHARED_FILES)
        }
        self.budget = site.current().render_seconds
        self.problems = []
        self.parsed = {}  # for the next build, as BuildRecord.parsed
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
        self.patience = None
        self.pending = set()  # names of the files still rendering when the build went on

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
        pages = [item for item in items if item.kind in {"condition", "clinicians"}]
        self.render(pages, references, glossary)
        conditions = build_conditions(
            [item for item in pages if item.name in self.renders],
            references,
            by_stem,
            self.problems,
            self.renders,
            report=self.report,
        )
        if self.cache is not None:
            used = [*self.keys.values(), *(key for key, _ in self.failures)]
            self.cache.save(used, self.new_good, self.new_keys, names=self.names)
        return Library(
            articles=articles,
            terms=terms,
            references=references,
            problems=self.problems,
            synonyms=[g for item in items if item.kind == "synonyms" for g in item.meta["groups"]],
            style=[rule for item in items if item.kind == "style" for rule in item.meta["rules"]],
            term_uses=index_term_uses(articles),
            language=self.language,
            by_key=index_by_key(articles, terms, conditions),
            conditions=conditions,
            codes=CodeMap(rule for i in items if i.kind == "codes" for rule in i.meta["rules"]),
            build=BuildRecord(
                rendered=self.rendered,
                files=self.files,
                renders=self.renders,
                parsed=self.parsed,
                last_good=self.last_good,
                by_render_key=self.by_render_key,
                key_of_input=self.key_of_input,
                failures=self.failures,
                glossary=glossary,
                pending=self.pending,
            ),
        )

    def report(self, item, rendered):
        """The problems a rendered file brings that only the library can see."""
        report_missing_citations(item, rendered, self.problems)
        report_unknown_terms(item, rendered, self.problems)
        report_card_problems(item, rendered, self.problems)

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
        jobs = [make_job(item, references, link_terms=_links_terms(item)) for item in items]
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
            patience=self.patience,
            # Only a file with a version to show meanwhile may be left rendering; any other
            # (new, or after a restart) is waited for, so no page is ever missing for it.
            patient={item.name for item in items if item.name in self.previous.renders},
        )
        self.rendered.update(fresh)
        for item in items:
            result = renders[item.name]
            if isinstance(result, Failure) and result.reason == PENDING:
                # Not a failure: still rendering. Its last good version meanwhile, no message.
                self.pending.add(item.name)
                self.new_good.pop(item.name, None)
                data, old_file, old_render = self.last_good_render(item.name, references, glossary)
                self.last_good.pop(item.name, None)
                if old_render is not None:
                    self.files[item.name], self.renders[item.name] = old_file, old_render
                    self.last_good[item.name] = data
                continue
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
        job = make_job(parsed, references, link_terms=_links_terms(parsed))
        key = render_key(job, references, glossary)
        return data, parsed, self.cache.renders([key]).get(key)


def _links_terms(item):
    return KINDS[item.kind].links_terms


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


def load_library(root, *, drafts=None, language=SOURCE_LANGUAGE):
    """Read the folder once and build the library of a language, with no memory of earlier
    versions (for the checker and tests). drafts: include draft files (by default, as the
    installed site says: in development)."""
    drafts = site.current().drafts if drafts is None else drafts
    return build_library(read_snapshot(root), language=language, drafts=drafts, remember=False)
