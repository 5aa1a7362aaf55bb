"""A file the renderer cannot finish is remembered in the shared render cache: another process,
or the server after a restart, reports it without rendering it again, until the file, the
budget or the renderer changes, or (for a timeout, which a busy machine can cause) until it is
due to be tried again."""

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import engine.renders
from engine import build_library
from engine.cache import RenderCache
from engine.checks import load_and_check
from engine.files import read_snapshot
from engine.workers import Failure
from tests.conftest import SLOW, section_text

pytestmark = pytest.mark.slow  # real render processes, their time limits and retries

SECOND = "articles/demo/02-second.md"
# The marker makes the render time out; the line of brackets is what the message will blame.
TOO_SLOW = "Fine.\n\n" + SLOW + "Text " + "[" * 2_000 + "\n"


def build(tree, previous=None):
    return build_library(read_snapshot(tree.root), previous)


def reported(library):
    return [(problem.path, problem.line, problem.message) for problem in library.errors]


class Sent(list):
    """The names of the files sent to the render processes, in order. fail[name]: a Failure
    the file gets instead of being rendered (as a busy machine or a crash would give it)."""

    def __init__(self):
        super().__init__()
        self.fail = {}


@pytest.fixture
def renders(monkeypatch):
    real = engine.renders.render_in_workers
    sent = Sent()

    def render_in_workers(jobs, glossary, budget, patience=None, patient=None):
        sent.extend(job.name for job in jobs)
        jobs_here = [job for job in jobs if job.name not in sent.fail]
        results = real(jobs_here, glossary, budget, patience, patient)
        results.update((job.name, sent.fail[job.name]) for job in jobs if job.name in sent.fail)
        return results

    monkeypatch.setattr(engine.renders, "render_in_workers", render_in_workers)
    return sent


@pytest.fixture
def later(monkeypatch):
    """later(seconds): the renders' clock moved on by that much."""

    def move(seconds):
        now = time.time() + seconds
        monkeypatch.setattr(engine.renders.time, "time", lambda: now)

    return move


@pytest.fixture
def too_slow(content_dir, settings):
    settings.CONTENT_RENDER_SECONDS = 2
    content_dir.write(SECOND, section_text("second", 2, TOO_SLOW))
    return content_dir


def test_a_restarted_server_reports_a_remembered_failure_without_rendering_it(too_slow, renders):
    first = build(too_slow)
    renders.clear()
    again = build(too_slow)
    assert SECOND not in renders
    assert again.build.rendered == set()
    assert reported(again) == reported(first)
    [(_, line, message)] = reported(again)
    assert line == 11
    assert message.startswith("the site gave up turning this file into a page after 2 seconds")


