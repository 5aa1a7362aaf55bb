"""check_content: each mistake an editor can make, found and explained with its file and line,
and the running site carrying on (no traceback, no 500) with the mistake in place."""

import datetime
import io
import os

import pytest
from django.core.management import call_command

from engine import load_library
from engine.checks import check_content
from engine.live import get_library
from engine.readability import long_sentences, reading_grade
from tests.conftest import CRASH, FIXTURE_SITE, NEXT_REVIEW, article_text, section_text, term_text

SECOND = "articles/demo/02-second.md"
THIRD = "articles/demo/03-third.md"
ARTICLE = "articles/demo/article.md"
WIDGET = "glossary/widget.md"
BODY_LINE = 8  # section_text(): six lines of front matter between two --- lines, then the body
LONG_SENTENCE = " ".join(["This sentence has far too many words in it"] * 3) + "."
HARD_WORDS = (
    "Immunosuppressive pharmacological interventions demonstrate considerable "
    "heterogeneity regarding therapeutic effectiveness.\n"
)


def body(text):
    return section_text("second", 2, text)


# (file, what it says, line, level, the message, or a part of it)
MISTAKES = [
    pytest.param(
        SECOND,
        section_text("second", 2, titel="Oops"),
        7,
        "warning",
        'unknown key "titel" is ignored; did you mean "title"?',
        id="unknown-key",
    ),
    pytest.param(
        SECOND,
        section_text("second", 2, in_short=None),
        1,
        "error",
        'the required key "in_short" is missing',
        id="missing-key",
    ),
    pytest.param(
        SECOND,
        section_text("second", "two"),
        4,
        "error",
        '"order" must be a whole number',
        id="wrong-type",
    ),
    pytest.param(
        SECOND,
        section_text("second", 2, last_reviewed="2026-02-30"),
        6,
        "error",
        '"2026-02-30" is not a real date; write it as YYYY-MM-DD',
        id="impossible-date",
    ),
    pytest.param(
        SECOND,
        section_text("second", 2, last_reviewed="last week"),
        6,
        "error",
        '"last_reviewed" must be a date written YYYY-MM-DD',
        id="not-a-date",
    ),
    pytest.param(
        THIRD,
        section_text("second", 3),
        3,
        "error",
        "the slug is already used by articles/demo/02-second.md; this section is left out",
        id="duplicate-slug",
    ),
    pytest.param(
        THIRD,
        section_text("third", 2),
        4,
        "error",
        "the order is already used by articles/demo/02-second.md; this section is left out",
        id="duplicate-order",
    ),
    pytest.param(
        SECOND,
        body("First line.\n\nThis cites [@nobody2020].\n"),
        BODY_LINE + 2,
        "error",
        'the citation "nobody2020" names no entry in references.yaml',
        id="missing-citation",
    ),
    pytest.param(
        WIDGET,
        term_text("widget", related=["gadget", "sprocket"]),
        4,
        "error",
        'the related term "sprocket" names no glossary term',
        id="missing-related-term",
    ),
    pytest.param(
        SECOND,
        body("A [[sprocket]] is not a term.\n"),
        BODY_LINE,
        "error",
        "[[sprocket]] names no glossary term",
        id="missing-forced-term",
    ),
    pytest.param(
        "stray.md",
        "Notes to self.\n",
        0,
        "warning",
        "the site does not use this file (is it in the right folder?)",
        id="file-in-wrong-folder",
    ),
    pytest.param(
        SECOND,
        body("Text.\n\nSee [the first part](../first/).\n"),
        BODY_LINE + 2,
        "error",
        'the link "../first/" is relative, so it breaks when the page moves or is printed; '
        'write the whole path from the site root, like "/articles/demo/first/"',
        id="relative-link",
    ),
    pytest.param(
        SECOND,
        body("See [the first part](/articles/demo/frist/).\n"),
        BODY_LINE,
        "error",
        'the link "/articles/demo/frist/" leads to no page on this site; '
        'did you mean "/articles/demo/first/"?',
        id="link-to-no-page",
    ),
    pytest.param(
        SECOND,
        body("See [a term](/glossary/sprocket/).\n"),
        BODY_LINE,
        "error",
        'the link "/glossary/sprocket/" leads to no page on this site',
        id="link-to-no-term",
    ),
    pytest.param(
        SECOND,
        body("See [the details](/articles/demo/first/#detials).\n"),
        BODY_LINE,
        "error",
        'the link "/articles/demo/first/#detials" goes to "#detials", but no heading on that '
        'page has that id; did you mean "#details"?',
        id="anchor-on-another-page",
    ),
    pytest.param(
        SECOND,
        body("## Later\n\nJump [down](#latre).\n"),
        BODY_LINE + 2,
        "error",
        'the link "#latre" goes to "#latre", but no heading on that page has that id; '
        'did you mean "#later"?',
        id="anchor-on-the-same-page",
    ),
    pytest.param(
        SECOND,
        body("See [the first part](/articles/demo/first).\n"),
        BODY_LINE,
        "warning",
        'the link "/articles/demo/first" needs a / at the end: "/articles/demo/first/"',
        id="link-without-slash",
    ),
    pytest.param(
        SECOND,
        body("![](/static/img/favicon.svg)\n"),
        BODY_LINE,
        "error",
        "the image has no alt text: describe it inside the square brackets",
        id="image-without-alt",
    ),
    pytest.param(
        SECOND,
        body("![A chart of results](/static/img/no-such-chart.png)\n"),
        BODY_LINE,
        "error",
        'the image "/static/img/no-such-chart.png" is not in static/',
        id="image-not-in-static",
    ),
    pytest.param(
        SECOND,
        body("![A chart of results](https://example.com/chart.png)\n"),
        BODY_LINE,
        "warning",
        'the image "https://example.com/chart.png" is not on this site',
        id="image-from-another-site",
    ),
    pytest.param(
        SECOND,
        body("Text.\n\n<script>alert(1)</script>\n"),
        BODY_LINE + 2,
        "warning",
        "the HTML tag <script> is not allowed; the site removes it, so it will not show",
        id="script-tag",
    ),
    pytest.param(
        SECOND,
        body('<p style="color: red">Red text.</p>\n'),
        BODY_LINE,
        "warning",
        'the HTML attribute style="color: red" on <p> is not allowed; the site removes it',
        id="style-attribute",
    ),
    pytest.param(
        SECOND,
        body("[Click](javascript:alert(1))\n"),
        BODY_LINE,
        "warning",
        'the link address "javascript:alert(1)" is not allowed (only http, https and mailto)',
        id="javascript-link",
    ),
    pytest.param(
        SECOND,
        body("Text.\n\n# A second title\n"),
        BODY_LINE + 2,
        "warning",
        'a "#" heading: the page title is already the main heading; start headings with "##"',
        id="top-level-heading",
    ),
    pytest.param(
        WIDGET,
        term_text("widget", body="See also [[gadget]].\n", related=["gadget"]),
        7,
        "warning",
        '"[[gadget]]" shows on the page as typed: glossary marks work only in section files',
        id="glossary-mark-in-a-term",
    ),
    pytest.param(
        SECOND,
        body(f"A short one.\n\n{LONG_SENTENCE}\n"),
        BODY_LINE + 2,
        "suggestion",
        'a sentence of 27 words ("This sentence has far too many …"); '
        "sentences of at most 25 words are easier to follow",
        id="long-sentence",
    ),
    pytest.param(
        SECOND,
        section_text("second", 2, in_short=LONG_SENTENCE),
        5,
        "suggestion",
        "a sentence of 27 words",
        id="long-sentence-in-front-matter",
    ),
    pytest.param(
        SECOND,
        body(HARD_WORDS),
        2,
        "warning",
        "above the ceiling of 8: use shorter sentences and everyday words",
        id="reading-grade",
    ),
    pytest.param(
        ARTICLE,
        article_text(next_review="2020-01-01"),
        9,
        "warning",
        "review overdue: it was due on 2020-01-01; check the article, then update "
        "last_reviewed and next_review",
        id="review-overdue",
    ),
    pytest.param(
        ARTICLE,
        article_text(last_reviewed="2099-01-01", next_review="2099-06-01"),
        8,
        "warning",
        "last_reviewed (2099-01-01) is in the future; write the date of the last review",
        id="review-in-the-future",
    ),
    pytest.param(
        ARTICLE,
        article_text(last_reviewed=(NEXT_REVIEW + datetime.timedelta(days=1)).isoformat()),
        9,
        "warning",
        f"next_review ({NEXT_REVIEW:%Y-%m-%d}) is before last_reviewed",
        id="next-review-before-last",
    ),
    pytest.param(
        ARTICLE,
        article_text(handout_sections=["secnd"]),
        10,
        "warning",
        'handout_sections names "secnd", which is not a section of this article with '
        "questions, so the handout leaves it out",
        id="handout-section-unknown",
    ),
]


