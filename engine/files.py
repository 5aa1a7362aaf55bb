"""Finds and reads the content folder: the only code that touches files under CONTENT_DIR.

Every function here turns a bad file into a ContentError that names the file and line,
never into an exception an editor would not understand.
"""

import datetime
import logging
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ContentError

# libyaml's loader when PyYAML was built with it: the same safe constructors, ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 1_000_000  # the longest section is a few KB; anything bigger is a mistake
CONTENT_SUFFIXES = {".md", ".yaml", ".yml"}

log = logging.getLogger("carteducation.content")


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute
    name: str  # relative to the content root, with forward slashes
    stamp: tuple  # (mtime_ns, size): when it changes, the file is read again


class ContentFolderError(Exception):
    """The content folder as a whole cannot be listed: missing, unreadable, or a folder in it is."""


def _shown(dirnames):
    """The folders a look goes into, in order: not hidden ones (.git, an editor's swap folder)."""
    return sorted(name for name in dirnames if not name.startswith("."))


def content_folders(root):
    """Every folder of the content tree a look goes into (links never followed): what
    engine.notify watches. A missing folder has none."""
    folders = []
    for folder, dirnames, _ in os.walk(root, followlinks=False):
        dirnames[:] = _shown(dirnames)
        folders.append(folder)
    return folders


def find_content_files(root):
    """List every content file under root, never following a link out of it.

    Only regular files are listed: a named pipe, socket or device is skipped with a warning
    (opening a pipe would wait for a writer forever). A missing folder lists nothing.
    """
    try:
        return [SourceFile(Path(root) / name, name, stamp) for name, stamp in look(root).items()]
    except ContentFolderError:
        return []


def look(root):
    """One look at the content folder: {name: (mtime_ns, size)} of every regular content file.

    Raise ContentFolderError if the folder or any folder in it cannot be listed, so a folder that
    is briefly missing or unreadable is never mistaken for content that was deleted. A dangling
    link is listed with the stamp None (it is reported when read).
    """
    root = Path(root)
    if not root.is_dir():
        raise ContentFolderError(f"the content folder {root} is missing (or is not a folder)")

    def fail(error):
        raise ContentFolderError(f"the content folder cannot be read: {error}") from error

    # Plain strings, not Path objects: development and tests look on every request, and a
    # library of a few hundred files is listed in a millisecond or two this way (ten times less).
    found = {}
    for folder, dirnames, filenames in os.walk(root, onerror=fail, followlinks=False):
        dirnames[:] = _shown(dirnames)
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        for filename in sorted(filenames):
            if filename.startswith(".") or _suffix(filename) not in CONTENT_SUFFIXES:
                continue
            path, name = os.path.join(folder, filename), prefix + filename
            try:
                info = os.stat(path)
            except OSError:
                # Listed with no stamp, so the build reports it too; said here once, as it appears.
                _warn_once(
                    path, name, "is a link to nothing, or cannot be looked at (a broken link?)"
                )
                found[name] = None
                continue
            if not stat.S_ISREG(info.st_mode):
                # Listed with no stamp, so the build reports it (read_bytes never waits on it).
                _warn_once(path, name, "is not a regular file (a named pipe, socket or device?)")
                found[name] = None
                continue
            _warned.discard(path)  # usable again: a new problem with it is said again
            found[name] = (info.st_mtime_ns, info.st_size)
    return found


def _suffix(filename):
    """As Path(filename).suffix, lower-cased."""
    return os.path.splitext(filename)[1].lower()


_warned = set()


def _warn_once(path, name, problem):
    # The folder is looked at every few seconds: say it once per process, not every time.
    if path not in _warned:
        _warned.add(path)
        log.warning("%s %s; the site skips it", name, problem)


class FileChanging(Exception):
    """The file changed while it was read: it is still being written, so it is read later."""


def find_folder_links(root):
    """Names of folders under root that are symbolic links: never followed, so an editor is told."""
    root = Path(root)
    found = []
    for folder, dirnames, _ in os.walk(root, followlinks=False):
        for dirname in _shown(dirnames):
            if (Path(folder) / dirname).is_symlink():
                found.append((Path(folder) / dirname).relative_to(root).as_posix())
    return found


