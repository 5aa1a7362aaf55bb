"""The running site and changing content: a change shows on the next request, the development
error page in the site's own style, and a 503 (never a 500) when content cannot load at all."""

import logging

import pytest

from tests.conftest import section_text

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


def test_error_page_lists_every_error(client, debug, content_dir):
    content_dir.write(SECOND, section_text("second", "two"))
    content_dir.write("articles/demo/01-first.md", "---\ntitle: First\n")
    page = client.get("/").content.decode()
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
    page = client.get("/").content.decode()
    assert "Run <code>make check</code> to see every mistake and 1 warning." in page


def test_production_never_shows_the_error_page(client, content_dir):
    content_dir.write(SECOND, section_text("second", "two"))
    page = client.get("/").content.decode()
    assert "A content file needs fixing" not in page
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
