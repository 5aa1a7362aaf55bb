"""The library readers see: always a whole one, replaced whole when a newer one is ready.

get_library(language) is what views call. It returns the current library of that language ("en"
or "es") from memory and never waits for a build. One watcher serves every language: a look
at CONTENT_DIR covers content/es/ too, every build makes the library of each language from the
same snapshot, and all of them are swapped in together, so the pairing between languages
(library.by_key) never mixes two versions of the content. How a change reaches readers:

1. A look lists the content folder (files.look): each regular file's modification time and
   size. A changed file is read only once it has stopped changing: the same on looks at least
   SETTLE_SECONDS apart, and unchanged while it is read. So a save written in pieces is never
   served half-written.
2. The files that changed are read into a new snapshot (name -> bytes, or the ContentError that
   says why a file cannot be read: the build reports it and keeps that file's last good version).
3. build_library(snapshot, previous, language=...) builds a new library of each language, and
   one assignment swaps them all in. Readers get the old libraries until then, never half of
   the new ones. A build that fails keeps the old libraries; so does a folder that goes missing,
   cannot be read, or lists nothing. A translation whose build fails (a bug) keeps its old
   library and never holds back the English one.

Who looks, and when:

- gunicorn (gunicorn.conf.py): the master builds the first library before it forks. Each worker,
  right after it is forked, looks for changes made since then (a worker that replaces one killed,
  or one forked after a reload, never serves the master's older library), then starts a watcher
  thread that looks every reload_seconds (settings.CONTENT_RELOAD_SECONDS), and at once when
  the system reports a change in the folder (engine.notify, Linux), and builds off the request
  path. On a reload (SIGHUP) the master looks too, so the workers it forks next start
  with the current content.
- Anywhere no watcher runs (runserver, tests, a management command): get_library() itself looks,
  at most every reload_seconds (0 in development: on every request, so an editor sees a save
  on the next reload), and the request that finds a change waits for its build. With a
  library to serve, other requests never wait for that build.
"""

import contextlib
import contextvars
import dataclasses
import logging
import os
import threading
import time
from pathlib import Path

from . import files, site
from .build import build_library
from .errors import ContentError
from .languages import LANGUAGES, SOURCE_LANGUAGE
from .library import empty_library
from .notify import ChangeAlarm
from .workers import start_workers

log = logging.getLogger("carteducation.content")


class Event:
    """Functions to call when something happens, each with the same keyword arguments."""

    def __init__(self):
        self.receivers = []

    def connect(self, receiver):
        if receiver not in self.receivers:
            self.receivers.append(receiver)

    def disconnect(self, receiver):
        if receiver in self.receivers:
            self.receivers.remove(receiver)

    def send(self, **arguments):
        for receiver in list(self.receivers):
            receiver(**arguments)


# Sent after new libraries are swapped in (library=the English one, libraries={language: Library}),
# e.g. to drop pages rendered from the old. Every build makes a new library of each language.
library_swapped = Event()

# A changed file is read once it has stayed the same this long (its modification time is this
# old, or looks this far apart saw it the same): an editor's tool that writes a save in pieces
# pauses far less than this between them (milliseconds), and a save that stops half-way is
# caught by the line-break rule below, whatever the pause.
SETTLE_SECONDS = 0.5
# The rule for a save that may have stopped half-way: a changed file is whole once it has
# settled and ends with a line break (every editor and git end a text file with one; a write cut
# off mid-way almost never stops just after one). A settled file without one, or empty, may be
# a save abandoned half-way: it is logged, the site keeps its last good version, and it is taken
# as it is only once it has stayed the same for FINAL_SECONDS, long after any save in progress
# would have moved on.
FINAL_SECONDS = 10.0
# How long a build waits for any one render before it swaps in what it has (the file keeps its
# last good version meanwhile) and builds again once that render is done: a file too much for
# the renderer holds back every other edit by this much, not by CONTENT_RENDER_SECONDS.
PATIENCE_SECONDS = 1.0
PENDING_LOOK_SECONDS = 0.25  # how soon a build with renders still going looks again
# Looks woken by changes (engine.notify) come at most this often: a file written in many small
# pieces wakes the watcher on every piece.
WOKEN_LOOK_SECONDS = 0.1


