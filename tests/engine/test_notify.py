"""The change alarm (engine/notify.py): a write anywhere in the content tree ends the watcher's
wait at once; reading a file does not; without inotify the wait simply runs its course."""

import shutil
import threading
import time

import pytest

import engine.notify
from engine.notify import ChangeAlarm

LONG = 30  # seconds: a wait that ends well before this ended because of the change


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "content"
    (root / "articles" / "demo").mkdir(parents=True)
    (root / "articles" / "demo" / "01-first.md").write_text("First.\n")
    return root


@pytest.fixture
def alarm(tree):
    alarm = ChangeAlarm(tree)
    if not alarm.alert:
        alarm.close()
        pytest.skip("inotify is not available on this system")
    yield alarm
    alarm.close()


def wait_after(alarm, change, seconds=LONG):
    """(whether the wait ended early, how long it took), `change` made from another thread."""
    timer = threading.Timer(0.05, change)
    started = time.monotonic()
    timer.start()
    try:
        return alarm.wait(seconds), time.monotonic() - started
    finally:
        timer.cancel()


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "articles" / "demo" / "01-first.md").write_text("Edited.\n"),
        lambda root: (root / "articles" / "demo" / "02-new.md").write_text("New.\n"),
        lambda root: (root / "articles" / "demo" / "01-first.md").unlink(),
        lambda root: (root / "articles" / "demo" / "01-first.md").rename(root / "moved.md"),
        lambda root: (root / "articles" / "demo" / "01-first.md").chmod(0o600),
    ],
    ids=["edited", "added", "deleted", "moved-away", "permissions"],
)
def test_a_change_in_a_nested_folder_ends_the_wait(alarm, tree, change):
    woken, took = wait_after(alarm, lambda: change(tree))
    assert woken and took < LONG / 2


def test_a_folder_made_after_the_alarm_started_is_watched_too(alarm, tree):
    woken, _ = wait_after(alarm, lambda: (tree / "glossary").mkdir())
    assert woken
    woken, took = wait_after(alarm, lambda: (tree / "glossary" / "cd19.md").write_text("CD19.\n"))
    assert woken and took < LONG / 2


def test_reading_a_file_does_not_end_the_wait(alarm, tree):
    first = tree / "articles" / "demo" / "01-first.md"
    woken, _ = wait_after(alarm, first.read_text, 1)
    assert not woken


def test_wake_ends_the_wait_from_another_thread(alarm):
    woken, took = wait_after(alarm, alarm.wake)
    assert woken and took < LONG / 2


def test_without_inotify_the_wait_runs_its_course_and_can_still_be_ended(monkeypatch, tree):
    monkeypatch.setattr(engine.notify, "INotify", None)
    alarm = ChangeAlarm(tree)
    try:
        assert not alarm.alert
        woken, took = wait_after(alarm, lambda: (tree / "new.md").write_text("New.\n"), 0.5)
        assert not woken and took >= 0.45
        woken, took = wait_after(alarm, alarm.wake)
        assert woken and took < LONG / 2
    finally:
        alarm.close()


def test_a_content_folder_deleted_and_copied_back_is_watched_again(alarm, tree, tmp_path):
    shutil.copytree(tree, tmp_path / "copy")
    woken, _ = wait_after(alarm, lambda: shutil.rmtree(tree))
    assert woken
    while alarm.wait(0.3):
        pass  # the rest of what the deletion said: no folder is watched now
    shutil.copytree(tmp_path / "copy", tree)  # a new folder: inotify tells nobody of it
    alarm.follow()  # what the watcher does after each look (the interval's look finds it)
    woken, took = wait_after(alarm, lambda: (tree / "articles" / "new.md").write_text("New.\n"))
    assert woken and took < LONG / 2
