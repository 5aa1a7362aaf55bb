"""Each thing once: one heading for one idea on the home page, one control per job at the top of
a part, and a source's date printed once."""

import re

import pytest

from engine.documents import Reference
from tests.conftest import article_text, section_text


def test_with_one_article_the_home_page_does_not_say_its_title_again(client, content_dir):
    html = client.get("/").content.decode()
    assert len(re.findall(r"<h1\b", html)) == 1
    assert "Demo article</a></h2>" not in html and "A short summary." not in html
    assert re.search(r"<h2>Read it part by part</h2>", html)


def test_with_several_articles_each_has_its_heading(client, content_dir):
    content_dir.write("articles/other/article.md", article_text(title="Other guide"))
    content_dir.write("articles/other/01-one.md", section_text("one", 1))
    html = client.get("/").content.decode()
    assert "Demo article</a></h2>" in html and "Other guide</a></h2>" in html
    assert len(re.findall(r"<h3>Read it part by part</h3>", html)) == 2


def test_the_top_of_a_part_has_one_control_for_the_list_of_parts(client, content_dir):
    html = client.get("/articles/demo/second/").content.decode()
    progress = html[
        html.index('<nav class="part-progress"') : html.index(
            "</nav>", html.index('<nav class="part-progress"')
        )
    ]
    before_list = progress[: progress.index('<ol class="section-list')]
    assert len(re.findall(r"<summary\b|<a\b|<button\b", before_list)) == 1
    assert re.search(r'<p class="part-progress__where">Part 2 of 2</p>', progress)
    assert "<summary>All parts</summary>" in progress


@pytest.mark.parametrize(
    ("journal", "year", "shown"),
    [
        ("FDA news release, 27 June 2025", 2025, None),
        ("FDA news release, 27 June 2025.", 2025, None),
        ("N Engl J Med", 2024, 2024),
        ("The ASCO Post, 10 November 2025 issue", 2025, 2025),
        ("", 2023, 2023),
        ("Lancet", None, None),
    ],
)
def test_a_sources_year_is_printed_unless_its_journal_line_ends_with_it(journal, year, shown):
    assert Reference(key="k", title="t", journal=journal, year=year).year_shown == shown


def test_the_sources_list_prints_a_date_once(client, content_dir):
    content_dir.write(
        "references.yaml",
        "- key: demo2024\n  title: A demo study\n  journal: FDA news release, 27 June 2025\n"
        "  year: 2025\n  doi: 10.1000/demo\n",
    )
    html = client.get("/articles/demo/first/").content.decode()
    assert "FDA news release, 27 June 2025." in html
    assert "2025, 2025" not in html
