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
                    carecards.py for "!!! urgent" care cards; quickinline.py, Python-Markdown's
                    inline pass in less time)
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

Nothing here imports Django or the site's apps: they use the engine, not the other way. The
names below load their module when first used, so a render process (python -m engine.workers)
or a script that needs one module never imports the whole engine.
"""

import importlib

# module -> the names it gives the public face
_PUBLIC = {
    ".build": ("build_library", "load_library"),
    ".codes": ("CODE_SYSTEMS", "SYSTEM_OF_OID"),
    ".checks": ("check_content", "count", "load_and_check", "load_and_check_all", "summary"),
    ".checks.report": ("section_reports",),
    ".errors": ("ContentError",),
    ".files": ("find_content_files", "read_snapshot"),
    ".kinds": ("split_name",),
    ".languages": (
        "DEFAULT_LANGUAGE",
        "LANGUAGES",
        "SOURCE_LANGUAGE",
        "TRANSLATIONS",
        "get_language",
        "language_of_path",
        "other_languages",
        "url_name",
    ),
    ".library": ("Library",),
    ".live": (
        "get_library",
        "library_swapped",
        "one_look_per_request",
        "refresh",
        "start_watching",
    ),
    ".sanitize": ("Html", "json_ld"),
    ".search": ("MAX_QUERY_LENGTH", "get_index", "parse_query"),
    ".search.passages": ("passages_of", "plain"),
    ".terms": ("glossary_review", "group_by_letter", "index_review"),
    ".translations": ("mark_translated",),
    ".workers": ("close_workers",),
}
# A name the site uses under another name here: (module, its own name).
_RENAMED = {"SearchDocument": (".search", "Document")}
_WHERE = {name: (module, name) for module, names in _PUBLIC.items() for name in names}
_WHERE.update(_RENAMED)

__all__ = sorted([*_WHERE, "site"])


def __getattr__(name):
    if name == "site":
        return importlib.import_module(".site", __name__)
    try:
        module, own_name = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'engine' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module, __name__), own_name)
    globals()[name] = value  # looked up once
    return value


def __dir__():
    return __all__
