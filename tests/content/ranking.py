"""Runs the table of patient searches (queries.yaml) through the real site and scores it.

Shared by tests/content/test_search_ranking.py, which holds the search to its targets, and
bench/search_ranking.py, which prints the score for a note. Each search goes through Django's
test client exactly as a reader's would (GET /search/?q=… or /es/buscar/?q=…), and the page
that comes back is read with a plain HTML parser: what counts is what the reader sees.
"""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import html5lib
import yaml

TABLE = Path(__file__).with_name("queries.yaml")
LANGUAGES = ("en", "es")
SEARCH_PAGE = {"en": "/search/", "es": "/es/buscar/"}
TARGET = 0.90  # share of searches per language whose first result must be a right page


@dataclass(frozen=True)
class Row:
    lang: str
    q: str
    expect: tuple
    typo: bool
    why: str


@dataclass(frozen=True)
class Outcome:
    row: Row
    first: str | None  # path of the first result, without its #heading; None if no results
    suggestions: tuple  # the words offered as "did you mean" links

    @property
    def hit(self):
        return self.first in self.row.expect


def load_table(path=TABLE):
    return [
        Row(**{**item, "expect": tuple(item["expect"])})
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


def _classes(element):
    return element.get("class", "").split()


def _first_result(document):
    """The link of the first result: ol.search-results li.search-result h3.search-result__title a"""
    for results in document.iter("ol"):
        if "search-results" not in _classes(results):
            continue
        for item in results.iter("li"):
            if "search-result" not in _classes(item):
                continue
            for title in item.iter("h3"):
                if "search-result__title" in _classes(title):
                    link = next(title.iter("a"), None)
                    return None if link is None else link.get("href")
    return None


def _suggestions(document):
    """The words of the links in .search-suggestion ("Did you mean lupus?")."""
    return tuple(
        "".join(link.itertext()).strip()
        for element in document.iter()
        if "search-suggestion" in _classes(element)
        for link in element.iter("a")
        if "".join(link.itertext()).strip()
    )


def search_address(row):
    """The search page's address for a row, from the site's root: /search/?q=..."""
    return SEARCH_PAGE[row.lang] + "?" + urlencode({"q": row.q})


def read_outcome(row, html):
    """What a reader sees first on a results page (html: as the server sent it, or as the
    export's script left it in the browser)."""
    document = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    href = _first_result(document)
    return Outcome(
        row=row,
        first=None if href is None else urlsplit(href).path,
        suggestions=_suggestions(document),
    )


def search(client, row):
    response = client.get(search_address(row))
    assert response.status_code == 200, f"{row.lang} {row.q!r}: status {response.status_code}"
    return read_outcome(row, response.content)


def run_table(client, rows=None):
    return [search(client, row) for row in (load_table() if rows is None else rows)]


def search_in_browser(page, base_url, row):
    """The row searched on an exported site in a browser: the results once the script is done."""
    page.goto(base_url + search_address(row))
    page.wait_for_selector("#results-heading:not([hidden]), #search-failed:not([hidden])")
    return read_outcome(row, page.content())


def summary(outcomes):
    """Per language: right page first n/total = share, and the misspellings given a did you mean."""
    lines = []
    for lang in LANGUAGES:
        share, mine = share_right_first(outcomes, lang)
        typos = [outcome for outcome in mine if outcome.row.typo]
        suggested = sum(bool(outcome.suggestions) for outcome in typos)
        lines.append(
            f"{lang}: right page first {sum(o.hit for o in mine)}/{len(mine)} = {share:.0%}"
            f" (target {TARGET:.0%}); did-you-mean shown {suggested}/{len(typos)}"
        )
        misses = [o for o in mine if not o.hit]
        lines += [describe_miss(o) + ("  [misspelt]" if o.row.typo else "") for o in misses]
        lines += [f"  {o.row.q!r}: no did-you-mean" for o in typos if not o.suggestions]
    return "\n".join(lines)


def share_right_first(outcomes, lang):
    mine = [outcome for outcome in outcomes if outcome.row.lang == lang]
    return sum(outcome.hit for outcome in mine) / len(mine), mine


def describe_miss(outcome):
    expected = " or ".join(outcome.row.expect)
    return f"  {outcome.row.q!r}: expected {expected}, got {outcome.first or 'no results'}"
