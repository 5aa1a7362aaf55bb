"""Test-only settings: the site as in production, plus a view that fails (urls_failing.py)."""

from carteducation.settings import *  # noqa: F403

ROOT_URLCONF = "tests.support.urls_failing"
