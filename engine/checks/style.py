"""House style: the phrases a language's style file says to avoid (engine.house_style), found in
what readers see of each page, each with its line and what to write instead.

What readers see is the text and the front matter shown as text (title, term, summary, key
points, questions...); never a glossary term's aliases (they are where the other names belong),
slugs, link addresses, citation keys or a care card's level word.
"""

import re

from ..errors import ContentError
from .reading import PROSE_FIELDS

SHOWN_KEYS = {"title", "term", *PROSE_FIELDS}
# Markdown a reader does not see: link addresses, citations, the file name in a glossary mark,
# HTML tags, web addresses, a care card's level word.
HIDDEN = re.compile(
    r"\]\([^)]*\)|\[@[^\]]*\]|\|[a-z0-9-]*\]\]|<[^>]*>|https?://\S+|^!!!\s*[\w-]+",
    re.MULTILINE,
)


def check_house_style(document, library, today):
    return house_style_problems(
        document.name, document.text, document.body_line, library.style, SHOWN_KEYS
    )


def house_style_problems(name, text, body_line, rules, shown_keys):
    """A ContentError for every phrase to avoid in what readers see of a content file: its body
    and the front matter keys shown as text (not aliases: they are where the other names
    belong)."""
    if not rules:
        return
    for number, line in _shown_lines(text, body_line, shown_keys):
        visible = HIDDEN.sub(" ", line)
        for rule in rules:
            fine = [m.span() for m in rule.fine.finditer(visible)] if rule.fine else []
            for match in rule.pattern.finditer(visible):
                if any(start <= match.start() and match.end() <= end for start, end in fine):
                    continue
                found = " ".join(match.group(0).split())
                yield ContentError(name, number, rule.message(found), rule.level)


def _shown_lines(text, body_line, shown_keys):
    """(line number, words) for each line a reader sees: the shown front matter keys (without
    the key itself) and the whole body."""
    lines = text.split("\n")
    key = None
    for number in range(2, min(body_line - 1, len(lines) + 1)):
        line = lines[number - 1]
        top = re.match(r"([A-Za-z_]\w*):(?:\s|$)", line)
        if top:
            key = top.group(1)
            line = line[top.end() :]
        if key in shown_keys:
            yield number, re.sub(r"^\s*(?:-\s+)?(?:(?:name|text):\s)?", "", line)
    for number in range(body_line, len(lines) + 1):
        yield number, lines[number - 1]
