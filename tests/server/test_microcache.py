"""nginx's microcache, through `make serve` (nginx in front of gunicorn) on a small content tree
of its own that the tests edit: a page read by many is served by nginx from its copy, a query
string that changes nothing gets the same copy, a page that reads its query (search, the
glossary filter) is never kept, and an edit still shows. No time is asserted: every wait has a
deadline, and `make bench` measures speed."""

import re
import time

import pytest

from tests.conftest import ContentTree, section_text, write_demo_tree
from tests.server.front import front_server
from web.middleware.security import SECURITY_HEADERS

SECTION = "/articles/demo/second/"
SECOND = "articles/demo/02-second.md"
EDIT_DEADLINE = 60
HEADERS_OVER_HTTP = [name for name in SECURITY_HEADERS if name != "Strict-Transport-Security"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    runtime = tmp_path_factory.mktemp("microcache")
    tree = write_demo_tree(ContentTree(runtime / "content"))
    arguments = ["--runtime-dir", str(runtime / "run"), "--access-log", str(runtime / "access.log")]
    environment = {
        "WEB_CONCURRENCY": "1",
        "CONTENT_DIR": str(tree.root),
        "CONTENT_RELOAD_SECONDS": "1",
        "RENDER_CACHE_PATH": str(runtime / "render.sqlite3"),
    }
    with front_server(runtime, arguments, **environment) as server:
        yield server, tree, runtime


def cache_statuses(runtime, path):
    """How the microcache answered each logged request for path (HIT, MISS, STALE, ... or -)."""
    time.sleep(0.3)  # nginx writes its log line as the request ends
    lines = (runtime / "access.log").read_text().splitlines()
    return [line.rsplit(" ", 1)[1] for line in lines if f" {path} " in line]


def test_a_page_read_again_comes_from_the_microcache(served):
    server, _, runtime = served
    first, body = server.request("GET", SECTION, headers={"Accept-Encoding": "gzip"})
    again, same = server.request("GET", SECTION, headers={"Accept-Encoding": "gzip"})
    assert (first.status, again.status) == (200, 200)
    assert same == body
    assert again.getheader("Content-Encoding") == "gzip"
    assert again.getheader("Vary") == "Accept-Encoding"
    assert again.getheader("X-Accel-Expires") is None  # nginx's instruction, not the reader's
    assert cache_statuses(runtime, SECTION)[-1] in {"HIT", "STALE", "UPDATING"}


@pytest.mark.parametrize("path", [SECTION, "/search/?q=widget", "/no-such-page/"])
def test_every_answer_carries_each_security_header_once(served, path):
    # gunicorn leaves them to nginx (SECURITY_HEADERS_FROM_FRONT), which adds them to everything:
    # pages from the microcache, pages it never keeps, errors.
    server, _, _ = served
    for _ in range(2):  # a kept page's second answer comes from the microcache
        response, _ = server.request("GET", path)
        names = [name.lower() for name, _ in response.getheaders()]
        for name in HEADERS_OVER_HTTP:
            assert names.count(name.lower()) == 1, f"{name} on {path}"


@pytest.mark.parametrize("encoding", ["br", "gzip", "identity", "gzip, deflate, br"])
def test_each_reader_gets_the_compression_it_accepts(served, encoding):
    server, _, _ = served
    for _ in range(2):  # the second from the microcache
        response, _ = server.request("GET", SECTION, headers={"Accept-Encoding": encoding})
        expected = {"identity": None, "gzip": "gzip"}.get(encoding, "br")
        assert response.getheader("Content-Encoding") == expected


def test_a_query_that_changes_nothing_gets_the_same_copy(served):
    server, _, runtime = served
    _, body = server.request("GET", SECTION)
    for query in ("utm_source=newsletter", "x=1", "fbclid=abc"):
        response, again = server.request("GET", f"{SECTION}?{query}")
        assert again == body
    assert cache_statuses(runtime, SECTION)[-1] in {"HIT", "STALE", "UPDATING"}


@pytest.mark.parametrize(
    ("path", "queries", "words"),
    [
        ("/search/", ["q=widget", "q=second+thing"], ["widget", "second thing"]),
        ("/glossary/", ["q=wid", "q=gad"], ["/glossary/widget/", "/glossary/gadget/"]),
    ],
)
def test_a_page_that_reads_its_query_is_never_kept(served, path, queries, words):
    server, _, runtime = served
    for _ in range(2):
        for query, word in zip(queries, words, strict=True):
            response, body = server.request("GET", f"{path}?{query}")
            assert response.status == 200
            assert word in body.decode()
            assert "no-store" in response.getheader("Cache-Control")
    assert set(cache_statuses(runtime, path)) <= {"MISS", "-"}


def test_an_edit_shows_through_the_microcache(served):
    server, tree, _ = served
    server.request("GET", SECTION)
    server.request("GET", SECTION)  # kept by nginx now
    tree.write(SECOND, section_text("second", 2, "A sentence changed by an editor.\n"))
    deadline = time.monotonic() + EDIT_DEADLINE
    while time.monotonic() < deadline:
        _, body = server.request("GET", SECTION)
        if b"changed by an editor" in body:
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"the edit did not show within {EDIT_DEADLINE} s")


def test_a_static_file_says_it_varies_by_compression(served):
    server, _, _ = served
    response, _ = server.request("GET", "/static/css/site.css", headers={"Accept-Encoding": "gzip"})
    assert response.getheader("Vary") == "Accept-Encoding"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_a_405_for_a_static_file_says_what_is_allowed(served, method):
    server, _, _ = served
    response, _ = server.request(method, "/static/css/site.css", body=b"")
    assert response.status == 405
    assert response.getheader("Allow") == "GET, HEAD, OPTIONS"


def test_the_not_found_page_through_nginx_names_the_site(served):
    server, _, _ = served
    response, body = server.request("GET", "/articles/stop-taking-your-medicines/")
    assert response.status == 404
    assert b"stop-taking-your-medicines" not in body
    assert re.search(rb'<link rel="canonical" href="http://127\.0\.0\.1:\d+/"', body)
