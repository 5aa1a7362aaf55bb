"""The main message box at the top of the home page, the overview and the handout; the treatment
timeline on the sections that ask for it and on the handout; and the checks that keep both, and
every list, short enough to take in (engine/clarity.py)."""

import re

import pytest

from engine.checks import check_content
from engine.timeline import phases, read_link
from tests.conftest import article_text, section_text, term_text

ARTICLE = "articles/demo/article.md"
SECOND = "articles/demo/02-second.md"
BODY_LINE = 8
MESSAGE = "CAR-T is being tested. It is mostly offered in trials."
ACTION = "Ask your care team about it."

TIMELINE = """\
timeline:
  - phase: Before the drip
    when: Weeks before
    name: Screening
    text: Tests check whether it is safe for you.
    watch: A flare of your disease.
    link: "[The first part](/articles/demo/first/)"
  - when: One day
    name: Cell collection
    text: A machine collects T cells.
    watch: Feeling unwell.
    link: "[Details](/articles/demo/first/#details)"
  - phase: After the drip
    when: Day 0
    name: The drip
    text: The cells go back into your blood.
    watch: A fever.
    link: "[The second part](/articles/demo/second/)"
"""


def article_with(content_dir, extra="", **fields):
    text = article_text(**fields)
    front, body = text[4:].split("\n---\n", 1)
    content_dir.write(ARTICLE, f"---\n{front}\n{extra}---\n{body}")


def findings(content_dir, path):
    return [f for f in check_content(content_dir.root) if f.path == path]


def page(client, url):
    return client.get(url).content.decode()


# The main message


@pytest.mark.parametrize("url", ["/", "/articles/demo/", "/articles/demo/handout/"])
def test_the_main_message_comes_before_anything_else_on_the_page(client, content_dir, url):
    article_with(content_dir, main_message=MESSAGE, main_action=ACTION)
    html = page(client, url)
    box = html.index('class="main-message"')
    assert html.index("<h1") < box
    assert MESSAGE in html
    assert box < html.index("Key points")


@pytest.mark.parametrize(
    ("url", "shown"), [("/", True), ("/articles/demo/", True), ("/articles/demo/handout/", False)]
)
def test_the_action_is_on_the_pages_and_left_to_the_last_key_point_on_paper(
    client, content_dir, url, shown
):
    article_with(content_dir, main_message=MESSAGE, main_action=ACTION)
    assert (ACTION in page(client, url)) == shown


def test_the_box_is_named_by_its_heading(client, content_dir):
    article_with(content_dir, main_message=MESSAGE)
    html = page(client, "/articles/demo/")
    assert re.search(
        r'<section class="main-message" aria-labelledby="main-message-heading">\s*'
        r'<h2 class="main-message__heading" id="main-message-heading">The main thing to know</h2>',
        html,
    )


def test_the_main_message_takes_the_place_of_the_summary_on_the_overview(client, content_dir):
    article_with(content_dir, main_message=MESSAGE)
    html = page(client, "/articles/demo/")
    assert '<p class="lead">A short summary.</p>' not in html
    assert 'content="A short summary."' in html  # still the page's description


def test_without_a_main_message_there_is_no_box(client, content_dir):
    html = page(client, "/articles/demo/")
    assert "main-message" not in html
    assert '<p class="lead">A short summary.</p>' in html


def test_spanish_pages_name_the_box_in_spanish(client, spanish_content):
    text = spanish_content.path("es/" + ARTICLE).read_text()
    spanish_content.write(
        "es/" + ARTICLE, text.replace("title:", f"main_message: {MESSAGE}\ntitle:", 1)
    )
    assert "Lo más importante" in page(client, "/es/articulos/demostracion/")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"main_message": " ".join(["word"] * 36)}, "main_message has 36 words"),
        (
            {"main_message": MESSAGE, "main_action": " ".join(["word"] * 26)},
            "main_action has 26 words",
        ),
        ({"main_action": ACTION}, "main_action is shown only with a main_message"),
    ],
)
def test_a_main_message_too_long_for_a_phone_screen_is_reported(content_dir, fields, message):
    article_with(content_dir, **fields)
    found = findings(content_dir, ARTICLE)
    assert [(f.level, f.line > 0) for f in found if message in f.message] == [("warning", True)]


# The timeline