BUILD_IN_ANOTHER_PROCESS = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "carteducation.settings"
os.environ["RENDER_CACHE_PATH"] = sys.argv[2]
os.environ["CONTENT_RENDER_SECONDS"] = "2"
django.setup()
from engine.files import read_snapshot
from engine import build_library
library = build_library(read_snapshot(sys.argv[1]))
print(sorted(library.build.rendered))
print([(p.path, p.line, p.message) for p in library.errors])
"""


def test_another_process_reuses_a_failure_without_rendering_it(too_slow, render_cache):
    first = build(too_slow)
    other = subprocess.run(
        [sys.executable, "-c", BUILD_IN_ANOTHER_PROCESS, str(too_slow.root), render_cache],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    assert other.stdout.splitlines() == ["[]", repr(reported(first))]


def test_a_changed_file_is_rendered_again_after_its_failure(too_slow, renders):
    build(too_slow)
    too_slow.write(SECOND, section_text("second", 2, "Fixed now.\n"))
    renders.clear()
    fixed = build(too_slow)
    assert renders == [SECOND]
    assert "Fixed now" in fixed.articles["demo"].section("second").html
    assert reported(fixed) == []


def test_a_failure_under_one_budget_is_tried_again_under_another(too_slow, settings, renders):
    build(too_slow)
    settings.CONTENT_RENDER_SECONDS = 1.5
    renders.clear()
    again = build(too_slow)
    assert renders == [SECOND]
    [(_, _, message)] = reported(again)
    assert "after 1.5 seconds" in message


def test_a_remembered_failure_keeps_the_last_good_version(content_dir, settings, renders):
    settings.CONTENT_RENDER_SECONDS = 2
    build(content_dir)
    content_dir.write(SECOND, section_text("second", 2, TOO_SLOW))
    build(content_dir)
    renders.clear()
    restarted = build(content_dir)
    assert renders == []
    assert "the second thing" in restarted.articles["demo"].section("second").html
    assert [path for path, _, _ in reported(restarted)] == [SECOND]


def test_a_timeout_under_load_is_tried_again_when_due(content_dir, renders, later):
    renders.fail[SECOND] = Failure("timeout")
    first = build(content_dir)
    assert first.articles["demo"].section("second") is None
    del renders.fail[SECOND]
    renders.clear()
    assert [path for path, _, _ in reported(build(content_dir, first))] == [SECOND]
    assert [path for path, _, _ in reported(build(content_dir))] == [SECOND]
    assert renders == []
    later(engine.renders.RETRY_SECONDS + 1)
    retried = build(content_dir, first)
    assert renders == [SECOND]
    assert reported(retried) == []
    assert "the second thing" in retried.articles["demo"].section("second").html
    renders.clear()
    assert reported(build(content_dir)) == []
    assert renders == []


def test_only_one_process_tries_a_due_timeout_again(
    content_dir, renders, later, render_cache, settings
):
    renders.fail[SECOND] = Failure("timeout")
    first = build(content_dir)
    del renders.fail[SECOND]
    later(engine.renders.RETRY_SECONDS + 1)
    [(key, budget)] = first.build.failures
    cache = RenderCache(render_cache, secret=settings.SECRET_KEY)
    now = engine.renders.time.time()
    assert cache.claim_retry(
        key, budget, first.build.failures[key, budget], now, now + 60
    )  # another process is trying it
    cache.close()
    renders.clear()
    meanwhile = build(content_dir)
    assert renders == []
    assert [path for path, _, _ in reported(meanwhile)] == [SECOND]


def test_a_crash_is_not_tried_again_while_the_file_stays_the_same(content_dir, renders, later):
    renders.fail[SECOND] = Failure("RecursionError", "maximum recursion depth exceeded")
    first = build(content_dir)
    del renders.fail[SECOND]
    renders.clear()
    later(30 * engine.renders.RETRY_SECONDS)
    assert [path for path, _, _ in reported(build(content_dir, first))] == [SECOND]
    assert [path for path, _, _ in reported(build(content_dir))] == [SECOND]
    assert renders == []


def test_a_file_is_rendered_again_when_no_render_process_could_start(content_dir, renders):
    renders.fail[SECOND] = Failure("stopped", "no render process")
    build(content_dir)
    del renders.fail[SECOND]
    renders.clear()
    library = build(content_dir)
    assert renders == [SECOND]
    assert reported(library) == []


def test_the_checker_tries_a_remembered_timeout_again(content_dir, renders):
    renders.fail[SECOND] = Failure("timeout")
    build(content_dir)
    del renders.fail[SECOND]
    renders.clear()
    _, findings = load_and_check(content_dir.root)
    assert SECOND in renders
    assert [f for f in findings if f.path == SECOND and f.level == "error"] == []


def test_two_builds_at_once_render_a_failing_file_once(too_slow, renders):
    libraries = []
    threads = [threading.Thread(target=lambda: libraries.append(build(too_slow))) for _ in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert renders.count(SECOND) == 1
    assert reported(libraries[0]) == reported(libraries[1])
    assert [path for path, _, _ in reported(libraries[0])] == [SECOND]


def test_a_render_claimed_elsewhere_and_never_finished_is_done_here(
    content_dir, renders, monkeypatch
):
    claim = RenderCache.claim

    def claimed_by_a_process_that_stops(self, keys, budget, until):
        monkeypatch.setattr(RenderCache, "claim", claim)
        return [], list(keys)

    monkeypatch.setattr(RenderCache, "claim", claimed_by_a_process_that_stops)
    library = build(content_dir)
    assert SECOND in renders
    assert reported(library) == []
    assert "the second thing" in library.articles["demo"].section("second").html
