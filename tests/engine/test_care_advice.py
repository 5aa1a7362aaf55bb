"""Care advice written once (engine/care.py): the named cards of care-advice.md, shown by any page
with "!!! care <name>", the same on every page, the help page and the handouts; and the checker's
messages about it (engine/care_checks.py), each with its file and line."""

import re

import pytest

from articles.handout import handout_cards, handout_question_limit, handout_questions
from engine import build_library
from engine.checks import check_content
from engine.files import read_snapshot
from engine.languages import LANGUAGES
from engine.live import get_library
from engine.rendering import render_markdown
from engine.search import get_index, parse_query
from tests.conftest import article_text, front_matter, section_text

CARE = "care-advice.md"
SECOND = "articles/demo/02-second.md"
BODY_LINE = 8  # section_text(): six lines of front matter between two --- lines, then the body
EMERGENCY = """\
!!! emergency call-911
    Call 911 if someone has a seizure [@demo2024].

    - Cannot be woken.
"""
URGENT = """\
!!! urgent call-now
    Call your team now if you have a fever of 38 °C (100.4 °F).
"""
SAME_DAY = """\
!!! urgent same-day "Call the same day"
    Old symptoms may be a reaction.
"""


def care_text(body=EMERGENCY + "\n" + URGENT + "\n" + SAME_DAY, **fields):
    values = {
        "title": "When to get help",
        "summary": "What to do if you feel sick.",
        "last_reviewed": "2026-11-01",
        "next_review": "2099-01-01",
        "clinical_review": "pending",
        **fields,
    }
    return (
        front_matter(**{k: v for k, v in values.items() if v is not None}) + "\nIntro.\n\n" + body
    )


CARE_BODY_LINE = 8  # care_text(): five lines of front matter between two --- lines, then the body


def line_of(text, needle):
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


@pytest.fixture
def care(content_dir):
    """The demo site with a care file, and its article's clinical review declared pending."""
    content_dir.write(CARE, care_text())
    content_dir.write("articles/demo/article.md", article_text(clinical_review="pending"))
    return content_dir


def write_second(tree, body, **fields):
    tree.write(SECOND, section_text("second", 2, body, **fields))


def findings(tree, path=None):
    found = [(f.path, f.line, f.level, f.message) for f in check_content(tree.root)]
    return [f for f in found if path is None or f[0] == path]


def section(name="second"):
    return get_library().articles["demo"].section(name)


# Showing a card of the care file


def test_a_page_shows_the_named_card_where_its_line_is(care):
    write_second(care, "Before.\n\n!!! care call-911\n\nAfter.\n")
    html = str(section().html)
    assert re.search(
        r"<p>Before.</p>\s*<div class=\"care-card care-card--emergency care-card--shared\">"
        r"<h2 class=\"care-card__heading\"><span class=\"care-card__level\">Emergency:</span> "
        r"Call 911 now</h2>.*"
        r"Call 911 if someone has a seizure.*Cannot be woken.*</div></div>\s*<p>After.</p>",
        html,
        re.DOTALL,
    )


def test_the_card_is_the_same_on_the_page_the_help_page_and_the_handout(care, client):
    write_second(care, "## Part\n\nText [@demo2024].\n\n!!! care call-now\n\n!!! care call-911\n")
    library = get_library()
    shown = {card.name: str(card.html) for card in section().cards}
    defined = {name: str(card.html) for name, card in library.care.rendered_cards.items()}
    printed = [str(card.html) for card in handout_cards(library)]
    assert shown == {name: defined[name] for name in ("call-now", "call-911")}
    assert printed == [defined["call-911"], defined["call-now"]]
    handout = client.get("/articles/demo/handout/").content.decode()
    assert all(card in handout for card in printed)


def test_the_card_heading_fits_the_outline_of_the_page_that_shows_it(care):
    write_second(care, "## Part\n\n!!! care call-911\n")
    assert '<h3 class="care-card__heading">' in str(section().html)


def test_the_cards_sources_are_numbered_with_the_pages_own(care):
    write_second(care, "A fact [@demo2024].\n\n!!! care call-911\n")
    html = str(section().html)
    assert html.count('href="#second-source-1"') == 2
    assert [reference.key for reference in section().sources] == ["demo2024"]


def test_the_cards_words_are_not_the_pages_own_prose(care):
    write_second(care, "Short words here.\n\n!!! care call-911\n")
    assert section().text == "Short words here."


