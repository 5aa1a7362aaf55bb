"""build_library re-renders only what a change touches, keeps a broken file's last good version,
and shares its renders with other processes through the render cache."""

import dataclasses
import subprocess
import sys
from pathlib import Path

from engine import build_library
from engine.files import read_snapshot
from tests.conftest import REFERENCES, SECOND_BODY, SLOW, article_text, section_text, term_text

FIRST = "articles/demo/01-first.md"
SECOND = "articles/demo/02-second.md"
ARTICLE = "articles/demo/article.md"
GADGET = "glossary/gadget.md"


def build(tree, previous=None, **options):
    return build_library(read_snapshot(tree.root), previous, **options)


def test_first_build_renders_every_file(content_dir):
    library = build(content_dir)
    assert library.build.rendered == {
        ARTICLE,
        FIRST,
        SECOND,
        "glossary/widget.md",
        GADGET,
    }


def test_nothing_changed_renders_nothing(content_dir):
    assert build(content_dir, build(content_dir)).build.rendered == set()


def test_edited_section_renders_only_that_section(content_dir):
    before = build(content_dir)
    content_dir.write(SECOND, section_text("second", 2, "New words for the second part.\n"))
    after = build(content_dir, before)
    assert after.build.rendered == {SECOND}
    assert "New words" in after.articles["demo"].section("second").html
    assert after.articles["demo"].section("first") is not None


def test_new_title_renders_nothing_but_shows(content_dir):
    before = build(content_dir)
    content_dir.write(SECOND, section_text("second", 2, SECOND_BODY, title="A better title"))
    after = build(content_dir, before)
    assert after.build.rendered == set()
    assert after.articles["demo"].section("second").title == "A better title"


def test_alias_no_section_mentions_renders_no_section(content_dir):
    before = build(content_dir)
    content_dir.write(GADGET, term_text("gadget", related=["widget"], aliases=["gizmo"]))
    after = build(content_dir, before)
    assert after.build.rendered == set()
    assert after.terms["gadget"].aliases == ["gizmo"]


def test_alias_a_section_mentions_renders_that_section(content_dir):
    before = build(content_dir)
    # The first section says "A widget is a small tool."
    content_dir.write(GADGET, term_text("gadget", related=["widget"], aliases=["tool"]))
    after = build(content_dir, before)
    assert after.build.rendered == {FIRST}
    assert "gadget" in after.articles["demo"].section("first").terms


def test_removed_term_renders_the_sections_that_linked_it(content_dir):
    before = build(content_dir)
    content_dir.remove("glossary/widget.md")
    content_dir.write(GADGET, term_text("gadget"))
    after = build(content_dir, before)
    assert after.build.rendered == {FIRST}
    assert after.articles["demo"].section("first").terms == []


def test_changed_reference_renders_the_pages_that_cite_it(content_dir):
    before = build(content_dir)
    content_dir.write("references.yaml", REFERENCES.replace("A demo study", "A renamed study"))
    after = build(content_dir, before)
    assert after.build.rendered == {FIRST}
    assert after.articles["demo"].section("first").sources[0].title == "A renamed study"


def test_edited_article_intro_renders_only_the_intro(content_dir):
    before = build(content_dir)
    content_dir.write(ARTICLE, article_text("A new introduction.\n"))
    after = build(content_dir, before)
    assert after.build.rendered == {ARTICLE}
    assert "A new introduction" in after.articles["demo"].intro_html


def test_every_front_matter_mistake_of_a_file_is_reported(content_dir):
    content_dir.write(
        SECOND,
        section_text("second", "two", in_short=None, last_reviewed="last week", colour="red"),
    )
    problems = [(p.line, p.message) for p in build(content_dir).problems if p.path == SECOND]
    assert (4, '"order" must be a whole number') in problems
    assert (1, 'the required key "in_short" is missing') in problems
    assert (5, '"last_reviewed" must be a date written YYYY-MM-DD') in problems
    assert (6, 'unknown key "colour" is ignored') in problems


# Broken files


def test_broken_file_keeps_its_last_good_version_and_others_still_change(content_dir):
    before = build(content_dir)
    content_dir.write(SECOND, section_text("second", "two"))
    content_dir.write(FIRST, section_text("first", 1, "The first part, corrected.\n"))
    after = build(content_dir, before)
    assert after.articles["demo"].section("second").title == "Section second"
    assert "corrected" in after.articles["demo"].section("first").html
    assert [(p.path, p.line) for p in after.errors] == [(SECOND, 4)]


