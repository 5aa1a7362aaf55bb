"""Infobutton latency, for `make bench`: what a health record waits for an answer at /infobutton/.

Answers are kept by the page cache under their full query, so two kinds of request are timed
against the production server the benchmark has started, one after another, each on a new
connection:

1. the same requests again and again (a clinic's records ask for the same few codes): every
   request in REQUESTS, once untimed, then ROUNDS times;
2. requests never asked before (a code, language and recipient the cache has not seen): each one
   rendered afresh, NEW_CODES of them;

then wrk through the requests of 1, CONCURRENT_CONNECTIONS at once. p50, p95, p99, max against
the target (issue 21: p95 at most 20 ms). Loopback only; bounded; not a test.
"""

import random
import statistics
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

from slow_clients import get

TARGET_P95_MS = 20
ROUNDS = 10
NEW_CODES = 200
DEADLINE_SECONDS = 60
CONCURRENT_CONNECTIONS = 16
CONCURRENT_SECONDS = 10
ICD10CM, SNOMED = "2.16.840.1.113883.6.90", "2.16.840.1.113883.6.96"
CODES = [
    ("M32.14", ICD10CM),  # a rule with an anchor
    ("M32.129", ICD10CM),  # longer than any rule: the prefix search
    ("G70.01", ICD10CM),
    ("M32.0", ICD10CM),  # a rule with no page
    ("J45.909", ICD10CM),  # no rule at all
    ("55464009", SNOMED),
    ("Z92.850", ICD10CM),  # a section of the guide
]
TYPES = ["application/json", "text/xml", "application/javascript", "text/html"]


def path(code, system, recipient="PAT", language="en", kind="application/json"):
    query = {
        "mainSearchCriteria.v.c": code,
        "mainSearchCriteria.v.cs": system,
        "informationRecipient": recipient,
        "informationRecipient.languageCode.c": language,
        "knowledgeResponseType": kind,
    }
    if kind == "application/javascript":
        query["callback"] = "showPages"
    return "/infobutton/?" + urlencode(query)


REQUESTS = [
    path(code, system, recipient, language, kind)
    for code, system in CODES
    for recipient, language in (("PAT", "en"), ("PROV", "es"))
    for kind in TYPES
]


def ok(status):
    return status in {200, 302}


def figures(latencies):
    if not latencies:
        return {}
    cuts = (
        statistics.quantiles(latencies, n=100, method="inclusive")
        if len(latencies) > 1
        else latencies * 99
    )
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "max": max(latencies)}


def over_http(port, scratch):
    host = "127.0.0.1"
    for request in REQUESTS:  # each answer into the page cache of whichever worker takes it
        get(host, port, request)
        get(host, port, request)
    repeated, errors = [], 0
    deadline = time.monotonic() + DEADLINE_SECONDS
    for _ in range(ROUNDS):
        for request in REQUESTS:
            if time.monotonic() > deadline:
                break
            milliseconds, status = get(host, port, request)
            repeated.append(milliseconds)
            errors += not ok(status)
    fresh, fresh_errors = [], 0
    chooser = random.Random(21)
    deadline = time.monotonic() + DEADLINE_SECONDS
    for number in range(NEW_CODES):
        if time.monotonic() > deadline:
            break
        code = f"M{chooser.randint(0, 99):02d}.{number:04d}"
        kind = chooser.choice(TYPES)
        milliseconds, status = get(host, port, path(code, ICD10CM, kind=kind))
        fresh.append(milliseconds)
        fresh_errors += not ok(status)
    return {
        "repeated": repeated,
        "errors": errors,
        "fresh": fresh,
        "fresh_errors": fresh_errors,
        "concurrent": concurrently(port, scratch),
    }


def concurrently(port, scratch):
    from bench import wrk  # not at the top: bench.py imports this module

    listing = Path(scratch) / "infobutton-paths.txt"
    listing.write_text("\n".join(REQUESTS) + "\n", encoding="utf-8")
    script = ["-s", str(Path(__file__).with_name("pages.lua")), f"http://127.0.0.1:{port}"]
    try:
        return wrk([*script, "--", str(listing)], CONCURRENT_SECONDS, CONCURRENT_CONNECTIONS)
    except (OSError, subprocess.SubprocessError):
        return None


def row(label, latencies, errors):
    found = figures(latencies)
    if not found:
        return f"{label}: not measured"
    verdict = "met" if found["p95"] <= TARGET_P95_MS else "MISSED"
    return (
        f"{label:<44} {len(latencies):>8} {errors:>6} {found['p50']:>7.1f} {found['p95']:>7.1f}"
        f" {found['p99']:>7.1f} {found['max']:>7.1f}   target p95 <= {TARGET_P95_MS} ms: {verdict}"
    )


def report(measured):
    print(
        "",
        f"Infobutton: {len(REQUESTS)} requests ({len(CODES)} codes x PAT/en and PROV/es x"
        f" {len(TYPES)} response types), one after another, each on a new connection",
        f"  {'':<42} {'requests':>8} {'errors':>6} {'p50':>7} {'p95':>7} {'p99':>7}"
        f" {'max':>7} (ms)",
        sep="\n",
    )
    print(row("  asked before (from the page cache)", measured["repeated"], measured["errors"]))
    print(row("  never asked before (rendered)", measured["fresh"], measured["fresh_errors"]))
    concurrent = measured["concurrent"]
    if concurrent is None:
        print("  many at once: not measured (wrk is not installed)")
        return
    wrong = concurrent["socket_errors"] + concurrent["bad_status"]
    print(
        f"  {CONCURRENT_CONNECTIONS} connections at once, {CONCURRENT_SECONDS} s (wrk):"
        f" {concurrent['rps']:.0f} requests/s, p50 {concurrent['p50_ms']:.1f} ms,"
        f" p99 {concurrent['p99_ms']:.1f} ms, {wrong} errors"
    )


def main():
    """The Infobutton alone (`python bench/infobutton_latency.py`): the production server on a
    free loopback port, measured as make bench does, then stopped."""
    import tempfile

    from bench import load_average, production_environment, start_server, stop_server
    from web.frontserver import free_port

    environment = production_environment(free_port())
    with tempfile.TemporaryDirectory(prefix="carteducation-infobutton-") as scratch:
        log = open(Path(scratch) / "gunicorn.log", "w")  # noqa: SIM115 (closed in finally)
        server = None
        try:
            print(f"Load average before: {load_average()}", flush=True)
            server, _ = start_server(environment, log)
            # Each worker's page warmer renders every page after the start: not Infobutton time.
            from search_latency import settle

            settle(server.pid)
            measured = over_http(int(environment["PORT"]), scratch)
        finally:
            stop_server(server)
            log.close()
    report(measured)
    print(f"  load average now: {load_average()}")


if __name__ == "__main__":
    main()