def read_bytes(source, root, *, unchanged=False):
    """Return the file's bytes, or raise ContentError saying why it cannot be used.

    Only a regular file inside root is opened. With unchanged=True, raise FileChanging unless
    the file has source.stamp (from look()) both before and after it is read: a file is used
    only once it has stopped changing.
    """
    # With strings, not pathlib: a library's first start reads 1,700 files, and pathlib's
    # resolve() took half the time of reading them.
    root = os.path.realpath(root)
    try:
        real = os.path.realpath(source.path, strict=True)
    except (OSError, RuntimeError):
        raise ContentError(source.name, 0, "the file cannot be opened (a broken link?)") from None
    if os.path.commonpath([real, root]) != root:
        raise ContentError(
            source.name,
            0,
            "the file is a link to somewhere outside the content folder; it was not read",
        )
    try:
        # O_NONBLOCK: should a named pipe take the file's place after the look, opening it
        # returns at once instead of waiting for a writer; fstat then refuses it.
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as file:
            before = os.fstat(file.fileno())
            if not stat.S_ISREG(before.st_mode):
                raise ContentError(
                    source.name,
                    0,
                    "this is not a regular file (a pipe or a device?); it was not read",
                )
            # Sized before it is read, so a huge file is never pulled into memory.
            check_size(source.name, before.st_size)
            data = file.read(MAX_FILE_BYTES + 1)
            after = os.fstat(file.fileno())
    except OSError as error:
        raise ContentError(source.name, 0, f"the file cannot be read: {error.strerror}") from None
    if unchanged and not (
        source.stamp == _stamp(before) == _stamp(after) and len(data) == before.st_size
    ):
        raise FileChanging(source.name)
    return data


def _stamp(info):
    return (info.st_mtime_ns, info.st_size)


def check_size(name, size):
    if size > MAX_FILE_BYTES:
        raise ContentError(
            name, 0, f"the file is {size / 1_000_000:.1f} MB; a content file may be at most 1 MB"
        )


def decode_text(name, data):
    """Return a file's bytes as text with \n line ends, or raise ContentError saying why not."""
    check_size(name, len(data))
    if not data.strip():
        raise ContentError(name, 1, "the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            name, line, "the file is not valid UTF-8 text; save it again as UTF-8"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ContentError(
            name, line, "the file contains a NUL byte; it is probably not a text file"
        )
    # One spelling for each accented letter: text pasted from a PDF or a Mac may write "é" as
    # "e" plus a separate accent, which glossary names and search words would otherwise miss.
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def read_text(source, root):
    """Return the file's text, or raise ContentError saying why it cannot be used."""
    return decode_text(source.name, read_bytes(source, root))


def read_snapshot(root):
    """{name: bytes, or the ContentError saying why the file cannot be read} for every content
    file under root, read once: what engine.library.build_library builds from."""
    snapshot = {}
    for source in find_content_files(root):
        try:
            snapshot[source.name] = read_bytes(source, root)
        except ContentError as error:
            snapshot[source.name] = error
    return snapshot


DATE_LIKE = re.compile(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w.-])")


def _impossible_date(text):
    """(line offset, text) of the first date-like value that is not a real date, or (0, "")."""
    for offset, line in enumerate(text.split("\n")):
        for match in DATE_LIKE.finditer(line):
            try:
                datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                return offset, match.group(0)
    return 0, ""


def parse_yaml(text, name, first_line=1, what="front matter"):
    """Parse YAML safely (tags such as !!python/object never run) and report errors by line.

    what: what the YAML is, for the message ("front matter", "this file")."""
    try:
        return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 (a safe loader: tags never run)
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        if error.problem and "could not determine a constructor" in error.problem:
            problem = (
                "tags starting with ! (such as !!python/...) are not allowed; write plain values"
            )
        else:
            problem = error.problem or "a value cannot be read"
        raise ContentError(name, line, f"{what} is not valid YAML: {problem}") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        offset = mark.line if mark else 0
        start = error.context_mark
        advice = yaml_advice(error, text.split("\n"), offset)
        if start and mark and start.line != mark.line and _opens_something(error):
            # YAML notices a missing ] or " where it gave up, often lines after the real mistake.
            offset = start.line
        raise ContentError(
            name, first_line + offset, f"{what} is not valid YAML: {advice}"
        ) from None
    except yaml.YAMLError:
        raise ContentError(name, first_line, f"{what} is not valid YAML: {YAML_CHECK}") from None
    except (ValueError, TypeError, AttributeError):
        # PyYAML builds dates and numbers itself and lets their errors through: 2025-02-30 is
        # a ValueError, not a YAMLError.
        line, date = _impossible_date(text)
        if date:
            raise ContentError(
                name, first_line + line, f'"{date}" is not a real date; write it as YYYY-MM-DD'
            ) from None
        raise ContentError(
            name,
            first_line,
            f"{what} has a value that cannot be read as a number or a date; put it in quotes",
        ) from None
    except RecursionError:
        raise ContentError(name, first_line, "front matter is nested too deeply to read") from None


