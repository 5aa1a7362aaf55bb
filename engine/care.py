"""Care advice written once: the named cards of content/care-advice.md, and the help page.

When to call the treatment team and when to call 911 is safety-critical, so it is written in one
file per language (content/care-advice.md, content/es/care-advice.md) and shown, the same, wherever
it appears: on the help page that file becomes, on every page that includes a card, on the
printed handouts. An editor changes that one file to change it everywhere.

In the file, each card has a name after its level:

    !!! emergency call-911 "Call 911 now"
        Call 911 if ...

Any page shows it with a line of its own (engine/carecards.py):

    !!! care call-911

A page's render depends on the text of the cards it includes (engine/renders.py), so an edit to
a card renders again exactly the pages that show it.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from . import site
from .documents import Readable, Reviewed
from .errors import ContentError
from .schema import front_matter

CARE_FILE = "care-advice.md"
LEVEL_WORDS = ("non-urgent", "urgent", "emergency")
# "!!! urgent call-now" (a definition, in the care file) or "!!! care call-now" (an include).
DEFINITION = re.compile(
    r'^ *!!! ?(?P<level>[\w-]+) +(?P<name>[\w-]+)(?: +"(?P<title>.*?)")? *$', re.MULTILINE
)
INCLUDE = re.compile(r"^ *!!! ?care +(?P<name>[\w-]+) *$", re.MULTILINE)
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PENDING = "pending"  # the one word clinical_review: takes


@dataclass(frozen=True)
class CardSource:
    """One named card as its editor wrote it: what a page that includes it renders."""

    name: str
    level: str
    title: str  # the editor's heading, or "" for the level's own
    text: str  # the card's Markdown, its four spaces of indentation taken off
    line: int  # of its "!!!" line in the care file

    def as_tuple(self):
        """Plain data, for render jobs and render keys."""
        return (self.name, self.level, self.title, self.text)


@dataclass(kw_only=True)
class CareAdvice(Readable, Reviewed):
    """The help page: the care file's front matter, its rendered body and its cards by name."""

    title: str = front_matter("text")
    summary: str = front_matter("text")  # the page's lead and its description for search
    last_reviewed: datetime.date = front_matter("date")
    next_review: datetime.date = front_matter("date")
    # The cards the printed handouts carry, by name, in order (articles/handout.py).
    handout: list = front_matter("list", [])
    html: str = ""  # engine.sanitize.Html
    text: str = ""
    toc: list = field(default_factory=list)
    sources: list = field(default_factory=list)  # Reference objects, in the order cited
    cards: dict = field(default_factory=dict)  # name -> CardSource, in the file's order
    rendered_cards: dict = field(default_factory=dict)  # name -> engine.carecards.CareCard
    terms: list = field(default_factory=list)  # glossary slugs linked
    source_name: str = ""
    language: str = "en"
    key: str = CARE_FILE
    source_hash: str = ""

    slug = "help"  # the anchors of its sources: help-source-1, ...
    draft = False  # the help page is never a draft: it is always there

    def get_absolute_url(self):
        return site.reverse(self.language, "care:help")

    def source_anchor(self, number):
        return f"{self.slug}-source-{number}"

    def handout_cards(self):
        """The CareCards the printed handouts carry: those named in `handout:`, else the first
        emergency card and the first urgent card of the file."""
        names = self.handout or _first_of_each(self.cards.values(), ("emergency", "urgent"))
        return [self.rendered_cards[name] for name in names if name in self.rendered_cards]


def _first_of_each(cards, levels):
    names = []
    for level in levels:
        name = next((card.name for card in cards if card.level == level), None)
        if name:
            names.append(name)
    return names


def find_card_sources(body, body_line, name):
    """({name: CardSource} of the cards a care file defines, in order; ContentErrors).

    Only the lines are read here; the cards are rendered, and their mistakes inside (an empty
    card) reported, as any page's are (engine/carecards.py)."""
    lines = body.split("\n")
    cards, problems = {}, []
    for index, line in enumerate(lines):
        found = DEFINITION.match(line)
        if not found or found["level"] == "care":
            continue
        level, card_name, number = found["level"], found["name"], body_line + index
        if level not in LEVEL_WORDS:
            continue  # engine/carecards.py reports it: not a kind of care card
        if not NAME.match(card_name):
            message = (
                f'"{card_name}" cannot be the name of a card: use lowercase letters, digits and '
                "hyphens"
            )
            problems.append(ContentError(name, number, message))
            continue
        if card_name in cards:
            message = (
                f'the card name "{card_name}" is already used on line {cards[card_name].line}; '
                "give each card its own name"
            )
            problems.append(ContentError(name, number, message))
            continue
        text = _indented_block(lines[index + 1 :])
        cards[card_name] = CardSource(card_name, level, found["title"] or "", text, number)
    return cards, problems


def _indented_block(lines):
    """The lines indented by four spaces (and blank lines between them), with the four taken off:
    a card's words, as Python-Markdown's admonition reads them."""
    block = []
    for line in lines:
        if line.startswith("    ") or line.startswith("\t"):
            block.append(line[4:] if line.startswith("    ") else line[1:])
        elif not line.strip():
            block.append("")
        else:
            break
    return "\n".join(block).strip("\n") + "\n"


def included_names(body):
    """The names of the cards a page's Markdown includes, in order, once each."""
    return list(dict.fromkeys(found["name"] for found in INCLUDE.finditer(body)))


def cards_for(body, sources):
    """What of the care file a page's render depends on: (name, level, title, text) of each
    card it includes, or (name, every card's name) for a name no card has (its card may come
    later; meanwhile its message suggests the closest name)."""
    return tuple(
        sources[name].as_tuple() if name in sources else (name, tuple(sources))
        for name in included_names(body)
    )


def unknown_card_message(name, known):
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return (
        f'"!!! care {name}": {CARE_FILE} has no card named "{name}"{hint} '
        "(until then the page shows no card here)"
    )


def build_care_advice(item, rendered, references, sources):
    """The CareAdvice of a parsed care file, from its render and its cards' sources."""
    return CareAdvice(
        **item.meta,
        html=rendered.html,
        text=rendered.text,
        toc=rendered.toc,
        sources=[references[key] for key in rendered.cited if key in references],
        cards=sources,
        rendered_cards=_first_of_each_name(rendered.cards),
        terms=list(rendered.terms),
        source_name=item.name,
        language=item.language,
        key=item.key,
    )


def _first_of_each_name(cards):
    """{name: CareCard} in the file's order; a name used twice keeps its first card, as
    find_card_sources() does (the second is reported)."""
    named = {}
    for card in cards:
        if card.name:
            named.setdefault(card.name, card)
    return named