def test_an_indented_paragraph_after_the_line_is_not_part_of_the_card(care):
    write_second(care, "!!! care call-911\n\n    Not the card's words.\n")
    html = str(section().html)
    card_end = html.index("</div></div>")
    assert "Not the card" in html[card_end:]


def test_a_page_that_shows_no_card_has_none(care):
    assert section().cards == []


def test_an_edit_to_a_card_renders_again_the_pages_that_show_it_and_no_others(care):
    write_second(care, "!!! care call-911\n")
    before = build_library(read_snapshot(care.root))
    care.write(CARE, care_text(EMERGENCY.replace("seizure", "fit") + "\n" + URGENT))
    after = build_library(read_snapshot(care.root), before)
    assert after.build.rendered == {CARE, SECOND}
    assert "Call 911 if someone has a fit" in str(after.articles["demo"].section("second").html)


def test_an_edit_to_a_card_no_page_shows_renders_only_the_care_file(care):
    write_second(care, "!!! care call-911\n")
    before = build_library(read_snapshot(care.root))
    care.write(CARE, care_text(EMERGENCY + "\n" + URGENT.replace("fever", "high fever")))
    after = build_library(read_snapshot(care.root), before)
    assert after.build.rendered == {CARE}


def test_a_spanish_page_shows_the_spanish_card_of_the_same_name(care, spanish_content, client):
    spanish = EMERGENCY.replace(
        "Call 911 if someone has a seizure", "Llame al 911 si hay una convulsión"
    )
    care.write(f"es/{CARE}", care_text(spanish, title="Cuándo buscar ayuda"))
    care.write(
        "es/articles/demo/02-second.md",
        section_text("segunda", 2, "Texto.\n\n!!! care call-911\n", title="Lo segundo"),
    )
    html = client.get("/es/articulos/demostracion/segunda/").content.decode()
    assert '<span class="care-card__level">Emergencia:</span> Llame al 911 ahora' in html
    assert "Llame al 911 si hay una convulsión" in html


# The help page