def finding_for(findings, name, line, level, message):
    return next(
        (
            f
            for f in findings
            if (f.path, f.line, f.level) == (name, line, level) and message in f.message
        ),
        None,
    )


def test_demo_content_is_clean(content_dir):
    assert check_content(content_dir.root) == []


@pytest.mark.parametrize(("name", "text", "line", "level", "message"), MISTAKES)
def test_checker_explains_the_mistake(content_dir, name, text, line, level, message):
    content_dir.write(name, text)
    findings = check_content(content_dir.root)
    assert finding_for(findings, name, line, level, message), [str(f) for f in findings]


@pytest.mark.slow  # every mistake above, twice, through the whole site: make test runs it
@pytest.mark.parametrize("debug", [True, False], ids=["debug", "production"])
@pytest.mark.parametrize(("name", "text", "line", "level", "message"), MISTAKES)
def test_site_keeps_serving_with_the_mistake(
    client, settings, content_dir, debug, name, text, line, level, message
):
    settings.DEBUG = debug
    content_dir.write(name, text)
    errors = get_library().errors
    for url in ["/", "/articles/demo/", "/articles/demo/first/", "/glossary/gadget/"]:
        response = client.get(url)
        page = response.content.decode()
        assert "Traceback" not in page
        if debug and errors and response.status_code == 503:
            # Development: the page of a file with a mistake shows the mistake instead.
            assert url != "/" and any(error.path in page for error in errors)
        else:
            # Every other page is served; in development, with a banner naming the mistakes.
            assert response.status_code == 200
            banner = "Shown only in development" in page
            assert banner == (debug and bool(errors))
            assert all(error.path in page for error in errors) or not banner


