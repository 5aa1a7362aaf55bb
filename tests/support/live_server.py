"""A real gunicorn, as `make serve` runs it, on a content folder of the test's own.

LiveServer starts it on a free loopback port (from LOOPBACK_PORTS if set, else one the OS gives),
with CONTENT_RELOAD_SECONDS short and two workers, and always stops it. Every wait here has a
deadline, so a test that goes wrong fails instead of hanging.
"""

import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from web.frontserver import free_port

ROOT = Path(__file__).resolve().parents[2]
RELOAD_SECONDS = "0.2"
CONFIG = Path(__file__).resolve().parent / "live_gunicorn_conf.py"


def wait_for(predicate, seconds=30, every=0.05):
    """Call predicate until it returns something true, for at most `seconds`; return that."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"still waiting after {seconds} s")


def server_environment(**settings):
    """The environment of a server a test starts: this process's, without its DJANGO_ variables,
    with production-like settings (no DEBUG, a fresh secret key, no HTTPS redirect, this host only)
    and these settings."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        **settings,
    )
    return env


class LiveServer:
    def __init__(self, content_root, log_path, **environment):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        env = server_environment(
            CONTENT_DIR=str(content_root),
            RENDER_CACHE_PATH=str(Path(log_path).with_name("render-cache.sqlite3")),
            CONTENT_RELOAD_SECONDS=RELOAD_SECONDS,
            PORT=str(self.port),
            WEB_CONCURRENCY="2",
            GUNICORN_THREADS="2",
            **environment,
        )
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", str(CONFIG), "--max-requests", "0"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def get(self, path, timeout=10):
        """(status, body text) of a GET; status 0 when nothing answered."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except OSError:
            return 0, ""

    def wait_until_serving(self, path="/", seconds=60):
        def answered():
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited with {self.process.returncode}: {self.text}")
            return self.get(path, timeout=2)[0] == 200

        wait_for(answered, seconds)

    def wait_for_text(self, path, text, seconds=30):
        wait_for(lambda: text in self.get(path)[1], seconds)

    def workers(self):
        """gunicorn's live workers (the master's other children, if any, are not workers)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        alive = {int(pid) for pid in children.read_text().split()}
        booted = {int(pid) for pid in re.findall(r"Booting worker with pid: (\d+)", self.text)}
        return sorted(alive & booted)

    def kill_workers(self):
        """kill -9 every worker; return once the master has forked replacements that answer."""
        old = self.workers()
        for pid in old:
            os.kill(pid, signal.SIGKILL)
        wait_for(lambda: len(set(self.workers()) - set(old)) == len(old))
        self.wait_until_serving()

    def reload(self):
        """SIGHUP, as a deploy does; return once only new workers are left and they answer."""
        old = set(self.workers())
        self.process.send_signal(signal.SIGHUP)
        wait_for(lambda: (now := set(self.workers())) and not now & old)
        self.wait_until_serving()

    @property
    def text(self):
        return Path(self.log_path).read_text()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()
