"""Content cannot take an id the site's own pages or scripts use (engine/ids.py): a heading whose
words would make one gets "part-" in front, an id written in raw HTML that is one is removed, and
the scripts find their words as a JSON block and keep a namespace content cannot stand in for.
Every other heading keeps its id, so links saved to a part of a page keep working."""

import re
from pathlib import Path

import pytest

from engine import get_library
from engine.ids import PREFIX, RESERVED_IDS
from engine.rendering import render_markdown

ROOT = Path(__file__).resolve().parents[2]  # the project: tests/engine/ is two folders down


def ids(html):
    return re.findall(r'\sid="([^"]*)"', str(html))


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("UI strings", "part-ui-strings"),
        ("Carteducation", "part-carteducation"),
        ("Top", "part-top"),
        ("Main content", "part-main-content"),
        ("Search", "part-search"),
        ("Glossary popover", "part-glossary-popover"),
        ("Copy status", "part-copy-status"),
        ("What happens next", "what-happens-next"),
        ("Searching for a trial", "searching-for-a-trial"),
    ],
)
def test_a_heading_never_takes_an_id_of_the_page_itself(heading, expected):
    html = render_markdown(f"## {heading}\n\nText.\n").html
    assert ids(html) == [expected]
    assert f'href="#{expected}"' in str(html)  # its "Copy link" leads to it


@pytest.mark.parametrize(
    "raw",
    [
        '<sup id="ui-strings">1</sup>',
        '<h2 id="carteducation">Words</h2>',
        '<li id="TOP">x</li>',
        '<h3 id=" main-content ">x</h3>',
        '<h4 id="glossary-q">x</h4>',
        '<sup id="copy-status">x</sup>',
    ],
)
def test_an_id_of_the_page_itself_written_in_html_is_removed(raw):
    html = str(render_markdown(f"Text.\n\n{raw}\n").html)
    assert [value for value in ids(html) if value.strip().lower() in RESERVED_IDS] == []


def test_every_id_the_templates_write_is_reserved():
    written = set()
    for template in (ROOT / "templates").rglob("*.html"):
        written.update(re.findall(r'\bid="([a-z][a-z0-9-]*)"', template.read_text()))
    for script in (ROOT / "static" / "js").glob("*.js"):
        written.update(re.findall(r'\.id = "([a-z][a-z0-9-]*)"', script.read_text()))
    written.add("ui-strings")  # base.html's json_script block
    assert written - RESERVED_IDS == set()
    assert not any(value.startswith(PREFIX) for value in RESERVED_IDS)


def test_no_heading_of_the_shipped_content_changed_its_id():
    # Every anchor a reader may have saved still leads to its heading.
    for language in ("en", "es"):
        library = get_library(language)
        for article in library.articles.values():
            for section in article.sections:
                assert [i for i in ids(section.html) if i.startswith(PREFIX)] == []


def test_the_scripts_find_their_words_as_a_json_block_and_keep_their_own_namespace():
    script = (ROOT / "static" / "js" / "ui-text.js").read_text()
    assert 'script[type="application/json"]#ui-strings' in script
    assert 'hasOwnProperty.call(window, "carteducation")' in script
    assert 'getElementById("ui-strings")' not in script
