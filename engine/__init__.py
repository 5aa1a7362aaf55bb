"""The content engine: Markdown files in, a finished library of pages out.

The modules, in pipeline order:

    files.py        finds and reads content files (the only code that touches CONTENT_DIR)
    kinds.py        the registry of kinds of file (article, section, term, references), and
                    of languages: English at the top of the folder, Spanish in es/ (split_name)
    schema.py       front matter: field kinds, declared on the dataclasses, and validate()
    parsing.py      one file's bytes -> its checked front matter and body (ParsedFile)
    documents.py    Article, Section and Reference, the dataclasses pages are built from
    terms.py        glossary Term, its checks, where terms appear
    renders.py      what each render depends on; reused from before, the cache, or rendered
    workers.py      render processes, each file under the CONTENT_RENDER_SECONDS budget
    cache.py        the SQLite render cache shared by every process, and last good versions
    rendering.py    Markdown -> HTML (citations.py for [@key], linking.py for glossary links,
                    carecards.py for "!!! urgent" care cards)
    sanitize.py     nh3 allow-lists and the one clean(); always the last step
    library.py      builds the index of everything (build_library)
    live.py         the library readers get (get_library): a new one built off the request path
                    when files have settled, and swapped in whole
    readability.py  reading scores (Flesch-Kincaid grade; INFLESZ in Spanish) and sentence length
    languages.py    what differs between languages: plurals, stop words, stemming, A–Z, dates
    checks.py       the editors' checker (make check) on top of the library
    translations.py translated files against their English ones: stale, orphaned, missing;
                    mark_translated
    search/         the site search, by role: analysis, documents, index, ranking,
                    suggestions ("did you mean"), synonyms, passages, highlight

Nothing here imports the `articles` or `glossary` apps: they use the engine, not the other way.
"""
