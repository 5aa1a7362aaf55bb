"""The running site and changing content: a change shows on the next request; in development a
broken file's pages show its errors in the site's own style and every other page a banner; a 503
(never a 500) when content cannot load at all."""

import dataclasses
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

import engine.files
from engine import ContentError, get_library
from tests.conftest import section_text
from web.middleware.content_errors import ContentErrorMiddleware, errors_behind

SECOND = "articles/demo/02-second.md"
SECOND_URL = "/articles/demo/second/"


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_changed_file_shows_on_the_next_reload(client, debug, content_dir):
    assert "Section second" in client.get(SECOND_URL).content.decode()
    content_dir.write(SECOND, section_text("second", 2, title="Renamed second"))
    assert "Renamed second" in client.get(SECOND_URL).content.decode()


def test_new_file_shows_on_the_next_reload(client, debug, content_dir):
    assert client.get("/articles/demo/third/").status_code == 404
    content_dir.write("articles/demo/03-third.md", section_text("third", 3))
    assert client.get("/articles/demo/third/").status_code == 200


def test_deleted_file_goes_on_the_next_reload(client, debug, content_dir):
    assert client.get(SECOND_URL).status_code == 200
    content_dir.remove(SECOND)
    assert client.get(SECOND_URL).status_code == 404


def test_changed_file_shows_in_production_after_the_reload_interval(client, settings, content_dir):
    settings.CONTENT_RELOAD_SECONDS = 0  # production waits this long between looks at the files
    client.get(SECOND_URL)
    content_dir.write(SECOND, section_text("second", 2, title="Renamed second"))
    assert "Renamed second" in client.get(SECOND_URL).content.decode()


def test_error_page_lists_every_error_of_the_files_it_shows(client, debug, content_dir):
    content_dir.write(SECOND, section_text("second", "two"))
    content_dir.write("articles/demo/01-first.md", "---\ntitle: First\n")
    page = client.get("/articles/demo/all/").content.decode()
    assert "articles/demo/02-second.md</code>, line 4" in page
    assert "articles/demo/01-first.md</code>, line 1" in page
    assert "these 2 mistakes are fixed" in page


def test_error_page_is_in_the_site_style(client, debug, content_dir):
    content_dir.write(SECOND, section_text("second", "two"))
    page = client.get(SECOND_URL).content.decode()
    assert 'class="site-header"' in page
    assert "css/site.css" in page
    assert "<h1>A content file needs fixing</h1>" in page
    assert 'style="' not in page
    assert '<meta name="robots" content="noindex">' in page


def test_error_page_is_never_cached(client, debug, content_dir):
    content_dir.write(SECOND, section_text("second", "two"))
    response = client.get(SECOND_URL)
    assert "no-cache" in response["Cache-Control"]
    assert response["Retry-After"] == "60"


def test_warnings_do_not_stop_the_development_site(client, debug, content_dir):
    content_dir.write(SECOND, section_text("second", 2, titel="Typo"))
    assert client.get(SECOND_URL).status_code == 200


def test_error_page_counts_the_warnings_too(client, debug, content_dir):
    content_dir.write(SECOND, section_text("second", "two"))
    content_dir.write("articles/demo/01-first.md", section_text("first", 1, titel="Typo"))
    page = client.get(SECOND_URL).content.decode()
    assert "Run <code>make check</code> to see every mistake and 1 warning." in page


def test_a_broken_file_leaves_the_rest_of_the_site_browsable(client, debug, content_dir):
    content_dir.write(SECOND, section_text("second", "two"))
    assert client.get(SECOND_URL).status_code == 503
    for url in ["/", "/articles/demo/", "/articles/demo/first/", "/glossary/widget/"]:
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200
        assert "Shown only in development" in page
        assert f"<code>{SECOND}:4</code>" in page
        assert "&quot;order&quot; must be a whole number" in page


def test_a_term_file_that_never_worked_shows_its_error_on_its_own_address(
    client, debug, content_dir
):
    content_dir.write("glossary/gizmo.md", "---\nterm: [gizmo\n---\nText.\n")
    response = client.get("/glossary/gizmo/")
    assert response.status_code == 503
    assert "glossary/gizmo.md</code>, line 2" in response.content.decode()


def test_production_never_shows_the_error_page_or_the_banner(client, content_dir):
    content_dir.write(SECOND, section_text("second", "two"))
    page = client.get("/").content.decode()
    assert "A content file needs fixing" not in page
    assert "Shown only in development" not in page
    assert SECOND not in page


def fail_to_build(*args, **kwargs):
    raise RuntimeError("a bug in the loader")