class LiveLibrary:
    """The current libraries of one content folder, and what they were built from."""

    def __init__(self, root):
        self.root = Path(root)
        self.libraries = None  # what readers get: {language: Library}, the last ones built
        self.failure = None  # why the first build failed, while there is no library at all
        self.built_in = None  # the process that built self.library
        self.snapshot = {}  # name -> bytes (or why they cannot be read) the last build was given
        self.stamps = {}  # name -> (mtime_ns, size) of those bytes, as last looked at
        self.since = {}  # name -> (stamp, when a look first saw it) for changes not yet read
        self.next_look = None  # when the next waiting change settles (time.monotonic())
        self.drafts = None
        self.folder_problem = None
        self.checked = float("-inf")
        self._lock = threading.Lock()  # one look-and-build at a time
        self._watcher = None  # (pid, thread, stop event, ChangeAlarm) of this process's watcher
        self.unfinished = set()  # (name, stamp) of saves that may have stopped half-way, logged

    @property
    def library(self):
        """The English library (None before the first build)."""
        return self.libraries[SOURCE_LANGUAGE] if self.libraries else None

    def current(self, language=SOURCE_LANGUAGE):
        looked = _looked_this_request.get()
        if not self.watching() and (looked is None or self.root not in looked):
            config = site.current()
            stale = time.monotonic() - self.checked >= config.reload_seconds
            if self.library is None or stale or self.drafts != config.drafts:
                # Development: an editor's save shows on the next reload, checked only while read.
                self.refresh(settle=0, wait=SETTLE_SECONDS)
            if looked is not None:
                looked.add(self.root)
        libraries = self.libraries  # read once: a swap may come between two reads
        if libraries is None:
            raise self.failure or RuntimeError("the content has not been loaded")
        return libraries[language]

    def refresh(self, *, settle=SETTLE_SECONDS, wait=0.0):
        """Look at the folder; build and swap in the changes that have settled. With `wait`,
        look again for up to that many seconds while a change is still settling. Never raises
        while there is a library to keep."""
        # With a library to serve, a request never queues behind another's build.
        if not self._lock.acquire(blocking=self.library is None or self.watching()):
            return
        try:
            deadline = time.monotonic() + wait
            while not self._look_and_build(settle) and time.monotonic() < deadline:
                time.sleep(0.05)
            self.checked = time.monotonic()
        finally:
            self._lock.release()

    def _look_and_build(self, settle):
        """One look, and a build if any change has looked the same for `settle` seconds (and
        stays the same while it is read). True when no change is left waiting."""
        self.next_look = None
        if self.library is None and self.failure is None:
            # The first build renders every file when the render cache is empty: its render
            # processes start now, on the cores the reading and parsing leave idle, instead of
            # when the first render is asked for. Idle ones are cheap, and gunicorn's master
            # stops its own once the site is up (gunicorn.conf.py).
            start_workers(every=True)
        try:
            listing = files.look(self.root)
            if not listing and self.library is not None:
                raise files.ContentFolderError(f"the content folder {self.root} lists no files")
        except files.ContentFolderError as error:
            if self.library is None:
                self.failure = error
                raise
            if str(error) != self.folder_problem:
                log.error("%s; the site keeps its last good version", error)
                self.folder_problem = str(error)
            return True
        if self.folder_problem:
            log.warning("the content folder can be read again")
            self.folder_problem = None
        now = time.monotonic()
        changed = {
            name
            for name in listing.keys() | self.stamps.keys()
            if listing.get(name) != self.stamps.get(name)
        }
        since = {}
        for name in changed:
            stamp, first_seen = self.since.get(name, ("unseen", now))
            since[name] = (
                (stamp, first_seen) if stamp == listing.get(name) else (listing.get(name), now)
            )
        self.since = since
        settles_in = {name: self._settles_in(since[name], now, settle) for name in changed}
        settled = {name for name, seconds in settles_in.items() if seconds <= 0}
        # The watcher looks again as soon as the next change settles, not a whole interval later.
        self.next_look = min((now + s for s in settles_in.values() if s > 0), default=None)
        snapshot = self._read(listing, settled, settle)
        waiting = any(listing.get(name) != self.stamps.get(name) for name in changed)
        if self.library is None and waiting:
            return False  # the first library is built from every file, never from some
        # A build that failed is tried again when a file changes, not on every look.
        first = self.library is None and self.failure is None
        pending = self._pending()
        if first or snapshot != self.snapshot or self.drafts != site.current().drafts or pending:
            self._build(snapshot)
            # Look again at once: an edit saved while this build ran (a second or more at
            # library scale) is not left waiting a whole interval more. With renders still
            # going, soon rather than at once, so their results are not built around in a loop.
            again = time.monotonic() + (PENDING_LOOK_SECONDS if self._pending() else 0)
            self.next_look = again if self.next_look is None else min(self.next_look, again)
        return not waiting

    @staticmethod
    def _settles_in(seen, now, settle):
        """Seconds until a change seen like this counts as settled (0 or less: it has)."""
        stamp, first_seen = seen
        # Looks this far apart saw it the same, or its own modification time is that old (say,
        # a file edited before this process started).
        by_looks = first_seen + settle - now
        if stamp is None:
            return by_looks
        return min(by_looks, (stamp[0] - time.time_ns()) / 1e9 + settle)

    def _read(self, listing, settled, settle=SETTLE_SECONDS):
        """The new snapshot: settled changes read, the rest as in the last one, in folder order."""
        contents = dict(self.snapshot)
        for name in settled:
            stamp = listing.get(name)
            if name not in listing:
                contents.pop(name, None)
                self.stamps.pop(name, None)
                continue
            source = files.SourceFile(self.root / name, name, stamp)
            try:
                data = files.read_bytes(source, self.root, unchanged=True)
            except files.FileChanging:
                continue  # still being written: the next look reads it
            except ContentError as error:
                # The build reports it and keeps the file's last good version.
                data = error
            # Only where a server watches (development shows a save on the next reload, as is).
            whole = not isinstance(data, bytes) or data.endswith(b"\n") or not settle
            if not whole and self.library is not None and not self._final(name):
                continue  # maybe half-written: kept waiting (and looked at again) until final
            contents[name] = data
            self.stamps[name] = stamp
        order = {name: index for index, name in enumerate(listing)}
        return dict(sorted(contents.items(), key=lambda item: order.get(item[0], len(order))))

    def _pending(self):
        """Whether the current libraries have renders still going (engine.build, patience)."""
        return any(library.build.pending for library in (self.libraries or {}).values())

    def _final(self, name):
        """Whether a settled file that does not end with a line break is final (FINAL_SECONDS
        unchanged); logged once while it is not, and when it is taken."""
        stamp, first_seen = self.since[name]
        unchanged = time.monotonic() - first_seen
        if stamp is not None:
            unchanged = max(unchanged, (time.time_ns() - stamp[0]) / 1e9)
        if unchanged >= FINAL_SECONDS:
            if (name, stamp) in self.unfinished:
                log.warning(
                    "%s has not changed for %d seconds: taken as it is, though it does not end"
                    " with a line break",
                    name,
                    FINAL_SECONDS,
                )
                self.unfinished.discard((name, stamp))
            return True
        if (name, stamp) not in self.unfinished:
            self.unfinished.add((name, stamp))
            log.warning(
                "%s was saved without a line break at its end: a save may have stopped half-way."
                " The site keeps its last good version, and takes the file as it is if it stays"
                " the same for %d seconds",
                name,
                FINAL_SECONDS,
            )
        final_at = first_seen + FINAL_SECONDS
        self.next_look = final_at if self.next_look is None else min(self.next_look, final_at)
        return False

    def _build(self, snapshot):
        drafts = site.current().drafts
        try:
            previous = self._base(SOURCE_LANGUAGE)
            # With content to show, a slow render is not waited for (PATIENCE_SECONDS).
            patience = PATIENCE_SECONDS if self.libraries and self._watcher_here() else None
            libraries = {
                SOURCE_LANGUAGE: build_library(
                    snapshot, previous, drafts=drafts, patience=patience
                ),
                **{
                    language: self._build_translation(snapshot, language, drafts, patience)
                    for language in LANGUAGES
                    if language != SOURCE_LANGUAGE
                },
            }
        except Exception as error:
            # A bug, or a file that trips one, must not take the site down: keep the last good
            # library, and try again when a file changes (not on every look).
            log.exception("the content could not be loaded; the site keeps its last good version")
            self.snapshot, self.drafts = snapshot, drafts
            if self.library is None:
                self.failure = error
                raise
            return
        self.snapshot, self.drafts, self.failure = snapshot, drafts, None
        self.built_in = os.getpid()
        # The swap: one assignment, so readers get either the old libraries or the new ones,
        # whole and from the same snapshot.
        self.libraries = libraries
        library_swapped.send(
            sender=LiveLibrary, library=libraries[SOURCE_LANGUAGE], libraries=libraries
        )

    def _base(self, language):
        """The library a build of this language starts from: this process's last one. One built
        in another process (the master, before this worker was forked) is not a safe base
        whole: another worker may have seen newer good versions since, which the shared render
        cache remembers; only what is the same whatever it saw is reused (BuildRecord.reusable),
        so a worker's first build after the fork renders only what changed."""
        library = (self.libraries or {}).get(language)
        if library is None or self.built_in == os.getpid():
            return library
        return dataclasses.replace(library, build=library.build.reusable())

    def _build_translation(self, snapshot, language, drafts, patience=None):
        old = self.libraries.get(language) if self.libraries else None
        if not site.shows(language):
            return empty_library(language)
        try:
            return build_library(
                snapshot,
                self._base(language),
                language=language,
                drafts=drafts,
                patience=patience,
            )
        except Exception:
            # A bug in a translation must not hold back the English pages: keep its last library.
            log.exception("the %s content could not be loaded; it keeps its last version", language)
            return old or empty_library(language)

    def _watcher_here(self):
        """Whether this build runs in this process's watcher thread (never a reader's request,
        nor the first look after a fork, which wait for every render)."""
        watcher = self._watcher
        return watcher is not None and watcher[1] is threading.current_thread()

    def watching(self):
        watcher = self._watcher
        return watcher is not None and watcher[0] == os.getpid() and watcher[1].is_alive()

    def start_watching(self):
        """Look for changes now, then in a thread of this process: every reload_seconds, and at
        once when a file changes where the system says so (engine.notify)."""
        if self.watching() or site.current().reload_seconds <= 0:
            return
        start_workers()  # a render process of its own, starting while the first look runs
        alarm = ChangeAlarm(self.root)  # before the first look: a change during it wakes the next
        try:
            # A file being written as the worker starts is waited for, not read half-written.
            self.refresh(wait=3 * SETTLE_SECONDS)
        except Exception:
            log.exception("the content could not be loaded; trying again when a file changes")
        stop = threading.Event()
        thread = threading.Thread(
            target=self._watch, args=(stop, alarm), name="content-watcher", daemon=True
        )
        self._watcher = (os.getpid(), thread, stop, alarm)
        thread.start()

    def _until_next_look(self):
        interval = site.current().reload_seconds
        if self.next_look is None:
            return interval
        return min(interval, max(self.next_look - time.monotonic(), 0.05))

    def stop_watching(self):
        if self.watching():
            _, thread, stop, alarm = self._watcher
            stop.set()
            alarm.wake()
            thread.join(timeout=30)
        self._watcher = None

    def _watch(self, stop, alarm):
        try:
            while not stop.is_set():
                if alarm.wait(self._until_next_look()):
                    stop.wait(WOKEN_LOOK_SECONDS)  # the rest of the save arrives meanwhile
                if stop.is_set():
                    break
                try:
                    self.refresh()
                except Exception:
                    # Only with no library at all (a failed first build); the next change retries.
                    log.debug("the content still cannot be loaded", exc_info=True)
                alarm.follow()  # a content folder moved away and put back is watched again
        finally:
            alarm.close()


