"""Care cards (engine/carecards.py): each level with its words, the editor's mistakes named by file
and line, the sanitiser's allow-list, glossary links inside, the handout, and the "facts checked"
date on each section."""

import io
import re

import pytest
from django.core.management import call_command

from articles.handout import CARD_ROOM, handout_question_limit
from engine import build_library
from engine.carecards import CardProblem, CareCard
from engine.checks import check_content
from engine.files import read_snapshot
from engine.languages import LANGUAGES
from engine.live import get_library
from engine.rendering import render_markdown
from engine.sanitize import Html, clean
from tests.conftest import LAST_REVIEWED, article_text, section_text

SECOND = "articles/demo/02-second.md"
BODY_LINE = 8  # section_text(): six lines of front matter between two --- lines, then the body
URGENT = """\
Before the card.

!!! urgent
    Call if you have a fever of 38 °C or higher [@demo2024].

    - confusion
    - shaking
"""


def card_html(markdown):
    return str(render_markdown(markdown, references={}).html)


def write_second(content_dir, body):
    content_dir.write(SECOND, section_text("second", 2, body))


@pytest.mark.parametrize(
    ("level", "label", "heading"),
    [
        ("non-urgent", "Non-urgent:", "Speak to your care team"),
        ("urgent", "Urgent:", "Call your treatment team now, day or night"),
        ("emergency", "Emergency:", "Call 911 now"),
    ],
)
def test_each_level_is_a_card_whose_heading_starts_with_the_level_in_words(level, label, heading):
    html = card_html(f"!!! {level}\n    What to do.\n")
    assert html == (
        f'<div class="care-card care-card--{level}"><h2 class="care-card__heading">'
        f'<span class="care-card__level">{label}</span> {heading}</h2>'
        '<div class="care-card__body">\n<p>What to do.</p>\n</div></div>'
    )


def test_a_quoted_title_replaces_the_default_heading():
    html = card_html('!!! urgent "Call now if you feel *faint*"\n    Words.\n')
    assert (
        '<h2 class="care-card__heading"><span class="care-card__level">Urgent:</span> '
        "Call now if you feel <em>faint</em></h2>"
    ) in html


def test_the_level_is_read_in_any_case():
    assert "care-card--urgent" in card_html("!!! Urgent\n    Words.\n")


def test_a_card_keeps_its_paragraphs_and_lists():
    html = card_html(URGENT)
    assert re.search(
        r'<div class="care-card__body">\s*<p>Call if .*</p>\s*<ul>\s*<li>confusion', html
    )
    assert html.startswith("<p>Before the card.</p>")


def test_the_card_heading_is_one_level_below_the_heading_above_it():
    html = card_html("!!! urgent\n    A.\n\n## Part\n\n!!! urgent\n    B.\n\n### Smaller\n\n"
                     "!!! urgent\n    C.\n")  # fmt: skip
    levels = re.findall(r'<(h\d) class="care-card__heading">', html)
    assert levels == ["h2", "h3", "h4"]


def test_a_card_heading_has_no_copy_link_and_is_not_in_the_contents():
    rendered = render_markdown("## Part\n\n!!! urgent\n    Words.\n")
    assert [entry["name"] for entry in rendered.toc] == ["Part"]
    assert str(rendered.html).count("heading-link") == 1


def test_card_words_are_part_of_the_text_that_is_searched_and_graded():
    assert "confusion" in render_markdown(URGENT).text


def test_a_glossary_term_inside_a_card_is_linked_but_not_in_its_heading(content_dir):
    write_second(content_dir, '!!! urgent "Bring your widget"\n    Your widget helps.\n')
    section = get_library().articles["demo"].section("second")
    html = str(section.html)
    assert '<span class="care-card__level">Urgent:</span> Bring your widget</h2>' in html
    assert 'Your <a class="term" href="/glossary/widget/">widget</a> helps.' in html
    assert section.terms == ["widget"]


