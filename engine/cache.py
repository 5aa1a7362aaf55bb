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
only ever a shortcut: if it cannot be opened or written, the build renders and carries on.

The cache is untrusted input. What it holds becomes what patients read, so every row carries an
HMAC-SHA256 of its table, key and value, under a key derived from the site's secret key (never
written into the cache file): a row written or changed by anything but this site, or moved under
another key, fails the check and is ignored, as if missing, and logged. So is a row that passes
but cannot be read back (a field missing: code that reads a new field without a new
RENDER_VERSION), and HTML read from it is sanitised again all the same. A file that is not a
database, or whose tables are not this module's, is set aside (render.sqlite3.corrupt, the one
before it replaced) and a new one started. Changing the secret key empties the cache in effect:
every row is rendered again once, under the new key.
"""

import hashlib
import hmac
import json
import logging
import os
import sqlite3
import time
from pathlib import Path

from .rendering import Rendered
from .workers import Failure

log = logging.getLogger("carteducation.content")

KEEP_UNUSED_SECONDS = 7 * 24 * 3600  # renders no build has used for a week are dropped
BATCH = 500  # keys per query: SQLite limits the number of parameters
# The tables' layout. A file made by another layout (an older version of this module) is started
# again rather than read: its rows carry no MAC, or not this one.
SCHEMA_VERSION = 2
TABLES = {
    "renders": "key TEXT PRIMARY KEY, value TEXT, used REAL, mac TEXT",
    "last_good": "name TEXT PRIMARY KEY, data BLOB, mac TEXT",
    "keys": "input TEXT PRIMARY KEY, key TEXT, mac TEXT",
    # Claims are coordination only (who renders what now): a forged one costs a wait of at most
    # a claim's length, so they carry no MAC, and a claim longer than that is not believed.
    "rendering": "key TEXT, budget REAL, until REAL, PRIMARY KEY (key, budget)",
    # retry_at: NULL if the failure is never tried again while its key and budget hold.
    "failures": "key TEXT, budget REAL, reason TEXT, detail TEXT, retry_at REAL, used REAL,"
    " mac TEXT, PRIMARY KEY (key, budget)",
}
# SQLite's words for a file that is not a database, or a damaged one: set aside, start again.
CORRUPT = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
CORRUPT_MESSAGES = ("no such table", "no such column", "has no column", "malformed")


def cache_key(secret):
    """The key rows are signed with, derived from the site's secret (settings.SECRET_KEY)."""
    secret = secret.encode() if isinstance(secret, str) else bytes(secret)
    return hmac.new(secret, b"carteducation render cache", hashlib.sha256).digest()


def _is_corrupt(error):
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(CORRUPT) or any(words in str(error) for words in CORRUPT_MESSAGES)


