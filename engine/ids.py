"""Ids that content may not take: the ones the site's own pages and scripts use.

A content file's headings get ids from their words ("## UI strings" -> "ui-strings"), and an
editor may write an id into raw HTML. Either can name an element the page's templates or scripts
rely on: a second element with the same id makes getElementById find the content's element
first (the scripts' words would be replaced, or the glossary's filter box lost), and an id
becomes a property of `window` too ("DOM clobbering": `<h2 id="carteducation">` would stand for
the scripts' shared namespace).

So a heading whose id would be one of these gets "part-" in front of it instead (no template id
starts with "part-"), and the sanitiser drops such an id written in raw HTML. Every other
heading keeps the id it has always had, so every link shared or saved to a part of a page still
leads there (no shipped heading had one of these ids). tests/engine/test_ids.py checks that
every id the templates write is listed here.
"""

# Every id the templates write as a literal (tests/engine/test_ids.py keeps this complete).
TEMPLATE_IDS = frozenset({
    "add-own-question", "all-parts-heading", "contact", "contents-heading", "copy-my-list",
    "corrections", "funding", "glossary-q", "glossary-q-hint", "handout-clinic",
    "handout-key-points", "handout-questions", "handout-risks", "handout-steps", "handout-title",
    "how-we-check", "how-we-test", "how-we-write", "known-limits", "links", "main-content",
    "more", "not-advice", "not-collected", "own-question", "own-question-list",
    "own-questions-heading", "page-title", "print-my-list", "publisher", "questions",
    "questions-status", "related-terms", "report-a-mistake", "report-a-problem",
    "results-heading", "search", "search-failed", "search-help", "search-help-heading",
    "search-more", "search-more-row", "search-needs-javascript", "search-none", "search-page",
    "search-page-q", "search-results", "search-status", "server", "share-label", "site-search",
    "site-search-q", "standard", "term-title", "top", "what-you-can-do", "where-it-appears",
    "who-for", "words-used",
    # The share panel, the home page's list by condition, the main message box, the questions
    # page, the search page of the export, the condition pages and the page for clinicians,
    # the handouts, the About page's clinical review, and the printed tools' fields.
    "avs-help", "avs-text", "by-condition", "main-message-heading", "question-actions",
    "questions-count", "search-answer", "search-words", "codes-heading",
    "for-clinicians-heading", "handouts-heading", "infobutton-heading", "pages-heading",
    "sources-heading", "handout-covers", "handout-timeline", "clinical-review", "sheet-title",
    "call-team", "caregiver", "caregiver-2", "center", "date", "doctor", "family-doctor",
    "my-treatment", "name", "nurse", "other-people", "pharmacy", "product", "specialist", "team",
    "team-day", "team-night", "wallet-card-title", "wallet-date", "wallet-team",
    # The home page's tools to print, and the thermometer on the temperature log.
    "home-tools-heading", "thermometer-title",
})  # fmt: skip
# Ids and names the scripts make or read: the JSON block of their words (json_script), the
# status line site.js adds, and the namespace they share on window.
SCRIPT_IDS = frozenset(
    {
        "ui-strings",
        "copy-status",
        "glossary-popover",
        "glossary-popover-title",
        "glossary-popover-text",
        "carteducation",
    }
)
RESERVED_IDS = TEMPLATE_IDS | SCRIPT_IDS
PREFIX = "part-"


def content_id(value):
    """The id a content heading gets for value: value itself, unless the site uses it."""
    return PREFIX + value if value.lower() in RESERVED_IDS else value


def reserved(value):
    return value.strip().lower() in RESERVED_IDS
