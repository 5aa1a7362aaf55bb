"""Test-only settings: the site as in production, plus a view that fails (tests/urls_failing.py)."""

from carteducation.settings import *  # noqa: F403

ROOT_URLCONF = "tests.urls_failing"
