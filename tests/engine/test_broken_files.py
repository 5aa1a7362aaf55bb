"""Hostile and broken content files: each a clear message, never a crash, whether the checker
reads them or the site does (development: the file's own page names file, line and problem,
and every other page works with a banner naming it; production: the last good version, or the
page left out while every other page works)."""

import html
import logging
import os

import pytest

from engine.checks import check_content
from tests.conftest import section_text

SECOND = "articles/demo/02-second.md"
SECOND_URL = "/articles/demo/second/"
OTHER_URLS = ["/", "/articles/demo/first/", "/glossary/widget/", "/sitemap.xml"]
GOOD = section_text("second", 2)


def outside_link(tree):
    """Make 02-second.md a link to a good-looking section outside the content folder."""
    outside = tree.root.parent / "outside.md"
    outside.write_text(section_text("second", 2, "A secret from outside the content folder.\n"))
    path = tree.path(SECOND)
    if path.exists() or path.is_symlink():
        path.unlink()
    os.symlink(outside, path)


def alike_folder_link(tree):
    """Make 02-second.md a link into a folder beside the content folder whose name starts the
    same (content-extra/ beside content/): outside, though its path begins with the root's."""
    alike = tree.root.parent / f"{tree.root.name}-extra"
    alike.mkdir(exist_ok=True)
    outside = alike / "second.md"
    outside.write_text(section_text("second", 2, "A secret from beside the content folder.\n"))
    path = tree.path(SECOND)
    if path.exists() or path.is_symlink():
        path.unlink()
    os.symlink(outside, path)


def yaml_tag(tree):
    marker = tree.root.parent / "pwned"
    tree.write(
        SECOND,
        GOOD.replace(
            "title: Section second", f'title: !!python/object/apply:os.system ["touch {marker}"]'
        ),
    )


# (how to break 02-second.md, the line named, the message or a part of it)
BROKEN = [
    pytest.param(
        "---\ntitle: [Unclosed\nslug: second\norder: 2\n---\nText.\n",
        2,
        "front matter is not valid YAML: a list in square brackets is never closed",
        id="invalid-yaml",
    ),
    pytest.param(
        "---\ntitle: Never closed\nslug: second\norder: 2\n\nText.\n",
        1,
        "the front matter block is never closed: add a line with just --- after it",
        id="unclosed-front-matter",
    ),
    pytest.param(
        section_text("second", "two"),
        4,
        '"order" must be a whole number',
        id="wrong-type",
    ),
    pytest.param(
        section_text("second", 2, in_short="[one, two]"),
        5,
        '"in_short" must be a piece of text',
        id="list-for-text",
    ),
    pytest.param(
        "---\n- title\n- slug\n---\nText.\n",
        2,
        "front matter must be a list of `key: value` lines",
        id="front-matter-not-a-mapping",
    ),
    pytest.param(
        GOOD.encode() + b"Caf\xe9 au lait.\n",
        9,
        "the file is not valid UTF-8 text; save it again as UTF-8",
        id="invalid-utf-8",
    ),
    pytest.param(
        GOOD + "Text\x00 with a NUL.\n",
        9,
        "the file contains a NUL byte; it is probably not a text file",
        id="nul-byte",
    ),
    pytest.param(b"", 1, "the file is empty", id="empty-file"),
    pytest.param(b"  \n\n", 1, "the file is empty", id="blank-file"),
    pytest.param(
        GOOD + "word " * 1_000_000,
        0,
        "the file is 5.0 MB; a content file may be at most 1 MB",
        id="five-megabytes",
    ),
    pytest.param(
        yaml_tag,
        2,
        "front matter is not valid YAML: tags starting with ! (such as !!python/...) are not "
        "allowed; write plain values",
        id="yaml-python-tag",
    ),
    pytest.param(
        outside_link,
        0,
        "the file is a link to somewhere outside the content folder; it was not read",
        id="link-outside-content",
    ),
    pytest.param(
        alike_folder_link,
        0,
        "the file is a link to somewhere outside the content folder; it was not read",
        id="link-to-a-folder-named-like-content",
    ),
]


def break_file(tree, breaking):
    if callable(breaking):
        breaking(tree)
    else:
        tree.write(SECOND, breaking)


def assert_nothing_leaked(tree, text):
    assert "A secret from outside" not in text
    assert not (tree.root.parent / "pwned").exists()


@pytest.mark.parametrize(("breaking", "line", "message"), BROKEN)
def test_checker_explains_the_broken_file(content_dir, breaking, line, message):
    break_file(content_dir, breaking)
    findings = check_content(content_dir.root)
    assert [(f.line, f.level) for f in findings if f.path == SECOND and message in f.message] == [
        (line, "error")
    ], [str(f) for f in findings]
    assert_nothing_leaked(content_dir, "")


@pytest.mark.parametrize(("breaking", "line", "message"), BROKEN)
def test_development_page_of_the_file_names_file_line_and_problem(
    client, settings, content_dir, breaking, line, message
):
    settings.DEBUG = True
    break_file(content_dir, breaking)
    response = client.get(SECOND_URL)
    page = response.content.decode()
    assert response.status_code == 503
    assert SECOND in page
    assert (f"line {line}" if line else "the whole file") in page
    assert html.escape(message[0].upper() + message[1:]) in page
    assert "Traceback" not in page
    assert_nothing_leaked(content_dir, page)


