"""The search synonyms of a language: plain words a patient types, and the words the site uses.

Each language has its own file, written by editors: content/search-synonyms.yaml for English,
content/es/search-synonyms.yaml for Spanish (they are not translations of each other: patients
say different things in each language). The file is a list of groups, one per line:

    - [cost, price, insurance]
    - [kids, children, child]
    - [side effect, risk]

A search for any word or phrase in a group also finds pages with the others, a little below
pages with the words typed. The same file holds the questions routed by what they ask
(engine.search.intents):

    - ask: [have kids, get pregnant]
      page: /articles/car-t-autoimmune/fertility-and-pregnancy/

parse_synonyms() checks the file and names the line of every problem; an entry with a problem is
left out and the rest are used.
"""

from dataclasses import dataclass

from ..errors import ContentError
from ..files import parse_yaml_list
from .intents import Intent

MAX_PHRASE_WORDS = 5  # a synonym is a word or a short phrase, not a sentence
MAX_PHRASE_LENGTH = 60


@dataclass(frozen=True)
class SynonymGroup:
    """Words and phrases a search treats as the same thing, as the editor wrote them."""

    phrases: tuple
    line: int = 0
    source_name: str = ""


def parse_synonyms(text, name):
    """(entries, problems) for the text of a synonyms file: each entry a SynonymGroup or an
    Intent. Raises ContentError only when the file as a whole cannot be read (not YAML, or not a
    list)."""
    items = parse_yaml_list(
        text, name, "the synonyms file must be a list of groups, one per line: - [cost, price]"
    )
    groups, problems, seen, asked = [], [], {}, {}
    for item, node in items:
        line = node.start_mark.line + 1
        if isinstance(item, dict):
            intent, problem = _intent(item, line, name, asked)
            if problem:
                problems.append(ContentError(name, line, problem))
            else:
                asked.update(dict.fromkeys((a.casefold() for a in intent.asks), line))
                groups.append(intent)
            continue
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


def _phrases(item, least=2, example="- [kids, children]"):
    """(the group's phrases, None) or (None, what is wrong with it)."""
    example = f"write each group as a list in square brackets: {example}"
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
    if len(phrases) < least:
        if least == 1:
            return None, "a question needs at least one phrase to ask: ask: [have kids]"
        return None, "a group needs at least two words or phrases that mean the same"
    return phrases, None


def _intent(item, line, name, asked):
    """(the Intent, None) or (None, what is wrong with it)."""
    example = "write a question as - ask: [have kids, get pregnant] with page: /its/address/ below"
    if set(item) != {"ask", "page"}:
        return None, f"{example} (this entry has {', '.join(map(str, item)) or 'nothing'})"
    page = item["page"]
    if not isinstance(page, str) or not page.startswith("/") or " " in page.strip():
        return None, "page: must be the address of a page of this site, starting with /"
    phrases, problem = _phrases(item["ask"], least=1, example="- ask: [have kids, get pregnant]")
    if problem:
        return None, problem
    clash = next((p for p in phrases if p.casefold() in asked), None)
    if clash is not None:
        return None, f'"{clash}" is already asked on line {asked[clash.casefold()]}: ask it once'
    return Intent(tuple(phrases), page.strip(), line, name), None
