"""A reader in trouble finds the help page first: the searches of queries.yaml that expect it must
all put it first, not only the table's share (tests/content/test_search_ranking.py)."""

import pytest
from django.test import Client

from .ranking import load_table, search

HELP_PAGES = {"/help/", "/es/ayuda/"}
ROWS = [row for row in load_table() if set(row.expect) & HELP_PAGES]


def test_the_table_asks_the_issues_searches_in_both_languages():
    asked = {(row.lang, row.q) for row in ROWS}
    assert {
        ("en", "I feel sick"),
        ("en", "fever"),
        ("en", "emergency"),
        ("en", "who do I call at night"),
        ("es", "me siento mal"),
        ("es", "tengo fiebre"),
        ("es", "emergencia"),
    } <= asked


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.lang}: {row.q}")
def test_the_help_page_comes_first(row):
    assert search(Client(HTTP_HOST="localhost"), row).first in row.expect
