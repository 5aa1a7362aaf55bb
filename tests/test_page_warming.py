"""Which pages are rendered ahead of readers: gunicorn's master renders the most-read ones before
forking, and each worker's page warmer renders the rest off the request path, again after each
library swap, without ever holding up a request."""

import threading

import pytest

import articles.views
import glossary.views
from engine.live import get_library
from tests.conftest import section_text
from web import warming
from web.warming import (
    most_read_paths,
    start_warming,
    stop_warming,
    warm_page_cache,
    warm_pass,
)

ARTICLE = "/articles/car-t-autoimmune/"
SECTION = "/articles/car-t-autoimmune/what-studies-show/"
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


def test_most_read_pages_are_home_lists_articles_and_sections(content_copy):
    paths = most_read_paths(get_library())
    for path in ["/", "/articles/", "/glossary/", "/questions/", ARTICLE, SECTION]:
        assert path in paths
    assert not any(path.startswith("/glossary/") and path != "/glossary/" for path in paths)


def test_master_warms_the_most_read_pages(client, content_copy, rendered):
    warm_page_cache(most_read_paths(get_library()))
    rendered.clear()
    for path in ["/", "/articles/", "/glossary/", ARTICLE, SECTION]:
        assert client.get(path).status_code == 200
    assert rendered == []


def test_a_term_page_not_warmed_is_rendered_for_its_first_reader(client, content_copy, rendered):
    warm_page_cache(most_read_paths(get_library()))
    rendered.clear()
    response = client.get(TERM)
    assert response.status_code == 200
    assert b"CD19" in response.content
    assert rendered == ["glossary/term.html"]


def test_a_warm_pass_renders_the_pages_the_master_left(client, content_copy, rendered):
    warm_pass()
    rendered.clear()
    assert client.get(TERM).status_code == 200
    assert client.get(f"{ARTICLE}all/").status_code == 200
    assert rendered == []


def test_a_request_is_answered_while_the_warmer_is_busy(client, content_copy, monkeypatch, warmer):
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


def test_a_warm_pass_after_a_swap_renders_the_most_read_pages(client, content_copy, rendered):
    warm_pass(every_page=False)
    rendered.clear()
    assert client.get(SECTION).status_code == 200
    assert client.get(TERM).status_code == 200
    assert rendered == ["glossary/term.html"]


def test_a_library_swap_starts_a_warm_pass_of_the_most_read_pages(content_dir, monkeypatch, warmer):
    libraries, every_page, passes = [], [], [threading.Event(), threading.Event()]

    def recorded_pass(stop=None, every=True):
        libraries.append(get_library())
        every_page.append(every)
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
    assert every_page == [True, False]