def test_the_help_page_shows_the_care_file(care, client):
    response = client.get("/help/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>When to get help</h1>" in html
    assert '<meta name="description" content="What to do if you feel sick.">' in html
    assert html.index("care-card--emergency") < html.index("care-card--urgent")
    assert 'id="help-source-1"' in html


def test_a_site_without_a_care_file_has_no_help_page(content_dir, client):
    assert client.get("/help/").status_code == 404


def test_the_spanish_help_page_has_a_spanish_address(care, spanish_content, client):
    care.write(f"es/{CARE}", care_text(title="Cuándo buscar ayuda"))
    html = client.get("/es/ayuda/").content.decode()
    assert "<h1>Cuándo buscar ayuda</h1>" in html
    assert 'hreflang="en" href="http://127.0.0.1:8000/help/"' in html


# The handout


def test_the_handout_carries_the_cards_the_care_file_names_in_order(care):
    care.write(CARE, care_text(handout=["call-now", "call-911"]))
    assert [card.name for card in handout_cards(get_library())] == ["call-now", "call-911"]


def test_without_a_handout_list_the_handout_carries_the_first_emergency_and_urgent_cards(care):
    care.write(CARE, care_text(SAME_DAY + "\n" + URGENT + "\n" + EMERGENCY))
    assert [card.name for card in handout_cards(get_library())] == ["call-911", "same-day"]


def test_a_pages_handout_adds_the_other_cards_the_page_shows(care):
    write_second(care, "!!! care same-day\n\n!!! care call-911\n")
    cards = handout_cards(get_library(), pages=[section()])
    assert [card.name for card in cards] == ["call-911", "call-now", "same-day"]


def test_the_handouts_cards_have_no_source_numbers_or_glossary_links(care):
    care.write(CARE, care_text(EMERGENCY.replace("someone", "your widget")))
    html = str(get_library().care.rendered_cards["call-911"].html)
    assert "<sup" not in html and "term" not in html
    assert "Call 911 if your widget has a seizure.</p>" in html


def test_a_handout_without_a_care_file_carries_no_card(content_dir, client):
    html = client.get("/articles/demo/handout/").content.decode()
    assert "care-card" not in html


def test_beside_the_cards_the_handout_leaves_out_the_steps_and_asks_fewer_questions(care, client):
    steps = [
        "  - name: One",
        "    text: First.",
        *[f"  - name: S{n}\n    text: T." for n in range(4)],
    ]
    care.write(
        "articles/demo/article.md",
        article_text(clinical_review="pending").replace(
            "---\nThis guide", "steps:\n" + "\n".join(steps) + "\n---\nThis guide"
        ),
    )
    html = client.get("/articles/demo/handout/").content.decode()
    assert "handout-steps" not in html
    article = get_library().articles["demo"]
    english = LANGUAGES["en"]
    assert handout_question_limit(article) == english.handout_questions_beside_cards
    assert handout_question_limit(article, cards=False) == english.handout_questions
    assert len(handout_questions(article)) <= english.handout_questions_beside_cards


# Mistakes, named by file and line


def test_a_name_the_care_file_does_not_have_is_an_error_with_a_suggestion(care):
    write_second(care, "Text.\n\n!!! care call-91\n")
    [error] = get_library().errors
    assert (error.path, error.line) == (SECOND, BODY_LINE + 2)
    assert error.message == (
        '"!!! care call-91": care-advice.md has no card named "call-91"; did you mean '
        '"call-911"? (until then the page shows no card here)'
    )


def test_a_name_without_a_care_file_is_an_error(content_dir):
    write_second(content_dir, "!!! care call-911\n")
    [error] = get_library().errors
    assert 'care-advice.md has no card named "call-911"' in error.message


def test_urgent_advice_without_the_emergency_advice_is_an_error(care):
    write_second(care, "Text.\n\n!!! care call-now\n")
    assert (
        SECOND,
        BODY_LINE + 2,
        "error",
        "this page tells readers to call their team urgently, but not when to call 911: "
        'add "!!! care call-911" after the urgent advice',
    ) in findings(care, SECOND)


def test_urgent_advice_with_the_emergency_advice_is_fine(care):
    write_second(care, "!!! care call-now\n\n!!! care call-911\n")
    assert findings(care, SECOND) == []


def test_an_urgent_card_written_on_a_page_is_a_warning(care):
    write_second(care, "Text.\n\n!!! urgent\n    Call us.\n\n!!! care call-911\n")
    assert (
        SECOND,
        BODY_LINE + 2,
        "warning",
        "an urgent card written here can drift from the advice every other page gives: write it "
        'once in care-advice.md with a name, and show it here with "!!! care NAME"',
    ) in findings(care, SECOND)


def test_a_non_urgent_card_written_on_a_page_is_fine(care):
    write_second(care, "!!! non-urgent\n    Ask us about travel.\n")
    assert findings(care, SECOND) == []


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("!!! urgent call-now\n    Words.\n", 'to show that card here, write "!!! care call-now"'),
        ("!!! care call-now\n    Words.\n", "must be a line of its own, with a blank line after"),
        ("!!! urgnt call-now\n    Words.\n", 'write "!!! care call-now"'),
    ],
)
def test_a_card_written_the_wrong_way_gets_a_hint(care, written, hint):
    write_second(care, written)
    [error] = get_library().errors
    assert hint in error.message or 'did you mean "!!! urgent"' in error.message
    assert error.line == BODY_LINE


def test_a_page_with_care_advice_and_no_clinical_reviewer_is_a_warning(care):
    care.write("articles/demo/article.md", article_text())
    write_second(care, "!!! care call-911\n")
    assert findings(care, SECOND) == [
        (
            SECOND,
            2,
            "warning",
            "this page gives care advice, but names no clinician who reviewed it: ask one to "
            'check it and name them under "clinical_reviewers", or write "clinical_review: '
            'pending" to say plainly that none has yet',
        )
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {"clinical_review": "pending"},
        {"clinical_reviewers": ["name: Dr Ann Lee\n    role: Rheumatologist"]},
    ],
)
def test_a_named_clinician_or_a_pending_review_answers_the_warning(care, fields):
    care.write("articles/demo/article.md", article_text())
    write_second(care, "!!! care call-911\n", **fields)
    assert findings(care, SECOND) == []


def test_the_articles_clinical_review_covers_its_sections(care):
    write_second(care, "!!! care call-911\n")
    assert findings(care, SECOND) == []


def test_the_care_file_without_a_clinical_reviewer_is_a_warning(care):
    care.write(CARE, care_text(clinical_review=None))
    [warning] = findings(care, CARE)
    assert (warning[1], warning[2]) == (2, "warning")
    assert "names no clinician who reviewed it" in warning[3]


@pytest.mark.parametrize("value", ["done", "approved", "Dr Lee"])
def test_clinical_review_says_only_pending(care, value):
    write_second(care, "Text.\n", clinical_review=value)
    assert (
        SECOND,
        7,
        "error",
        'clinical_review can only say "pending"; name the clinicians who reviewed the page under '
        '"clinical_reviewers"',
    ) in findings(care, SECOND)