def test_steps_are_grouped_in_phases_and_numbered_through_the_whole_timeline():
    steps = [
        {
            "phase": "Before",
            "when": "w",
            "name": "A",
            "text": "t",
            "watch": "x",
            "link": "[a](/a/)",
        },
        {"when": "w", "name": "B", "text": "t", "watch": "x", "link": "[b](/b/)"},
        {"phase": "After", "when": "w", "name": "C", "text": "t", "watch": "x", "link": "[c](/c/)"},
    ]
    found = phases(steps)
    assert [(phase.name, [(s.number, s.name) for s in phase.steps]) for phase in found] == [
        ("Before", [(1, "A"), (2, "B")]),
        ("After", [(3, "C")]),
    ]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("[Help](/articles/x/y/#help)", ("Help", "/articles/x/y/#help")),
        ("[NCI](https://www.cancer.gov/)", ("NCI", "https://www.cancer.gov/")),
        ("[Bad](javascript:alert(1))", ("[Bad](javascript:alert(1))", "")),
        ("[Bad](javascript:alert)", ("Bad", "")),
        ("[Other host](//evil.example/)", ("Other host", "")),
        ("[Data](data:text/html,x)", ("Data", "")),
        ("just words", ("just words", "")),
    ],
)
def test_a_step_links_only_to_this_site_or_the_web(written, read):
    assert read_link(written) == read


def test_a_section_with_diagram_timeline_shows_the_steps_as_numbered_lists(client, content_dir):
    article_with(content_dir, TIMELINE)
    content_dir.write(SECOND, section_text("second", 2, "Words.\n", diagram="timeline"))
    html = page(client, "/articles/demo/second/")
    timeline = re.search(r'<section class="timeline".*?</section>', html, re.S).group(0)
    assert re.findall(r'<h3 class="timeline__phase">([^<]+)</h3>', timeline) == [
        "Before the drip",
        "After the drip",
    ]
    assert re.findall(r'<ol class="timeline__steps" start="(\d+)">', timeline) == ["1", "3"]
    assert "<strong>Watch for:</strong> A fever." in timeline
    assert '<a href="/articles/demo/first/#details">Details</a>' in timeline
    assert html.index('class="timeline"') < html.index('class="prose"')


def test_a_section_without_the_diagram_shows_no_timeline(client, content_dir):
    article_with(content_dir, TIMELINE)
    assert 'class="timeline"' not in page(client, "/articles/demo/second/")


def test_the_handout_carries_the_timeline_in_place_of_the_steps(client, content_dir):
    article_with(
        content_dir,
        TIMELINE + "steps:\n  - name: Collect\n    text: Cells are collected.\n",
    )
    html = page(client, "/articles/demo/handout/")
    assert "Your CAR-T journey" in html
    assert re.search(
        r'<h3>Before the drip</h3>\s*<ol class="handout__journey" start="1">'
        r"<li>Screening</li><li>Cell collection</li></ol>",
        html,
    )
    assert "Cells are collected." not in html


def test_a_shipped_style_timeline_passes_the_checker(content_dir):
    article_with(content_dir, TIMELINE)
    assert findings(content_dir, ARTICLE) == []


@pytest.mark.parametrize(
    ("link", "level", "message"),
    [
        ("[Gone](/articles/demo/nowhere/)", "error", "leads to no page on this site"),
        ("[Anchor](/articles/demo/first/#nowhere)", "error", 'goes to "#nowhere"'),
        ("[Script](javascript:alert)", "error", "neither a page of this site nor a web address"),
        ("/articles/demo/first/", "error", "must be written as a Markdown link"),
    ],
)
def test_a_timeline_link_that_leads_nowhere_is_reported(content_dir, link, level, message):
    article_with(content_dir, TIMELINE.replace("[Details](/articles/demo/first/#details)", link))
    found = findings(content_dir, ARTICLE)
    timeline_line = article_text().split("\n").index("---", 1) + 1  # the key comes after the rest
    assert [(f.line, f.level) for f in found if message in f.message] == [(timeline_line, level)], (
        found
    )
    assert all("step 2" in f.message for f in found if message in f.message)


def test_a_step_without_its_link_is_a_front_matter_mistake(content_dir):
    article_with(
        content_dir, TIMELINE.replace('    link: "[Details](/articles/demo/first/#details)"\n', "")
    )
    assert any(
        '"timeline" must be a list of steps' in f.message for f in findings(content_dir, ARTICLE)
    )


