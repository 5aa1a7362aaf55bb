"""The render cache: rendered files kept on disk, shared by every process that builds the library.

Five tables in one SQLite file (RENDER_CACHE_PATH, by default .cache/render.sqlite3):

- renders: a render's result under the hash of everything it depends on (the file's Markdown,
  the glossary names it could link, the references it cites, the engine's version). gunicorn's
  workers build the same library: whichever renders a file first saves the others the work, and
  a restarted worker starts from the cache instead of rendering everything again.
- failures: why a file could not be rendered (it ran over its time budget, or the renderer
  crashed on it), under the same key as its render would have, with the budget it had. A file
  too much for the renderer costs its whole budget each time it is tried: remembered here, it
  is tried by one process, once, not by every gunicorn worker and again after each restart.
  engine.renders decides when a remembered failure may be tried again.
- rendering: the renders a process is doing now, each claimed until a time. Two gunicorn workers
  see an edit at the same moment: the first claims its files and renders them, the second waits
  for the results instead of spending the same render (a whole budget, for a file too much for
  the renderer) beside it on the same two cores. A claim whose time is up is anyone's.
- keys: each render key under a digest of its inputs taken whole (engine.renders.find_keys).
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
from .workers import Failure

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
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS rendering (key TEXT, budget REAL, until REAL,"
                " PRIMARY KEY (key, budget))"
            )
            # retry_at: NULL if the failure is never tried again while its key and budget hold.
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS failures (key TEXT, budget REAL, reason TEXT,"
                " detail TEXT, retry_at REAL, used REAL, PRIMARY KEY (key, budget))"
            )
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

    def failures(self, keys, budget):
        """{key: Failure} for the keys that failed to render under this budget."""
        rows = self._rows(
            "SELECT key, reason, detail, retry_at FROM failures WHERE budget = ? AND key IN",
            keys,
            (budget,),
        )
        return {
            key: Failure(reason, detail, retry_at)
            for key, reason, detail, retry_at in rows
            # a row some other program changed is skipped, never half believed
            if isinstance(reason, str)
            and isinstance(detail, str)
            and (retry_at is None or isinstance(retry_at, float))
        }

    def claim_retry(self, key, budget, now, until):
        """True if this process is the one to try again a failure due for it (retry_at <= now),
        which is then not due again before `until`. Two processes may find the same failure
        due at once: the first one's update makes the other's match nothing, so only one of
        them renders it. True also when the cache cannot say (without it, every build renders).
        """
        if self.db is None:
            return True
        try:
            claimed = self.db.execute(
                "UPDATE failures SET retry_at = ? WHERE key = ? AND budget = ? AND retry_at <= ?",
                (until, key, budget, now),
            )
        except sqlite3.Error as error:
            self._give_up(error)
            return True
        return claimed.rowcount == 1

    def claim(self, keys, budget, until):
        """(the keys this process is to render now, the keys another process is rendering).

        A key is claimed for this process until `until`, unless another process's claim on it
        still holds. All in one transaction: two processes never both get the same key.
        """
        keys = list(dict.fromkeys(keys))
        if self.db is None:
            return keys, []
        now, mine = time.time(), []
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                for key in keys:
                    claimed = self.db.execute(
                        "INSERT INTO rendering VALUES (?, ?, ?) ON CONFLICT (key, budget)"
                        " DO UPDATE SET until = excluded.until WHERE until <= ?",
                        (key, budget, until, now),
                    )
                    if claimed.rowcount == 1:
                        mine.append(key)
        except sqlite3.Error as error:
            self._give_up(error)
            return keys, []
        return mine, [key for key in keys if key not in mine]

    def rendering(self, keys, budget):
        """The keys whose claim by a process still holds."""
        query = "SELECT key, until FROM rendering WHERE budget = ? AND key IN"
        now = time.time()
        return {key for key, until in self._rows(query, keys, (budget,)) if until > now}

    def keep(self, renders, failures, budget, claimed=()):
        """Keep the renders and failures ({key: Failure} under `budget`) a build has just made,
        and let go of its claims on `claimed`, at once: another process may be waiting."""
        if self.db is None or not (renders or failures or claimed):
            return
        now = time.time()
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany(
                    "INSERT OR REPLACE INTO renders VALUES (?, ?, ?)",
                    [(key, json.dumps(r.as_dict()), now) for key, r in renders.items()],
                )
                # A failure tried again and rendered this time is a failure no more.
                self.db.executemany("DELETE FROM failures WHERE key = ?", [(k,) for k in renders])
                self.db.executemany(
                    "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (key, budget, f.reason, f.detail, f.retry_at, now)
                        for key, f in failures.items()
                    ],
                )
                self.db.executemany(
                    "DELETE FROM rendering WHERE key = ? AND budget = ?",
                    [(key, budget) for key in claimed],
                )
        except sqlite3.Error as error:
            self._give_up(error)

    def keys(self, inputs):
        """{input digest: render key} for the digests the cache holds (engine.renders)."""
        return self._select("SELECT input, key FROM keys WHERE input IN", inputs)

    def _select(self, query, values):
        return dict(self._rows(query, values))

    def _rows(self, query, values, before=()):
        """The rows of query (ending "... IN") for values, in batches; before: the parameters
        ahead of the IN list."""
        found, values = [], list(values)
        if self.db is None:
            return found
        try:
            for start in range(0, len(values), BATCH):
                batch = values[start : start + BATCH]
                marks = ",".join("?" * len(batch))
                found.extend(self.db.execute(f"{query} ({marks})", [*before, *batch]))
        except sqlite3.Error as error:
            self._give_up(error)
        return found

    def save(self, used_keys=(), last_good=None, keys=None, names=None):
        """Note which keys (of renders and failures) a build uses, and each good file's bytes.

        names: every file the content has now. A deleted file's last good version is forgotten,
        so a file of that name broken from the start is never shown as the old one.
        """
        if self.db is None:
            return
        now = time.time()
        try:
            with self.db:
                # IMMEDIATE: take the write lock first, waiting for it as long as the timeout
                # allows. A plain BEGIN reads first, and a read transaction that then writes
                # after another process has written fails at once ("database is locked"),
                # without waiting: seen with two gunicorn workers saving the same edit.
                self.db.execute("BEGIN IMMEDIATE")
                if names is not None and self.use_last_good:
                    stored = {row[0] for row in self.db.execute("SELECT name FROM last_good")}
                    gone = [(name,) for name in stored - set(names)]
                    self.db.executemany("DELETE FROM last_good WHERE name = ?", gone)
                used = [(now, key) for key in used_keys]
                self.db.executemany("UPDATE renders SET used = ? WHERE key = ?", used)
                self.db.executemany("UPDATE failures SET used = ? WHERE key = ?", used)
                self.db.execute("DELETE FROM renders WHERE used < ?", (now - KEEP_UNUSED_SECONDS,))
                self.db.execute("DELETE FROM failures WHERE used < ?", (now - KEEP_UNUSED_SECONDS,))
                self.db.execute("DELETE FROM rendering WHERE until < ?", (now,))
                self.db.execute(
                    "DELETE FROM keys WHERE key NOT IN"
                    " (SELECT key FROM renders UNION SELECT key FROM failures)"
                )
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
