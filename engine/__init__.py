"""The content engine: Markdown files in, a finished library of pages out.

It knows nothing of Django: the site installs what it needs (engine.site: the content folder,
the limits, and how pages are named and found) at startup, in web/engine_site.py. The site
imports the engine from here, its public face; the modules, in pipeline order:

    languages/      the one table of languages: route words, names, plurals, stop words,
                    stemming, A–Z, dates, reading-level formulas (english.py, spanish.py)
    site.py         what the engine needs from the site around it (installed at startup)
    files.py        finds and reads content files (the only code that touches the folder)
    kinds.py        the registry of kinds of file (article, section, term, references,
                    synonyms), and which language a file is in (split_name)
    schema.py       front matter: field kinds, declared on the dataclasses, and validate()
    parsing.py      one file's bytes -> its checked front matter and body (ParsedFile)
    documents.py    Article, Section and Reference, the dataclasses pages are built from
    terms.py        glossary Term, its checks, where terms appear
    renders.py      what each render depends on; reused from before, the cache, or rendered
    workers.py      render processes, each file under the render time budget
    cache.py        the SQLite render cache shared by every process, and last good versions
    rendering.py    Markdown -> HTML (citations.py for [@key], linking.py for glossary links,
                    carecards.py for "!!! urgent" care cards)
    sanitize.py     nh3 allow-lists and the one clean(); always the last step. Html, the only
                    text templates show unescaped
    assemble.py     parsed and rendered files -> Article, Section, Term, Reference
    build.py        one build of a library (build_library, load_library), incremental
    library.py      the Library: one language's pages, problems, and what the next build reuses
    live.py         the library readers get (get_library): a new one built off the request path
                    when files have settled, and swapped in whole
    readability.py  reading scores (by each language's formula) and long sentences
    checks/         the editors' checker (make check), one module per kind of check
    translations.py translated files against their English ones: stale, orphaned, missing;
                    mark_translated
    search/         the site search, by role: analysis, documents, index, ranking,
                    suggestions ("did you mean"), synonyms, passages, highlight

Nothing here imports Django or the site's apps: they use the engine, not the other way.
"""

from . import site
from .build import build_library, load_library
from .checks import check_content, count, load_and_check, load_and_check_all, summary
from .checks.report import section_reports
from .errors import ContentError
from .files import find_content_files, read_snapshot
from .kinds import split_name
from .languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    SOURCE_LANGUAGE,
    TRANSLATIONS,
    get_language,
    language_of_path,
    other_languages,
    url_name,
)
from .library import Library
from .live import get_library, library_built, library_swapped, refresh, start_watching
from .sanitize import Html, json_ld
from .search import MAX_QUERY_LENGTH, get_index, parse_query
from .search import Document as SearchDocument
from .search.passages import passages_of, plain
from .terms import glossary_review, group_by_letter, index_review
from .translations import mark_translated

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "MAX_QUERY_LENGTH",
    "SOURCE_LANGUAGE",
    "TRANSLATIONS",
    "ContentError",
    "Html",
    "Library",
    "SearchDocument",
    "build_library",
    "check_content",
    "count",
    "find_content_files",
    "get_index",
    "get_language",
    "get_library",
    "glossary_review",
    "group_by_letter",
    "index_review",
    "json_ld",
    "language_of_path",
    "library_built",
    "library_swapped",
    "load_and_check",
    "load_and_check_all",
    "load_library",
    "mark_translated",
    "other_languages",
    "parse_query",
    "passages_of",
    "plain",
    "read_snapshot",
    "refresh",
    "section_reports",
    "site",
    "split_name",
    "start_watching",
    "summary",
    "url_name",
]
