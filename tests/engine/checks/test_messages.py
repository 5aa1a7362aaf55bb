"""What the checker tells an editor: the closest name for a mistyped citation key or glossary
mark, YAML mistakes in plain words with the fix, and every message explained in the guide."""

import ast
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from engine.checks import check_content
from tests.conftest import section_text

ROOT = Path(__file__).resolve().parents[3]
SECOND = "articles/demo/02-second.md"


def messages_about(content_dir, name):
    return [f.message for f in check_content(content_dir.root) if f.path == name]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "A study [@demo2042].\n",
            'the citation "demo2042" names no entry in references.yaml; did you mean '
            '"[@demo2024]"?',
        ),
        (
            "A [[widgte]] here.\n",
            "[[widgte]] names no glossary term; the words are shown unlinked; did you mean "
            '"[[widget]]"?',
        ),
        (
            "A [[small tool|widgit]] here.\n",
            "[[small tool|widgit]] names no glossary term; the words are shown unlinked; did you "
            'mean "[[small tool|widget]]"?',
        ),
        (
            "A [[Widgets]] here.\n",  # a plural of the name is linked as it is
            None,
        ),
        (
            "A study [@zzzz1999] and a [[frobnicator]].\n",  # nothing close: no guess
            None,
        ),
    ],
    ids=["citation", "mark", "mark-file-name", "mark-plural", "nothing-close"],
)
def test_a_mistyped_name_suggests_the_closest_one_the_content_has(content_dir, body, message):
    content_dir.write(SECOND, section_text("second", 2, body))
    found = messages_about(content_dir, SECOND)
    if message is None:
        assert not any("did you mean" in text for text in found), found
    else:
        assert message in found, found


# (front matter lines, the line named, what the message must say)
# fmt: off
YAML_MISTAKES = [
    (
        "title: CAR-T: a guide",
        2,
        'put the whole value in double quotes, like title: "CAR-T: a guide"',
    ),
    ("title: [Unclosed", 2, 'a list in square brackets is never closed; end it with "]"'),
    ('title: "Unclosed', 2, "a quotation mark is never closed; add the closing quote"),
    ("title: A\n\tslug: x", 3, "replace the tab with spaces"),
    ("title: A\n  slug: x", 3, "this line is indented, so YAML reads it as part of the line above"),
    ("title: A\nslug", 3, "add a colon after the key"),
    ("questions:\n  - One\n - Two", 4, "indent every item of a list"),
    (
        'title: "Yes" is an answer',
        2,
        "goes on after the closing one; put the whole value in quotes",
    ),
    ("title: @home", 2, "a value cannot start with ` or @"),
    ("title: *bold*", 2, "a value that starts with * or & must be in double quotes"),
    ('title: "a \\q b"', 2, "use single quotes around the value instead"),
]
# fmt: on


@pytest.mark.parametrize(("front", "line", "advice"), YAML_MISTAKES)
def test_a_yaml_mistake_says_how_to_fix_the_line_in_plain_words(content_dir, front, line, advice):
    content_dir.write(SECOND, f"---\n{front}\n---\nText.\n")
    [finding] = [f for f in check_content(content_dir.root) if f.path == SECOND]
    assert finding.line == line
    assert finding.message.startswith("front matter is not valid YAML: ")
    assert advice in finding.message
    # Never the parser's own words.
    for parser_words in ("mapping values", "did not find expected", "scanning", "token"):
        assert parser_words not in finding.message


def test_the_checker_says_what_ci_adds_when_run_without_it(content_dir, capsys):
    call_command("check_content")
    assert "CI checks with --require es" in capsys.readouterr().out


def test_the_checker_run_as_ci_runs_it_says_nothing_more(spanish_content, capsys):
    call_command("check_content", require=["es"])
    assert "CI checks" not in capsys.readouterr().out


def test_make_check_runs_the_checker_as_ci_does():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^CHECK_FLAGS \?= --require es$", makefile, re.MULTILINE)


# Every message in docs/editing.md

