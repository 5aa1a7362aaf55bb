"""Search across everything a patient can read: article sections, glossary terms (names,
aliases and full explanations), the questions page and the pages about the site.

By role:
- analysis: a query as typed (parse_query) and a page's words as the index keeps them: folded
  (case and accents ignored), stemmed with the language's Snowball stemmer, hyphenated words
  also joined ("CAR-T" as "cart");
- documents: what can be found (the only module here that reaches Django);
- index: the words of every Document, built once per library (get_index);
- ranking: which pages answer a query, in which order, and what each result shows;
- suggestions: "did you mean", the closest spelling the site itself uses;
- synonyms (the editors' file), passages (a page as headings and the text under them),
  highlight (the words to mark, as pieces, never as HTML).

Searches stay private: nothing here, nor the view that calls it, logs, stores or sends a query
anywhere (see articles.views.search).
"""

from .analysis import MAX_QUERY_LENGTH, Query, parse_query
from .documents import Document, build_documents
from .index import SearchIndex, get_index, synonym_problems
from .ranking import MAX_RESULTS, Found, Result

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_RESULTS",
    "Document",
    "Found",
    "Query",
    "Result",
    "SearchIndex",
    "build_documents",
    "get_index",
    "parse_query",
    "synonym_problems",
]
