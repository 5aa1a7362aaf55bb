"""Fixtures for any test.

Every test reads the small fixture site (tests/fixtures/site: two short articles, four terms,
English and Spanish), never the shipped content, unless it is a content test (tests/content/,
marked `content`) or a browser test (what a reader sees), which read content/ as the site ships
it. content_dir writes a tiny, clean content tree under tmp_path and points the site at it
(CONTENT_DIR, with the reload throttle off), so a test can change one file and ask the site
or the checker what it makes of it.
spanish_content adds its Spanish translation (content/es/), up to date, and the Spanish URLs.
site_copy is a copy of the fixture site a test may change.

Tests are marked by folder: tests/server (real server processes) `server`, tests/content
`content`; tests/browser marks its own `browser`.
"""

import datetime
import hashlib
import itertools
import os
import shutil
from pathlib import Path

import pytest

from engine.workers import FAULTS_VARIABLE

# Render-fault markers ("<!-- render-fault: sleep -->") act in this run's render processes, and in
# the servers tests start, which inherit the environment (engine/workers.py).
os.environ[FAULTS_VARIABLE] = "1"
SLOW = "<!-- render-fault: sleep -->\n"  # a body line that makes its file's render time out
CRASH = "<!-- render-fault: raise RecursionError -->\n"  # one that makes it fail

FIXTURE_SITE = Path(__file__).resolve().parent / "fixtures" / "site"
TESTS = Path(__file__).resolve().parent
MARKS_BY_FOLDER = {"server": pytest.mark.server, "content": pytest.mark.content}

TODAY = datetime.date.today()
LAST_REVIEWED = TODAY - datetime.timedelta(days=30)
NEXT_REVIEW = TODAY + datetime.timedelta(days=150)  # review dates stay valid whenever tests run