MESSAGE_VARIABLES = {"message", "problem", "hint", "culprit", "advice", "example"}
MESSAGE_CONSTANTS = {"NO_HASH", "STALE", "TOP_HEADING", "YAML_CHECK"}


def _literal_parts(node, constants):
    """The fixed text of a message expression: its strings, and an f-string's literal pieces.
    constants: the module's own message constants, for a message written NAME or NAME.format()."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield from (v.value for v in node.values if isinstance(v, ast.Constant))
    elif isinstance(node, ast.BinOp):
        yield from _literal_parts(node.left, constants)
        yield from _literal_parts(node.right, constants)
    elif isinstance(node, ast.IfExp):
        yield from _literal_parts(node.body, constants)
        yield from _literal_parts(node.orelse, constants)
    elif isinstance(node, ast.Name) and node.id in constants:
        yield from _literal_parts(constants[node.id], {})
    elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "format":
        for text in _literal_parts(node.func.value, constants):
            yield from re.split(r"\{[^{}]*\}", text)  # the {fields} format fills in


def _module_constants(tree):
    """{NAME: its value} for each text a module names in capitals at its top level."""
    return {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.isupper()
    }


def _message_expressions(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "ContentError":
                yield from node.args[2:3]
            elif name == "error" and getattr(node.func.value, "id", "") == "document":
                yield from node.args[1:2]
            elif name in {"CardProblem", "IconProblem", "_problem"}:
                # Care cards' and icon arrays' mistakes, found while rendering (line, message).
                yield from node.args[1:2]
            elif name == "append" and node.args and isinstance(node.args[0], ast.Tuple):
                yield from node.args[0].elts[:1]  # an icon array's (message, level)
        elif isinstance(node, ast.Assign):
            names = {getattr(target, "id", "") for target in node.targets}
            if names & (MESSAGE_VARIABLES | MESSAGE_CONSTANTS):
                yield node.value
        elif isinstance(node, ast.FunctionDef) and (
            node.name.endswith("_message") or node.name in {"yaml_advice", "likely_culprit"}
        ):
            yield from (n.value for n in ast.walk(node) if isinstance(n, ast.Return) and n.value)
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
            # "return None, what is wrong": the checks of the synonyms file's entries.
            first, *rest = node.value.elts
            if isinstance(first, ast.Constant) and first.value is None and len(rest) == 1:
                yield rest[0]


def checker_message_pieces():
    """(file, piece) for each fixed piece of text of every message the checker can print."""
    pieces = []
    for path in sorted((ROOT / "engine").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _module_constants(tree)
        for expression in _message_expressions(tree):
            for text in _literal_parts(expression, constants):
                for piece in re.split(r";\s", text):
                    piece = piece.strip(" ;:,.()\"'")
                    if len(piece) >= 15:  # shorter pieces ("; did you mean") say nothing alone
                        pieces.append((path.relative_to(ROOT).as_posix(), piece))
    return pieces


def as_read(markdown):
    """The guide's text as an editor reads it: Markdown's backslash escapes (\\<, \\|) undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def test_the_scan_finds_the_checker_messages():
    pieces = [piece for _, piece in checker_message_pieces()]
    assert len(pieces) > 100
    assert "names no glossary term" in " ".join(pieces)
    # Messages kept in a module's constants, and the synonyms file's (None, message) checks.
    assert "but names no clinician who reviewed it" in " ".join(pieces)
    assert "a question needs at least one phrase to ask" in " ".join(pieces)
    assert "leave a blank line before" in " ".join(pieces)
    assert as_read("an \\<svg\\> in a \\| table, and a \\\\") == "an <svg> in a | table, and a \\"


def test_every_checker_message_is_explained_in_the_editing_guide():
    guide = as_read((ROOT / "docs" / "editing.md").read_text(encoding="utf-8"))
    missing = [f"{path}: {piece}" for path, piece in checker_message_pieces() if piece not in guide]
    assert not missing, "add these to docs/editing.md, 'Every message the checker prints':\n" + (
        "\n".join(missing)
    )
