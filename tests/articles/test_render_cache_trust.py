"""The render cache is untrusted input: what patients read comes from the content files, or not
at all. Every row is signed with a key derived from the site's secret key (never in the cache
file); a row that fails its check, or cannot be read back, is a miss (rendered again, logged),
never a page, an error or a 503; a damaged cache file is set aside and a new one started."""

import json
import logging
import sqlite3
import time
from pathlib import Path

import pytest

import engine.renders
from engine import build_library
from engine.cache import RenderCache
from engine.checks import load_and_check
from engine.files import read_snapshot
from engine.workers import Failure

SECOND = "articles/demo/02-second.md"
FORGED = "Stop taking all your medicines."


def build(tree):
    return build_library(read_snapshot(tree.root))


def second_html(library):
    section = library.articles["demo"].section("second")
    return None if section is None else str(section.html)


def rows(path, query, *args):
    with sqlite3.connect(path) as db:
        return db.execute(query, args).fetchall()


def write(path, query, *args):
    db = sqlite3.connect(path)
    with db:
        db.execute(query, args)
    db.close()


def key_of(library, name=SECOND):
    record = library.build
    return next(k for k, r in record.by_render_key.items() if r is record.renders[name])


def forged_value(path, key):
    [(value,)] = rows(path, "SELECT value FROM renders WHERE key = ?", key)
    data = json.loads(value)
    data["html"] = f'<p>{FORGED} <a href="https://evil.example/">More</a></p>'
    return json.dumps(data)


def sign_like_the_site(path, table, *fields, secret):
    return RenderCache(path, secret=secret)._mac(table, *fields)


# Each tampering: (what the attacker does to the cache file, given the good build's render key).
def html_changed(path, key, settings):
    write(path, "UPDATE renders SET value = ? WHERE key = ?", forged_value(path, key), key)


def html_signed_under_another_secret(path, key, settings):
    value = forged_value(path, key)
    mac = sign_like_the_site(path, "renders", key, value, secret="not-the-site-secret")
    write(path, "UPDATE renders SET value = ?, mac = ? WHERE key = ?", value, mac, key)


def mac_removed(path, key, settings):
    write(
        path, "UPDATE renders SET value = ?, mac = NULL WHERE key = ?", forged_value(path, key), key
    )


def mac_of_wrong_type(path, key, settings):
    write(
        path,
        "UPDATE renders SET value = ?, mac = x'00' WHERE key = ?",
        forged_value(path, key),
        key,
    )


def row_moved_from_another_file(path, key, settings):
    # A genuine row (its own MAC) copied under this file's key: bound to its key, so refused.
    [(other, value, mac)] = rows(
        path, "SELECT key, value, mac FROM renders WHERE key != ? AND value LIKE ?", key, "%first%"
    )[:1]
    write(path, "UPDATE renders SET value = ?, mac = ? WHERE key = ?", value, mac, key)


def render_forged_and_its_key_redirected(path, key, settings):
    # The "keys" table maps a file's inputs to a render key: point it at a forged render.
    value = forged_value(path, key)
    write(path, "INSERT INTO renders VALUES ('forged', ?, 0, 'x')", value)
    write(path, "UPDATE keys SET key = 'forged'")


def crash_forged(path, key, settings):
    # A "crash" row would hide the section (a forged one once emptied the whole site).
    write(path, "DELETE FROM renders")
    budget = float(settings.CONTENT_RENDER_SECONDS)
    write(
        path,
        "INSERT INTO failures VALUES (?, ?, 'RecursionError', 'forged', NULL, ?, 'x')",
        key,
        budget,
        time.time(),
    )


def empty_row_signed(path, key, settings):
    # Valid JSON, a valid MAC, but no fields: what a code change that reads a new field without
    # a new RENDER_VERSION would meet. A miss, never a KeyError.
    mac = sign_like_the_site(path, "renders", key, "{}", secret=settings.SECRET_KEY)
    write(path, "UPDATE renders SET value = '{}', mac = ? WHERE key = ?", mac, key)


def not_json_signed(path, key, settings):
    mac = sign_like_the_site(path, "renders", key, "[1, 2", secret=settings.SECRET_KEY)
    write(path, "UPDATE renders SET value = '[1, 2', mac = ? WHERE key = ?", mac, key)


def extra_field_signed(path, key, settings):
    [(value,)] = rows(path, "SELECT value FROM renders WHERE key = ?", key)
    value = json.dumps({**json.loads(value), "unknown": 1})
    mac = sign_like_the_site(path, "renders", key, value, secret=settings.SECRET_KEY)
    write(path, "UPDATE renders SET value = ?, mac = ? WHERE key = ?", value, mac, key)


TAMPERING = [
    html_changed,
    html_signed_under_another_secret,
    mac_removed,
    mac_of_wrong_type,
    row_moved_from_another_file,
    render_forged_and_its_key_redirected,
    crash_forged,
    empty_row_signed,
    not_json_signed,
    extra_field_signed,
]


