"""Run by bench.py in a fresh process: how long a cold start takes, and what there is to fetch.

Prints one JSON object: the time to set Django up, to load and render all the content (every
Markdown file, glossary linking, sanitising), and to render every page once; the list of page
paths; and writes the section page's bytes to the file named in argv[1].
"""

import json
import os
import sys
import time
from pathlib import Path

started = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carteducation.settings")

import django  # noqa: E402

django.setup()
set_up = time.perf_counter()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.test import Client  # noqa: E402

from engine import load_library  # noqa: E402

library = load_library(settings.CONTENT_DIR)
loaded = time.perf_counter()

client = Client(HTTP_HOST="127.0.0.1")
paths = ["/", "/articles/", "/glossary/", "/sitemap.xml", "/robots.txt"]
for article in library.articles.values():
    paths += [article.get_absolute_url(), article.get_full_url()]
    paths += [section.get_absolute_url() for section in article.sections]
paths += [term.get_absolute_url() for term in library.terms.values()]
for path in paths:
    assert client.get(path).status_code == 200, path
rendered = time.perf_counter()

sections = [s for a in library.articles.values() for s in a.sections]
# The section nearest the median size: a typical page, neither the shortest nor the longest.
sizes = sorted(
    (len(client.get(s.get_absolute_url()).content), s.get_absolute_url()) for s in sections
)
section_path = sizes[len(sizes) // 2][1]
Path(sys.argv[1]).write_bytes(client.get(section_path).content)

print(
    json.dumps(
        {
            "setup_seconds": set_up - started,
            "load_and_render_content_seconds": loaded - set_up,
            "render_every_page_seconds": rendered - loaded,
            "files": len(library.articles)
            + sum(len(a.sections) for a in library.articles.values())
            + len(library.terms),
            "paths": paths,
            "section_path": section_path,
            "full_path": next(a.get_full_url() for a in library.articles.values()),
            "sections": [s.get_absolute_url() for s in sections],
            "static_root": str(settings.STATIC_ROOT),
            "static_paths": sorted(
                staticfiles_storage.url(name) for name in staticfiles_storage.hashed_files
            ),
        }
    )
)
