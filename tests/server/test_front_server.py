"""nginx in front of gunicorn, as `make serve` runs them, under traffic that used to stop the site:
connections that send their headers or body one byte a second, or nothing at all; foreign hosts;
odd methods; requests nginx refuses itself; a view that fails.

Real processes on loopback (web/frontserver.py, started once for this module and always
stopped), raw sockets, a bounded number of connections that stop by themselves. No test here
asserts a time: `make bench` and bench/slow_clients.py measure speed. Without nginx these tests
skip on a developer's machine, but fail under CI=true, which installs it (.ci/run).
"""

import socket
import subprocess
import threading
import time

import pytest

from tests.server.front import Server, front_server, unavailable
from web.frontserver import find_nginx, free_port, write_local_config
from web.middleware.security import SECURITY_HEADERS

FULL = "/articles/car-t-autoimmune/all/"
PAGES = ["/", FULL, "/articles/car-t-autoimmune/what-studies-show/", "/glossary/", "/search/?q=b"]
HEADERS_OVER_HTTP = [name for name in SECURITY_HEADERS if name != "Strict-Transport-Security"]
SLOW_CONNECTIONS = 200
SLOW_SECONDS = 12  # longer than nginx's 10 s for headers, so some are cut off while we read


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    runtime = tmp_path_factory.mktemp("front")
    environment = {
        "DJANGO_SETTINGS_MODULE": "tests.support.settings_failing",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
    }
    with front_server(runtime, ["--runtime-dir", str(runtime)], **environment) as server:
        yield server


def assert_security_headers(headers):
    names = {name.lower() for name in headers}
    for name in HEADERS_OVER_HTTP:
        assert name.lower() in names, f"{name} missing"


class SlowClients:
    """Connections that hold on: some send nothing, some their headers a byte a second, some a
    body a byte a second. Each stops after SLOW_SECONDS, or when the server closes it."""

    def __init__(self, port, count):
        self.port, self.count = port, count
        self.opened = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        connections = []
        for number in range(self.count):
            try:
                connection = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            except OSError:
                break
            connection.setblocking(False)
            if number % 4 == 1:
                drip = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100
            elif number % 4 == 2:
                connection.sendall(
                    b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 9000\r\n\r\n"
                )
                drip = b"x" * 100
            else:
                drip = b""  # idle: sends nothing at all
            connections.append([connection, drip])
            self.opened += 1
        deadline = time.monotonic() + SLOW_SECONDS
        while not self.stop.is_set() and time.monotonic() < deadline:
            for entry in connections:
                connection, drip = entry
                if drip:
                    try:
                        connection.send(drip[:1])
                        entry[1] = drip[1:]
                    except OSError:
                        entry[1] = b""
            self.stop.wait(1)
        for connection, _ in connections:
            connection.close()

    def __enter__(self):
        self.thread.start()
        while self.thread.is_alive() and self.opened < self.count:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=SLOW_SECONDS + 10)


def test_slow_and_idle_connections_do_not_stop_readers(server):
    with SlowClients(server.port, SLOW_CONNECTIONS) as slow:
        assert slow.opened == SLOW_CONNECTIONS
        statuses = []
        for _ in range(3):
            for path in PAGES:
                response, body = server.request("GET", path)
                statuses.append(response.status)
                assert len(body) > 0
    assert statuses == [200] * len(statuses)


def test_readers_still_get_pages_after_slow_clients_gave_up(server):
    with SlowClients(server.port, 50):
        pass
    assert server.request("GET", FULL)[0].status == 200


@pytest.mark.parametrize("path", ["/", FULL, "/static/img/favicon.svg", "/no-such-page/"])
def test_foreign_host_gets_400_with_the_headers(server, path):
    status, headers = server.raw(f"GET {path} HTTP/1.1\r\nHost: evil.example\r\n\r\n".encode())
    assert status == 400
    assert_security_headers(headers)