YAML_CHECK = (
    "check this line and the one above it for a missing colon after the key, a quote or bracket "
    "that is never closed, or a line indented by mistake"
)


def _opens_something(error):
    # A quote, a [ list or a { map that is never closed, or a key without its colon: the
    # mistake is where it started, not where YAML gave up.
    return any(what in (error.context or "") for what in ("quoted scalar", "flow ", "simple key"))


def yaml_advice(error, lines, offset):
    """What is wrong with a YAML line, and how to fix it, in an editor's words (never the
    parser's: "mapping values are not allowed here" helps nobody)."""
    problem, context = error.problem or "", error.context or ""
    line = lines[offset] if 0 <= offset < len(lines) else ""
    if "tab" in problem or "\\t" in problem:  # libyaml says "tab"; pure-Python PyYAML "\\t"
        return "the line has a tab; YAML indents with spaces only: replace the tab with spaces"
    if "quoted scalar" in context and "end of stream" in problem:
        return "a quotation mark is never closed; add the closing quote at the end of the value"
    if "unknown escape" in problem:
        return (
            "a backslash (\\) inside double quotes starts an escape YAML does not know; "
            "use single quotes around the value instead, or write the backslash twice"
        )
    if "flow sequence" in context:
        return (
            'a list in square brackets is never closed; end it with "]" on the same line, and put '
            "any item that has a comma or a colon in double quotes"
        )
    if "flow mapping" in context:
        return 'a "{" is never closed; end it with "}", or put the whole value in double quotes'
    if "alias" in context or "anchor" in context:
        return 'a value that starts with * or & must be in double quotes, like title: "*Note* this"'
    if "cannot start any token" in problem:
        return (
            "a value cannot start with ` or @; put the whole value in double quotes, like "
            'title: "@home"'
        )
    if "mapping values are not allowed" in problem:
        if line[:1].isspace():
            return (
                "this line is indented, so YAML reads it as part of the line above; start a new "
                "key at the beginning of the line (only list items and their fields are indented)"
            )
        return (
            'the value has a colon and a space in it (": "), which YAML reads as a new key; put '
            'the whole value in double quotes, like title: "CAR-T: a guide"'
        )
    if "expected ':'" in problem:
        return (
            "a line is not a `key: value` pair; add a colon after the key, or, if it continues "
            "the line above, put the whole value in double quotes on one line"
        )
    if any(words in problem for words in ("block end", "expected key", "'-' indicator")) or (
        "block scalar" in context
    ):
        value = line.partition(":")[2].strip()
        if value[:1] in {'"', "'"} and not value.endswith(value[0]):
            return (
                "the value starts with a quotation mark but goes on after the closing one; put "
                "the whole value in quotes, like title: \"'Yes' is an answer\""
            )
        return (
            "this line is not lined up with the lines above it: start each key at the beginning "
            'of the line, and indent every item of a list ("  - ...") the same way'
        )
    return YAML_CHECK


def yaml_nodes(text):
    """The top-level nodes of a YAML list or mapping that parse_yaml has read, for the line each
    starts on: composed by the same loader, so they always match its data."""
    return yaml.compose(text, Loader=SAFE_LOADER).value


def parse_yaml_list(text, name, not_a_list):
    """[(item, the line it starts on)] of a YAML file that must be a list (the references,
    synonyms and style files); ContentError not_a_list when it is not, or the reason it cannot
    be read."""
    data = parse_yaml(text, name, what="this file")
    if data is None:
        return []
    if not isinstance(data, list):
        raise ContentError(name, 1, not_a_list)
    nodes = yaml_nodes(text)
    return [(item, node) for item, node in zip(data, nodes, strict=True)]


def find_front_matter(text, name):
    """Split a Markdown file into (front matter text, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(
            name, 1, "the file must start with a front matter block: a line with just ---"
        )
    for index in range(1, len(lines)):
        if lines[index].strip() in {"---", "..."}:
            break
    else:
        raise ContentError(
            name, 1, "the front matter block is never closed: add a line with just --- after it"
        )
    return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2


def split_front_matter(text, name):
    """Split a Markdown file into (front matter dict, body, line number where the body starts)."""
    front, body, body_line = find_front_matter(text, name)
    meta = parse_yaml(front, name, first_line=2)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError(name, 2, "front matter must be a list of `key: value` lines")
    return meta, body, body_line


def key_lines(text):
    """Map each top-level front matter key to its line number, for messages about a key."""
    lines = {}
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.strip() in {"---", "..."}:
            break
        if line and not line[0].isspace() and ":" in line and not line.startswith("#"):
            lines.setdefault(line.split(":", 1)[0].strip(), number)
    return lines