@pytest.mark.parametrize(("breaking", "line", "message"), BROKEN)
def test_development_keeps_every_other_page_with_a_banner_naming_the_problem(
    client, settings, content_dir, breaking, line, message
):
    settings.DEBUG = True
    break_file(content_dir, breaking)
    for url in OTHER_URLS:
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200, url
        if url != "/sitemap.xml":
            assert f"<code>{SECOND}{f':{line}' if line else ''}</code>" in page, url
            assert html.escape(message) in page
        assert "Traceback" not in page
        assert_nothing_leaked(content_dir, page)


@pytest.mark.parametrize(("breaking", "line", "message"), BROKEN)
def test_production_leaves_out_a_file_broken_from_the_start(
    client, content_dir, breaking, line, message
):
    break_file(content_dir, breaking)
    assert client.get(SECOND_URL).status_code == 404
    for url in OTHER_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_nothing_leaked(content_dir, response.content.decode())


@pytest.mark.parametrize(("breaking", "line", "message"), BROKEN)
def test_production_keeps_the_last_good_version_and_logs(
    client, caplog, content_dir, breaking, line, message
):
    assert "Section second" in client.get(SECOND_URL).content.decode()
    break_file(content_dir, breaking)
    with caplog.at_level(logging.ERROR, logger="carteducation.content"):
        response = client.get(SECOND_URL)
    assert response.status_code == 200
    assert "Section second" in response.content.decode()
    assert_nothing_leaked(content_dir, response.content.decode())
    [record] = [r for r in caplog.records if SECOND in r.getMessage()]
    assert message in record.getMessage()
    assert record.getMessage().endswith("(the site keeps its last good version)")


@pytest.mark.parametrize(("breaking", "line", "message"), BROKEN)
def test_development_page_goes_once_the_file_is_fixed(
    client, settings, content_dir, breaking, line, message
):
    settings.DEBUG = True
    break_file(content_dir, breaking)
    assert client.get(SECOND_URL).status_code == 503
    if content_dir.path(SECOND).is_symlink():
        content_dir.remove(SECOND)
    content_dir.write(SECOND, GOOD.replace("Section second", "Fixed second"))
    response = client.get(SECOND_URL)
    assert response.status_code == 200
    assert "Fixed second" in response.content.decode()


def test_named_pipe_is_reported_not_read(content_dir):
    os.mkfifo(content_dir.path("articles/demo/03-third.md"))
    findings = check_content(content_dir.root)
    assert [str(f) for f in findings] == [
        "articles/demo/03-third.md:0: error: this is not a regular file (a pipe or a device?); "
        "it was not read"
    ]


def test_link_inside_the_content_folder_is_followed(client, content_dir):
    os.symlink(content_dir.path(SECOND), content_dir.path("articles/demo/03-third.md"))
    findings = check_content(content_dir.root)
    assert [f.message for f in findings] == [
        "the slug is already used by articles/demo/02-second.md; this section is left out"
    ]


def test_link_to_a_folder_outside_is_never_followed(client, content_dir, tmp_path):
    outside = tmp_path / "outside-folder"
    outside.mkdir()
    (outside / "article.md").write_text(content_dir.path("articles/demo/article.md").read_text())
    (outside / "01-secret.md").write_text(section_text("secret", 1, "A secret from outside.\n"))
    os.symlink(outside, content_dir.path("articles/elsewhere"))
    assert client.get("/articles/elsewhere/").status_code == 404
    assert client.get("/articles/elsewhere/secret/").status_code == 404
    assert "elsewhere" not in client.get("/articles/").content.decode()


def test_broken_link_is_a_clear_error(client, content_dir):
    os.symlink(content_dir.root / "nowhere.md", content_dir.path("articles/demo/03-third.md"))
    findings = check_content(content_dir.root)
    assert [str(f) for f in findings] == [
        "articles/demo/03-third.md:0: error: the file cannot be opened (a broken link?)"
    ]
    assert client.get("/articles/demo/").status_code == 200


# Two files claiming one slug: the first (by order) keeps it, the other is left out and named.

THIRD = "articles/demo/03-third.md"
CLAIMING = section_text("second", 3, "The impostor's text.\n", title="Impostor")


def test_same_slug_is_an_error_naming_both_files(content_dir):
    content_dir.write(THIRD, CLAIMING)
    assert [str(f) for f in check_content(content_dir.root)] == [
        f"{THIRD}:3: error: the slug is already used by {SECOND}; this section is left out"
    ]


@pytest.mark.parametrize("debug", [True, False], ids=["debug", "production"])
def test_same_slug_never_replaces_the_first_page(client, settings, content_dir, debug):
    settings.DEBUG = debug
    content_dir.write(THIRD, CLAIMING)
    response = client.get(SECOND_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Section second" in page
    assert "Impostor" not in page
    # In development the banner names the file that was left out, and why.
    assert (THIRD in page and "the slug is already used by" in page) == debug


def test_nothing_ran_from_a_yaml_tag(client, settings, content_dir):
    yaml_tag(content_dir)
    check_content(content_dir.root)
    client.get(SECOND_URL)
    settings.DEBUG = True
    client.get(SECOND_URL)
    assert not (content_dir.root.parent / "pwned").exists()