# The sanitiser


def test_the_sanitiser_keeps_care_card_markup():
    html = card_html('!!! emergency "Call"\n    Words.\n')
    assert str(clean(html)) == html


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ('<div class="care-card evil" onclick="x()">A</div>', '<div class="care-card">A</div>'),
        ('<div class="care-card--urgent" style="color:red">A</div>',
         '<div class="care-card--urgent">A</div>'),
        ('<h2 class="care-card__heading big" id="a">A</h2>',
         '<h2 class="care-card__heading" id="a">A</h2>'),
        ('<span class="care-card__level" data-x="1">A</span>',
         '<span class="care-card__level">A</span>'),
        ('<p class="care-card">A</p>', "<p>A</p>"),
        ('<section class="care-card">A</section>', "A"),
    ],
)  # fmt: skip
def test_the_sanitiser_drops_anything_else_on_care_card_markup(written, kept):
    assert str(clean(written)) == kept


def test_raw_html_cannot_pass_for_a_card_title():
    html = card_html('!!! urgent\n    <p class="admonition-title">Forged</p>\n')
    assert "Call your treatment team now" in html
    assert "admonition" not in html


# Mistakes, named by file and line, found by the loader and the checker alike


def errors_in(content_dir):
    return [(e.path, e.line, e.message) for e in check_content(content_dir.root)]


def test_an_unknown_level_is_an_error_naming_file_and_line_with_a_suggestion(content_dir):
    write_second(content_dir, "Text.\n\n!!! urgnt\n    Call us.\n")
    [error] = get_library().errors
    assert (error.path, error.line) == (SECOND, BODY_LINE + 2)
    assert error.message.startswith('"!!! urgnt" is not a kind of care card')
    assert 'did you mean "!!! urgent"?' in error.message
    assert (SECOND, BODY_LINE + 2, error.message) in errors_in(content_dir)


def test_make_check_prints_a_card_mistake_with_file_and_line_and_fails(content_dir):
    write_second(content_dir, "Text.\n\n!!! emergancy\n    Call.\n")
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("check_content", "--root", str(content_dir.root), stdout=out)
    assert exit.value.code == 1
    assert out.getvalue().startswith(
        f'{content_dir.path(SECOND)}:{BODY_LINE + 2}: error: "!!! emergancy" is not a kind of '
        'care card: write "!!! non-urgent", "!!! urgent" or "!!! emergency"; did you mean '
        '"!!! emergency"?'
    )


def test_a_level_far_from_any_has_no_suggestion():
    rendered = render_markdown("!!! banana\n    Words.\n")
    [problem] = rendered.card_problems
    assert "did you mean" not in problem.message


def test_the_words_of_a_card_of_unknown_level_still_show(content_dir):
    write_second(content_dir, '!!! urgnt "Call now"\n    Call us at once.\n')
    html = str(get_library().articles["demo"].section("second").html)
    assert "<p><strong>Call now</strong></p>" in html
    assert "<p>Call us at once.</p>" in html
    assert "care-card" not in html


def test_an_empty_card_is_an_error_naming_file_and_line(content_dir):
    write_second(content_dir, "Text.\n\n!!! urgent\n\nNot indented.\n")
    [error] = get_library().errors
    assert (error.path, error.line) == (SECOND, BODY_LINE + 2)
    assert error.message == (
        'the urgent card is empty: write its words on the lines below "!!! urgent", '
        "each line indented by four spaces"
    )


def test_each_mistake_names_the_line_of_its_own_card(content_dir):
    write_second(content_dir, "!!! urgent\n    Fine.\n\n!!! urgent\n\n!!! emergancy\n    X.\n")
    lines = sorted(error.line for error in get_library().errors)
    assert lines == [BODY_LINE + 3, BODY_LINE + 5]


