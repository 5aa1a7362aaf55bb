"""One file too much for the renderer never holds back the other edits by its whole budget: a
build in the content watcher waits at most PATIENCE_SECONDS for any one render, swaps in what it
has (the slow file keeps its last good version meanwhile, with no message), and builds again as
soon as that render is done or has run out of time; a later build waits for the same render
rather than starting it again."""

import time

import pytest

import engine.live
import engine.renders
from engine import build_library
from engine.cache import RenderCache
from engine.files import read_snapshot
from engine.workers import PENDING, Pool, RenderJob
from tests.conftest import SLOW, section_text

pytestmark = pytest.mark.slow  # real render processes and the watcher's patience

SECOND = "articles/demo/02-second.md"
FIRST = "articles/demo/01-first.md"


def job(name, body):
    return RenderJob(name, body, "x-", frozenset(), link_terms=False)


def test_a_render_still_going_is_pending_and_the_next_call_waits_for_it_not_again():
    pool = Pool(2)
    try:
        slow, quick = job("slow.md", SLOW + "Text.\n"), job("quick.md", "Quick one.\n")
        first = pool.render([slow, quick], None, budget=4, patience=2)
        assert first["slow.md"].reason == PENDING
        assert "Quick one." in first["quick.md"]["html"]
        [busy] = [w for w in pool.workers if w.state == "rendering"]
        again = pool.render([slow], None, budget=3, patience=None)
        assert again["slow.md"].reason == "timeout"  # the same render, to its own deadline
        assert busy not in pool.workers  # one process for it, not a second one
    finally:
        pool.close()


def test_a_render_left_behind_for_a_file_that_changed_is_never_its_result():
    pool = Pool(2)
    try:
        pool.render([job("a.md", SLOW + "Old.\n")], None, budget=2, patience=0.2)
        result = pool.render([job("a.md", "New words.\n")], None, budget=5)
        assert "New words." in result["a.md"]["html"]
    finally:
        pool.close()


def test_a_build_with_patience_keeps_the_last_good_version_of_a_slow_file(content_dir, settings):
    settings.CONTENT_RENDER_SECONDS = 5
    good = build_library(read_snapshot(content_dir.root))
    content_dir.write(SECOND, section_text("second", 2, SLOW + "Slow now.\n"))
    content_dir.write(FIRST, section_text("first", 1, "An ordinary edit.\n"))
    started = time.monotonic()
    library = build_library(read_snapshot(content_dir.root), good, patience=0.5)
    assert time.monotonic() - started < settings.CONTENT_RENDER_SECONDS  # not its whole budget
    assert "An ordinary edit." in library.articles["demo"].section("first").html
    assert library.build.pending == {SECOND}
    assert "the second thing" in library.articles["demo"].section("second").html
    assert library.errors == []  # still rendering: not a failure yet
    later = build_library(read_snapshot(content_dir.root), library)  # waits for the same render
    assert later.build.pending == set()
    assert [p.path for p in later.errors] == [SECOND]  # its time ran out: reported now


def test_the_watcher_builds_again_soon_while_a_render_is_pending():
    assert engine.live.PENDING_LOOK_SECONDS < engine.live.SETTLE_SECONDS
    assert engine.live.PATIENCE_SECONDS < 3


@pytest.mark.parametrize(
    ("started_ago", "waits"),
    [
        (0.0, True),  # just started: this build gives it its patience
        (5.0, False),  # an earlier build gave it its patience already
    ],
)
def test_patience_with_another_process_s_render_counts_from_its_start(
    tmp_path, monkeypatch, started_ago, waits
):
    # Another process (the other gunicorn worker) renders a slow file: each build of this one,
    # every quarter of a second while it is pending, must not wait a whole patience again.
    cache = RenderCache(tmp_path / "render.sqlite3", secret="s" * 50)
    budget = 3
    longest = budget + engine.renders.CLAIM_SECONDS
    cache.claim(["slow-key"], budget, time.time() - started_ago + longest)
    slept = []
    monkeypatch.setattr(engine.renders.time, "sleep", slept.append)
    monkeypatch.setattr(engine.renders, "WAIT_SECONDS", (0.6, 0.6))  # two looks at most
    found = engine.renders._wait_for(["slow-key"], cache, budget, patience=1.0)
    assert found == {}  # still rendering: the caller marks it pending
    assert bool(slept) is waits