def test_all_front_matter_errors_in_a_file_are_reported_at_once(content_dir):
    content_dir.write(SECOND, section_text("second", "two", last_reviewed="soon"))
    messages = [(f.line, f.message) for f in check_content(content_dir.root) if f.path == SECOND]
    assert (4, '"order" must be a whole number') in messages
    assert (6, '"last_reviewed" must be a date written YYYY-MM-DD') in messages


def test_link_to_a_draft_is_a_warning(content_dir):
    content_dir.write(THIRD, section_text("third", 3, draft="true"))
    content_dir.write(SECOND, body("Read [the third part](/articles/demo/third/).\n"))
    findings = check_content(content_dir.root)
    assert finding_for(
        findings,
        SECOND,
        BODY_LINE,
        "warning",
        "leads to a draft, which the live site does not show",
    )


def test_drafts_are_checked_too(content_dir):
    content_dir.write(THIRD, section_text("third", 3, "See [x](../first/).\n", draft="true"))
    findings = check_content(content_dir.root)
    assert finding_for(findings, THIRD, 9, "error", 'the link "../first/" is relative')


def test_link_to_a_source_number_on_the_page_is_fine(content_dir):
    content_dir.write(
        SECOND, body("Read [the first source](/articles/demo/first/#first-source-1).\n")
    )
    assert check_content(content_dir.root) == []


def test_link_to_a_section_on_the_whole_article_page_is_fine(content_dir):
    content_dir.write(SECOND, body("Read [it all](/articles/demo/all/#first).\n"))
    assert check_content(content_dir.root) == []


def test_links_to_other_sites_are_not_checked(content_dir):
    content_dir.write(
        SECOND, body("Ask [NCI](https://www.cancer.gov/no-such-page) or [us](mailto:a@b.org).\n")
    )
    assert check_content(content_dir.root) == []


def test_reading_grade_names_the_grade_and_the_ceiling(content_dir, settings):
    settings.READING_GRADE_CEILING = 8
    content_dir.write(SECOND, body(HARD_WORDS))
    grade = load_library(content_dir.root).articles["demo"].section("second").reading_grade
    [finding] = [f for f in check_content(content_dir.root) if f.path == SECOND]
    assert finding.message.startswith(f"the reading grade is {grade:.1f}, above the ceiling of 8:")


def test_reading_grade_ceiling_is_a_setting(content_dir, settings):
    settings.READING_GRADE_CEILING = -5  # Flesch-Kincaid goes below 0 for the simplest text
    findings = check_content(content_dir.root)
    assert {f.path for f in findings if "reading grade" in f.message} == {
        "articles/demo/01-first.md",
        SECOND,
    }


