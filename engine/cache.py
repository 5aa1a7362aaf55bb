"""The render cache: rendered files kept on disk, shared by every process that builds the library.

Two tables in one SQLite file (RENDER_CACHE_PATH, by default .cache/render.sqlite3):

- renders: a render's result under the hash of everything it depends on (the file's Markdown,
  the glossary names it could link, the references it cites, the engine's version). gunicorn's
  workers build the same library: whichever renders a file first saves the others the work, and
  a restarted worker starts from the cache instead of rendering everything again.
- last_good: the bytes of each file's last version that loaded and rendered. After a restart
  with a file that is broken now, the site still shows what readers saw before, not nothing.

Why SQLite: it comes with Python, needs no server to run or secure, and is made for several
processes reading and writing one file (WAL mode: readers never wait for a writer). The cache is
only ever a shortcut: if it cannot be opened or written, the build renders and carries on, and
HTML read from it is sanitised again, never trusted.
"""

import json
import logging
import sqlite3
import time
from pathlib import Path

from .rendering import Rendered

log = logging.getLogger("carteducation.content")

KEEP_UNUSED_SECONDS = 7 * 24 * 3600  # renders no build has used for a week are dropped
BATCH = 500  # keys per query: SQLite limits the number of parameters


class RenderCache:
    """One build's use of the cache file. Every method fails soft: a cache is never essential."""

    def __init__(self, path, *, last_good=True):
        self.path = Path(path)
        self.use_last_good = last_good  # off for the checker: it reports what the files say now
        self.db = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # a lost last write only costs a render
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS renders (key TEXT PRIMARY KEY, value TEXT, used REAL)"
            )
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS last_good (name TEXT PRIMARY KEY, data BLOB)"
            )
            self.db.execute("CREATE TABLE IF NOT EXISTS keys (input TEXT PRIMARY KEY, key TEXT)")
        except (sqlite3.Error, OSError) as error:
            self._give_up(error)

    def _give_up(self, error):
        log.warning(
            "the render cache %s cannot be used (%s); rendering without it", self.path, error
        )
        if self.db is not None:
            self.db.close()
        self.db = None

    def renders(self, keys):
        """{key: Rendered} for the keys the cache holds."""
        found = self._select("SELECT key, value FROM renders WHERE key IN", keys)
        try:
            return {key: Rendered.from_dict(json.loads(value)) for key, value in found.items()}
        except (ValueError, TypeError) as error:
            self._give_up(error)
            return {}

    def keys(self, inputs):
        """{input digest: render key} for the digests the cache holds (engine.renders)."""
        return self._select("SELECT input, key FROM keys WHERE input IN", inputs)

    def _select(self, query, values):
        found, values = {}, list(values)
        if self.db is None:
            return found
        try:
            for start in range(0, len(values), BATCH):
                batch = values[start : start + BATCH]
                marks = ",".join("?" * len(batch))
                found.update(self.db.execute(f"{query} ({marks})", batch))
        except sqlite3.Error as error:
            self._give_up(error)
        return found

    def save(self, renders, used_keys=(), last_good=None, keys=None, names=None):
        """Keep new renders, note which keys this build uses, and each good file's bytes.

        names: every file the content has now. A deleted file's last good version is forgotten,
        so a file of that name broken from the start is never shown as the old one.
        """
        if self.db is None:
            return
        now = time.time()
        try:
            with self.db:
                self.db.execute("BEGIN")
                if names is not None and self.use_last_good:
                    stored = {row[0] for row in self.db.execute("SELECT name FROM last_good")}
                    gone = [(name,) for name in stored - set(names)]
                    self.db.executemany("DELETE FROM last_good WHERE name = ?", gone)
                self.db.executemany(
                    "INSERT OR REPLACE INTO renders VALUES (?, ?, ?)",
                    [(key, json.dumps(r.as_dict()), now) for key, r in renders.items()],
                )
                self.db.executemany(
                    "UPDATE renders SET used = ? WHERE key = ?", [(now, key) for key in used_keys]
                )
                self.db.execute("DELETE FROM renders WHERE used < ?", (now - KEEP_UNUSED_SECONDS,))
                self.db.execute("DELETE FROM keys WHERE key NOT IN (SELECT key FROM renders)")
                self.db.executemany(
                    "INSERT OR REPLACE INTO last_good VALUES (?, ?)", (last_good or {}).items()
                )
                self.db.executemany(
                    "INSERT OR REPLACE INTO keys VALUES (?, ?)", (keys or {}).items()
                )
        except sqlite3.Error as error:
            self._give_up(error)

    def last_good(self, name):
        """The bytes of the file's last good version, or None."""
        if self.db is None or not self.use_last_good:
            return None
        try:
            row = self.db.execute("SELECT data FROM last_good WHERE name = ?", (name,)).fetchone()
        except sqlite3.Error as error:
            self._give_up(error)
            return None
        return row[0] if row else None

    def close(self):
        if self.db is not None:
            self.db.close()
            self.db = None


def open_cache(path, *, last_good=True):
    """A RenderCache, or None when path is empty (the cache is switched off)."""
    return RenderCache(path, last_good=last_good) if path else None
