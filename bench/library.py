"""A library-sized content folder, and how long the engine takes to build it.

make_library_tree(dest) copies the shipped content and adds what a real patient-education
library would have: the article under 29 more slugs (one per disease and topic) and 1,000 more
glossary terms. `python bench/library.py` then times, each in a fresh process:

    cold build          no render cache: every file rendered, in parallel across the cores
    cold, warm cache    a restart: the render cache from the run before has every file
    one section edited  the build after one section changes, from the library before it
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "car-t-autoimmune"
EDITED = f"articles/{ARTICLE}-2/05-risks.md"

TERM = """---
term: Library marker {n}
short: A made-up protein, number {n}, that stands in for one of many terms in a big glossary.
---
Library marker {n} is one of a thousand terms made up to measure a large glossary. It links to
[CD19](/glossary/cd19/) so the page has a link, and says a little more in plain words.
"""


def make_library_tree(dest, copies=30, extra_terms=1000):
    """Write the shipped content into dest, with the article copied so there are `copies`
    articles in all and `extra_terms` generated glossary terms. Returns dest as a Path."""
    dest = Path(dest)
    shutil.copytree(ROOT / "content", dest, dirs_exist_ok=True)
    article = dest / "articles" / ARTICLE
    for number in range(2, copies + 1):
        shutil.copytree(article, dest / "articles" / f"{ARTICLE}-{number}", dirs_exist_ok=True)
    for number in range(1, extra_terms + 1):
        path = dest / "glossary" / f"library-marker-{number:04d}.md"
        path.write_text(TERM.format(n=number), encoding="utf-8")
    return dest


MEASURE = """
import json, os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "carteducation.settings"
import django
django.setup()
from engine import read_snapshot
from engine import build_library
root, edited = sys.argv[1], sys.argv[2]
started = time.perf_counter()
library = build_library(read_snapshot(root))
cold = time.perf_counter() - started
path = os.path.join(root, edited)
if edited != "-":
    with open(path, "a", encoding="utf-8") as file:
        file.write("\\nOne more plain sentence for the benchmark.\\n")
started = time.perf_counter()
again = build_library(read_snapshot(root), library)
incremental = time.perf_counter() - started
print(json.dumps({"build": cold, "next_build": incremental,
                  "rendered": len(library.build.rendered),
                  "rendered_next": sorted(again.build.rendered),
                  "files": len(library.build.files)}))
"""


def measure(root, cache, edited="-"):
    environment = {**os.environ, "RENDER_CACHE_PATH": str(cache), "DJANGO_DEBUG": "0"}
    environment.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50)
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(root), edited],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    with tempfile.TemporaryDirectory(prefix="carteducation-library-") as folder:
        started = time.perf_counter()
        root = make_library_tree(Path(folder) / "content")
        print(f"made the tree in {time.perf_counter() - started:.1f} s: {root}")
        cache = Path(folder) / "cache" / "render.sqlite3"
        cold = measure(root, cache)
        print(f"cold build, empty cache:   {cold['build']:6.2f} s ({cold['rendered']} rendered)")
        warm = measure(root, cache, EDITED)
        print(f"cold build, warm cache:    {warm['build']:6.2f} s ({warm['rendered']} rendered)")
        print(
            f"one section edited:        {warm['next_build']:6.2f} s "
            f"(rendered: {', '.join(warm['rendered_next'])})"
        )


if __name__ == "__main__":
    main()