# The content folders looked at during the request being answered (one_look_per_request).
_looked_this_request = contextvars.ContextVar("looked_this_request", default=None)


@contextlib.contextmanager
def one_look_per_request():
    """Where no watcher runs (development, tests), get_library() looks at the folder at most once
    inside this block: a page asks for the library five or six times (the view, the context
    processors, the middleware), and every part of one answer then comes from the same library."""
    token = _looked_this_request.set(set())
    try:
        yield
    finally:
        _looked_this_request.reset(token)


_live = {}  # content folder -> LiveLibrary
_live_lock = threading.Lock()


def live_library(root=None):
    root = Path(root or site.current().content_dir)
    with _live_lock:
        if root not in _live:
            _live[root] = LiveLibrary(root)
        return _live[root]


def get_library(language=SOURCE_LANGUAGE):
    """The current content in a language ("en" or "es"), from memory (see the module docstring
    for when it changes)."""
    return live_library().current(language)


def start_watching():
    """In a server's worker process, once, before it answers (gunicorn.conf.py, post_fork)."""
    live_library().start_watching()


def refresh():
    """Look for changes now and build them (gunicorn.conf.py: the master, on a reload)."""
    live = live_library()
    live.built_in = None  # the master has not followed what the workers built since it loaded
    live.refresh(wait=3 * SETTLE_SECONDS)
    return live.current()
