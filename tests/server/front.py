"""The front server for a test module: nginx in front of gunicorn, as `make serve` runs them
(web/frontserver.py), on a free loopback port, waited for with a deadline, always stopped.

Without nginx its tests skip on a developer's machine, but fail under CI=true, which installs it
(.ci/run).
"""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

from tests.support.live_server import server_environment
from web.frontserver import find_nginx, free_port

START_SECONDS = 120


def unavailable(reason):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"front server tests cannot run in CI: {reason}")
    pytest.skip(reason)


class Server:
    def __init__(self, port, log):
        self.port, self.log = port, log

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response, response.read()
        finally:
            connection.close()

    def raw(self, data):
        """Send bytes as they are; return the status line and headers nginx answers with."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=15) as connection:
            connection.sendall(data)
            answer = b""
            while b"\r\n\r\n" not in answer:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                answer += chunk
        head = answer.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
        return int(head[0].split()[1]), dict(line.split(": ", 1) for line in head[1:])


@contextlib.contextmanager
def front_server(runtime, arguments=(), **environment):
    """Serve with `python -m web.frontserver serve --port <free> <arguments>` and yield its
    Server, logging to runtime/server.log. environment: settings beside the production-like ones
    of tests.support.live_server.server_environment."""
    if find_nginx() is None:
        unavailable("nginx is not installed (apt-get install nginx)")
    port = free_port()
    log_path = runtime / "server.log"
    log = open(log_path, "w+")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [sys.executable, "-m", "web.frontserver", "serve", "--port", str(port), *arguments],
        cwd=settings.BASE_DIR,
        env=server_environment(**environment),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so teardown can stop all of it
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while "Serving on" not in log_path.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the front server did not start:\n" + log_path.read_text())
            time.sleep(0.2)
        yield Server(port, log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
