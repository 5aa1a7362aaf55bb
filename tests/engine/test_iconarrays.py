"""Icon arrays (engine/iconarrays.py): numbers drawn as figures beside their sentence, said in
simpler terms, labelled for screen readers, let through the sanitiser deliberately and nothing
else with them, and an editor's mistakes named by file and line."""

import re

import pytest

from engine.checks import check_content
from engine.iconarrays import figure_paths, picture_label, simpler_words
from engine.rendering import Rendered, render_markdown
from engine.sanitize import clean
from tests.conftest import section_text

SECOND = "articles/demo/02-second.md"
BODY_LINE = 8  # section_text(): six lines of front matter between two --- lines, then the body
REFERENCES = {"demo2024": object()}
ARRAY = "::: icons 4 of 80\n4 of 80 people had a fever [@demo2024].\n"


def rendered(markdown, language="en"):
    return render_markdown(markdown, references=REFERENCES, language=language)


def html(markdown, language="en"):
    return str(rendered(markdown, language).html)


def figures(d):
    return d.count("a2.2 2.2 0 1 0 4.4 0a2.2")  # one head a figure


def test_an_icon_array_draws_every_figure_and_fills_the_first_ones():
    _, _, filled, empty = figure_paths(4, 80)
    assert (figures(filled), figures(empty)) == (4, 76)


@pytest.mark.parametrize(
    ("total", "columns", "rows"), [(5, 5, 1), (10, 10, 1), (15, 10, 2), (100, 10, 10)]
)
def test_figures_stand_ten_to_a_row(total, columns, rows):
    width, height, _, _ = figure_paths(1, total)
    gaps = 2 if columns > 5 else 0  # a wider gap after the fifth column (and row), to count by
    assert width == columns * 10 + gaps
    assert height == rows * 13 + (2 if rows > 5 else 0)


def test_the_page_shows_the_picture_beside_its_sentence_and_what_it_means():
    page = html("Before.\n\n" + ARRAY + "\nAfter.\n")
    figure = re.search(r'<figure class="icon-array">.*?</figure>', page, re.S).group(0)
    assert '<svg aria-label="A picture of 80 people. 4 of them are filled in."' in figure
    assert 'role="img"' in figure
    caption = re.search(r'<figcaption class="icon-array__words">(.*)</figcaption>', figure, re.S)
    words = re.sub(r"<[^>]+>", "", caption.group(1))
    assert "4 of 80 people had a fever" in words
    assert "That is 1 in 20." in words
    assert 'href="#source-1"' in caption.group(1)  # the citation is numbered as anywhere else
    assert page.startswith("<p>Before.</p>") and page.rstrip().endswith("<p>After.</p>")


def test_filled_and_empty_figures_differ_in_shape_and_take_the_text_colour():
    page = html(ARRAY)
    assert re.search(r'<path class="icon-array__filled" d="[^"]+" fill="currentColor">', page)
    assert re.search(
        r'<path class="icon-array__empty" d="[^"]+" fill="none" stroke="currentColor"', page
    )


def test_the_picture_is_sized_in_em_so_it_follows_the_text_size():
    assert 'width="15em"' in html(ARRAY)  # ten columns, 1.5em each


def test_everything_the_engine_draws_passes_the_sanitiser_untouched():
    result = rendered(ARRAY + "\n::: icons 13 of 15\n13 of 15 got better [@demo2024].\n")
    assert result.removed == []
    assert str(clean(result.html)) == str(result.html)


def test_the_sentence_counts_as_prose_for_reading_level_and_search():
    assert "4 of 80 people had a fever" in rendered(ARRAY).text


def test_a_closing_fence_is_not_part_of_the_sentence():
    page = html("::: icons 4 of 80\n4 of 80 people had a fever [@demo2024].\n:::\n")
    assert ":::" not in page


def test_spanish_pages_say_it_in_spanish():
    page = html("::: icons 4 de 80\n4 de 80 personas tuvieron fiebre [@demo2024].\n", "es")
    assert 'aria-label="Dibujo de 80 personas. 4 de ellas están rellenas."' in page
    assert "Es decir, 1 de cada 20." in page


