"""One content file's bytes -> its front matter checked against its kind's schema, and its body.

parse_file() never raises for a mistake in a file: it returns every problem it finds, each a
ContentError with file and line, so an editor can fix them all in one go.
"""

import re
from dataclasses import dataclass, field

from . import schema
from .codes import parse_codes
from .documents import Reference
from .errors import ContentError
from .files import decode_text, key_lines, parse_yaml, split_front_matter, yaml_nodes
from .house_style import parse_style
from .kinds import fields, kind_of, split_name
from .languages import SOURCE_LANGUAGE, reserved_section_slugs
from .sanitize import is_web_address
from .search.synonyms import parse_synonyms

# Kinds whose files sit in a folder named for their page (its English slug).
FOLDER_KINDS = {"article", "section", "condition", "clinicians"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class ParsedFile:
    """One content file after reading and checking its front matter, before rendering."""

    kind: str  # "article", "section", "term", "references", "synonyms" or "style"
    name: str
    meta: dict
    body: str = ""
    body_line: int = 1
    lines: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)  # warnings; errors make the file unusable
    text: str = ""  # the whole file, for the checker's line numbers

    @property
    def language(self):
        return split_name(self.name)[0]

    @property
    def key(self):
        """The path of the English file this is or translates: what pairs the two."""
        return split_name(self.name)[1]

    @property
    def folder(self):
        """The article's folder (its English slug), for an article or a section."""
        return self.key.split("/")[1] if self.kind in FOLDER_KINDS else ""

    @property
    def stem(self):
        """The English name of the page: the article's folder, or the term's file name. Marks
        ([[words|stem]]) and related: lists name terms by it in every language."""
        return self.folder or self.key.rsplit("/", 1)[-1].removesuffix(".md")

    @property
    def slug(self):
        """The page's own address word: a translation's article or term writes its own."""
        if self.kind == "section" or self.language != SOURCE_LANGUAGE:
            return self.meta["slug"]
        return self.stem

    def line_of(self, needle):
        """The line of the first occurrence of needle in the body (else where the body starts)."""
        for offset, line in enumerate(self.body.split("\n")):
            if needle in line:
                return self.body_line + offset
        return self.body_line


def parse_file(name, data):
    """(ParsedFile, its warnings), or (None, every problem) when the file cannot be used.

    The references and synonyms files are usable with errors in some entries: those entries
    are left out.
    """
    kind = kind_of(name)
    try:
        text = decode_text(name, data)
        if kind == "references":
            parsed = parse_references(text, name)
            return parsed, parsed.problems
        if kind == "codes":
            rules, problems = parse_codes(text, name)
            return ParsedFile(kind, name, {"rules": rules}, problems=problems, text=text), problems
        if kind == "synonyms":
            groups, problems = parse_synonyms(text, name)
            return ParsedFile(
                kind, name, {"groups": groups}, problems=problems, text=text
            ), problems
        if kind == "style":
            rules, problems = parse_style(text, name)
            return ParsedFile(kind, name, {"rules": rules}, problems=problems, text=text), problems
        parsed = _parse_markdown(kind, text, name)
    except ContentError as error:
        return None, [error]
    if any(problem.level == "error" for problem in parsed.problems):
        return None, parsed.problems
    return parsed, parsed.problems


def _parse_markdown(kind, text, name):
    meta, body, body_line = split_front_matter(text, name)
    lines = key_lines(text)
    language = split_name(name)[0]
    values, problems = schema.validate(meta, fields(kind, language), name, lines, first_line=1)
    parsed = ParsedFile(kind, name, values, body, body_line, lines, problems, text)
    if "slug" in values or (kind != "section" and language == SOURCE_LANGUAGE):
        problems.extend(_slug_problems(parsed))
    return parsed


def _slug_problems(parsed):
    written = parsed.kind == "section" or parsed.language != SOURCE_LANGUAGE
    slug, line = parsed.slug, parsed.lines.get("slug", 1) if written else 0
    if not SLUG.match(slug):
        yield ContentError(
            parsed.name,
            line,
            f'"{slug}" cannot be used in a web address: use lowercase letters, digits and hyphens',
        )
    elif parsed.kind == "section" and slug in (reserved := reserved_section_slugs(parsed.language)):
        yield ContentError(
            parsed.name,
            line,
            f'the slug "{slug}" is reserved for the site: it is the address of '
            f"{reserved[slug]}; choose another",
        )


def parse_references(text, name):
    data = parse_yaml(text, name, what="this file")
    if not isinstance(data, list):
        raise ContentError(
            name, 1, "the references file must be a list of entries, each starting with `- key:`"
        )
    nodes = yaml_nodes(text)
    entries, problems = [], []
    for item, node in zip(data, nodes, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            problems.append(
                ContentError(name, line, "each reference must be a set of `key: value` lines")
            )
            continue
        lines = {k.value: k.start_mark.line + 1 for k, _ in getattr(node, "value", [])}
        values, found = schema.validate(item, fields("references"), name, lines, first_line=line)
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
    return ParsedFile("references", name, {"entries": entries}, problems=problems, text=text)