def test_foreign_host_gets_400_for_a_hashed_static_file(server):
    page = server.request("GET", "/")[1].decode()
    css = page.split('href="/static/css/site.', 1)[1].split('"', 1)[0]
    path = f"/static/css/site.{css}"
    assert server.request("GET", path)[0].status == 200
    status, headers = server.raw(f"GET {path} HTTP/1.1\r\nHost: evil.example\r\n\r\n".encode())
    assert status == 400
    assert_security_headers(headers)


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_pages_answer_get_and_head(server, method):
    response, body = server.request(method, FULL)
    assert response.status == 200
    assert (body == b"") == (method == "HEAD")


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "TRACE"])
@pytest.mark.parametrize("path", ["/", FULL])
def test_other_methods_get_405_with_allow(server, method, path):
    response, _ = server.request(method, path, body=b"x=1")
    assert response.status == 405
    assert response.getheader("Allow") == "GET, HEAD, OPTIONS"
    assert_security_headers(dict(response.getheaders()))


def test_options_answers_allow_without_a_body(server):
    response, body = server.request("OPTIONS", FULL)
    assert response.status == 200
    assert response.getheader("Allow") == "GET, HEAD, OPTIONS"
    assert body == b""


def test_query_strings_get_the_cached_page(server):
    plain, body = server.request("GET", FULL, headers={"Accept-Encoding": "br"})
    for query in ["utm_source=a", "x=1", "x=2", "fbclid=zz"]:
        response, again = server.request(
            "GET", f"{FULL}?{query}", headers={"Accept-Encoding": "br"}
        )
        assert response.getheader("ETag") == plain.getheader("ETag")
        assert again == body


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 5000 + b"\r\n\r\n", 400),
        (b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n", 413),
        (b"NONSENSE\r\n\r\n", 400),
    ],
)
def test_answers_nginx_makes_itself_carry_the_headers(server, request_bytes, status):
    answer_status, headers = server.raw(request_bytes)
    assert answer_status == status
    assert headers["Server"] == "nginx"  # refused before gunicorn saw it
    assert_security_headers(headers)


def test_missing_static_file_gets_the_sites_404_page(server):
    response, body = server.request("GET", "/static/no-such-file.css")
    assert response.status == 404
    assert b"We cannot find that page" in body
    assert_security_headers(dict(response.getheaders()))


def test_gzip_static_file_is_served_compressed(server):
    response, _ = server.request("GET", "/static/css/site.css", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"


def test_failing_view_gets_the_sites_500_page_and_one_log_record(server):
    before = server.log.read_text()
    response, body = server.request("GET", "/test-only/fail/")
    assert response.status == 500
    assert b"Sorry, something went wrong on our side" in body
    assert_security_headers(dict(response.getheaders()))
    time.sleep(0.5)  # the error log is written by another process
    written = server.log.read_text()[len(before) :]
    assert written.count("Traceback") == 1
    assert "a view failed on purpose" in written
    assert len(written.splitlines()) < 60


def test_bad_gateway_from_nginx_carries_the_headers(tmp_path):
    # nginx alone, its gunicorn socket missing: every page is nginx's own 502.
    nginx = find_nginx()
    if nginx is None:
        unavailable("nginx is not installed (apt-get install nginx)")
    port = free_port()
    config = write_local_config(tmp_path, port)
    command = [nginx, "-p", str(tmp_path), "-c", str(config), "-e", "stderr"]
    errors = open(tmp_path / "stderr.log", "w")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(command, stderr=errors)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, headers = Server(port, None).raw(
                    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                )
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert status == 502
        assert_security_headers(headers)
        # What a patient searched for is in no log, though nginx's error log would name it.
        for path in SEARCHED:
            status, _ = Server(port, None).raw(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
            )
            assert status in {200, 404, 502}
    finally:
        process.terminate()
        process.wait(timeout=30)
        errors.close()
    logs = {path.name: path.read_text() for path in tmp_path.glob("*.log")}
    assert "failures.log" in logs
    for name, text in logs.items():
        assert "lupus-flare" not in text, name
    assert '"GET /search/" 502' in logs["failures.log"]


SEARCHED = [
    "/search/?q=lupus-flare",
    "/es/buscar/?q=lupus-flare",
    "/glossary/?q=lupus-flare",
    "/static/missing.css?q=lupus-flare",
    "/static/css/site.css?q=lupus-flare",
]
