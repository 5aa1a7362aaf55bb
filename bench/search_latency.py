"""Search latency, for `make bench` and `make bench SCALE=n`: what a reader waits for a page of
results, and how much of that is the query itself.

Search pages are never cached (`no-store`, @reads_query_string): every query is answered afresh,
so each request is timed on its own. Against the production server the benchmark has started,
once it is idle (at most SETTLE_SECONDS: after a content change the page warmers render again,
and that is not search time):

1. one reader, one request after another, each on a new connection: every query in QUERIES,
   ROUNDS times, at /search/?q= and /es/buscar/?q=; p50, p95, p99, max, requests/s, errors;
2. briefly, many at once: wrk cycling through the same URLs (CONCURRENT_CONNECTIONS, for
   CONCURRENT_SECONDS);

and, in a fresh process of its own with no server running (`python bench/search_latency.py
engine`, reading CONTENT_DIR), the engine alone, through its public calls only:
get_index(library) once (the index build), then get_index(library).search(parse_query(q,
language)) for every query, a first pass and then ENGINE_ROUNDS more.

Bounded: a fixed number of requests, each phase with a deadline. Loopback only. Not a test: the
figures depend on the machine and on what else runs on it.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote_plus

from slow_clients import get

TARGET_P95_MS = 20  # issue 13: per query, at the 30-article scale, on this machine
ROUNDS = 5
ENGINE_ROUNDS = 10  # cheaper than a request: more rounds steady the medians on a busy machine
DEADLINE_SECONDS = 90  # each timed phase stops by then, whatever is left
SETTLE_SECONDS = 60  # the longest wait for the server to be idle before measuring
CONCURRENT_CONNECTIONS = 16
CONCURRENT_SECONDS = 10
PATHS = {"en": "/search/", "es": "/es/buscar/"}

# What patients type: common and rare words, phrases, misspellings, accents and none, a query
# that matches nothing, and one of 12 words (the most a query keeps).
QUERIES = {
    "en": [
        "lupus",
        "cell",
        "infection",
        "hypogammaglobulinemia",
        "fludarabine",
        "side effects",
        "cytokine storm",
        "lupis",
        "leukopheresis",
        "cytokin storm",
        "quasar bicycle",
        "how long after CAR-T cell therapy will my lupus symptoms get better",
    ],
    "es": [
        "lupus",
        "células",
        "celulas",
        "fertilidad",
        "hipogammaglobulinemia",
        "efectos secundarios",
        "liberación de citocinas",
        "liberacion de citocinas",
        "lupis",
        "leucaferisis",
        "bicicleta cuántica",
        "cuánto tiempo después de la terapia CAR-T mejoran los síntomas del lupus",
    ],
}


def search_paths(queries=QUERIES):
    """[(language, query, path)] for every query, the path URL-encoded as a browser sends it."""
    return [
        (language, query, f"{PATHS[language]}?q={quote_plus(query)}")
        for language, texts in queries.items()
        for query in texts
    ]


def figures(latencies):
    """p50, p95, p99 and max of a list of milliseconds (empty: no figures)."""
    if not latencies:
        return {}
    if len(latencies) == 1:
        cuts = latencies * 99
    else:
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "max": max(latencies)}


def over_http(port, scratch, master, rounds=ROUNDS):
    """Every search path, one after the other, then wrk through them all at once; returns what
    report() prints. First the server (gunicorn's master process) is left to finish what it
    was doing, then two untimed passes: each worker builds its index on its first search (the
    slowest of them is reported: what the first reader after a content change waits)."""
    idle = settle(master)
    host, targets = "127.0.0.1", search_paths()
    deadline = time.monotonic() + DEADLINE_SECONDS
    first = [
        get(host, port, path)[0]
        for _ in range(2)
        for _, _, path in targets
        if time.monotonic() < deadline
    ]
    times = {path: [] for _, _, path in targets}
    errors = dict.fromkeys(PATHS, 0)
    deadline = time.monotonic() + DEADLINE_SECONDS
    started = time.perf_counter()
    for _ in range(rounds):
        for language, _, path in targets:
            if time.monotonic() > deadline:
                break
            milliseconds, status = get(host, port, path)
            times[path].append(milliseconds)
            errors[language] += status != 200
    elapsed = time.perf_counter() - started
    return {
        "idle_after": idle,
        "first_ms": max(first, default=0.0),
        "seconds": elapsed,
        "times": times,
        "errors": errors,
        "concurrent": concurrently(port, scratch, [path for _, _, path in targets]),
    }


def settle(master, seconds=SETTLE_SECONDS):
    """Wait until gunicorn is idle (master and workers use under a tenth of a core for a
    second), at most `seconds`: after a content change each worker's page warmer renders the
    most-read pages again, which would count as search time. Returns the seconds waited."""
    from bench import workers  # not at the top: see engine_main

    started = time.monotonic()
    while time.monotonic() - started < seconds:
        pids = [master, *workers(master)]
        before = cpu_seconds(pids)
        time.sleep(1)
        if cpu_seconds(pids) - before < 0.1:
            break
    return time.monotonic() - started


def cpu_seconds(pids):
    """CPU time the processes have used so far, user and system (gone ones count nothing)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime and stime, fields 14 and 15
    return ticks / os.sysconf("SC_CLK_TCK")


def concurrently(port, scratch, paths):
    from bench import wrk  # not at the top: see engine_main

    listing = Path(scratch) / "search-paths.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    script = ["-s", str(Path(__file__).with_name("pages.lua")), f"http://127.0.0.1:{port}"]
    try:
        return wrk([*script, "--", str(listing)], CONCURRENT_SECONDS, CONCURRENT_CONNECTIONS)
    except (OSError, subprocess.SubprocessError):  # no wrk here: the rest still stands
        return None


def time_engine(libraries, queries=QUERIES, rounds=ENGINE_ROUNDS):
    """The engine alone, on libraries ({language: Library}), through its public calls: the index
    build, then every query of that language, a first pass and `rounds` more. Milliseconds."""
    from engine import get_index, parse_query  # here: only once Django is set up

    measured = {}
    for language, library in libraries.items():
        started = time.perf_counter()
        get_index(library)
        build = (time.perf_counter() - started) * 1000
        times = {query: [] for query in queries[language]}
        first = []
        deadline = time.monotonic() + DEADLINE_SECONDS
        for round_ in range(rounds + 1):
            for query in queries[language]:
                if time.monotonic() > deadline:
                    break
                started = time.perf_counter()
                get_index(library).search(parse_query(query, language))
                taken = (time.perf_counter() - started) * 1000
                (times[query] if round_ else first).append(taken)
        measured[language] = {
            "build_ms": build,
            "first_ms": max(first, default=0.0),
            "times": times,
            "articles": len(library.articles),
            "terms": len(library.terms),
        }
    return measured


def in_process(environment, root):
    """time_engine in a fresh process, with the server's environment (its CONTENT_DIR and render
    cache), run from the checkout `root`, so the code measured is the code served."""
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "engine"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=DEADLINE_SECONDS * 2 + 300,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(http, engine, scale=""):
    from bench import load_average  # not at the top: see engine_main

    target = f"target p95 <= {TARGET_P95_MS} ms"
    count = sum(len(texts) for texts in QUERIES.values())
    print(
        "",
        f"Search{scale}: {count} queries ({len(QUERIES['en'])} at /search/, {len(QUERIES['es'])}"
        " at /es/buscar/), each answered afresh (no-store)",
        f"  the server idle after {http['idle_after']:.0f} s; then warm-up passes, and:",
        f"  one reader, one request after another, {ROUNDS} rounds"
        f"  {'requests':>8} {'errors':>6} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}",
        sep="\n",
    )
    every = []
    for language in PATHS:
        latencies = [
            ms
            for path, times in http["times"].items()
            if path.startswith(PATHS[language])
            for ms in times
        ]
        every += latencies
        print(latency_row(f"    {language} {PATHS[language]}", latencies, http["errors"][language]))
    errors = sum(http["errors"].values())
    print(latency_row("    all", every, errors, target))
    print(
        f"    {len(every) / http['seconds']:.0f} requests/s; slowest warm-up request"
        f" {http['first_ms']:.0f} ms (a worker's first search builds its index)"
    )
    concurrent = http["concurrent"]
    if concurrent is None:
        print("  many at once: not measured (wrk is not installed)")
    else:
        wrong = concurrent["socket_errors"] + concurrent["bad_status"]
        print(
            f"  {CONCURRENT_CONNECTIONS} connections at once, {CONCURRENT_SECONDS} s (wrk):"
            f" {concurrent['rps']:.0f} requests/s, p50 {concurrent['p50_ms']:.1f} ms,"
            f" p99 {concurrent['p99_ms']:.1f} ms, {wrong} errors ({concurrent['bad_status']}"
            f" bad status, {concurrent['socket_errors']} socket errors or 5 s timeouts)"
        )
    print("  the engine alone, in one process: get_index(library).search(parse_query(q, language))")
    for language, measured in engine.items():
        latencies = [ms for times in measured["times"].values() for ms in times]
        print(
            f"    {language}: articles {measured['articles']}, terms {measured['terms']};"
            f" index built in {measured['build_ms']:.0f} ms; first pass, slowest query"
            f" {measured['first_ms']:.0f} ms"
        )
        print(latency_row(f"    {language} engine", latencies, None, target))
    print(
        f"  {'per query, p50 (page: HTTP less engine)':<43}"
        f" {'HTTP':>7}   {'engine':>6}   {'page':>6}"
    )
    for language, query, path in search_paths():
        web = statistics.median(http["times"][path]) if http["times"][path] else float("nan")
        alone = engine[language]["times"][query]
        alone = statistics.median(alone) if alone else float("nan")
        label = query if len(query) <= 38 else query[:35] + "..."
        print(f"    {language} {label:<38} {web:7.1f}ms {alone:6.1f}ms {web - alone:6.1f}ms")
    print("    (the two are measured apart on a shared machine: a page below 0 ms is noise)")
    print(f"  load average now: {load_average()}")


def latency_row(label, latencies, errors, target=None):
    values = figures(latencies)
    if not values:
        return f"{label:<52} none measured (each failed, or the deadline came first)"
    numbers = " ".join(f"{values[key]:6.1f}ms" for key in ("p50", "p95", "p99", "max"))
    shown = f"{errors:6d}" if errors is not None else f"{'':6}"
    line = f"{label:<52} {len(latencies):8d} {shown} {numbers}"
    if target:
        line += f"   ({target}: {'met' if values['p95'] <= TARGET_P95_MS else 'NOT'})"
    return line


def engine_main():
    # The checkout measured (bench.py --root) comes first, before any of the site's code is
    # imported: so this file imports bench.py, which imports some, only where it is needed.
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carteducation.settings")
    import django

    django.setup()
    from django.conf import settings

    from engine import load_library

    libraries = {
        language: load_library(settings.CONTENT_DIR, language=language) for language in PATHS
    }
    print(json.dumps(time_engine(libraries)))


if __name__ == "__main__":
    if sys.argv[1:] != ["engine"]:
        sys.exit("run by bench/bench.py (make bench): search_latency.py engine")
    engine_main()