@pytest.mark.parametrize(
    ("count", "total", "words"),
    [
        (4, 80, "That is 1 in 20."),
        (3, 15, "That is 1 in 5."),
        (10, 15, "That is 2 in 3."),
        (10, 14, "That is about 7 in 10."),
        (6, 8, "That is 3 in 4."),
        (13, 15, "That is about 9 in 10."),
        (30, 39, "That is about 8 in 10."),
        (3, 37, "That is about 1 in 12."),
        (8, 15, "That is about half of them."),
        (6, 12, "That is half of them."),
        (5, 5, "That is all of them."),
        (1, 10, ""),  # already as simple as it gets
        (1, 90, ""),
        (3, 5, ""),
        (0, 12, ""),
        (7, 100, ""),
    ],
)
def test_simpler_terms(count, total, words):
    assert simpler_words(count, total, "en") == words


@pytest.mark.parametrize(
    ("count", "total", "words"),
    [
        (4, 80, "Es decir, 1 de cada 20."),
        (13, 15, "Es decir, alrededor de 9 de cada 10."),
        (8, 15, "Es decir, alrededor de la mitad."),
        (5, 5, "Es decir, todas."),
    ],
)
def test_simpler_terms_in_spanish(count, total, words):
    assert simpler_words(count, total, "es") == words


def test_one_filled_figure_is_said_in_the_singular():
    assert picture_label(1, 12, "en") == "A picture of 12 people. 1 of them is filled in."


def test_problems_survive_the_render_cache():
    result = rendered("::: icons 4 of 80\n4 of 80 people had a fever.\n")
    again = Rendered.from_dict(result.as_dict())
    assert again.icon_problems == result.icon_problems != []


# The sanitiser: SVG passes only as the engine draws it.
@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ('<svg viewBox="0 0 10 10" onload="alert(1)"></svg>', '<svg viewBox="0 0 10 10"></svg>'),
        ("<svg><script>alert(1)</script></svg>", "<svg></svg>"),
        ('<svg><use href="https://x.example/a.svg#b"></use></svg>', "<svg></svg>"),
        ('<svg><image href="https://x.example/a.png"></image></svg>', "<svg></svg>"),
        (
            '<svg><a href="javascript:alert(1)"><path d="M0 0"></path></a></svg>',
            '<svg><path d="M0 0"></path></svg>',
        ),
        (
            '<svg><a href="https://x.example/"><path d="M0 0"></path></a></svg>',
            '<svg><path d="M0 0"></path></svg>',
        ),
        ('<svg><a xlink:href="https://x.example/">x</a></svg>', "<svg>x</svg>"),
        (
            '<p>A <svg><svg><a><path d="M0 0"></path></a></svg></svg> <a href="/x">b</a></p>',
            '<p>A <svg><svg><path d="M0 0"></path></svg></svg> <a href="/x">b</a></p>',
        ),
        (
            '<svg><foreignObject><iframe src="https://x.example"></iframe></foreignObject></svg>',
            "<svg></svg>",
        ),
        (
            '<svg><animate attributeName="href" to="javascript:alert(1)"></animate></svg>',
            "<svg></svg>",
        ),
        ('<svg style="background:url(https://x.example)"></svg>', "<svg></svg>"),
        ('<svg role="button"></svg>', "<svg></svg>"),
        ('<svg width="100%"></svg>', "<svg></svg>"),
        ('<svg viewBox="0 0 10 10; x"></svg>', "<svg></svg>"),
        (
            '<svg><path fill="url(https://x.example/#a)" d="M0 0"></path></svg>',
            '<svg><path d="M0 0"></path></svg>',
        ),
        ('<svg><path d="M0 0 url(x)"></path></svg>', "<svg><path></path></svg>"),
        (
            '<svg><path stroke-width="1;x" d="M0 0"></path></svg>',
            '<svg><path d="M0 0"></path></svg>',
        ),
        (
            '<svg><path class="evil icon-array__filled" d="M0 0"></path></svg>',
            '<svg><path class="icon-array__filled" d="M0 0"></path></svg>',
        ),
        (
            '<svg><path onclick="alert(1)" d="M0 0"></path></svg>',
            '<svg><path d="M0 0"></path></svg>',
        ),
    ],
)
def test_the_sanitiser_lets_through_only_the_svg_the_engine_draws(written, kept):
    assert str(clean(written)) == kept


