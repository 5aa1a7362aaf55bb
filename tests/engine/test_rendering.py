"""The Markdown pipeline: Markdown in, sanitised HTML with citations and heading links out."""

import json
import pickle

import pytest

from engine.documents import Reference
from engine.rendering import Rendered, render_markdown
from engine.sanitize import clean

REFS = {
    "one": Reference(key="one", title="First", doi="10.1/one"),
    "two": Reference(key="two", title="Second", url="https://example.org/two"),
}


def test_citation_becomes_numbered_link_to_the_source_list():
    rendered = render_markdown("A fact [@one].", references=REFS, anchor_prefix="part-")
    assert '<a class="cite-link" href="#part-source-1">' in rendered.html
    assert rendered.cited == ["one"]


def test_citations_are_numbered_in_order_of_first_use():
    rendered = render_markdown("A [@two]. B [@one; @two].", references=REFS)
    assert rendered.cited == ["two", "one"]
    assert 'href="#source-2"' in rendered.html


def test_unknown_citation_is_reported_and_shown_as_missing():
    rendered = render_markdown("A fact [@nobody].", references=REFS)
    assert rendered.missing_citations == ["nobody"]
    assert "[source missing]" in rendered.html


@pytest.mark.parametrize(
    ("language", "read_out", "missing"),
    [("en", "Source 1", "[source missing]"), ("es", "Fuente 1", "[falta la fuente]")],
)
def test_a_citation_is_read_out_and_marked_missing_in_the_page_s_language(
    language, read_out, missing
):
    rendered = render_markdown(
        "A fact [@one]. Another [@nobody].", references=REFS, language=language
    )
    assert f'<span class="visually-hidden">{read_out[:-2]} </span>1' in rendered.html
    assert missing in rendered.html


def test_headings_get_ids_and_a_link_to_themselves():
    rendered = render_markdown("## Short-term risks\n\nText.")
    assert '<h2 id="short-term-risks">' in rendered.html
    assert 'href="#short-term-risks"' in rendered.html
    assert rendered.toc[0]["id"] == "short-term-risks"


def test_tables_are_rendered():
    rendered = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in rendered.html
    assert "<td>1</td>" in rendered.html


def test_prose_text_leaves_out_headings_and_citation_numbers():
    rendered = render_markdown("## Heading\n\nOne sentence [@one].\n\n- An item.", references=REFS)
    assert "Heading" not in rendered.text
    assert "1" not in rendered.text
    assert "One sentence" in rendered.text
    assert "An item." in rendered.text


def test_each_render_starts_fresh():
    first = render_markdown("A [@one].", references=REFS)
    second = render_markdown("B [@two].", references=REFS)
    assert first.cited == ["one"]
    assert second.cited == ["two"]


def test_output_is_already_clean():
    rendered = render_markdown("Hello <b onclick='x()'>there</b> [link](javascript:alert(1))")
    assert clean(rendered.html) == rendered.html


def test_html_read_back_as_text_is_sanitised_again():
    # The render cache keeps renders as JSON text: whatever a row says, a script never comes back.
    data = render_markdown("!!! care call-911\n").as_dict()
    data = json.loads(json.dumps(data))
    data["html"] = '<p>Fine.</p><script>alert(1)</script><a href="javascript:x()">go</a>'
    data["cards"] = [{"level": "urgent", "html": "<img src=x onerror=alert(1)>", "name": "x"}]
    again = Rendered.from_dict(data)
    assert "<script" not in again.html and "javascript:" not in again.html
    assert "onerror" not in again.cards[0].html


def test_html_from_the_render_process_is_kept_as_it_came():
    # What the site's own render process sends (over its pipe, as pickled Html) was sanitised
    # last thing in render_markdown: taking it as it is gives the same page, without a second pass.
    text = "A fact [@one], about [CD19](https://example.org/cd19)."
    rendered = render_markdown(text, references=REFS)
    data = pickle.loads(pickle.dumps(rendered.as_dict()))
    again = Rendered.from_dict(data)
    assert again.html is data["html"]
    assert again.html == clean(again.html) == rendered.html
