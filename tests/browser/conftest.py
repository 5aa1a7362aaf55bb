"""Fixtures for tests that drive a real Chromium through Playwright.

Without Chromium (or Playwright) these tests skip on a developer's machine, but fail under
CI=true: CI installs Chromium, so a missing browser there is a broken build, not a reason to skip.
"""

import os
import shutil
import threading

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# How long a page may take to load before a test fails. Playwright's 30 s has run out, twice in
# a row, on a 2-core CI machine running two test workers, each with its own Chromium and server:
# a stalled load there is the machine's, and a broken page fails just the same after 90 s.
NAVIGATION_SECONDS = 90


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _unavailable(reason):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def live_url():
    """The site, served by the real WSGI application (with WhiteNoise) on a free loopback port."""
    from web.frontserver import free_port

    # From LOOPBACK_PORTS when it is set, as every server the tests start.
    server = ThreadedWSGIServer(("127.0.0.1", free_port()), QuietHandler, allow_reuse_address=True)
    server.set_app(get_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    if not os.path.exists(CHROMIUM):
        _unavailable(f"Chromium is not installed at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        new_context = browser.new_context

        def patient_context(**options):
            context = new_context(**options)
            context.set_default_navigation_timeout(NAVIGATION_SECONDS * 1000)
            return context

        browser.new_context = patient_context  # every test's contexts, the crawl's included
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """Opens pages on a touch phone of the viewport given, with the page checks installed."""
    # Imported here, not at the top: without Playwright the browser fixture skips first.
    from .pagecheck import install_checks

    opened = []

    def open_phone(viewport, **options):
        context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True, **options)
        install_checks(context)
        opened.append(context)
        return context.new_page()

    yield open_phone
    for context in opened:
        context.close()


@pytest.fixture
def printed(browser, live_url):
    """Opens a page of the site as it is printed, with JavaScript or without."""
    opened = []

    def open_printed(path, javascript=True):
        context = browser.new_context(java_script_enabled=javascript)
        opened.append(context)
        page = context.new_page()
        page.goto(live_url + path)
        page.emulate_media(media="print")
        return page

    yield open_printed
    for context in opened:
        context.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()
