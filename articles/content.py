"""Finds and reads the content folder: the only code that touches files under CONTENT_DIR.

Every function here turns a bad file into a ContentError that names the file and line,
never into an exception an editor would not understand.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ContentError

MAX_FILE_BYTES = 1_000_000  # the longest section is a few KB; anything bigger is a mistake
CONTENT_SUFFIXES = {".md", ".yaml", ".yml"}


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute
    name: str  # relative to the content root, with forward slashes
    stamp: tuple  # (mtime_ns, size): when it changes, the file is read again


def find_content_files(root):
    """List every content file under root, never following a link out of it."""
    root = Path(root)
    if not root.is_dir():
        return []
    found = []
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            path = Path(folder) / filename
            if filename.startswith(".") or path.suffix.lower() not in CONTENT_SUFFIXES:
                continue
            try:
                stat = path.stat()
            except OSError:
                stat = None  # a dangling link: reported when read
            name = path.relative_to(root).as_posix()
            found.append(SourceFile(path, name, (stat.st_mtime_ns, stat.st_size) if stat else None))
    return found


def read_text(source, root):
    """Return the file's text, or raise ContentError saying why it cannot be used."""
    root = Path(root).resolve()
    try:
        real = source.path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise ContentError(source.name, 0, "the file cannot be opened (a broken link?)") from None
    if not real.is_relative_to(root):
        raise ContentError(source.name, 0, "the file is a link to somewhere outside the content folder; it was not read")
    try:
        data = real.read_bytes()
    except OSError as error:
        raise ContentError(source.name, 0, f"the file cannot be read: {error.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ContentError(
            source.name, 0, f"the file is {len(data) // 1024} KB; the limit is {MAX_FILE_BYTES // 1024} KB"
        )
    if not data.strip():
        raise ContentError(source.name, 1, "the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            source.name, line, "the file is not valid UTF-8 text; save it again as UTF-8"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ContentError(source.name, line, "the file contains a NUL byte; it is probably not a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text, name, first_line=1):
    """Parse YAML safely (tags such as !!python/object never run) and report errors by line."""
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = error.problem or "the YAML is not valid"
        raise ContentError(name, line, f"front matter is not valid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise ContentError(name, first_line, f"front matter is not valid YAML: {error}") from None


def split_front_matter(text, name):
    """Split a Markdown file into (front matter dict, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(name, 1, "the file must start with a front matter block: a line with just ---")
    for index in range(1, len(lines)):
        if lines[index].strip() in {"---", "..."}:
            break
    else:
        raise ContentError(name, 1, "the front matter block is never closed: add a line with just --- after it")
    meta = parse_yaml("\n".join(lines[1:index]), name, first_line=2)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError(name, 2, "front matter must be a list of `key: value` lines")
    return meta, "\n".join(lines[index + 1 :]), index + 2


def key_lines(text):
    """Map each top-level front matter key to its line number, for messages about a key."""
    lines = {}
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.strip() in {"---", "..."}:
            break
        if line and not line[0].isspace() and ":" in line and not line.startswith("#"):
            lines.setdefault(line.split(":", 1)[0].strip(), number)
    return lines