@pytest.mark.parametrize("tamper", TAMPERING, ids=[t.__name__ for t in TAMPERING])
def test_a_tampered_cache_row_never_reaches_a_page(
    tamper, content_dir, render_cache, settings, caplog
):
    good = build(content_dir)
    tamper(render_cache, key_of(good), settings)
    with caplog.at_level(logging.WARNING, logger="carteducation.content"):
        restarted = build(content_dir)
    html = second_html(restarted)
    assert html is not None and "the second thing" in html
    assert FORGED not in html and "evil.example" not in html
    assert restarted.errors == []
    assert "render cache" in caplog.text


@pytest.mark.parametrize("tamper", TAMPERING, ids=[t.__name__ for t in TAMPERING])
def test_the_checker_reports_the_files_whatever_the_cache_holds(
    tamper, content_dir, render_cache, settings
):
    tamper(render_cache, key_of(build(content_dir)), settings)
    library, findings = load_and_check(content_dir.root)
    assert [f for f in findings if f.level == "error"] == []
    assert FORGED not in second_html(library)


def test_a_forged_last_good_version_is_never_shown(content_dir, render_cache, settings):
    build(content_dir)
    forged = (content_dir.root / SECOND).read_bytes().replace(b"second thing", FORGED.encode())
    write(render_cache, "UPDATE last_good SET data = ? WHERE name = ?", forged, SECOND)
    content_dir.write(SECOND, "---\ntitle: [broken\n---\n")  # broken now: last good wanted
    restarted = build(content_dir)
    assert second_html(restarted) is None  # no trusted last good version: left out
    assert [p.path for p in restarted.errors] == [SECOND]


def test_a_genuine_last_good_version_is_still_shown_after_a_restart(content_dir, render_cache):
    build(content_dir)
    content_dir.write(SECOND, "---\ntitle: [broken\n---\n")
    restarted = build(content_dir)
    assert "the second thing" in second_html(restarted)


def test_a_claim_no_process_could_have_made_does_not_hold_up_a_build(
    content_dir, render_cache, settings
):
    good = build(content_dir)
    key = key_of(good)
    write(render_cache, "DELETE FROM renders")
    write(render_cache, "DELETE FROM keys")
    budget = float(settings.CONTENT_RENDER_SECONDS)
    write(render_cache, "INSERT INTO rendering VALUES (?, ?, ?)", key, budget, time.time() + 1e9)
    started = time.monotonic()
    restarted = build(content_dir)
    assert "the second thing" in second_html(restarted)
    assert time.monotonic() - started < budget + engine.renders.CLAIM_SECONDS


GARBAGE = [
    b"",
    b"not a database at all\n" * 100,
    b"SQLite format 3\x00" + b"\xff" * 4080,
    bytes(range(256)) * 64,
]


@pytest.mark.parametrize("garbage", GARBAGE, ids=["empty", "text", "bad-header", "bytes"])
def test_a_damaged_cache_file_is_set_aside_and_started_again(
    garbage, content_dir, render_cache, caplog
):
    build(content_dir)
    path = Path(render_cache)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(garbage)
    with caplog.at_level(logging.WARNING, logger="carteducation.content"):
        restarted = build(content_dir)
    assert "the second thing" in second_html(restarted)
    assert restarted.errors == []
    if garbage:  # an empty file is a new database to SQLite: nothing to set aside
        assert path.with_name(path.name + ".corrupt").read_bytes() == garbage
        assert "set aside" in caplog.text
    again = build(content_dir)
    assert again.build.rendered == set()  # the new cache is in use


def test_a_cache_whose_tables_were_changed_is_started_again(content_dir, render_cache):
    build(content_dir)
    write(render_cache, "DROP TABLE renders")
    write(render_cache, "CREATE TABLE renders (key TEXT)")
    restarted = build(content_dir)
    assert "the second thing" in second_html(restarted)
    assert build(content_dir).build.rendered == set()


def test_a_cache_of_the_old_layout_is_started_again(content_dir, render_cache):
    Path(render_cache).parent.mkdir(parents=True, exist_ok=True)
    write(render_cache, "CREATE TABLE renders (key TEXT PRIMARY KEY, value TEXT, used REAL)")
    write(render_cache, "INSERT INTO renders VALUES ('k', '{}', 0)")
    library = build(content_dir)
    assert "the second thing" in second_html(library)
    assert build(content_dir).build.rendered == set()


def test_a_remembered_crash_does_not_outlive_the_checker_trying_again(
    content_dir, render_cache, monkeypatch
):
    real = engine.renders.render_in_workers

    def crashes(jobs, glossary, budget, patience=None, patient=None):
        results = real([job for job in jobs if job.name != SECOND], glossary, budget)
        results.update(
            {job.name: Failure("RecursionError", "deep") for job in jobs if job.name == SECOND}
        )
        return results

    monkeypatch.setattr(engine.renders, "render_in_workers", crashes)
    assert [p.path for p in build(content_dir).errors] == [SECOND]
    monkeypatch.setattr(engine.renders, "render_in_workers", real)
    _, findings = load_and_check(content_dir.root)
    assert [f for f in findings if f.level == "error"] == []  # the checker tried it again
    assert rows(render_cache, "SELECT * FROM failures") == []  # and the row is gone
    assert build(content_dir).errors == []
