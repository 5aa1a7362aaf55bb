"""Wake the content watcher as soon as something in the content folder changes (Linux inotify).

The watcher (engine.live) looks at the folder every CONTENT_RELOAD_SECONDS, and its look stays
what decides what changed and when a change has settled. On Linux, a ChangeAlarm watches every
folder of the content tree and ends the wait between two looks as soon as a file is written,
moved or deleted: a save is seen at once rather than up to an interval later. Where inotify
cannot be had (another system, the per-user limit of watches reached), the alarm only waits, and
the watcher looks every interval as before. A change inotify does not report (a linked file
edited where it lives, a network share) is found by the interval's look all the same.

Reading a file does not wake the alarm (the watcher's own reads would): only writes, moves,
deletions, new files and changed permissions do.
"""

import contextlib
import logging
import os
import select

from .files import content_folders

try:
    from inotify_simple import INotify
    from inotify_simple import flags as events
except ImportError:  # not Linux: inotify_simple is only installed there (pyproject.toml)
    INotify = None

log = logging.getLogger("carteducation.content")

if INotify is not None:
    CHANGES = (
        events.MODIFY
        | events.ATTRIB
        | events.CLOSE_WRITE
        | events.MOVED_FROM
        | events.MOVED_TO
        | events.CREATE
        | events.DELETE
        | events.DELETE_SELF
        | events.MOVE_SELF
    )
    # What may mean a folder to start or stop watching.
    FOLDER_CHANGES = events.CREATE | events.MOVED_TO | events.IGNORED


class ChangeAlarm:
    """wait(seconds) returns early, True, when the content tree under root changes; wake()
    ends a wait from another thread (stopping the watcher). Close it when done."""

    def __init__(self, root):
        self.root = str(root)
        self.watched = {}  # folder -> watch descriptor
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_read, False)
        self.inotify = None
        if INotify is not None:
            try:
                self.inotify = INotify(nonblocking=True)
            except OSError as error:  # the per-user limit of inotify instances, say
                log.info("no inotify (%s): the content folder is looked at every interval", error)
        self._poller = select.poll()
        self._poller.register(self._wake_read, select.POLLIN)
        if self.inotify is not None:
            self._poller.register(self.inotify.fileno(), select.POLLIN)
            self.follow()

    @property
    def alert(self):
        """Whether changes wake the watcher (False: it looks every interval only)."""
        return self.inotify is not None

    def follow(self):
        """Watch every folder of the tree not watched yet (new folders, or the tree itself put
        back after it was moved away); forget the ones that have gone."""
        if self.inotify is None:
            return
        folders = set(content_folders(self.root))
        for folder in self.watched.keys() - folders:
            del self.watched[folder]  # inotify dropped its watch with the folder
        for folder in sorted(folders - self.watched.keys()):
            try:
                self.watched[folder] = self.inotify.add_watch(folder, CHANGES)
            except OSError as error:  # gone meanwhile, or the per-user limit of watches
                log.debug("cannot watch %s (%s): it is looked at every interval", folder, error)

    def wait(self, seconds):
        """Wait up to `seconds`; True as soon as the tree changed (or wake() was called)."""
        ready = self._poller.poll(max(seconds, 0) * 1000)
        if not ready:
            return False
        if self.inotify is not None:
            changes = self.inotify.read(timeout=0)
            if any(change.mask & FOLDER_CHANGES for change in changes):
                self.follow()  # a new folder to watch, or a watched one gone
        with contextlib.suppress(BlockingIOError):  # woken by a change, not by wake()
            os.read(self._wake_read, 512)
        return True

    def wake(self):
        os.write(self._wake_write, b"x")

    def close(self):
        if self.inotify is not None:
            self.inotify.close()
        os.close(self._wake_read)
        os.close(self._wake_write)
