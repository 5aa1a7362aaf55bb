"""The checks of tests/browser/test_crawl.py on every Spanish page.

A file of its own so that make test crawls the two languages at once: pytest-xdist gives each
test file to one worker, and the crawl of a language takes minutes.
"""

import pytest

from .test_crawl import *  # noqa: F403 (the same tests)
from .test_crawl import crawl_site


@pytest.fixture(scope="module")
def crawl(browser, live_url):
    return crawl_site(browser, live_url, spanish=True)
