"""How well search ranks: the share of patient searches whose first result is the right page.

Runs the table in tests/content/queries.yaml through the site (as
tests/content/test_search_ranking.py does) and prints, per language, the share of searches that
put a right page first, how many misspellings got a "did you mean" link, and every miss. For a
note's "before" and "after":

    .venv/bin/python bench/search_ranking.py            # the server's search pages
    .venv/bin/python bench/search_ranking.py --export   # a static export's, in Chromium

--export writes a static export to a temporary folder (or uses --folder, exporting there if it is
empty), serves it as a static host would and runs each search on its search pages in Chromium, as
a reader would (a few minutes). The pages use the collected static files' manifest: run
`make static` first (make test and make run do it), or every page fails on its stylesheet link.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carteducation.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from tests.content.ranking import load_table, run_table, search_in_browser, summary  # noqa: E402
from tests.support.static_host import serve_export  # noqa: E402
from web.frontserver import free_port  # noqa: E402


def run_on_export(folder):
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    port = free_port()
    if not (folder / "index.html").exists():
        call_command("export_site", str(folder), site_url=f"http://127.0.0.1:{port}")
    with serve_export(folder, port) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        outcomes = [search_in_browser(page, url, row) for row in load_table()]
        browser.close()
    return outcomes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", action="store_true", help="search a static export instead")
    parser.add_argument("--folder", type=Path, help="the export folder (default: a temporary one)")
    options = parser.parse_args()
    if not options.export:
        print(summary(run_table(Client(HTTP_HOST="localhost"))))
    elif options.folder:
        print(summary(run_on_export(options.folder.resolve())))
    else:
        with tempfile.TemporaryDirectory() as folder:
            print(summary(run_on_export(Path(folder) / "site")))


if __name__ == "__main__":
    main()
