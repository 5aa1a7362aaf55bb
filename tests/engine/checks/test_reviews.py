"""The foot of every content page says when it was last reviewed, when the next review is due,
and who reviewed it, when (and only when) the content file names them."""

import datetime

import pytest

from engine.checks import check_content
from tests.conftest import LAST_REVIEWED, NEXT_REVIEW, article_text, section_text

REVIEWER = "{'name': 'Dr Ann Lee', 'role': 'Rheumatologist'}"
NURSE = "{'name': 'Sam Ortiz', 'role': 'Specialist nurse'}"


def foot(client, url):
    html = client.get(url).content.decode()
    return html.split('<div class="page-review">')[1].split("</div>")[0]


def said(date):
    return f'<time datetime="{date:%Y-%m-%d}">{date.day} {date:%B %Y}</time>'


@pytest.mark.parametrize("url", ["/articles/demo/", "/articles/demo/first/", "/articles/demo/all/"])
def test_foot_says_last_reviewed_and_next_review_due(client, content_dir, url):
    assert (
        f"Page last reviewed: {said(LAST_REVIEWED)}. Next review due: {said(NEXT_REVIEW)}."
        in foot(client, url)
    )


def test_section_shows_its_own_review_date_and_its_article_s_next_review(client, content_dir):
    older = LAST_REVIEWED - datetime.timedelta(days=40)
    content_dir.write(
        "articles/demo/02-second.md", section_text("second", 2, last_reviewed=older.isoformat())
    )
    assert f"last reviewed: {said(older)}. Next review due: {said(NEXT_REVIEW)}." in foot(
        client, "/articles/demo/second/"
    )


def test_whole_article_is_as_old_as_its_oldest_part(client, content_dir):
    older = LAST_REVIEWED - datetime.timedelta(days=40)
    content_dir.write(
        "articles/demo/02-second.md", section_text("second", 2, last_reviewed=older.isoformat())
    )
    assert f"last reviewed: {said(older)}." in foot(client, "/articles/demo/all/")
    assert f"last reviewed: {said(LAST_REVIEWED)}." in foot(client, "/articles/demo/")


@pytest.mark.parametrize("url", ["/articles/demo/", "/articles/demo/first/", "/articles/demo/all/"])
def test_no_reviewer_is_named_when_the_files_name_none(client, content_dir, url):
    assert "Reviewed by" not in foot(client, url)


def test_section_names_its_reviewers(client, content_dir):
    content_dir.write(
        "articles/demo/01-first.md",
        section_text("first", 1, reviewed_by=[REVIEWER, NURSE]),
    )
    assert "Reviewed by Dr Ann Lee (Rheumatologist); Sam Ortiz (Specialist nurse)." in foot(
        client, "/articles/demo/first/"
    )
    assert "Reviewed by" not in foot(client, "/articles/demo/second/")
    assert "Reviewed by" not in foot(client, "/articles/demo/")


def test_whole_article_names_every_reviewer_once(client, content_dir):
    content_dir.write("articles/demo/article.md", article_text(reviewed_by=[REVIEWER]))
    content_dir.write(
        "articles/demo/01-first.md", section_text("first", 1, reviewed_by=[REVIEWER, NURSE])
    )
    assert "Reviewed by Dr Ann Lee (Rheumatologist); Sam Ortiz (Specialist nurse)." in foot(
        client, "/articles/demo/all/"
    )


@pytest.mark.parametrize(
    "value",
    [
        "[Dr Ann Lee]",
        "[{'name': 'Dr Ann Lee'}]",
        "[{'name': 'Dr Ann Lee', 'role': 'Rheumatologist', 'phone': '123'}]",
        "Dr Ann Lee",
    ],
)
def test_reviewer_without_a_name_and_a_role_is_an_error_naming_the_line(content_dir, value):
    content_dir.write(
        "articles/demo/01-first.md",
        section_text("first", 1).replace("---\nSome", f"reviewed_by: {value}\n---\nSome"),
    )
    findings = check_content(content_dir.root)
    [finding] = [f for f in findings if f.path == "articles/demo/01-first.md"]
    assert finding.line == 7
    assert finding.message == '"reviewed_by" must be a list of people, each with a name and a role'