def test_last_good_version_survives_a_restart(content_dir):
    build(content_dir)
    content_dir.write(SECOND, section_text("second", "two"))
    restarted = build(content_dir)  # no previous library: a new process, the same cache
    assert restarted.articles["demo"].section("second").title == "Section second"
    assert [(p.path, p.line) for p in restarted.errors] == [(SECOND, 4)]


def forked(library):
    """The library as a gunicorn worker gets it from its master: only what is the same whatever
    another process has seen since (engine.live, LiveLibrary._base)."""
    return dataclasses.replace(library, build=library.build.reusable())


def test_a_build_from_a_library_of_another_process_renders_only_what_changed(content_dir):
    master = build(content_dir)
    assert build(content_dir, forked(master)).build.rendered == set()
    content_dir.write(SECOND, section_text("second", 2, "New words for the second part.\n"))
    assert build(content_dir, forked(master)).build.rendered == {SECOND}


def test_a_build_from_a_library_of_another_process_takes_the_newest_good_version(content_dir):
    master = build(content_dir)
    # Another worker saw a newer good version of the part, then it broke.
    content_dir.write(SECOND, section_text("second", 2, "Words another worker saw.\n"))
    build(content_dir, master)
    content_dir.write(SECOND, section_text("second", "two"))
    after = build(content_dir, forked(master))
    assert "Words another worker saw" in after.articles["demo"].section("second").html
    assert [(p.path, p.line) for p in after.errors] == [(SECOND, 4)]


def test_file_too_slow_to_render_survives_a_restart(content_dir, settings):
    settings.CONTENT_RENDER_SECONDS = 2
    build(content_dir)
    content_dir.write(SECOND, section_text("second", 2, SLOW))
    restarted = build(content_dir)
    assert "the second thing" in restarted.articles["demo"].section("second").html
    [problem] = restarted.errors
    assert (problem.path, problem.line) == (SECOND, 8)
    assert "gave up turning this file into a page after 2 seconds" in problem.message


def test_deleted_file_broken_when_it_comes_back_is_left_out(content_dir):
    build(content_dir)
    content_dir.remove(SECOND)
    build(content_dir)
    content_dir.write(SECOND, section_text("second", "two"))
    assert build(content_dir).articles["demo"].section("second") is None


def test_file_never_good_is_left_out(content_dir):
    content_dir.write(SECOND, section_text("second", "two"))
    library = build(content_dir)
    assert library.articles["demo"].section("second") is None
    assert library.articles["demo"].section("first") is not None


def test_the_checker_reports_a_broken_file_not_its_last_good_version(content_dir):
    from engine.checks import check_content

    build(content_dir)
    content_dir.write(SECOND, section_text("second", "two"))
    findings = check_content(content_dir.root)
    [finding] = [f for f in findings if f.path == FIRST]
    assert finding.message.startswith('the link "/articles/demo/second/" leads to no page')


def test_reviewers_are_read_and_default_to_none(content_dir):
    reviewers = "reviewed_by:\n  - name: Dr Ada Demo\n    role: rheumatologist\n"
    content_dir.write(SECOND, section_text("second", 2).replace("---\n", "---\n" + reviewers, 1))
    library = build(content_dir)
    section = library.articles["demo"].section("second")
    assert section.reviewed_by == [{"name": "Dr Ada Demo", "role": "rheumatologist"}]
    assert library.articles["demo"].reviewed_by == []
    assert library.articles["demo"].section("first").reviewed_by == []


def test_term_review_date_is_optional(content_dir):
    content_dir.write(GADGET, term_text("gadget", related=["widget"], last_reviewed="2025-03-01"))
    library = build(content_dir)
    assert str(library.terms["gadget"].last_reviewed) == "2025-03-01"
    assert library.terms["widget"].last_reviewed is None


# The render cache, shared by processes

BUILD_IN_ANOTHER_PROCESS = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "carteducation.settings"
os.environ["RENDER_CACHE_PATH"] = sys.argv[2]
django.setup()
from engine.files import read_snapshot
from engine import build_library
print(sorted(build_library(read_snapshot(sys.argv[1])).build.rendered))
"""


def test_render_cache_is_shared_with_another_process(content_dir, render_cache):
    project = Path(__file__).resolve().parents[2]
    other = subprocess.run(
        [sys.executable, "-c", BUILD_IN_ANOTHER_PROCESS, str(content_dir.root), render_cache],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    assert FIRST in other.stdout
    assert build(content_dir).build.rendered == set()


def test_without_a_cache_every_build_renders(content_dir, settings):
    settings.RENDER_CACHE_PATH = ""
    build(content_dir)
    assert build(content_dir).build.rendered == {
        ARTICLE,
        FIRST,
        SECOND,
        "glossary/widget.md",
        GADGET,
    }
