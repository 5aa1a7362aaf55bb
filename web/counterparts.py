"""The reader's place, carried by the language switch: the same part of the page in the other
language, and the same search.

Headings are paired through the content, not by translating their ids (the Spanish heading
"Cuándo pedir ayuda" has the id cuando-pedir-ayuda, the English one when-to-get-help): a
translated section has the headings of its English file, in the same order and at the same
levels, so the n-th heading of one is the n-th of the other. Where a translation's headings stop
matching (a heading added or dropped), the pairing stops there: a later heading is not guessed.
static/js/site.js reads the pairs when the switch is used and adds the heading the reader is at.

A page whose answer depends on its query (search, the glossary filter: @reads_query_string)
keeps the query: /search/?q=fever switches to /es/buscar/?q=fever.
"""

from urllib.parse import urlencode

CARRIED = ("q",)  # the parts of a query that mean the same in every language


def headings(toc):
    """[(level, id)] of a table of contents (engine: Section.toc), in the page's order."""
    found = []
    for token in toc:
        found.append((token["level"], token["id"]))
        found += headings(token.get("children", ()))
    return found


def heading_pairs(item, other):
    """{id of a heading of item: id of the heading in the same place of other}."""
    pairs = {}
    mine, theirs = headings(getattr(item, "toc", ())), headings(getattr(other, "toc", ()))
    for (level, own), (their_level, their) in zip(mine, theirs, strict=False):
        if level != their_level:
            break
        pairs[own] = their
    return pairs


def reads_query(request):
    """Whether the page answers its query (a view marked @reads_query_string)."""
    match = getattr(request, "resolver_match", None)
    return match is not None and getattr(match.func, "reads_query_string", False)


def carried_query(request):
    """The query to carry ("?q=…") for a page that answers its query, else ""."""
    if not reads_query(request):
        return ""
    kept = [(name, request.GET[name]) for name in CARRIED if request.GET.get(name, "").strip()]
    return "?" + urlencode(kept) if kept else ""
