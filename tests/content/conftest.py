"""Fixtures of the content tests: the shipped site, crawled once for the tests that read it all."""

import pytest
from django.conf import settings
from django.test import Client

from web.crawl import crawl


@pytest.fixture(scope="session")
def crawled_site():
    """(pages, broken) of the shipped site: every page a link leads to from the home pages, in
    both languages, as web.crawl finds them for the export ({path: body bytes}, broken links)."""
    pages, _, broken = crawl(
        Client(HTTP_HOST="localhost"), secure=False, site_url=settings.SITE_URL
    )
    return pages, broken