def front_matter(**fields):
    lines = []
    for key, value in fields.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {item}" for item in value]
        else:
            lines.append(f"{key}: {value}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def article_text(body="This guide is for testing.\n", **fields):
    values = {
        "title": "Demo article",
        "summary": "A short summary.",
        "key_points": ["One point.", "Another point."],
        "published": "2025-01-01",
        "last_reviewed": LAST_REVIEWED.isoformat(),
        "next_review": NEXT_REVIEW.isoformat(),
    }
    values.update(fields)
    return front_matter(**{key: value for key, value in values.items() if value is not None}) + body


def section_text(slug, order, body="Some plain text.\n", **fields):
    values = {
        "title": f"Section {slug}",
        "slug": slug,
        "order": order,
        "in_short": "The part in a nutshell.",
        "last_reviewed": LAST_REVIEWED.isoformat(),
    }
    values.update(fields)
    return front_matter(**{key: value for key, value in values.items() if value is not None}) + body


def term_text(term, short="A short meaning.", body="A longer meaning, in plain words.\n", **fields):
    values = {"term": term, "short": short, **fields}
    return front_matter(**{key: value for key, value in values.items() if value is not None}) + body


CARE_CARDS = """\
!!! emergency call-911
    Call 911 if someone has a seizure or cannot be woken.

!!! urgent call-now
    Call your team now if you have a fever of 38 °C (100.4 °F).
"""


def care_text(body=CARE_CARDS, **fields):
    """A care file (care-advice.md, engine/care.py) whose handout cards are call-911 and
    call-now: the advice every handout carries, written once."""
    values = {
        "title": "When to get help",
        "summary": "What to do if you feel sick.",
        "last_reviewed": LAST_REVIEWED.isoformat(),
        "next_review": NEXT_REVIEW.isoformat(),
        "handout": ["call-911", "call-now"],
        "clinical_review": "pending",
    }
    values.update(fields)
    return front_matter(**{key: value for key, value in values.items() if value is not None}) + body


REFERENCES = """\
- key: demo2024
  title: A demo study
  doi: 10.1000/demo
"""

FIRST_BODY = """\
This part tells you about the first thing [@demo2024]. A widget is a small tool.

## Details

Here are the details. Read on in [the second part](/articles/demo/second/).
"""

SECOND_BODY = """\
This part tells you about the second thing.

## More

Go back to [the details](/articles/demo/first/#details).
"""


class ContentTree:
    """A content folder a test can change; every write is seen by the site's next request."""

    def __init__(self, root):
        self.root = Path(root)

    def path(self, name):
        return self.root / name

    def write(self, name, content):
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        before = path.stat().st_mtime_ns if path.exists() and not path.is_symlink() else 0
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        # Two writes within one clock tick can leave the same modification time; move it on so
        # the loader always sees the change.
        stamp = max(before + 1_000_000_000, path.stat().st_mtime_ns)
        os.utime(path, ns=(stamp, stamp))
        return path

    def remove(self, name):
        self.path(name).unlink()


def write_demo_tree(tree):
    tree.write("articles/demo/article.md", article_text())
    tree.write("articles/demo/01-first.md", section_text("first", 1, FIRST_BODY))
    tree.write("articles/demo/02-second.md", section_text("second", 2, SECOND_BODY))
    tree.write("glossary/widget.md", term_text("widget", related=["gadget"]))
    tree.write("glossary/gadget.md", term_text("gadget", related=["widget"]))
    tree.write("references.yaml", REFERENCES)
    return tree


SPANISH_FIRST_BODY = """\
Esta parte habla de lo primero [@demo2024]. Un artilugio es una herramienta pequeña.
Sus células hacen el trabajo.

## Detalles

Aquí están los detalles.
"""

SPANISH_SECOND_BODY = """\
Esta parte habla de lo segundo. Usted puede leerla con calma.
"""


def source_hash(tree, name):
    return hashlib.sha256(tree.path(name).read_bytes()).hexdigest()[:12]


def write_spanish_tree(tree):
    """The Spanish translation of the demo tree, each file marked as translating the English
    file as it is now: article "demostracion" (sections "primera" and "segunda"), terms
    "artilugio" (widget) and "celula" (gadget)."""

    def translate(name, text):
        # source_hash goes last in the front matter, as mark_translated adds it.
        front, body = text[4:].split("\n---\n", 1)
        hashed = f"---\n{front}\nsource_hash: {source_hash(tree, name)}\n---\n{body}"
        return tree.write(f"es/{name}", hashed)

    translate(
        "articles/demo/article.md",
        article_text(
            "Esta guía es para probar.\n",
            title="Artículo de prueba",
            slug="demostracion",
            summary="Un resumen corto.",
            key_points=["Un punto.", "Otro punto."],
        ),
    )
    translate(
        "articles/demo/01-first.md",
        section_text("primera", 1, SPANISH_FIRST_BODY, title="Lo primero"),
    )
    translate(
        "articles/demo/02-second.md",
        section_text("segunda", 2, SPANISH_SECOND_BODY, title="Lo segundo"),
    )
    translate(
        "glossary/widget.md",
        term_text("artilugio", "Un sentido corto.", slug="artilugio", related=["gadget"]),
    )
    translate(
        "glossary/gadget.md",
        term_text("célula", "Un sentido corto.", slug="celula", related=["widget"]),
    )
    return tree


def pytest_collection_modifyitems(items):
    for item in items:
        folder = Path(item.fspath).relative_to(TESTS).parts[0]
        if folder in MARKS_BY_FOLDER:
            item.add_marker(MARKS_BY_FOLDER[folder])


@pytest.fixture(autouse=True)
def fixture_site(settings, request):
    """The site every test reads unless it says otherwise: the fixture site, or, for a content
    test and a browser test (what a reader sees of the site as it ships), the shipped content."""
    shipped = ("content", "browser")
    if not any(request.node.get_closest_marker(mark) for mark in shipped):
        settings.CONTENT_DIR = FIXTURE_SITE
    return settings.CONTENT_DIR


@pytest.fixture(scope="session")
def render_caches(tmp_path_factory):
    """The folder of this process's tests' render caches."""
    return tmp_path_factory.mktemp("render-caches")


@pytest.fixture(autouse=True)
def render_cache(settings, render_caches):
    """Every test starts with an empty render cache of its own, never the project's. Its folder
    is made only when the cache is first opened: most tests never build a library of their own."""
    settings.RENDER_CACHE_PATH = str(render_caches / str(next(_caches)) / "render.sqlite3")
    return settings.RENDER_CACHE_PATH


_caches = itertools.count()


@pytest.fixture
def content_dir(settings, tmp_path):
    """A clean demo content tree (article "demo" with sections "first" and "second", glossary
    terms "widget" and "gadget", reference "demo2024"), served by the site."""
    tree = write_demo_tree(ContentTree(tmp_path / "content"))
    settings.CONTENT_DIR = tree.root
    settings.CONTENT_RELOAD_SECONDS = 0
    return tree


@pytest.fixture
def spanish_content(settings, content_dir):
    """content_dir with its Spanish translation in content/es/, served under /es/."""
    settings.ROOT_URLCONF = "tests.support.spanish_urls"
    return write_spanish_tree(content_dir)


@pytest.fixture
def site_copy(settings, tmp_path):
    """A copy of the fixture site (or, in a content test, of the shipped content), served by the
    site, for a test that changes it or must not share the page cache with other tests."""
    root = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, root)
    settings.CONTENT_DIR = root
    settings.CONTENT_RELOAD_SECONDS = 0
    return root
