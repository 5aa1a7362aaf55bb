"""Loading a content tree into the in-memory library."""

import os

from engine import load_library

ARTICLE = """\
---
title: Test article
summary: A summary.
key_points: [One, Two]
published: 2025-01-01
last_reviewed: 2026-01-01
next_review: 2027-01-01
---
Intro text.
"""


def section(slug, order, body="Some text."):
    front = (
        f"title: Section {slug}\nslug: {slug}\norder: {order}\n"
        "in_short: In short.\nlast_reviewed: 2026-01-01\n"
    )
    return f"---\n{front}---\n{body}\n"


def write(root, name, text):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_tree(root):
    write(root, "articles/demo/article.md", ARTICLE)
    write(root, "articles/demo/02-b.md", section("second", 2))
    write(root, "articles/demo/01-a.md", section("first", 1, "Cites [@ref]."))
    write(root, "references.yaml", "- key: ref\n  title: A study\n  doi: 10.1/x\n")
    return root


def test_sections_are_ordered_by_their_order_key(tmp_path):
    library = load_library(make_tree(tmp_path))
    assert [s.slug for s in library.articles["demo"].sections] == ["first", "second"]


def test_several_articles_load(tmp_path):
    make_tree(tmp_path)
    write(tmp_path, "articles/other/article.md", ARTICLE.replace("Test article", "Other"))
    write(tmp_path, "articles/other/01-x.md", section("x", 1))
    library = load_library(tmp_path)
    assert set(library.articles) == {"demo", "other"}
    assert library.errors == []


def test_citation_resolves_to_the_reference(tmp_path):
    library = load_library(make_tree(tmp_path))
    first = library.articles["demo"].section("first")
    assert [ref.key for ref in first.sources] == ["ref"]
    assert first.sources[0].links == [("DOI", "https://doi.org/10.1/x")]


def test_unknown_citation_is_an_error_naming_file_and_line(tmp_path):
    make_tree(tmp_path)
    write(tmp_path, "articles/demo/01-a.md", section("first", 1, "Line one.\n\nCites [@nope]."))
    errors = load_library(tmp_path).errors
    assert [str(e) for e in errors] == [
        'articles/demo/01-a.md:10: error: the citation "nope" names no entry in references.yaml'
    ]


def test_changed_file_is_picked_up_on_next_load(tmp_path, settings):
    from engine.live import get_library

    settings.CONTENT_DIR = make_tree(tmp_path)
    settings.CONTENT_RELOAD_SECONDS = 0
    assert get_library().articles["demo"].section("second").title == "Section second"
    path = write(
        tmp_path, "articles/demo/02-b.md", section("second", 2).replace("Section second", "Renamed")
    )
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert get_library().articles["demo"].section("second").title == "Renamed"


def test_unchanged_files_are_not_rebuilt(tmp_path, settings):
    from engine.live import get_library

    settings.CONTENT_DIR = make_tree(tmp_path)
    settings.CONTENT_RELOAD_SECONDS = 0
    assert get_library() is get_library()


def test_library_keeps_reading_minutes_and_words(tmp_path):
    library = load_library(make_tree(tmp_path))
    first = library.articles["demo"].section("first")
    assert first.words == 1
    assert first.reading_minutes == 1


def test_terms_named_keeps_order_drops_repeats_and_unknown_slugs():
    from engine.live import get_library

    library = get_library()
    first, second = list(library.terms)[:2]
    named = library.terms_named([second, "no-such-term", first, second])
    assert [term.slug for term in named] == [second, first]
