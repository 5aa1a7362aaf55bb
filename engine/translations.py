"""Translations and the English files they translate: which are missing, stale or orphaned.

A translated file lives at content/<language>/<key>, where <key> is the path of the English file
(content/<key>), and says in `source_hash:` which version of that file it translates: the first
12 hex characters of the SHA-256 of its bytes. So staleness is a check, not a guess: when the
English file changes, its hash no longer matches, and the checker says the translation needs
the change too. `manage.py mark_translated FILE` writes the current hash once it has it.

Everything here works on built libraries (their parsed files keep each file's SHA-256), so the
checker reads no file twice.
"""

import hashlib
import re

from .errors import ContentError
from .kinds import UNPAIRED_FILES, is_translated
from .languages import get_language

HASH_LENGTH = 12
STALE = (
    "the English file has changed since this translation; update it, "
    "then run `manage.py mark_translated FILE`"
)
NO_HASH = (
    "this translation does not say which version of the English file it translates "
    "(no source_hash); check it against the English file, then run "
    "`manage.py mark_translated FILE`"
)
SOURCE_HASH_LINE = re.compile(rb"^source_hash:[^\r\n]*", re.MULTILINE)


def source_hash(data):
    """The source_hash of an English file's bytes."""
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def check_translations(english, translation, *, required=False):
    """ContentErrors about one translation's files against the English ones.

    english, translation: the two built Libraries. required: a missing translation is an error
    (CI's `check_content --require es`), else a warning, and only once the translation has
    begun (a site with no content/<language>/ folder is not missing anything).
    """
    language = translation.language
    sources = {name: digest for name, (digest, *_) in english.build.parsed.items()}
    problems = []
    translated = set()
    own = {
        name: parsed
        for name, (_, parsed, _) in translation.build.parsed.items()
        if name.removeprefix(f"{language}/") not in UNPAIRED_FILES
    }
    for name, parsed in sorted(own.items()):
        key = name.removeprefix(f"{language}/")
        if key not in sources:
            problems.append(_orphan(name, key))
            continue
        translated.add(key)
        if parsed is None or sources[key] is None:
            continue  # a broken file: the build has said why
        problems.extend(_unknown_related(parsed, english))
        written = parsed.meta.get("source_hash")
        line = parsed.lines.get("source_hash", 1)
        if not written:
            problems.append(ContentError(name, line, NO_HASH, "warning"))
        elif written != sources[key][:HASH_LENGTH]:
            problems.append(ContentError(name, line, STALE, "warning"))
    if required or own:
        level = "error" if required else "warning"
        for name in sorted(english.build.parsed):
            if name in translated or not is_translated(name):
                continue
            problems.append(_missing(name, language, level))
        problems.extend(_untranslated_notes(english, language))
    return problems


def _untranslated_notes(english, language):
    """A warning for each source whose note is not written in the language yet (`note_es:`):
    its pages show the source without a note until it is, like a stale translation."""
    field = f"note_{language}"
    name = get_language(language).english_name
    for reference in english.references.values():
        if reference.note and not getattr(reference, field, ""):
            name = get_language(language).english_name  # messages to editors are in English
            message = (
                f'the source "{reference.key}" has a note but no {name} one ({field}:); until it '
                f"has, {name} pages show this source without its note"
            )
            yield ContentError(reference.source_name, reference.line, message, "warning")


def _unknown_related(parsed, english):
    """A translated term's related: names English file names; the build drops those it has no
    translation of, so one that names no English term either is a mistake said here."""
    stems = {term.key.rsplit("/", 1)[-1].removesuffix(".md") for term in english.terms.values()}
    for stem in parsed.meta.get("related", []) if parsed.kind == "term" else []:
        if stem not in stems:
            yield ContentError(
                parsed.name,
                parsed.lines.get("related", 1),
                f'the related term "{stem}" names no glossary term; related terms are written as '
                "the English file names",
            )


def _orphan(name, key):
    return ContentError(
        name,
        0,
        f"there is no English file {key} for this file to translate: a translation has the "
        "same folder and file name as its English file (rename or move it to match, or delete "
        "it if the English file was deleted)",
    )


def _missing(name, language, level):
    what = get_language(language).english_name  # messages to editors are in English
    return ContentError(
        name,
        0,
        f"this file has no {what} translation ({language}/{name}); until it has one, the "
        f"{what} site has no such page",
        level,
    )


def mark_translated(path, english_path):
    """Write the English file's current source_hash into the translation at path, changing only
    the source_hash line (added at the end of the front matter if there is none). Returns the
    hash written."""
    digest = source_hash(english_path.read_bytes())
    data = path.read_bytes()
    line = f"source_hash: {digest}".encode()
    head, newline, rest = data.partition(b"\n")
    if head.rstrip(b"\r") != b"---":
        raise ValueError(f"{path} does not start with a front matter block (a line with ---)")
    end = re.search(rb"^(---|\.\.\.)\r?$", rest, re.MULTILINE)
    if end is None:
        raise ValueError(f"{path}: the front matter block is never closed")
    front, body = rest[: end.start()], rest[end.start() :]
    if SOURCE_HASH_LINE.search(front):
        front = SOURCE_HASH_LINE.sub(line, front, count=1)
    else:
        ending = b"\r\n" if newline and head.endswith(b"\r") else b"\n"
        front += line + ending
    path.write_bytes(head + newline + front + body)
    return digest
