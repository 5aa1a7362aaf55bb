"""How well search ranks: the share of patient searches whose first result is the right page.

Runs the table in tests/content/queries.yaml through the site (as
tests/content/test_search_ranking.py does) and prints, per language, the share of searches that
put a right page first, how many misspellings got a "did you mean" link, and every miss. For a
note's "before" and "after":

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

from tests.content.ranking import (  # noqa: E402
    LANGUAGES,
    SEARCH_PAGE,
    TARGET,
    describe_miss,
    run_table,
    share_right_first,
)


def main():
    outcomes = run_table(Client(HTTP_HOST="localhost"))
    for lang in LANGUAGES:
        share, mine = share_right_first(outcomes, lang)
        typos = [outcome for outcome in mine if outcome.row.typo]
        suggested = sum(bool(outcome.suggestions) for outcome in typos)
        print(
            f"{lang} ({SEARCH_PAGE[lang]}): right page first {sum(o.hit for o in mine)}/{len(mine)}"
            f" = {share:.0%} (target {TARGET:.0%}); did-you-mean shown {suggested}/{len(typos)}"
        )
        for outcome in mine:
            if not outcome.hit:
                print(describe_miss(outcome) + ("  [misspelt]" if outcome.row.typo else ""))
        for outcome in typos:
            if not outcome.suggestions:
                print(f"  {outcome.row.q!r}: no did-you-mean")
        print()


if __name__ == "__main__":
    main()
