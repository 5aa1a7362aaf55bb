"""The search synonyms of a language: plain words a patient types, and the words the site uses.

Each language has its own file, written by editors: content/search-synonyms.yaml for English,
content/es/search-synonyms.yaml for Spanish (they are not translations of each other: patients
say different things in each language). The file is a list of groups, one per line:

    - [cost, price, insurance]
    - [kids, children, child]
    - [side effect, risk]

A search for any word or phrase in a group also finds pages with the others, a little below
pages with the words typed. parse_synonyms() checks the file and names the line of every problem;
a group with a problem is left out and the rest are used.
"""

from dataclasses import dataclass

import yaml

from ..errors import ContentError
from ..files import parse_yaml

MAX_PHRASE_WORDS = 5  # a synonym is a word or a short phrase, not a sentence
MAX_PHRASE_LENGTH = 60


@dataclass(frozen=True)
class SynonymGroup:
    """Words and phrases a search treats as the same thing, as the editor wrote them."""

    phrases: tuple
    line: int = 0
    source_name: str = ""


def parse_synonyms(text, name):
    """(groups, problems) for the text of a synonyms file. Raises ContentError only when the file
    as a whole cannot be read (not YAML, or not a list)."""
    data = parse_yaml(text, name, what="this file")
    if data is None:
        return [], []
    if not isinstance(data, list):
        raise ContentError(
            name, 1, "the synonyms file must be a list of groups, one per line: - [cost, price]"
        )
    nodes = yaml.compose(text, Loader=yaml.SafeLoader).value
    groups, problems, seen = [], [], {}
    for item, node in zip(data, nodes, strict=True):
        line = node.start_mark.line + 1
        phrases, problem = _phrases(item)
        if problem:
            problems.append(ContentError(name, line, problem))
            continue
        clash = next((p for p in phrases if p.casefold() in seen), None)
        if clash is not None:
            first = seen[clash.casefold()]
            message = f'"{clash}" is already in the group on line {first}: put it in one group only'
            problems.append(ContentError(name, line, message))
            continue
        seen.update(dict.fromkeys((p.casefold() for p in phrases), line))
        groups.append(SynonymGroup(tuple(phrases), line, name))
    return groups, problems


def _phrases(item):
    """(the group's phrases, None) or (None, what is wrong with it)."""
    example = "write each group as a list in square brackets: - [kids, children]"
    if not isinstance(item, list):
        return None, f"{example} (this line is not a list)"
    phrases = []
    for value in item:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            return None, f"{example} (each word must be plain text)"
        phrase = " ".join(str(value).split())
        if not phrase:
            return None, "a group has an empty entry: remove the extra comma"
        if len(phrase) > MAX_PHRASE_LENGTH or len(phrase.split()) > MAX_PHRASE_WORDS:
            return None, f'"{phrase[:40]}…" is too long: a synonym is a word or a short phrase'
        if phrase.casefold() in {p.casefold() for p in phrases}:
            return None, f'"{phrase}" is twice in the same group'
        phrases.append(phrase)
    if len(phrases) < 2:
        return None, "a group needs at least two words or phrases that mean the same"
    return phrases, None