def test_content_that_cannot_load_is_a_503_in_production(client, monkeypatch, content_dir):
    monkeypatch.setattr("engine.build.build_articles", fail_to_build)
    response = client.get("/")
    assert response.status_code == 503
    assert "This page is back in a few minutes" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_content_that_cannot_load_is_named_in_development(client, debug, monkeypatch, content_dir):
    monkeypatch.setattr("engine.build.build_articles", fail_to_build)
    response = client.get("/")
    assert response.status_code == 503
    assert "The content could not be loaded (RuntimeError(&#x27;a bug in the loader&#x27;))" in (
        response.content.decode()
    )


def test_failed_rebuild_keeps_the_last_good_content(client, caplog, monkeypatch, content_dir):
    assert client.get(SECOND_URL).status_code == 200
    monkeypatch.setattr("engine.build.build_articles", fail_to_build)
    content_dir.write(SECOND, section_text("second", 2, title="Never shown"))
    with caplog.at_level(logging.ERROR, logger="carteducation.content"):
        response = client.get(SECOND_URL)
    assert response.status_code == 200
    assert "Section second" in response.content.decode()
    assert "the site keeps its last good version" in caplog.text


# ContentErrorMiddleware on its own, with RequestFactory and a stand-in view


def answer(path):
    calls = []

    def view(request):
        calls.append(getattr(request, "content_problems", ()))
        return HttpResponse("the page")

    return ContentErrorMiddleware(view)(RequestFactory().get(path)), calls


def test_a_clean_site_passes_every_request_to_the_view_with_no_problems(debug, content_dir):
    response, calls = answer("/")
    assert (response.content, calls) == (b"the page", [()])


def test_in_development_the_view_hears_of_the_problems_elsewhere(debug, content_dir):
    content_dir.write(SECOND, section_text("second", "two"))
    response, [problems] = answer("/articles/demo/first/")
    assert response.content == b"the page"
    assert [(p.path, p.line) for p in problems] == [(SECOND, 4)]


def test_in_development_the_page_of_a_broken_file_never_reaches_the_view(debug, content_dir):
    content_dir.write(SECOND, section_text("second", "two"))
    response, calls = answer(SECOND_URL)
    assert (response.status_code, calls) == (503, [])


def test_in_production_the_view_hears_of_nothing(content_dir):
    content_dir.write(SECOND, section_text("second", "two"))
    response, calls = answer(SECOND_URL)
    assert (response.content, calls) == (b"the page", [()])


@pytest.mark.parametrize(
    ("path", "files"),
    [
        ("/articles/demo/second/", ["articles/demo/02-second.md", "articles/demo/article.md"]),
        ("/articles/demo/", ["articles/demo/article.md"]),
        ("/articles/demo/all/", ["articles/demo/"]),
        ("/articles/demo/handout/", ["articles/demo/"]),
        ("/articles/demo/never-worked/", ["articles/demo/"]),
        ("/articles/new-folder/", ["articles/new-folder/"]),
        ("/glossary/widget/", ["glossary/widget.md"]),
        ("/glossary/never-worked/", ["glossary/never-worked.md"]),
        ("/", []),
        ("/glossary/", []),
        ("/no-such-page/", []),
    ],
)
def test_the_errors_a_page_shows_are_those_of_the_files_behind_it(content_dir, path, files):
    everywhere = [
        ContentError(name, 1, "wrong")
        for name in [
            "articles/demo/article.md",
            "articles/demo/01-first.md",
            "articles/demo/02-second.md",
            "articles/new-folder/article.md",
            "glossary/widget.md",
            "glossary/never-worked.md",
            "references.yaml",
        ]
    ]
    library = get_library()
    library_with_errors = dataclasses.replace(library, problems=everywhere)
    shown = {error.path for error in errors_behind(path, library_with_errors)}
    expected = {
        error.path
        for error in everywhere
        if any(error.path == name or error.path.startswith(name) for name in files if name)
    }
    assert shown == expected


def test_a_page_looks_at_the_content_folder_once_and_the_next_sees_a_change(
    client, debug, content_dir, monkeypatch
):
    looks = []
    look = engine.files.look
    monkeypatch.setattr(engine.files, "look", lambda root: looks.append(root) or look(root))
    assert client.get(SECOND_URL).status_code == 200
    assert len(looks) == 1  # the view, the context processors and the middleware ask five times
    content_dir.write(SECOND, section_text("second", 2, "A brand new sentence.\n"))
    assert "A brand new sentence." in client.get(SECOND_URL).content.decode()
    assert len(looks) == 2