# An editor's mistakes, each named by file and line, and the words kept on the page.
@pytest.mark.parametrize(
    ("body", "line", "level", "message"),
    [
        (
            "::: pie 4 of 80\n4 of 80 people [@demo2024].\n",
            0,
            "error",
            '"::: pie" is not a kind of picture',
        ),
        (
            "::: icons four of eighty\n4 of 80 people [@demo2024].\n",
            0,
            "error",
            "two whole numbers",
        ),
        ("::: icons\n4 of 80 people [@demo2024].\n", 0, "error", "two whole numbers"),
        (
            "::: icons 9 of 8\n9 of 8 people [@demo2024].\n",
            0,
            "error",
            "must not be more than the total",
        ),
        ("::: icons 0 of 0\n0 of 0 people [@demo2024].\n", 0, "error", "total is 0"),
        ("::: icons 5 of 500\n5 of 500 people [@demo2024].\n", 0, "error", "more than 100"),
        ("::: icons 4 of 80\n", 0, "error", "has no sentence"),
        ("::: icons 4 of 80\n4 of 80 people had a fever.\n", 0, "error", "cites no source"),
        (
            "::: icons 4 of 80\nA few people had a fever [@demo2024].\n",
            0,
            "warning",
            "does not say both numbers",
        ),
        (
            "::: icons 4 of 80\n40 of 800 people had a fever [@demo2024].\n",
            0,
            "warning",
            "does not say both numbers",
        ),
        (
            "Some words.\n::: icons 4 of 80\n4 of 80 people [@demo2024].\n",
            1,
            "error",
            "leave a blank line before",
        ),
    ],
)
def test_a_mistake_is_reported_with_its_file_and_line(content_dir, body, line, level, message):
    content_dir.write(SECOND, section_text("second", 2, "Intro.\n\n" + body))
    found = [f for f in check_content(content_dir.root) if f.path == SECOND]
    assert [(f.line, f.level) for f in found if message in f.message] == [
        (BODY_LINE + 2 + line, level)
    ], found


def test_the_second_of_two_arrays_is_reported_on_its_own_line(content_dir):
    body = f"{ARRAY}\nText.\n\n::: icons 4 of 80\n4 of 80 people had a fever.\n"
    content_dir.write(SECOND, section_text("second", 2, body))
    found = [f for f in check_content(content_dir.root) if f.path == SECOND]
    assert [(f.line, f.level) for f in found] == [(BODY_LINE + 5, "error")]


def test_a_correct_array_passes_the_checker(content_dir):
    content_dir.write(SECOND, section_text("second", 2, ARRAY))
    assert [f for f in check_content(content_dir.root) if f.path == SECOND] == []


@pytest.mark.parametrize(
    "body",
    [
        "::: pie 4 of 80\nThe words stay [@demo2024].\n",
        "::: icons 9 of 8\nThe words stay [@demo2024].\n",
        "::: icons 5 of 500\nThe words stay [@demo2024].\n",
    ],
)
def test_a_block_that_cannot_be_drawn_keeps_its_words(body):
    page = html(body)
    assert "<svg" not in page
    assert "The words stay" in page


def test_the_page_still_answers_with_a_broken_array(client, content_dir):
    content_dir.write(SECOND, section_text("second", 2, "::: icons 9 of 8\nWords [@demo2024].\n"))
    response = client.get("/articles/demo/second/")
    assert response.status_code == 200
    assert "Words" in response.content.decode()
