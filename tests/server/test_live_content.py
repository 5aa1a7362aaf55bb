"""How a content change reaches readers: built off the request path and swapped in whole, only
from files that have stopped changing, never from a half-written save, a pipe, or a folder that
is briefly missing; and never going back in time when a worker is replaced or the server reloads.

The server tests run a real gunicorn (tests/support/live_server.py) on their own small content tree.
"""

import logging
import os
import threading
import time
from pathlib import Path

import pytest

import engine.files
import engine.live
import engine.workers
from engine.live import get_library, live_library
from tests.conftest import CRASH, ContentTree, section_text, write_demo_tree
from tests.support.live_server import LiveServer, wait_for

SECOND = "articles/demo/02-second.md"
SECOND_URL = "/articles/demo/second/"
BROKEN = "articles/demo/03-third.md"
BROKEN_TEXT = "---\ntitle: [Unclosed\nslug: third\norder: 3\n---\nText.\n"


@pytest.fixture
def tree(tmp_path):
    return write_demo_tree(ContentTree(tmp_path / "content"))


@pytest.fixture
def server(tree, tmp_path):
    started = []

    def start(**environment):
        live = LiveServer(tree.root, tmp_path / "gunicorn.log", **environment)
        started.append(live)
        live.wait_until_serving()
        return live

    yield start
    for live in started:
        live.stop()


def edit_title(tree, title, name=SECOND):
    tree.write(name, section_text("second", 2, title=title))


# A build never blocks a request.


def test_a_request_is_answered_while_a_build_is_held_in_progress(server, tree, tmp_path):
    gate = tmp_path / "hold-builds"
    live = server(TEST_BUILD_GATE=str(gate))
    gate.touch()
    edit_title(tree, "Edited second")
    wait_for(lambda: gate.with_name("hold-builds.building").exists())
    for _ in range(10):
        status, page = live.get(SECOND_URL)
        assert status == 200
        assert "Section second" in page
    gate.unlink()
    live.wait_for_text(SECOND_URL, "Edited second")


def test_a_request_in_the_same_process_is_answered_during_a_build(client, settings, content_dir):
    settings.CONTENT_RELOAD_SECONDS = 0.05
    live = live_library()
    get_library()
    started, release = threading.Event(), threading.Event()
    build = engine.live.build_library

    def held_build(*args, **kwargs):
        started.set()
        release.wait(timeout=30)
        return build(*args, **kwargs)

    engine.live.build_library = held_build
    try:
        live.start_watching()
        content_dir.write(SECOND, section_text("second", 2, title="Edited second"))
        assert started.wait(timeout=30)
        response = client.get(SECOND_URL)
        assert response.status_code == 200
        assert "Section second" in response.content.decode()
        release.set()
        wait_for(lambda: "Edited second" in client.get(SECOND_URL).content.decode())
    finally:
        release.set()
        live.stop_watching()
        engine.live.build_library = build


# A file is read only once it has stopped changing.


def test_a_save_written_in_chunks_is_never_served_half_written(server, tree):
    old = section_text("second", 2, "OLD-START " + "old words " * 300 + "OLD-END\n")
    new = section_text("second", 2, "NEW-START " + "new words " * 300 + "NEW-END\n")
    tree.write(SECOND, old)
    live = server()
    live.wait_for_text(SECOND_URL, "OLD-END")
    pages, done = [], threading.Event()

    def read_meanwhile():
        while not done.is_set():
            pages.append(live.get(SECOND_URL))

    reader = threading.Thread(target=read_meanwhile)
    reader.start()
    try:
        data = new.encode()
        with open(tree.path(SECOND), "wb") as file:
            for start in range(0, len(data), 300):
                file.write(data[start : start + 300])
                file.flush()
                time.sleep(0.05)
        live.wait_for_text(SECOND_URL, "NEW-END")
    finally:
        done.set()
        reader.join(timeout=30)
    assert pages
    for status, page in pages:
        assert status == 200
        assert ("OLD-START" in page and "OLD-END" in page) or (
            "NEW-START" in page and "NEW-END" in page
        )


def test_a_file_changed_just_now_is_not_read_yet(settings, content_dir):
    settings.CONTENT_RELOAD_SECONDS = 3600  # no look but the ones this test makes
    live = live_library()
    live.refresh(settle=0)
    content_dir.write(SECOND, section_text("second", 2, title="Edited second"))
    live.refresh(settle=3600)
    assert live.library.articles["demo"].section("second").title == "Section second"


def test_a_file_that_stayed_the_same_between_looks_is_read(settings, content_dir):
    settings.CONTENT_RELOAD_SECONDS = 3600
    live = live_library()
    live.refresh(settle=0)
    content_dir.write(SECOND, section_text("second", 2, title="Edited second"))
    live.refresh(settle=0.1)
    time.sleep(0.2)
    live.refresh(settle=0.1)
    assert live.library.articles["demo"].section("second").title == "Edited second"


