"""The content engine: Markdown files in, a finished library of pages out.

The modules, in pipeline order:

    files.py        finds and reads content files (the only code that touches CONTENT_DIR)
    schema.py       front matter: the fields each kind of file may have, their types
    documents.py    Article, Section and Reference, the dataclasses pages are built from
    terms.py        glossary Term, its loading and checks
    rendering.py    Markdown -> HTML (citations.py for [@key], linking.py for glossary links)
    sanitize.py     nh3 allow-lists and the one clean(); always the last step
    library.py      builds the index of everything
    live.py         the library readers get (get_library): a new one built off the request path
                    when files have settled, and swapped in whole
    readability.py  reading grade and sentence length
    checks.py       the editors' checker (make check) on top of the library
    search.py       the site search index

Nothing here imports the `articles` or `glossary` apps: they use the engine, not the other way.
"""
