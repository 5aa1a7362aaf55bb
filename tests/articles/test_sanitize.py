"""The sanitiser removes what could run script in a reader's browser. Its full hostile-input
table lives in test_hostile_markdown.py; these are the basic promises."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template

from engine.rendering import render_markdown
from engine.sanitize import clean


def test_raw_script_is_removed_with_its_content():
    html = render_markdown("Before\n\n<script>alert('x')</script>\n\nAfter").html
    assert "<script" not in html
    assert "alert" not in html
    assert "After" in html


def test_javascript_link_is_removed():
    html = render_markdown("[click](javascript:alert(1))").html
    assert "javascript:" not in html
    assert "click" in html


def test_event_handler_attribute_is_removed():
    html = render_markdown('<p onclick="alert(1)" onmouseover="alert(2)">Hi</p>').html
    assert "onclick" not in html
    assert "onmouseover" not in html
    assert "Hi" in html


def test_style_attribute_is_removed():
    assert "style" not in clean('<p style="position:fixed">x</p>')


def test_outside_image_is_not_loaded():
    html = clean('<img src="https://tracker.example/pixel.png" alt="x">')
    assert "tracker.example" not in html


def test_unknown_class_is_removed_but_site_classes_stay():
    html = clean('<a href="/x" class="term evil">x</a>')
    assert 'class="term"' in html
    assert "evil" not in html


def test_https_and_mailto_links_stay():
    html = clean('<a href="https://clinicaltrials.gov/">a</a><a href="mailto:a@b.c">b</a>')
    assert 'href="https://clinicaltrials.gov/"' in html
    assert 'href="mailto:a@b.c"' in html


def test_sanitised_html_is_shown_as_is_and_any_other_text_is_escaped():
    template = Template("{{ cleaned }} {{ plain }}")
    shown = template.render(Context({"cleaned": clean("<em>a</em>"), "plain": "<em>b</em>"}))
    assert shown == "<em>a</em> &lt;em&gt;b&lt;/em&gt;"


def test_html_is_declared_safe_in_one_place_only():
    # engine.sanitize.Html is the only text templates show unescaped: no mark_safe, no |safe.
    root = Path(__file__).resolve().parents[2]
    code = [
        path
        for folder in ("engine", "web", "articles", "glossary", "pages", "carteducation")
        for path in (root / folder).rglob("*.py")
    ]
    declaring = [
        path.relative_to(root).as_posix()
        for path in code
        if re.search(r"mark_safe|SafeString|def __html__", path.read_text(encoding="utf-8"))
    ]
    assert declaring == ["engine/sanitize.py"]
    templates = (root / "templates").rglob("*.html")
    assert not [path.name for path in templates if "|safe" in path.read_text(encoding="utf-8")]


# Markup the standard library's HTML parser raises on ("<![" starts a marked section it asserts
# about): reporting what the sanitiser removed must not turn it into a crash.
@pytest.mark.parametrize(
    "body",
    ["<noscript><![javascript:", "<![", "<![CDATA[<script>", "<!--", '<a href="x', "<<<>>>"],
)
def test_markup_the_standard_parser_rejects_is_rendered(body):
    rendered = render_markdown(body)
    assert "<script" not in str(rendered.html)


def test_removed_tags_and_attributes_are_reported_with_markup_that_breaks_parsers():
    rendered = render_markdown('Hi <span onclick="x">there</span>\n\n<noscript><![javascript:')
    assert ["tag", "noscript"] in rendered.removed
    assert ["attribute", "span", "onclick", "x"] in rendered.removed
