"""gunicorn settings for tests/server/test_live_content.py: the project's own, plus a build gate.

With TEST_BUILD_GATE set to a path, a worker's build waits while a file exists at that path, and
first touches `<path>.building`, so a test can hold a build in progress and make requests
meanwhile. Without it, these are exactly the settings `make serve` uses.
"""

import os
import runpy
import time
from pathlib import Path

_project = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
globals().update({name: value for name, value in _project.items() if not name.startswith("__")})
_post_fork = _project["post_fork"]


def post_fork(server, worker):
    gate = os.environ.get("TEST_BUILD_GATE")
    if gate:
        _hold_builds_at(Path(gate))
    _post_fork(server, worker)


def _hold_builds_at(gate):
    import engine.live

    build = engine.live.build_library

    def held_build(*args, **kwargs):
        if gate.exists():
            Path(f"{gate}.building").touch()
            deadline = time.monotonic() + 60
            while gate.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
        return build(*args, **kwargs)

    engine.live.build_library = held_build
