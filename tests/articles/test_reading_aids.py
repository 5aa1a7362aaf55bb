"""Reading aids: where you are in the article, back to top, text that follows the reader's size."""

import re

import pytest
from django.conf import settings

from engine.live import get_library

ARTICLE = "guide"
SECTION = f"/articles/{ARTICLE}/risks/"
CSS_FILES = sorted((settings.BASE_DIR / "static" / "css").glob("*.css"))


def test_section_says_which_part_it_is_before_the_title(client):
    html = client.get(SECTION).content.decode()
    count = len(get_library().articles[ARTICLE].sections)
    assert html.index(f"Part 2 of {count}") < html.index("<h1")


def test_list_of_parts_at_the_top_marks_the_current_one(client):
    html = client.get(SECTION).content.decode()
    progress = html[html.index('<nav class="part-progress"') : html.index("<h1")]
    assert '<a href="/articles/guide/risks/" aria-current="page">' in progress
    assert "<details>" in progress


def test_progress_bar_fills_up_to_the_current_part(client):
    html = client.get(SECTION).content.decode()
    assert html.count('<span class="is-read"></span>') == 2


def test_section_shows_its_reading_time(client):
    assert re.search(r"\d+ minutes? to read", client.get(SECTION).content.decode())


@pytest.mark.parametrize("url", [SECTION, f"/articles/{ARTICLE}/all/", "/questions/"])
def test_long_page_ends_with_back_to_top(client, url):
    assert (
        '<p class="back-to-top"><a href="#top">Back to top</a></p>'
        in client.get(url).content.decode()
    )


def test_back_to_top_has_a_target(client):
    assert '<body id="top">' in client.get(SECTION).content.decode()


@pytest.mark.parametrize("css", CSS_FILES, ids=lambda path: path.name)
def test_no_font_size_is_fixed_in_pixels(css):
    text = css.read_text(encoding="utf-8")
    sizes = re.findall(r"font(?:-size)?\s*:[^;}]*", text)
    assert not [size for size in sizes if re.search(r"\d\s*px", size)]
