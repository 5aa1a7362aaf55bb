"""The timeline of a treatment: its steps from the article's front matter, grouped into phases.

An editor writes each step with when it happens, its name, what happens, what to watch for, and
a link to the advice, as a Markdown link ("[When to get help](/articles/x/first-weeks/#help)").
A step may start a phase ("Before the drip"); the steps after it belong to that phase until
another one starts. The page shows each phase as a short numbered list under its own heading,
so no list is long, and the numbers run on from one phase to the next.
"""

import re
from dataclasses import dataclass

from .sanitize import is_web_address

LINK = re.compile(r"\[([^\[\]]+)\]\(\s*([^()\s]+)\s*\)")


@dataclass(frozen=True)
class Step:
    number: int  # 1-based, counted through the whole timeline
    when: str
    name: str
    text: str
    watch: str
    link_text: str
    link_url: str  # "" when the link cannot be followed (the checker says why)


@dataclass(frozen=True)
class Phase:
    name: str  # "" for steps before the first phase
    steps: tuple


def read_link(value):
    """(words, address) of a step's link. A value that is not a Markdown link, or an address that
    is neither a path on this site nor a web address, keeps its words and loses its address."""
    found = LINK.fullmatch(value.strip())
    if not found:
        return value, ""
    words, address = found.groups()
    if (address.startswith("/") and not address.startswith("//")) or is_web_address(address):
        return words, address
    return words, ""


def phases(timeline):
    """The steps of a timeline (front matter dicts) as a list of Phase, in order."""
    groups = []
    for number, step in enumerate(timeline, start=1):
        if step.get("phase") or not groups:
            groups.append((step.get("phase", ""), []))
        words, address = read_link(step["link"])
        groups[-1][1].append(
            Step(number, step["when"], step["name"], step["text"], step["watch"], words, address)
        )
    return [Phase(name, tuple(steps)) for name, steps in groups]