def test_link_to_a_folder_outside_is_a_warning(content_dir, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.symlink(outside, content_dir.path("articles/linked"))
    findings = check_content(content_dir.root)
    assert finding_for(
        findings, "articles/linked", 0, "warning", "this folder is a link; the site never follows"
    )


def test_file_that_crashes_the_renderer_is_named(content_dir, settings):
    nested = "".join("  " * level + "- Deeper.\n" for level in range(600))
    content_dir.write(SECOND, body(CRASH + "Deeply nested.\n\n" + nested))
    findings = check_content(content_dir.root)
    deepest = BODY_LINE + 3 + 599
    [finding] = [f for f in findings if f.path == SECOND]
    assert (finding.line, finding.level) == (deepest, "error")
    assert "the site cannot turn this file into a page (RecursionError)" in finding.message
    assert "nested too deeply" in finding.message


# The command


CI_LINE = (
    "CI checks with --require es (as `make check` does): there a missing translation is an error, "
    "not a warning."
)


def run(*args):
    out = io.StringIO()
    try:
        call_command("check_content", *args, stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def test_command_prints_file_line_level_and_message_then_a_summary(content_dir):
    content_dir.write(SECOND, section_text("second", 2, titel="Oops"))
    status, output = run("--root", str(content_dir.root))
    assert output.splitlines() == [
        f"{content_dir.path(SECOND)}:7: warning: "
        'unknown key "titel" is ignored; did you mean "title"?',
        "0 errors, 1 warning, 0 suggestions in 6 files.",
        CI_LINE,
    ]
    assert status == 0


def test_command_exits_1_on_an_error(content_dir):
    content_dir.write(SECOND, body("This cites [@nobody2020].\n"))
    status, output = run("--root", str(content_dir.root))
    assert status == 1
    assert output.splitlines()[-2:] == ["1 error, 0 warnings, 0 suggestions in 6 files.", CI_LINE]


def test_command_says_so_when_all_is_well(content_dir):
    assert run("--root", str(content_dir.root)) == (
        0,
        f"No problems found in 6 files.\n{CI_LINE}\n",
    )


def test_command_shows_paths_from_where_it_runs(content_dir, monkeypatch):
    monkeypatch.chdir(content_dir.root.parent)
    content_dir.write(SECOND, body("This cites [@nobody2020].\n"))
    _, output = run("--root", str(content_dir.root))
    assert output.startswith("content/articles/demo/02-second.md:8: error: ")


def test_report_has_a_row_per_section(content_dir):
    _, output = run("--report", "--root", str(content_dir.root))
    header, rule, first, second, blank, summary, _ = output.splitlines()
    assert header.split() == [
        "Section",
        "Words",
        "Minutes",
        "Grade",
        "Terms",
        "Last",
        "reviewed",
        "Next",
        "review",
    ]
    assert set(rule) == {"-", " "}
    assert first.split()[0] == "demo/first"
    assert second.split()[-1] == f"{NEXT_REVIEW:%Y-%m-%d}"
    assert summary == "No problems found in 6 files."


def test_report_numbers_are_the_sections_own(content_dir):
    section = load_library(content_dir.root).articles["demo"].section("first")
    _, output = run("--report", "--root", str(content_dir.root))
    row = next(line for line in output.splitlines() if line.startswith("demo/first"))
    assert row.split()[1:6] == [
        str(section.words),
        str(section.reading_minutes),
        f"{section.reading_grade:.1f}",
        str(len(section.terms)),
        f"{section.last_reviewed:%Y-%m-%d}",
    ]


# Reading level, measured in one place


def test_section_reading_grade_is_the_grade_of_its_text(content_dir):
    section = load_library(content_dir.root).articles["demo"].section("first")
    assert section.reading_grade == reading_grade(section.text)


def test_long_sentences_are_those_over_25_words():
    short = " ".join(["word"] * 25) + "."
    long = " ".join(["word"] * 26) + "."
    assert long_sentences(f"{short} {long}\n{short}") == [long]


def test_list_items_and_paragraphs_are_separate_sentences():
    item = " ".join(["word"] * 20)
    assert long_sentences(f"{item}\n{item}") == []


def test_the_fixture_site_is_clean_as_ci_checks_it():
    # The code tests start from a site the checker has nothing to say about (tests/fixtures).
    assert check_content(FIXTURE_SITE, require=("es",)) == []
