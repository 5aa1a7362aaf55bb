"""Patient searches put the right page first, and misspellings get a "did you mean".

The table is tests/content/queries.yaml: real searches in both languages (plain questions,
everyday words, medical words, misspellings) and the page each should put first. These tests
are about the shipped content, so they use it directly.
"""

import pytest
from django.test import Client

from .ranking import (
    LANGUAGES,
    SEARCH_PAGE,
    TARGET,
    describe_miss,
    load_table,
    run_table,
    share_right_first,
)


@pytest.fixture(scope="module")
def outcomes():
    return run_table(Client(HTTP_HOST="localhost"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_table_has_enough_searches_of_each_kind(lang):
    rows = [row for row in load_table() if row.lang == lang]
    assert len(rows) >= 45
    assert sum(row.typo for row in rows) >= 8
    assert len({row.q.lower() for row in rows}) == len(rows), "a search is in the table twice"
    for row in rows:
        assert row.expect, f"{row.q!r} names no page"
        assert isinstance(row.typo, bool), f"{row.q!r}: typo must be true or false"
        wrong = [path for path in row.expect if (lang == "en") == path.startswith("/es/")]
        assert not wrong, f"{row.q!r} expects a page of the other language: {wrong}"


def test_every_expected_page_exists():
    client = Client(HTTP_HOST="localhost")
    expected = {path.split("#")[0] for row in load_table() for path in row.expect}
    missing = sorted(path for path in expected if client.get(path).status_code != 200)
    assert missing == [], "pages in queries.yaml the site does not have (renamed or moved?)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_right_page_comes_first(outcomes, lang):
    share, mine = share_right_first(outcomes, lang)
    misses = [describe_miss(outcome) for outcome in mine if not outcome.hit]
    assert share >= TARGET, (
        f"{SEARCH_PAGE[lang]}: the right page came first for {share:.0%} of {len(mine)} searches "
        f"(target {TARGET:.0%}). Missed:\n" + "\n".join(misses)
    )


def test_every_misspelling_gets_a_did_you_mean(outcomes):
    without = [
        f"  {outcome.row.lang} {outcome.row.q!r} (meant: {outcome.row.why})"
        for outcome in outcomes
        if outcome.row.typo and not outcome.suggestions
    ]
    assert without == [], "no .search-suggestion link for:\n" + "\n".join(without)
