"""Review dates on the glossary: a term with its own last_reviewed is due again six months later;
a term without one, and the index, show the glossary's dates, which are the articles' (terms are
checked when the articles that use them are). The checker warns when a term's review is late."""

import datetime

import pytest

from engine.checks import check_content
from engine.terms import add_months
from tests.conftest import LAST_REVIEWED, NEXT_REVIEW, article_text, term_text

TODAY = datetime.date.today()


def foot(client, url):
    html = client.get(url).content.decode()
    return html.split('<div class="page-review">')[1].split("</div>")[0]


def said(date):
    return f'<time datetime="{date:%Y-%m-%d}">{date.day} {date:%B %Y}</time>'


def dates(last, following):
    return f"Page last reviewed: {said(last)}. Next review due: {said(following)}."


@pytest.mark.parametrize("url", ["/glossary/", "/glossary/widget/"])
def test_glossary_and_a_term_without_a_date_show_the_articles_dates(client, content_dir, url):
    assert dates(LAST_REVIEWED, NEXT_REVIEW) in foot(client, url)


def test_glossary_dates_are_the_oldest_article_s(client, content_dir):
    older = LAST_REVIEWED - datetime.timedelta(days=10)
    sooner = NEXT_REVIEW - datetime.timedelta(days=10)
    content_dir.write(
        "articles/other/article.md",
        article_text(last_reviewed=older.isoformat(), next_review=sooner.isoformat()),
    )
    assert dates(older, sooner) in foot(client, "/glossary/widget/")


def test_term_with_its_own_date_is_due_six_months_later(client, content_dir):
    reviewed = datetime.date(2026, 8, 31)
    content_dir.write("glossary/widget.md", term_text("widget", last_reviewed="2026-08-31"))
    assert dates(reviewed, datetime.date(2027, 2, 28)) in foot(client, "/glossary/widget/")


def test_index_is_as_old_as_its_stalest_term(client, content_dir):
    stale = LAST_REVIEWED - datetime.timedelta(days=60)
    content_dir.write("glossary/widget.md", term_text("widget", last_reviewed=stale.isoformat()))
    assert dates(stale, add_months(stale, 6)) in foot(client, "/glossary/")


def test_no_review_foot_without_articles_or_dates(client, content_dir):
    content_dir.remove("articles/demo/article.md")
    assert "page-review" not in client.get("/glossary/widget/").content.decode()


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2026, 11, 23), datetime.date(2027, 5, 23)),
        (datetime.date(2026, 8, 31), datetime.date(2027, 2, 28)),
        (datetime.date(2027, 8, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 6, 15), datetime.date(2026, 12, 15)),
    ],
)
def test_six_months_later(date, expected):
    assert add_months(date, 6) == expected


def term_findings(content_dir):
    return [
        (f.line, f.level, f.message)
        for f in check_content(content_dir.root)
        if f.path == "glossary/widget.md"
    ]


def test_checker_warns_when_a_term_review_is_overdue(content_dir):
    reviewed = TODAY - datetime.timedelta(days=200)
    content_dir.write("glossary/widget.md", term_text("widget", last_reviewed=reviewed.isoformat()))
    [(line, level, message)] = term_findings(content_dir)
    assert (line, level) == (4, "warning")
    assert message.startswith(f"review overdue: it was due on {add_months(reviewed, 6):%Y-%m-%d}")


def test_checker_is_quiet_about_a_term_reviewed_lately_or_with_the_glossary(content_dir):
    content_dir.write("glossary/widget.md", term_text("widget", last_reviewed=TODAY.isoformat()))
    assert term_findings(content_dir) == []
    content_dir.write("glossary/widget.md", term_text("widget"))
    assert term_findings(content_dir) == []


def test_checker_warns_about_a_term_reviewed_in_the_future(content_dir):
    later = TODAY + datetime.timedelta(days=10)
    content_dir.write("glossary/widget.md", term_text("widget", last_reviewed=later.isoformat()))
    [(line, level, message)] = term_findings(content_dir)
    assert (line, level) == (4, "warning")
    assert "is in the future" in message


def test_term_date_that_is_not_a_date_is_an_error(content_dir):
    content_dir.write("glossary/widget.md", term_text("widget", last_reviewed="soon"))
    [(line, level, message)] = term_findings(content_dir)
    assert (line, level) == (4, "error")
    assert message == '"last_reviewed" must be a date written YYYY-MM-DD'