# Only regular files are read; a folder that cannot be listed keeps the site.


def test_a_named_pipe_in_the_content_folder_is_skipped_with_a_warning(client, caplog, content_dir):
    os.mkfifo(content_dir.path("articles/demo/04-pipe.md"))
    answered = []
    with caplog.at_level(logging.WARNING, logger="carteducation.content"):
        reader = threading.Thread(target=lambda: answered.append(client.get(SECOND_URL)))
        reader.start()
        reader.join(timeout=30)
    assert not reader.is_alive()
    assert answered[0].status_code == 200
    assert "articles/demo/04-pipe.md is not a regular file" in caplog.text


def move_away(tree):
    tree.root.rename(tree.root.with_name("moved"))


def replace_with_a_file(tree):
    move_away(tree)
    tree.root.write_text("not a folder")


def empty(tree):
    move_away(tree)
    tree.root.mkdir()


def unreadable(tree):
    if os.geteuid() == 0:
        pytest.skip("root reads a folder whatever its permissions")
    tree.path("articles").chmod(0)


@pytest.mark.parametrize("breaking", [move_away, replace_with_a_file, empty, unreadable])
def test_a_content_folder_that_cannot_be_listed_keeps_the_site(
    client, caplog, content_dir, breaking
):
    assert client.get(SECOND_URL).status_code == 200
    breaking(content_dir)
    try:
        with caplog.at_level(logging.ERROR, logger="carteducation.content"):
            for url in [SECOND_URL, "/articles/demo/", "/glossary/widget/"]:
                assert client.get(url).status_code == 200, url
        assert "the site keeps its last good version" in caplog.text
    finally:
        if content_dir.path("articles").exists():
            content_dir.path("articles").chmod(0o755)


def test_a_content_folder_that_comes_back_is_read_again(client, content_dir):
    client.get(SECOND_URL)
    move_away(content_dir)
    client.get(SECOND_URL)
    content_dir.root.with_name("moved").rename(content_dir.root)
    content_dir.write(SECOND, section_text("second", 2, title="Edited second"))
    assert "Edited second" in client.get(SECOND_URL).content.decode()


# Restarts: with a broken file present, nothing a reader saw goes back in time.


def test_the_server_starts_with_a_broken_file_present(server, tree):
    tree.write(BROKEN, BROKEN_TEXT)
    live = server()
    assert live.get(SECOND_URL)[0] == 200
    assert live.get("/articles/demo/third/")[0] == 404
    assert "articles/demo/03-third.md:2: error: front matter is not valid YAML" in live.text


def test_the_server_starts_with_a_file_that_crashes_the_renderer(server, tree):
    tree.write(BROKEN, section_text("third", 3, CRASH + "Text.\n"))
    live = server()
    assert live.get(SECOND_URL)[0] == 200
    assert live.get("/articles/demo/third/")[0] == 404


# kill_workers: kill -9 of every worker, which the master replaces; reload: SIGHUP, as a deploy.
@pytest.mark.parametrize("restart", ["kill_workers", "reload"])
def test_a_restart_serves_the_latest_good_edit_with_a_broken_file_present(server, tree, restart):
    tree.write(BROKEN, BROKEN_TEXT)
    live = server()
    edit_title(tree, "Edited second")
    live.wait_for_text(SECOND_URL, "Edited second")
    getattr(live, restart)()
    pages = [live.get(SECOND_URL) for _ in range(20)]
    assert all(status == 200 and "Edited second" in page for status, page in pages)


@pytest.mark.parametrize("restart", ["kill_workers", "reload"])
def test_a_restart_keeps_the_last_good_version_of_a_file_broken_since(server, tree, restart):
    live = server()
    edit_title(tree, "Edited second")
    live.wait_for_text(SECOND_URL, "Edited second")
    tree.write(SECOND, "---\ntitle: [Unclosed\n---\n")
    wait_for(lambda: f"{SECOND}:" in live.text)  # the worker has seen the broken file
    getattr(live, restart)()
    pages = [live.get(SECOND_URL) for _ in range(20)]
    assert all(status == 200 and "Edited second" in page for status, page in pages)


