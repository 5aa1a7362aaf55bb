"""A library-sized content tree for make bench SCALE=n: the shipped content, its article copied
under more slugs, and many generated glossary terms (a site with one article per disease and
topic, and a glossary to match)."""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "content"

TERM = """\
---
term: Benchterm {number:04d}
short: A made-up word that only the benchmark uses, number {number}.
---
Benchterm {number:04d} is a word made up for measuring the site. It stands for nothing.
"""


def make_library_tree(dest, copies=30, extra_terms=1000):
    """Write the shipped content to dest, with each article there `copies` times in all (the
    copies' folders end in -2, -3, ...), and `extra_terms` generated glossary terms. Returns dest
    as a Path."""
    dest = Path(dest)
    shutil.copytree(SHIPPED, dest)
    for article in sorted((dest / "articles").iterdir()):
        for copy in range(2, copies + 1):
            shutil.copytree(article, article.with_name(f"{article.name}-{copy}"))
    for number in range(1, extra_terms + 1):
        path = dest / "glossary" / f"benchterm-{number:04d}.md"
        path.write_text(TERM.format(number=number), encoding="utf-8")
    return dest
