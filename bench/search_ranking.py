"""How well search ranks: the share of patient searches whose first result is the right page.

Runs the table in tests/search/queries.yaml through the site (as tests/search/test_ranking.py
does) and prints, per language, the share of searches that put a right page first, how many
misspellings got a "did you mean" link, and every miss. For a note's "before" and "after":

    .venv/bin/python bench/search_ranking.py

The pages use the collected static files' manifest: run `make static` first (make test and
make run do it), or every page fails on its stylesheet link.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carteducation.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from tests.search.ranking import run_table, summary  # noqa: E402


def main():
    print(summary(run_table(Client(HTTP_HOST="localhost"))))


if __name__ == "__main__":
    main()
