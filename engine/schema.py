"""What a content file may say in its front matter, and the checks on it.

The fields themselves are declared on the dataclasses (engine.documents, engine.terms) with
front_matter(); engine.kinds lists them per kind of file. validate() turns a front matter dict
into clean values or ContentErrors naming the key's line, every error at once.
"""

import dataclasses
import datetime
import difflib
from dataclasses import MISSING, dataclass, field

from .errors import ContentError


@dataclass(frozen=True)
class Field:
    kind: str  # "text", "int", "date", "bool", "list", "steps", "people", "timeline"
    required: bool = True


def front_matter(kind, default=MISSING):
    """A dataclass field that an editor writes in front matter, with its kind (see KIND_NAMES).

    Without a default the key is required. The default is written here once: the schema the
    loader checks against is read from the dataclass (fields_of), so a new field is one line in
    the dataclass plus its place in a template.
    """
    metadata = {"front_matter": kind}
    if default is MISSING:
        return field(metadata=metadata)
    if isinstance(default, list):
        return field(default_factory=list, metadata=metadata)
    return field(default=default, metadata=metadata)


def fields_of(cls):
    """{key: Field} for the front matter fields of a content dataclass, in declaration order."""
    return {
        item.name: Field(
            item.metadata["front_matter"],
            required=item.default is MISSING and item.default_factory is MISSING,
        )
        for item in dataclasses.fields(cls)
        if "front_matter" in item.metadata
    }


# Kinds that are lists of small records, each with exactly these keys (all text).
PAIR_KEYS = {"steps": ("name", "text"), "people": ("name", "role")}
# The steps of a timeline (templates/_partials/timeline.html): these keys, and a phase on the
# first step of each group of steps.
TIMELINE_KEYS = ("when", "name", "text", "watch", "link")
TIMELINE_OPTIONAL = ("phase",)

KIND_NAMES = {
    "text": "a piece of text",
    "int": "a whole number",
    "date": "a date written YYYY-MM-DD",
    "bool": "true or false",
    "list": "a list of text items",
    "steps": "a list of steps, each with a name and a text",
    "people": "a list of people, each with a name and a role",
    "timeline": (
        "a list of steps, each with a when, a name, a text, a watch and a link (and a phase on "
        "the first step of each group)"
    ),
}


def _convert(kind, value):
    """Return the value in the field's kind, or raise ValueError."""
    if kind == "text":
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError
        text = str(value).strip()
        if not text:
            raise ValueError
        return text
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError
        return value
    if kind == "date":
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            return datetime.date.fromisoformat(value.strip())
        raise ValueError
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError
        return value
    if kind == "list":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(
            isinstance(item, str | int | float) and not isinstance(item, bool) for item in value
        ):
            raise ValueError
        return [str(item).strip() for item in value if str(item).strip()]
    if kind in PAIR_KEYS:
        keys = PAIR_KEYS[kind]
        if not isinstance(value, list):
            raise ValueError
        pairs = []
        for item in value:
            if not isinstance(item, dict) or set(item) != set(keys):
                raise ValueError
            pairs.append({key: _convert("text", item[key]) for key in keys})
        return pairs
    if kind == "timeline":
        if not isinstance(value, list):
            raise ValueError
        steps = []
        for item in value:
            if not isinstance(item, dict) or not (
                set(TIMELINE_KEYS) <= set(item) <= {*TIMELINE_KEYS, *TIMELINE_OPTIONAL}
            ):
                raise ValueError
            steps.append({key: _convert("text", text) for key, text in item.items()})
        return steps
    raise AssertionError(kind)


def validate(meta, fields, name, lines, *, first_line=1):
    """Check meta against fields. Return (values, problems); values holds only good keys."""
    values, problems, wrong = {}, [], set()
    for key, value in meta.items():
        line = lines.get(str(key), first_line)
        if key not in fields:
            close = difflib.get_close_matches(str(key), fields, n=1)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            problems.append(
                ContentError(name, line, f'unknown key "{key}" is ignored{hint}', "warning")
            )
            continue
        if value is None:
            continue  # reported as missing below, if required
        try:
            values[key] = _convert(fields[key].kind, value)
        except (ValueError, TypeError):
            wrong.add(key)
            problems.append(
                ContentError(name, line, f'"{key}" must be {KIND_NAMES[fields[key].kind]}')
            )
    for key, declared in fields.items():
        if declared.required and key not in values and key not in wrong:
            problems.append(ContentError(name, first_line, f'the required key "{key}" is missing'))
    return values, problems
