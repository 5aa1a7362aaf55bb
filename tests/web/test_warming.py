"""What is made ready ahead of readers: gunicorn's master renders the home pages before forking,
and each worker's page warmer renders the front pages and builds the search index off the
request path after the fork and after each library swap, without ever holding up a request."""

import threading

import pytest

import articles.views
import glossary.views
from engine.live import get_library
from tests.conftest import section_text
from web import warming
from web.warming import (
    entry_paths,
    front_paths,
    start_warming,
    stop_warming,
    warm_page_cache,
    warm_pass,
)

pytestmark = pytest.mark.warmup

ARTICLE = "/articles/guide/"
SECTION = "/articles/guide/how-it-works/"
TERM = "/glossary/cd19/"


@pytest.fixture
def rendered(monkeypatch):
    """The templates the article and glossary views render, in order."""
    calls = []
    for module in (articles.views, glossary.views):

        def counting_render(request, template, *args, _render=module.render, **kwargs):
            calls.append(template)
            return _render(request, template, *args, **kwargs)

        monkeypatch.setattr(module, "render", counting_render)
    return calls


@pytest.fixture
def warmer(settings):
    """start_warming, and the warmer stopped before the test's settings and content go."""
    yield start_warming
    stop_warming()


def wait_for(event):
    assert event.wait(timeout=30), "the page warmer did not get there in 30 s"


def test_front_pages_are_home_and_the_lists_in_every_language():
    assert front_paths() == [
        "/", "/articles/", "/glossary/", "/questions/",
        "/es/", "/es/articulos/", "/es/glosario/", "/es/preguntas/",
    ]  # fmt: skip


def test_the_master_warms_the_home_page_of_every_language(client, site_copy, rendered):
    assert entry_paths() == ["/", "/es/"]
    warm_page_cache(entry_paths())
    rendered.clear()
    for path in ["/", "/es/"]:
        assert client.get(path).status_code == 200
    assert rendered == []
    assert client.get("/glossary/").status_code == 200
    assert rendered == ["glossary/index.html"]


def test_warming_the_front_pages_renders_every_list_in_every_language(client, site_copy, rendered):
    warm_page_cache(front_paths())
    rendered.clear()
    for path in ["/", "/articles/", "/glossary/", "/questions/", "/es/", "/es/glosario/"]:
        assert client.get(path).status_code == 200
    assert rendered == []
    assert client.get(SECTION).status_code == 200
    assert rendered == ["articles/section.html"]


def test_a_warm_pass_renders_the_front_pages_before_it_builds_the_search_indexes(
    site_copy, monkeypatch
):
    asked = []
    get = warming._PoliteClient.get
    monkeypatch.setattr(
        warming._PoliteClient,
        "get",
        lambda self, path, **kw: asked.append(path) or get(self, path, **kw),
    )
    warm_pass()
    assert asked == front_paths() + ["/search/", "/es/buscar/"]


def test_a_warm_pass_renders_the_front_pages_and_leaves_the_rest_to_readers(
    client, site_copy, rendered
):
    warm_pass()
    rendered.clear()
    assert client.get("/").status_code == 200
    assert client.get("/es/glosario/").status_code == 200
    assert rendered == []
    assert client.get(SECTION).status_code == 200
    assert client.get(TERM).status_code == 200
    assert b"CD19" in client.get(TERM).content
    assert rendered == ["articles/section.html", "glossary/term.html"]


def test_a_warm_pass_builds_the_search_index_of_every_language(site_copy):
    assert "_search_index" not in vars(get_library())
    warm_pass()
    assert vars(get_library()).get("_search_index") is not None
    assert vars(get_library("es")).get("_search_index") is not None


def test_a_finished_warm_pass_gives_the_freed_memory_back(site_copy, monkeypatch):
    given_back = []
    monkeypatch.setattr(warming, "give_back_freed_memory", lambda: given_back.append(True))
    warm_pass()
    assert given_back == [True]


def test_a_stopped_warm_pass_leaves_the_memory_to_the_next_one(site_copy, monkeypatch):
    given_back = []
    monkeypatch.setattr(warming, "give_back_freed_memory", lambda: given_back.append(True))
    stop = threading.Event()
    stop.set()
    warm_pass(stop)
    assert given_back == []


def test_a_request_is_answered_while_the_warmer_is_busy(client, site_copy, monkeypatch, warmer):
    busy, release = threading.Event(), threading.Event()
    get = warming._PoliteClient.get

    def held_get(self, path, **kwargs):
        busy.set()
        release.wait(timeout=30)
        return get(self, path, **kwargs)

    monkeypatch.setattr(warming._PoliteClient, "get", held_get)
    warmer()
    wait_for(busy)
    answered = []
    reader = threading.Thread(target=lambda: answered.append(client.get(TERM)))
    reader.start()
    reader.join(timeout=30)
    release.set()
    assert answered, "a request waited for the page warmer"
    assert answered[0].status_code == 200
    assert b"CD19" in answered[0].content


def test_a_library_swap_starts_a_warm_pass_of_the_most_read_pages(content_dir, monkeypatch, warmer):
    libraries, passes = [], [threading.Event(), threading.Event()]

    def recorded_pass(stop=None):
        libraries.append(get_library())
        passes[min(len(libraries), 2) - 1].set()

    monkeypatch.setattr(warming, "warm_pass", recorded_pass)
    first = get_library()
    warmer()
    wait_for(passes[0])
    content_dir.write("articles/demo/01-first.md", section_text("first", 1, "Edited.\n"))
    swapped = get_library()
    wait_for(passes[1])
    assert swapped is not first
    assert libraries == [first, swapped]


def test_between_passes_the_warmer_gives_freed_pages_back_now_and_then(
    site_copy, monkeypatch, warmer
):
    trims = []
    trimmed = threading.Event()

    def recorded_trim():
        trims.append(True)
        if len(trims) >= 2:
            trimmed.set()

    monkeypatch.setattr(warming, "TRIM_SECONDS", 0.05)
    monkeypatch.setattr(warming, "give_back_free_pages", recorded_trim)
    warmer()
    wait_for(trimmed)
    assert warming.warming()  # still there for the next swap
