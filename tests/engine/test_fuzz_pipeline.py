"""Property-based fuzzing of the whole pipeline (Markdown, citations, glossary linking, sanitising):
whatever the text, the output is clean, and sanitising it again changes nothing."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from engine.rendering import render_markdown
from engine.sanitize import clean

from .test_hostile_markdown import GLOSSARY, problems_in

pytestmark = pytest.mark.slow  # hundreds of generated texts through the pipeline

# Pieces that matter to Markdown, HTML, the sanitiser and the site's own extensions, so random
# text hits the interesting places far more often than plain random characters would.
FRAGMENTS = [
    "<", ">", "</", "/>", "=", '"', "'", "`", "```", "&", "&#", "&#x", ";", "&colon;", "&lt;",
    "\n", "\n\n", "    ", "\t", "\x00", "\x0b", "\u200b", "\u2028", " ",
    "[", "]", "(", ")", "](", "![", "[1]: ", "[@", "[[", "]]", "|", "!", "*", "_", "#", "## ",
    "- ", "1. ", "> ", "---", "| a |\n|:-|\n", "<!--", "-->", "<![CDATA[", "]]>",
    "script", "javascript:", "JaVaScRiPt:", "vbscript:", "data:text/html,", "java\tscript:",
    "alert(1)", "on", "onerror", "onclick", "style", "href", "src", "xlink:href", "srcdoc",
    "<a href=", "<img src=", "<script>", "</script>", "<svg>", "<math>", "<mglyph>", "<mtext>",
    "<style>", "</style>", "<noscript>", "<template>", "<iframe", "<object", "<embed", "<form",
    "<base", "<meta", "<textarea>", "<table>", "<p ", "<div markdown=1>", "<abbr title=",
    "lymphocyte", "B cell", "CAR-T", "/static/img/favicon.svg", "https://example.org/",
    "mailto:a@b.c", "/glossary/", "#top",
]  # fmt: skip

markdown_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_text)
def test_pipeline_output_is_always_clean(text):
    assert problems_in(render_markdown(text, glossary=GLOSSARY).html) == []


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_text)
@example("&#xD")  # a carriage return by reference once came out bare, and the next parse changed it
def test_sanitising_the_output_again_changes_nothing(text):
    html = render_markdown(text, glossary=GLOSSARY).html
    assert clean(html) == html


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text_renders_clean(text):
    html = render_markdown(text, glossary=GLOSSARY).html
    assert problems_in(html) == []
    assert clean(html) == html


def test_blank_text_renders_to_nothing():
    # Found by the fuzzing above: blank text skipped the step that collects the prose.
    for text in ["", "   ", "\n\n"]:
        rendered = render_markdown(text, glossary=GLOSSARY)
        assert (rendered.html, rendered.text) == ("", "")
