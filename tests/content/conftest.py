"""Fixtures of the content tests: the shipped site, crawled once for the tests that read it all."""

import pytest
from django.conf import settings
from django.test import Client

from tests.support.once import once_per_run
from web.crawl import crawl


def crawl_shipped_site():
    pages, _, broken = crawl(
        Client(HTTP_HOST="localhost"), secure=False, site_url=settings.SITE_URL
    )
    return pages, broken


@pytest.fixture(scope="session")
def crawled_site(tmp_path_factory):
    """(pages, broken) of the shipped site: every page a link leads to from the home pages, in
    both languages, as web.crawl finds them for the export ({path: body bytes}, broken links).
    Crawled once per test run, whichever worker asks first (tests/support/once.py)."""
    return once_per_run(tmp_path_factory, "crawled-site", crawl_shipped_site)