def _aged(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_save_abandoned_half_way_is_logged_and_not_shown_until_final(
    settings, content_dir, caplog
):
    # The rule (engine/live.py, FINAL_SECONDS): a settled file is whole when it ends with a line
    # break; one that does not is logged and kept waiting until it has stayed the same that long.
    settings.CONTENT_RELOAD_SECONDS = 3600  # no look but the ones this test makes
    live = live_library()
    live.refresh(settle=0)
    full = section_text("second", 2, "HALF-START and then the rest of the sentence.\n").encode()
    path = content_dir.path(SECOND)
    path.write_bytes(full[: full.index(b"and then")])  # the save stopped mid-line
    _aged(path, 2)  # settled: a second and more unchanged
    with caplog.at_level(logging.WARNING, logger="carteducation.content"):
        live.refresh()
        live.refresh()
    assert live.library.articles["demo"].section("second").title == "Section second"
    assert "HALF-START" not in live.library.articles["demo"].section("second").html
    assert caplog.text.count("a save may have stopped half-way") == 1  # said once
    _aged(path, engine.live.FINAL_SECONDS + 5)  # clearly final now: taken as it is
    with caplog.at_level(logging.WARNING, logger="carteducation.content"):
        live.refresh()
    assert "HALF-START" in live.library.articles["demo"].section("second").html


def test_a_settled_save_that_ends_with_a_line_break_is_shown_at_once(settings, content_dir):
    settings.CONTENT_RELOAD_SECONDS = 3600
    live = live_library()
    live.refresh(settle=0)
    path = content_dir.path(SECOND)
    path.write_bytes(section_text("second", 2, "WHOLE-SAVE text.\n").encode())
    _aged(path, 2)
    live.refresh()
    assert "WHOLE-SAVE" in live.library.articles["demo"].section("second").html


def test_a_broken_link_that_appears_is_logged(settings, content_dir, caplog):
    settings.CONTENT_RELOAD_SECONDS = 3600
    live = live_library()
    live.refresh(settle=0)
    content_dir.path("glossary/dangling.md").symlink_to(content_dir.root / "nowhere.md")
    with caplog.at_level(logging.WARNING, logger="carteducation.content"):
        live.refresh()
    assert "glossary/dangling.md is a link to nothing" in caplog.text


def test_after_a_build_the_watcher_looks_again_at_once(settings, content_dir):
    # An edit saved while a build runs (a second or more at library scale) is looked for as
    # soon as the build ends, not a whole CONTENT_RELOAD_SECONDS later.
    settings.CONTENT_RELOAD_SECONDS = 3600
    live = live_library()
    live.refresh(settle=0)
    content_dir.write(SECOND, section_text("second", 2, "Edited.\n"))
    live.refresh(settle=0)
    assert "Edited." in live.library.articles["demo"].section("second").html
    assert live._until_next_look() <= 0.05
    live.refresh(settle=0)  # nothing new: the next look is an interval away again
    assert live._until_next_look() == 3600


def test_a_save_is_seen_at_once_however_long_the_interval(settings, content_dir):
    # Where the system reports changes (Linux inotify, engine/notify.py), the watcher does not
    # wait out CONTENT_RELOAD_SECONDS: an edit is live about SETTLE_SECONDS after the save.
    settings.CONTENT_RELOAD_SECONDS = 3600
    live = live_library()
    live.start_watching()
    try:
        if not live._watcher[3].alert:
            pytest.skip("inotify is not available on this system")
        content_dir.write(SECOND, section_text("second", 2, "Seen at once.\n"))
        wait_for(lambda: "Seen at once." in live.library.articles["demo"].section("second").html)
    finally:
        live.stop_watching()


def test_stopping_the_watcher_does_not_wait_out_the_interval(settings, content_dir):
    settings.CONTENT_RELOAD_SECONDS = 3600
    live = live_library()
    live.start_watching()
    thread = live._watcher[1]
    started = time.monotonic()
    live.stop_watching()
    assert not thread.is_alive()
    assert time.monotonic() - started < 10


def test_the_first_build_starts_its_render_processes_before_it_reads_the_folder(
    settings, content_dir, monkeypatch
):
    # A first build with an empty render cache renders every file: its render processes start
    # while the folder is read and parsed, on the cores that leaves idle, not after.
    processes_at_the_look = []
    look = engine.files.look

    def counting_look(root):
        pool = engine.workers._this_process_pool()
        processes_at_the_look.append(len(pool.workers))
        return look(root)

    monkeypatch.setattr(engine.files, "look", counting_look)
    engine.workers.close_workers()
    live = live_library()
    live.refresh(settle=0)
    assert processes_at_the_look[0] == engine.workers._this_process_pool().size
    live.refresh(settle=0)  # the library is there now: a look starts nothing
    assert processes_at_the_look[1] == processes_at_the_look[0]


def render_processes_of(pid):
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    commands = [Path(f"/proc/{child}/cmdline").read_bytes() for child in children]
    assert commands  # its workers, at least
    return [command for command in commands if b"engine.workers" in command]


def test_the_master_keeps_no_render_process_once_the_site_is_up(server, tree):
    # gunicorn's master builds the first library in render processes of its own, then stops
    # them: they would sit idle until a reload, and every worker it forks would inherit their
    # pipes. Each worker starts one of its own (engine.live, start_watching).
    live = server()
    assert live.get(SECOND_URL)[0] == 200
    assert render_processes_of(live.process.pid) == []
    # Nor after a reload, which renders what changed if no worker has yet.
    edit_title(tree, "Edited before the reload")
    time.sleep(1)  # settled, so the master's look reads it
    live.reload()
    assert "Edited before the reload" in live.get(SECOND_URL)[1]
    assert render_processes_of(live.process.pid) == []