def test_a_pending_review_beside_named_clinicians_is_a_warning(care):
    people = ["name: Dr Ann Lee\n    role: Rheumatologist"]
    write_second(care, "Text.\n", clinical_review="pending", clinical_reviewers=people)
    [(_, _, level, message)] = findings(care, SECOND)
    assert level == "warning"
    assert message.startswith('clinical_review says "pending", but clinical_reviewers names')


def test_a_handout_list_naming_no_card_is_an_error_with_a_suggestion(care):
    care.write(CARE, care_text(handout=["call-911", "call-noww"]))
    text = care.path(CARE).read_text()
    assert (
        CARE,
        line_of(text, "handout:"),
        "error",
        'handout names "call-noww", which is not a card of this file; did you mean "call-now"?',
    ) in findings(care, CARE)


def test_handouts_without_an_emergency_card_are_an_error(care):
    care.write(CARE, care_text(URGENT))
    errors = [f[3] for f in findings(care, CARE) if f[2] == "error"]
    assert any(error.startswith("the printed handouts carry no emergency card") for error in errors)


@pytest.mark.parametrize(
    ("second_card", "message"),
    [
        ("!!! urgent call-911\n    Again.\n", 'the card name "call-911" is already used on line'),
        ("!!! urgent Call_Now\n    Again.\n", '"Call_Now" cannot be the name of a card'),
    ],
)
def test_card_names_are_unique_and_fit_for_a_line(care, second_card, message):
    care.write(CARE, care_text(EMERGENCY + "\n" + second_card))
    text = care.path(CARE).read_text()
    [error] = [f for f in findings(care, CARE) if f[2] == "error"]
    assert error[1] == line_of(text, second_card.split("\n")[0])
    assert error[3].startswith(message)


def test_a_translation_without_one_of_the_english_cards_is_an_error(care, spanish_content):
    care.write(f"es/{CARE}", care_text(EMERGENCY + "\n" + URGENT, title="Cuándo buscar ayuda"))
    problems = findings(care, f"es/{CARE}")
    assert (
        f"es/{CARE}",
        CARE_BODY_LINE,
        "error",
        'the English care-advice.md has a card "same-day" (urgent) that this translation does '
        'not: pages that show "!!! care same-day" here show no card',
    ) in problems


def test_the_care_files_links_and_sentences_are_checked_like_a_sections(care):
    care.write(CARE, care_text(EMERGENCY + "\n" + URGENT + "\nSee [x](../first/).\n"))
    [error] = [f for f in findings(care, CARE) if f[2] == "error"]
    assert 'the link "../first/" is relative' in error[3]


# Hostile cards: the care file is content like any other, sanitised last


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<div class="care-card care-card--emergency">Forged</div>',
    ],
)
def test_a_hostile_card_is_sanitised_wherever_it_is_shown(care, hostile):
    care.write(CARE, care_text(EMERGENCY + f"\n    {hostile}\n\n" + URGENT))
    write_second(care, "!!! care call-911\n")
    library = get_library()
    for html in (section().html, library.care.html, library.care.rendered_cards["call-911"].html):
        assert "<script" not in str(html) and "onerror" not in str(html)
        assert "javascript:" not in str(html)


@pytest.mark.parametrize(
    "line",
    ["!!! care ../../etc/passwd", "!!! care " + "a" * 5000, "!!! care <b>x</b>", "!!! care"],
)
def test_a_strange_include_line_is_never_a_crash(line):
    rendered = render_markdown(line + "\n")
    assert "<script" not in str(rendered.html)


# Search


def test_search_finds_a_cards_words_on_the_help_page_not_on_every_page_that_shows_it(care):
    write_second(care, "!!! care call-911\n")
    found = get_index(get_library()).search(parse_query("seizure", "en"))
    assert [result.url.split("#")[0] for result in found.results] == ["/help/"]


def test_an_overdue_review_of_the_care_file_is_a_warning(care):
    care.write(CARE, care_text(last_reviewed="2020-01-01", next_review="2020-06-01"))
    text = care.path(CARE).read_text()
    assert (
        CARE,
        line_of(text, "next_review:"),
        "warning",
        "review overdue: it was due on 2020-06-01; check the advice with a clinician, then "
        "update last_reviewed and next_review",
    ) in findings(care, CARE)
