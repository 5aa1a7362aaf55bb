"""The house style of each language: words and phrases the editors agreed to avoid, and what to
write instead.

Each language has its own list, kept by editors as content: content/style.yaml for English,
content/es/style.yaml for Spanish (they are not translations of each other: each guards the
slips of its own language). An entry names the words to avoid, what to write instead and, if it
helps, why:

    - avoid: [males, estos males]
      use: '"enfermedad" or "enfermedades"'
      why: '"mal" sounds old-fashioned and close to folk illness ("mal de ojo")'

    - avoid: a partir de <month>
      use: '"en", "para" or "desde" with a date'
      why: '"a partir de" means "starting from"'

    - avoid: equipo de atención
      unless: equipo de atención médica
      use: '"equipo de atención médica"'

A phrase is found as whole words, whatever its capitals (accents count: "esta" is not "está"),
across any spacing. <month> stands for any month's name (English or Spanish), <year> for a year
and <number> for any number: so a rule can be about a phrase before a date only. `unless` lists
longer phrases that hold the avoided one and are fine. `level: suggestion` makes an entry advice
rather than a warning. There are no regular expressions on purpose: an editor can write every
rule, and none can make the checker crawl.

parse_style() checks the file and names the line of every problem (an entry with a problem is
left out, the rest are used); house_style_problems() finds the phrases in a content file's
visible words: its text and the front matter a reader sees (title, summary, questions...), never
its aliases (which exist to list the other names), slugs, keys or link addresses.
"""

import difflib
import re
from dataclasses import dataclass

from . import schema
from .errors import ContentError
from .files import parse_yaml_list
from .schema import front_matter

LEVELS = ("warning", "suggestion")
PLACEHOLDERS = {
    "month": (
        "january|february|march|april|may|june|july|august|september|october|november|"
        "december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|"
        "octubre|noviembre|diciembre"
    ),
    "year": r"\d{4}",
    "number": r"\d+(?:[.,]\d+)*",
}
PLACEHOLDER = re.compile(r"<([^<>]*)>")
MAX_PHRASE_WORDS = 8  # a phrase to avoid, not a sentence
# Markdown a reader does not see: link addresses, citations, the file name in a glossary mark,
# HTML tags, web addresses, a care card's level word.
HIDDEN = re.compile(
    r"\]\([^)]*\)|\[@[^\]]*\]|\|[a-z0-9-]*\]\]|<[^>]*>|https?://\S+|^!!!\s*[\w-]+",
    re.MULTILINE,
)


@dataclass(frozen=True)
class StyleRule:
    """Words to avoid in a language, what to write instead, and why."""

    avoid: list = front_matter("list")
    use: str = front_matter("text")
    why: str = front_matter("text", "")
    unless: list = front_matter("list", [])  # longer phrases that are fine ("se aplica a")
    level: str = front_matter("text", "warning")
    pattern: object = None  # the compiled search for every phrase of avoid
    fine: object = None  # the compiled search for every phrase of unless, or None
    line: int = 0
    source_name: str = ""

    def message(self, found):
        why = f" ({self.why})" if self.why else ""
        return f'house style: instead of "{found}", write {self.use}{why}'


def parse_style(text, name):
    """(rules, problems) for the text of a style file. Raises ContentError only when the file
    as a whole cannot be read (not YAML, or not a list)."""
    items = parse_yaml_list(
        text, name, "the style file must be a list of entries, each starting with `- avoid:`"
    )
    fields = schema.fields_of(StyleRule)
    rules, problems, seen = [], [], {}
    for item, node in items:
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            message = "each entry must be a set of `key: value` lines: avoid, use and why"
            problems.append(ContentError(name, line, message))
            continue
        lines = {k.value: k.start_mark.line + 1 for k, _ in getattr(node, "value", [])}
        values, found = schema.validate(item, fields, name, lines, first_line=line)
        problems.extend(found)
        if any(problem.level == "error" for problem in found):
            continue
        problem = _rule_problem(values, seen, line)
        if problem:
            problems.append(ContentError(name, lines.get(problem[0], line), problem[1]))
            continue
        seen.update(dict.fromkeys((_key(phrase) for phrase in values["avoid"]), line))
        rules.append(
            StyleRule(
                **values,
                pattern=_search(values["avoid"]),
                fine=_search(values["unless"]) if values.get("unless") else None,
                line=line,
                source_name=name,
            )
        )
    return rules, problems


def _rule_problem(values, seen, line):
    """(the key to blame, what is wrong) for an entry that cannot be used, or None."""
    if values.get("level", "warning") not in LEVELS:
        close = difflib.get_close_matches(values["level"], LEVELS, n=1)
        hint = f'; did you mean "{close[0]}"?' if close else ""
        return "level", f'"level" must be "warning" or "suggestion"{hint}'
    if not values["avoid"]:
        return "avoid", '"avoid" needs at least one word or phrase'
    for key in ("avoid", "unless"):
        for phrase in values.get(key, []):
            problem = _phrase_problem(phrase)
            if problem:
                return key, problem
    avoided = _search(values["avoid"])
    for phrase in values.get("unless", []):
        if not avoided.search(phrase):
            return "unless", f'"{phrase}" in "unless" does not contain a phrase it avoids'
    for phrase in values["avoid"]:
        if _key(phrase) in seen:
            first = seen[_key(phrase)]
            where = "this entry" if first == line else f"the entry on line {first}"
            return "avoid", f'"{phrase}" is already in {where}: list each phrase once'
    return None


def _phrase_problem(phrase):
    unknown = [name for name in PLACEHOLDER.findall(phrase) if name not in PLACEHOLDERS]
    if unknown:
        known = ", ".join(f"<{name}>" for name in PLACEHOLDERS)
        return f'"<{unknown[0]}>" in "{phrase}" is not a placeholder: use {known}'
    if len(phrase.split()) > MAX_PHRASE_WORDS:
        return f'"{phrase[:40]}…" is too long: write a word or a short phrase'
    if not re.search(r"\w", PLACEHOLDER.sub("", phrase)):
        return f'"{phrase}" needs at least one word besides placeholders'
    return None


def _key(phrase):
    return " ".join(phrase.casefold().split())


def _search(phrases):
    """One compiled search for any of the phrases, as whole words, capitals ignored."""
    pattern = "|".join(_pattern(phrase) for phrase in phrases)
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


def _pattern(phrase):
    """The search for a phrase: its words as written, any spacing between them, placeholders
    standing for what they name."""
    words = []
    for word in phrase.split():
        pieces = PLACEHOLDER.split(word)  # text, placeholder name, text, ...
        words.append(
            "".join(
                f"(?:{PLACEHOLDERS[piece]})" if index % 2 else re.escape(piece)
                for index, piece in enumerate(pieces)
            )
        )
    return r"\s+".join(words)


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
            # A list of records (steps, the timeline): each record's keys are not words shown.
            yield number, re.sub(r"^\s*(?:-\s+)?(?:[a-z_]+:\s)?", "", line)
    for number in range(body_line, len(lines) + 1):
        yield number, lines[number - 1]