@pytest.mark.parametrize(
    ("diagram", "message"),
    [
        ("pie", 'diagram: "pie" is not a diagram the site draws'),
        ("timeline", "draws the timeline of article.md, which has none"),
    ],
)
def test_a_diagram_the_site_cannot_draw_is_reported(content_dir, diagram, message):
    content_dir.write(SECOND, section_text("second", 2, diagram=diagram))
    found = findings(content_dir, SECOND)
    assert [(f.line, f.level) for f in found if message in f.message] == [(7, "warning")]


# What we know, and what we don't know yet


def test_an_evidence_page_says_what_is_known_and_not_yet_under_in_short(client, content_dir):
    fields = {"what_we_know": "Some people did well.", "not_known_yet": "How long it lasts."}
    content_dir.write(SECOND, section_text("second", 2, "Words.\n", **fields))
    html = page(client, "/articles/demo/second/")
    in_short = re.search(r'<aside class="in-short".*?</aside>', html, re.S).group(0)
    assert "<strong>What we know:</strong> Some people did well." in in_short
    assert "<strong>What we don’t know yet:</strong> How long it lasts." in in_short


def test_a_page_without_them_shows_neither(client, content_dir):
    assert "What we know" not in page(client, "/articles/demo/second/")


# Abbreviations spelled out at first use

CRS = term_text("Cytokine release syndrome", aliases="[CRS, cytokine storm]")


@pytest.mark.parametrize(
    ("body", "reported"),
    [
        ("Cytokine release syndrome (CRS) is common. CRS starts with a fever.\n", False),
        ("The most common side effect is CRS, or cytokine release syndrome.\n", False),
        ("CRS is common. It is also called cytokine release syndrome.\n", True),
        ("CRS is common.\n", True),
        ("A cytokine storm (CRS) is common.\n", True),  # two words that do not spell it out
        ("No abbreviation here.\n", False),
    ],
)
def test_an_abbreviation_used_before_it_is_spelled_out_is_reported(content_dir, body, reported):
    content_dir.write("glossary/crs.md", CRS)
    content_dir.write(SECOND, section_text("second", 2, body))
    found = [f for f in findings(content_dir, SECOND) if "spelled out" in f.message]
    assert [(f.line, f.level) for f in found] == ([(BODY_LINE, "suggestion")] if reported else [])
    if reported:
        assert 'write "Cytokine release syndrome (CRS)"' in found[0].message


def test_an_abbreviation_in_the_terms_own_name_is_left_alone(content_dir):
    content_dir.write(
        "glossary/car-t.md",
        term_text(
            "CAR-T cell therapy", aliases="[CAR-T, chimeric antigen receptor T-cell therapy]"
        ),
    )
    content_dir.write(SECOND, section_text("second", 2, "CAR-T is a treatment.\n"))
    assert not [f for f in findings(content_dir, SECOND) if "spelled out" in f.message]


# Long lists


def items(count):
    return "".join(f"- Item {number}.\n" for number in range(1, count + 1))


def test_a_list_of_more_than_seven_items_is_reported_at_its_first_item(content_dir):
    content_dir.write(SECOND, section_text("second", 2, "Intro.\n\n" + items(8)))
    found = findings(content_dir, SECOND)
    assert [(f.line, f.level) for f in found] == [(BODY_LINE + 2, "warning")]
    assert "a list of 8 items" in found[0].message and "Item 1" in found[0].message


def test_seven_items_and_lists_broken_up_under_headings_pass(content_dir):
    body = "## First group\n\n" + items(7) + "\n## Second group\n\n" + items(5)
    content_dir.write(SECOND, section_text("second", 2, body))
    assert findings(content_dir, SECOND) == []


def test_a_nested_list_counts_its_own_items_only(content_dir):
    body = "- One.\n    - a.\n    - b.\n    - c.\n    - d.\n    - e.\n- Two.\n- Three.\n"
    content_dir.write(SECOND, section_text("second", 2, body))
    assert findings(content_dir, SECOND) == []


def test_too_many_key_points_are_reported(content_dir):
    article_with(content_dir, key_points=[f"Point {n}." for n in range(8)])
    found = findings(content_dir, ARTICLE)
    assert any("key_points has 8 items" in f.message for f in found)


def test_an_svg_written_by_hand_is_reported(content_dir):
    content_dir.write(
        SECOND, section_text("second", 2, 'Intro.\n\n<svg viewBox="0 0 1 1"></svg>\n')
    )
    found = findings(content_dir, SECOND)
    assert [(f.line, f.level) for f in found if "<svg> written by hand" in f.message] == [
        (BODY_LINE + 2, "warning")
    ]
