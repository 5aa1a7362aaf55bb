"""The list of an article's parts, in the groups its editors give them (a `group:` on the first
part of each group, Article.section_groups): one short numbered list per group under its label,
so no list of parts runs long (CDC Clear Communication Index item 8)."""

import re

from tests.conftest import section_text


def add_third_part(content_dir, **fields):
    content_dir.write("articles/demo/03-third.md", section_text("third", 3, **fields))


def group_the_parts(content_dir):
    content_dir.write(
        "articles/demo/01-first.md", section_text("first", 1, group="Learn the basics")
    )
    add_third_part(content_dir, group="Looking ahead")


def lists_of_parts(html):
    """[(start, [part urls])] for each list of parts on the page, in order."""
    return [
        (int(start), re.findall(r'<a href="([^"]+)"', items))
        for start, items in re.findall(
            r'<ol class="section-list" start="(\d+)">(.*?)</ol>', html, re.S
        )
    ]


def test_grouped_parts_are_listed_under_their_labels_and_keep_their_numbers(client, content_dir):
    group_the_parts(content_dir)
    html = client.get("/articles/demo/").content.decode()
    assert re.findall(r'<h3 class="section-group">([^<]+)</h3>', html) == [
        "Learn the basics",
        "Looking ahead",
    ]
    assert lists_of_parts(html) == [
        (1, ["/articles/demo/first/", "/articles/demo/second/"]),
        (3, ["/articles/demo/third/"]),
    ]


def test_parts_without_groups_stay_one_list_with_no_label(client, content_dir):
    add_third_part(content_dir)
    html = client.get("/articles/demo/").content.decode()
    assert "section-group" not in html
    assert lists_of_parts(html) == [
        (1, ["/articles/demo/first/", "/articles/demo/second/", "/articles/demo/third/"])
    ]


def test_parts_before_the_first_label_form_a_group_of_their_own(client, content_dir):
    add_third_part(content_dir, group="Looking ahead")
    html = client.get("/articles/demo/").content.decode()
    assert re.findall(r'class="section-group">([^<]+)<', html) == ["Looking ahead"]
    assert [start for start, _ in lists_of_parts(html)] == [1, 3]


def test_the_part_list_above_a_parts_title_labels_groups_without_headings(client, content_dir):
    # The list in "All parts" at the top of a part sits above its <h1>: a heading there would
    # put the page's outline out of order, so its labels are plain text.
    group_the_parts(content_dir)
    html = client.get("/articles/demo/second/").content.decode()
    top, _, rest = html.partition("<h1")
    assert '<p class="section-group">Learn the basics</p>' in top
    assert '<h3 class="section-group">Learn the basics</h3>' in rest