class RenderCache:
    """One build's use of the cache file. Every method fails soft: a cache is never essential."""

    def __init__(self, path, *, secret, last_good=True):
        self.path = Path(path)
        self.key = cache_key(secret)
        self.use_last_good = last_good  # off for the checker: it reports what the files say now
        self.db = None
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._open()
        except (sqlite3.Error, OSError) as error:
            if not (isinstance(error, sqlite3.Error) and _is_corrupt(error)):
                self._give_up(error)
                return
            self._set_aside(error)
            try:
                self._open()
            except (sqlite3.Error, OSError) as again:
                self._give_up(again)

    def _open(self):
        self.db = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # a lost last write only costs a render
        if self.db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                # Checked again under the write lock: another process may have just done this.
                if self.db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    for table in TABLES:
                        self.db.execute(f"DROP TABLE IF EXISTS {table}")
                    for table, columns in TABLES.items():
                        self.db.execute(f"CREATE TABLE {table} ({columns})")
                    self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        # A table some other program dropped or changed is a damaged file: found here, at once.
        for table, columns in TABLES.items():
            names = [column.split()[0] for column in columns.split(", PRIMARY KEY")[0].split(",")]
            self.db.execute(f"SELECT {', '.join(names)} FROM {table} LIMIT 0")

    def _set_aside(self, error):
        """Move a damaged cache file (and its journal) out of the way, for a new one to start."""
        if self.db is not None:
            self.db.close()
            self.db = None
        aside = self.path.with_name(self.path.name + ".corrupt")
        try:
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        except OSError as failed:
            log.error(
                "the render cache %s is damaged (%s) and cannot be moved (%s)",
                self.path,
                error,
                failed,
            )
            return
        log.error(
            "the render cache %s was damaged (%s): set aside as %s, and a new one started",
            self.path,
            error,
            aside,
        )

    def _give_up(self, error):
        if isinstance(error, sqlite3.Error) and _is_corrupt(error):
            self._set_aside(error)  # the next build starts a new one; this one renders
            return
        log.warning(
            "the render cache %s cannot be used (%s); rendering without it", self.path, error
        )
        if self.db is not None:
            self.db.close()
        self.db = None

    def _mac(self, table, *parts):
        """The row's MAC: its table and every field that says what it is, bound together."""
        mac = hmac.new(self.key, table.encode(), hashlib.sha256)
        for part in parts:
            if isinstance(part, int | float) and not isinstance(part, bool):
                part = float(part)  # SQLite gives a REAL column back as a float: 3 is 3.0
            data = part if isinstance(part, bytes) else repr(part).encode()
            mac.update(len(data).to_bytes(8, "big") + data)
        return mac.hexdigest()

    def _verified(self, rows, table):
        """The rows (each ending in its MAC) whose MAC is right, without it; the others are
        logged and left out."""
        good, bad = [], 0
        for *fields, mac in rows:
            expected = self._mac(table, *fields)
            if isinstance(mac, str) and hmac.compare_digest(mac, expected):
                good.append(fields)
            else:
                bad += 1
        if bad:
            log.warning(
                "the render cache %s: %d %s row(s) fail their check (changed outside the site,"
                " or written under another secret key); ignored, rendered again",
                self.path,
                bad,
                table,
            )
        return good

    def renders(self, keys):
        """{key: Rendered} for the keys the cache holds, each checked and sanitised again."""
        rows = self._rows("SELECT key, value, mac FROM renders WHERE key IN", keys)
        found, unreadable = {}, []
        for key, value in self._verified(rows, "renders"):
            try:
                found[key] = Rendered.from_dict(json.loads(value))
            except Exception:  # whatever a row lacks, it is a miss: rendered again
                unreadable.append(key)
        if unreadable:
            log.warning(
                "the render cache %s: %d render(s) cannot be read back (a field missing: a new"
                " field read without a new RENDER_VERSION?); rendered again",
                self.path,
                len(unreadable),
            )
        return found

    def failures(self, keys, budget):
        """{key: Failure} for the keys that failed to render under this budget."""
        rows = self._rows(
            "SELECT key, budget, reason, detail, retry_at, mac FROM failures"
            " WHERE budget = ? AND key IN",
            keys,
            (budget,),
        )
        return {
            key: Failure(reason, detail, retry_at)
            for key, _, reason, detail, retry_at in self._verified(rows, "failures")
            # a row some other program changed is skipped, never half believed
            if isinstance(reason, str)
            and isinstance(detail, str)
            and (retry_at is None or isinstance(retry_at, float))
        }

    def claim_retry(self, key, budget, failure, now, until):
        """True if this process is the one to try again a failure due for it (retry_at <= now),
        which is then not due again before `until`. Two processes may find the same failure
        due at once: the first one's update makes the other's match nothing, so only one of
        them renders it. True also when the cache cannot say (without it, every build renders).
        """
        if self.db is None:
            return True
        mac = self._mac("failures", key, budget, failure.reason, failure.detail, until)
        try:
            claimed = self.db.execute(
                "UPDATE failures SET retry_at = ?, mac = ?"
                " WHERE key = ? AND budget = ? AND retry_at <= ?",
                (until, mac, key, budget, now),
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
                    # A claim that has run out is anyone's; so is one longer than any process
                    # makes (not written by this site: never believed).
                    claimed = self.db.execute(
                        "INSERT INTO rendering VALUES (?, ?, ?) ON CONFLICT (key, budget)"
                        " DO UPDATE SET until = excluded.until WHERE until <= ? OR until > ?",
                        (key, budget, until, now, until),
                    )
                    if claimed.rowcount == 1:
                        mine.append(key)
        except sqlite3.Error as error:
            self._give_up(error)
            return keys, []
        return mine, [key for key in keys if key not in mine]

    def rendering(self, keys, budget, longest):
        """The keys whose claim by a process still holds (a claim over `longest` seconds from
        now is none of this site's making, and not believed)."""
        return set(self.claims(keys, budget, longest))

    def claims(self, keys, budget, longest):
        """{key: until (time.time()) of its claim} for the keys whose claim still holds."""
        query = "SELECT key, until FROM rendering WHERE budget = ? AND key IN"
        now = time.time()
        return {
            key: until
            for key, until in self._rows(query, keys, (budget,))
            if isinstance(until, (int, float)) and now < until <= now + longest
        }

    def keep(self, renders, failures, budget, claimed=()):
        """Keep the renders and failures ({key: Failure} under `budget`) a build has just made,
        and let go of its claims on `claimed`, at once: another process may be waiting."""
        if self.db is None or not (renders or failures or claimed):
            return
        now = time.time()
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                values = {key: json.dumps(r.as_dict()) for key, r in renders.items()}
                self.db.executemany(
                    "INSERT OR REPLACE INTO renders VALUES (?, ?, ?, ?)",
                    [
                        (key, value, now, self._mac("renders", key, value))
                        for key, value in values.items()
                    ],
                )
                # A failure tried again and rendered this time is a failure no more.
                self.db.executemany("DELETE FROM failures WHERE key = ?", [(k,) for k in renders])
                self.db.executemany(
                    "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            key,
                            budget,
                            f.reason,
                            f.detail,
                            f.retry_at,
                            now,
                            self._failure_mac(key, budget, f),
                        )
                        for key, f in failures.items()
                    ],
                )
                self.db.executemany(
                    "DELETE FROM rendering WHERE key = ? AND budget = ?",
                    [(key, budget) for key in claimed],
                )
        except sqlite3.Error as error:
            self._give_up(error)

    def _failure_mac(self, key, budget, failure):
        return self._mac("failures", key, budget, failure.reason, failure.detail, failure.retry_at)

    def keys(self, inputs):
        """{input digest: render key} for the digests the cache holds (engine.renders)."""
        rows = self._rows("SELECT input, key, mac FROM keys WHERE input IN", inputs)
        return dict(self._verified(rows, "keys"))

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
                    "INSERT OR REPLACE INTO last_good VALUES (?, ?, ?)",
                    [
                        (name, data, self._mac("last_good", name, data))
                        for name, data in (last_good or {}).items()
                    ],
                )
                self.db.executemany(
                    "INSERT OR REPLACE INTO keys VALUES (?, ?, ?)",
                    [
                        (digest, key, self._mac("keys", digest, key))
                        for digest, key in (keys or {}).items()
                    ],
                )
        except sqlite3.Error as error:
            self._give_up(error)

    def last_good(self, name):
        """The bytes of the file's last good version, or None."""
        if self.db is None or not self.use_last_good:
            return None
        try:
            rows = self.db.execute(
                "SELECT name, data, mac FROM last_good WHERE name = ?", (name,)
            ).fetchall()
        except sqlite3.Error as error:
            self._give_up(error)
            return None
        for _, data in self._verified(rows, "last_good"):
            if isinstance(data, bytes):
                return data
        return None

    def close(self):
        if self.db is not None:
            self.db.close()
            self.db = None


def open_cache(path, *, secret, last_good=True):
    """A RenderCache, or None when path is empty (the cache is switched off) or there is no
    secret to sign its rows with (the site's secret key, never stored in the cache)."""
    if path and not secret:
        log.warning("the render cache %s is not used: no secret key to check its rows with", path)
    return RenderCache(path, secret=secret, last_good=last_good) if path and secret else None