def test_cards_and_their_mistakes_come_back_from_the_render_cache(content_dir):
    # Cards are made in a render process and kept in the cache as plain data: a restarted
    # process that renders nothing must still have the card, its level and its mistakes.
    write_second(content_dir, URGENT + "\n!!! emergancy\n    X.\n")
    first = build_library(read_snapshot(content_dir.root))
    again = build_library(read_snapshot(content_dir.root))  # a new process: only the cache
    assert SECOND in first.build.rendered
    assert again.build.rendered == set()
    [card] = again.articles["demo"].section("second").cards
    assert isinstance(card, CareCard)
    assert card.level == "urgent"
    assert isinstance(card.html, Html)  # sanitised again when read back
    assert card == first.articles["demo"].section("second").cards[0]
    assert all(isinstance(p, CardProblem) for p in again.build.renders[SECOND].card_problems)
    assert [(e.path, e.line) for e in again.errors] == [(SECOND, BODY_LINE + 8)]
    assert again.errors == first.errors


def test_a_mistake_in_a_card_shows_on_the_development_error_page(client, settings, content_dir):
    settings.DEBUG = True
    write_second(content_dir, "!!! emergncy\n    Call.\n")
    response = client.get("/articles/demo/first/")
    assert response.status_code == 503
    html = response.content.decode()
    assert f"<code>{SECOND}</code>, line {BODY_LINE}" in html
    assert "did you mean &quot;!!! emergency&quot;?" in html


def test_a_correct_card_gives_the_checker_nothing_to_say(content_dir):
    write_second(content_dir, 'Text.\n\n!!! non-urgent "Ask about driving"\n    Ask us.\n')
    assert [error for error in errors_in(content_dir) if error[0] == SECOND] == []


# The handout and the dates


def test_the_handout_shows_the_first_urgent_card_without_source_numbers(client, content_dir):
    write_second(content_dir, "!!! non-urgent\n    Not this one.\n\n" + URGENT)
    html = client.get("/articles/demo/handout/").content.decode()
    assert html.count('class="care-card ') == 1
    assert '<div class="care-card care-card--urgent"><h2 class="care-card__heading">' in html
    assert "fever of 38 °C or higher.</p>" in html


def test_the_handout_links_no_glossary_words_in_its_card(client, content_dir):
    write_second(content_dir, "!!! urgent\n    Your widget helps.\n")
    html = client.get("/articles/demo/handout/").content.decode()
    assert "<p>Your widget helps.</p>" in html


def test_the_handout_has_no_card_when_the_article_has_no_urgent_card(client, content_dir):
    html = client.get("/articles/demo/handout/").content.decode()
    assert "care-card" not in html


def test_a_section_page_says_the_month_its_facts_were_checked(client, content_dir):
    content_dir.write(SECOND, section_text("second", 2, last_reviewed="2026-11-03"))
    html = client.get("/articles/demo/second/").content.decode()
    assert 'Facts checked up to <time datetime="2026-11-03">November 2026</time>' in html


def test_the_whole_article_page_says_it_for_each_section(client, content_dir):
    content_dir.write(SECOND, section_text("second", 2, last_reviewed="2026-11-03"))
    html = client.get("/articles/demo/all/").content.decode()
    assert html.count("Facts checked up to") == 2
    assert f"{LAST_REVIEWED:%B %Y}</time>" in html
    assert "November 2026</time>" in html


def test_an_article_intro_with_a_bad_card_is_reported_too(content_dir):
    content_dir.write("articles/demo/article.md", article_text("!!! urgentt\n    Words.\n"))
    [error] = get_library().errors
    assert error.path == "articles/demo/article.md"
    assert "did you mean" in error.message


def test_the_handout_leaves_out_a_few_questions_to_make_room_for_its_card(content_dir):
    room = LANGUAGES["en"].handout_questions
    assert handout_question_limit(get_library().articles["demo"]) == room
    write_second(content_dir, URGENT)
    limit = handout_question_limit(get_library().articles["demo"])
    assert limit == room - CARD_ROOM
