"""An image (or a link) under /static/ must be a plain file path: nothing a browser would read
as another address (the reviewer's /static/../x passed the image rule, and crashed the checker
with SuspiciousFileOperation). The sanitiser removes such an image; the checker names its file
and line and says how to fix it."""

import pytest

from engine.rendering import render_markdown
from engine.sanitize import clean, is_static_path
from tests.articles.test_check_content import BODY_LINE, body, check_content

SECOND = "articles/demo/02-second.md"

NOT_PLAIN = [
    "/static/../x",
    "/static/../../etc/passwd",
    "/static/img/../../admin/",
    "/static/./img/share.png",
    "/static//evil.example/x.png",
    "/static/\\evil.example/x.png",
    "/static/img\\..\\..\\x",
    "/static/%2e%2e/x",
    "/static/%2E%2E/%2E%2E/x",
    "/static/img/%2fshare.png",
    "/static/img/share.png?x=1",
    "/static/img/share.png#part",
    "/static/.hidden",
    "/static/",
    "/static/img/",
    "/static/img/sh are.png",
    "/static/img/share.png\t",
    "/static/img/\x00.png",
    "/static/img/ｓhare.png",
]
PLAIN = ["/static/img/share.png", "/static/img/favicon.svg", "/static/a-b_c.1.png"]


@pytest.mark.parametrize("src", NOT_PLAIN)
def test_an_image_path_that_is_not_plain_is_removed(src):
    assert not is_static_path(src)
    assert "src=" not in clean(f'<img src="{src}" alt="x">')


@pytest.mark.parametrize("src", PLAIN)
def test_a_plain_image_path_is_kept(src):
    assert is_static_path(src)
    assert f'src="{src}"' in clean(f'<img src="{src}" alt="x">')


@pytest.mark.parametrize("src", ["/static/../x", "/static/%2e%2e/x", "/static//x.png"])
def test_a_markdown_image_with_such_a_path_shows_no_image_source(src):
    html = str(render_markdown(f"![A picture]({src})\n").html)
    assert "src=" not in html


@pytest.mark.parametrize(
    "src", ["/static/../x", "/static/%2e%2e/settings.py", "/static//x.png", "/static/./x.png"]
)
def test_the_checker_names_the_file_and_line_of_such_an_image(content_dir, src):
    content_dir.write(SECOND, body(f"Some text.\n\n![A picture]({src})\n"))
    findings = [f for f in check_content(content_dir.root) if f.path == SECOND]
    [finding] = [f for f in findings if "not a plain file path" in f.message]
    assert (finding.line, finding.level) == (BODY_LINE + 2, "error")
    assert f'the image "{src}"' in finding.message
    assert "/static/img/blood-test.png" in finding.message


def test_the_checker_names_a_link_to_such_a_path(content_dir):
    content_dir.write(SECOND, body("Some text, [a file](/static/../manage.py).\n"))
    findings = [f for f in check_content(content_dir.root) if f.path == SECOND]
    assert any("the link" in f.message and "not a plain file path" in f.message for f in findings)
