"""make bench: measures the production server on this machine, in one run of three to four minutes.

Starts gunicorn as `make serve` does (gunicorn.conf.py, debug off) on a free loopback port and
drives it with wrk, then reports:

1. cold start: a fresh process sets Django up, loads and renders all the content, and renders
   every page once; and the time from starting gunicorn to its first answered page;
2. requests per second and p50/p99 latency for a typical section page and for a static file of
   the very same bytes (the page saved under STATIC_ROOT for the run), from the same server under
   the same load, and the ratio of the two;
3. the full article (the heaviest page) from the page cache against the same page with a random
   query string on every request (a cache-busting attacker, or links full of tracking
   parameters), and the ratio of the two;
4. a 30-second load at 64 connections over every page and static file: its errors (must be 0)
   and each worker's memory before and after, with its peak;
5. search: English and Spanish queries, one after the other and many at once, and the engine
   alone in a process of its own, against a p95 target (bench/search_latency.py);
   then the Infobutton: answers asked before (from the page cache) and never asked before,
   one after the other and many at once, against its p95 target (bench/infobutton_latency.py);
6. with nginx installed, the same again through nginx in front of gunicorn, as `make serve`
   runs them (web/frontserver.py): the full article cached and cache-busted, the
   30-second load, and the p50/p99 of page requests at rest and while 200 connections send their
   headers one byte a second (bench/slow_clients.py).

`make bench SCALE=30` (bench.py --scale 30) measures a library-sized site while editors work
instead: see bench/scale.py.

Ports come from LOOPBACK_PORTS (e.g. 8980-8999) if set. Loopback only, and every step has a
time limit. The figures depend on the machine and on what
else runs on it, so the load average is printed with them. Not a test: nothing here asserts.
"""

import argparse
import gzip
import json
import math
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import brotli
import slow_clients

from web.frontserver import find_nginx, free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BROWSER_HEADERS = ["-H", "Accept-Encoding: gzip, deflate, br"]
COMPARE_SECONDS = 10
COMPARE_CONNECTIONS = 16
SOAK_SECONDS = 30
SOAK_CONNECTIONS = 64
TWIN = "bench-section-twin.html"  # the section page's bytes, served as a static file
RANDOM_QUERY = ["-s", str(ROOT / "bench" / "random_query.lua")]
SLOW_CONNECTIONS = 200
SLOW_PROBES = 300
SLOW_ROUNDS = 3


def production_environment(port, secret=None):
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")
    }
    environment.update(
        DJANGO_DEBUG="0",
        # A throwaway for this run, the same for every server in it: the render cache's rows
        # are signed with it, so a second server reads what the first rendered.
        DJANGO_SECRET_KEY=secret or secrets.token_urlsafe(50),
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain http on loopback
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        PORT=str(port),
    )
    return environment


def cold_start(environment, twin_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "coldstart.py"), str(twin_path)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def write_static_twin(page_path, static_root):
    # Like collectstatic: the file plus its gzip and brotli versions, which WhiteNoise serves.
    body = page_path.read_bytes()
    twin = Path(static_root) / TWIN
    twin.write_bytes(body)
    Path(f"{twin}.gz").write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    Path(f"{twin}.br").write_bytes(brotli.compress(body))
    return [twin, Path(f"{twin}.gz"), Path(f"{twin}.br")]


def start_server(environment, log, root=ROOT, seconds=60):
    # --max-requests 0: no worker is recycled during the run, so memory growth stays visible.
    command = [str(BIN / "gunicorn"), "--max-requests", "0"]
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=root, env=environment, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{environment['PORT']}/"
    deadline = started + seconds
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (status {server.returncode}); see {log.name}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return server, time.perf_counter() - started
        except OSError:
            time.sleep(0.05)
    stop_server(server)
    raise SystemExit(f"gunicorn did not answer within {seconds} seconds")


def stop_server(server):
    """Stop a server this benchmark started (gunicorn, or nginx with gunicorn); None is fine."""
    if server is None:
        return
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def start_front_server(environment, runtime_dir, log):
    """nginx in front of gunicorn, as `make serve` runs them; returns the process."""
    command = [sys.executable, "-m", "web.frontserver", "serve"]
    command += ["--port", environment["PORT"], "--runtime-dir", str(runtime_dir)]
    server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=log)
    deadline = time.monotonic() + 120
    while "Serving on" not in Path(log.name).read_text():
        if server.poll() is not None or time.monotonic() > deadline:
            server.terminate()
            raise SystemExit(f"nginx and gunicorn did not start; see {log.name}")
        time.sleep(0.2)
    return server


def slow_client_latency(port, path):
    """p50/p99 of page requests at rest and with SLOW_CONNECTIONS dripping their headers, in
    alternating rounds (the machine is shared: the p99 of a few hundred requests moves with what
    else runs); each figure is the median over the rounds."""
    rounds = {"rest": [], "slow": []}
    for _ in range(SLOW_ROUNDS):
        rounds["rest"].append(slow_clients.probe("127.0.0.1", port, path, SLOW_PROBES))
        with slow_clients.SlowClients("127.0.0.1", port, SLOW_CONNECTIONS):
            rounds["slow"].append(slow_clients.probe("127.0.0.1", port, path, SLOW_PROBES))
    results = {}
    for name, measured in rounds.items():
        figures = [slow_clients.quantiles(latencies) for latencies, _ in measured]
        results[name] = {
            "ok": sum(len(latencies) for latencies, _ in measured),
            "failed": sum(failures for _, failures in measured),
            "p50_ms": statistics.median(f.get("p50_ms", math.inf) for f in figures),
            "p99_ms": statistics.median(f.get("p99_ms", math.inf) for f in figures),
        }
    return results


def workers(master):
    """gunicorn's workers: the master's children running gunicorn (not, say, render processes)."""
    children = Path(f"/proc/{master}/task/{master}/children")
    if children.exists():
        pids = [int(pid) for pid in children.read_text().split()]
    else:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                    pids.append(int(stat.parent.name))
            except (OSError, IndexError, ValueError):
                continue
    return [pid for pid in pids if b"gunicorn" in _command_line(pid)]


def _command_line(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def memory(pid):
    """Current and peak resident memory (VmRSS, VmHWM) and proportional share (Pss), in MiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    values = {}
    for key in ("VmRSS", "VmHWM"):
        values[key] = int(re.search(rf"^{key}:\s+(\d+)", status, re.M).group(1)) / 1024
    rollup = Path(f"/proc/{pid}/smaps_rollup")
    if rollup.exists():
        values["Pss"] = int(re.search(r"^Pss:\s+(\d+)", rollup.read_text(), re.M).group(1)) / 1024
    return values


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


def wrk(target, seconds, connections):
    """Run wrk against target (a URL, or a script's arguments) and read its summary."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "--latency"]
    output = subprocess.run(
        [*command, *BROWSER_HEADERS, *target],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s))\s*$", output, re.M))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": milliseconds(latency["50"]),
        "p99_ms": milliseconds(latency["99"]),
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "bad_status": int(bad_status.group(1)) if bad_status else 0,
    }


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def report(cold, first_page, section, static, cached, busted, soak, before, after):
    ratio = section["rps"] / static["rps"]
    ms = "{:8.0f} ms".format
    print(
        "",
        "Cold start (a fresh process, debug off)",
        f"  Django set up                                 {ms(cold['setup_seconds'] * 1000)}",
        f"  load and render all content ({cold['files']:3d} files)     "
        f"{ms(cold['load_and_render_content_seconds'] * 1000)}",
        f"  render every page once ({len(cold['paths']):3d} pages)         "
        f"{ms(cold['render_every_page_seconds'] * 1000)}",
        f"  gunicorn start to first page                  {ms(first_page * 1000)}",
        "",
        f"A section page against a static file of the same bytes, same server"
        f" ({COMPARE_CONNECTIONS} connections, {COMPARE_SECONDS} s each, brotli accepted)",
        f"  {'':48} {'requests/s':>10} {'p50':>9} {'p99':>9}",
        row(cold["section_path"], section),
        row(f"/static/{TWIN}", static),
        f"  ratio section/static {ratio:37.2f}   (target 0.90: {'met' if ratio >= 0.9 else 'NOT'})",
        "",
        *cache_busting_rows(cold["full_path"], cached, busted),
        "",
        *soak_rows(soak),
        "  memory per worker (MiB)   RSS before  RSS after     growth   peak RSS  PSS after",
        sep="\n",
    )
    for pid in sorted(after):
        start, end = before.get(pid, after[pid]), after[pid]
        growth = end["VmRSS"] - start["VmRSS"]
        print(
            f"    worker {pid:<12} {start['VmRSS']:12.1f} {end['VmRSS']:10.1f} {growth:+10.1f}"
            f" {end['VmHWM']:10.1f} {end.get('Pss', 0):10.1f}"
        )
    print(f"\nLoad average now: {load_average()} ({os.cpu_count()} cores, shared with wrk)")


def cache_busting_rows(path, cached, busted):
    ratio = busted["rps"] / cached["rps"]
    return [
        f"The full article from the cache, and with a random query string on every request"
        f" ({COMPARE_CONNECTIONS} connections, 2 x {COMPARE_SECONDS} s each, alternating)",
        row(path, cached),
        row(f"{path}?utm_source=<random>", busted),
        f"  ratio random query/cached {ratio:32.2f}   (target 0.90: "
        f"{'met' if ratio >= 0.9 else 'NOT'})",
    ]


def soak_rows(soak):
    errors = soak["socket_errors"] + soak["bad_status"]
    return [
        f"Load: {SOAK_SECONDS} s at {SOAK_CONNECTIONS} connections, every page and static file",
        row("all pages and static files", soak),
        f"  errors {errors:52d}   ({soak['bad_status']} bad status, "
        f"{soak['socket_errors']} socket errors; must be 0)",
    ]


def report_front(full_path, cached, busted, soak, slow):
    rest, held = slow["rest"], slow["slow"]
    ratio = held["p99_ms"] / rest["p99_ms"]
    print(
        "",
        "nginx in front of gunicorn, as `make serve` runs them",
        *cache_busting_rows(full_path, cached, busted),
        *soak_rows(soak),
        f"Requests for {full_path}, one after the other, {SLOW_ROUNDS} rounds of {SLOW_PROBES}"
        " (median of the rounds)",
        f"  {'':50} {'ok':>5} {'failed':>7} {'p50':>9} {'p99':>9}",
        slow_row("at rest", rest),
        slow_row(f"with {SLOW_CONNECTIONS} connections sending headers 1 byte/s", held),
        f"  p99 with them / at rest {ratio:35.2f}   (target 3.00 or less: "
        f"{'met' if ratio <= 3 else 'NOT'})",
        sep="\n",
    )


def slow_row(label, result):
    p50, p99 = result.get("p50_ms", float("nan")), result.get("p99_ms", float("nan"))
    return f"  {label:<50.50} {result['ok']:5d} {result['failed']:7d} {p50:7.2f}ms {p99:7.2f}ms"


def row(label, result):
    rps, p50, p99 = result["rps"], result["p50_ms"], result["p99_ms"]
    return f"  {label:<48.48} {rps:10.0f} {p50:7.2f}ms {p99:7.2f}ms"


def main():
    parser = argparse.ArgumentParser(description="Measure the production server.")
    parser.add_argument(
        "--scale",
        type=int,
        help="instead: a library of this many articles and 1,000 more terms, while editors work",
    )
    parser.add_argument(
        "--root", default=ROOT, type=Path, help="the checkout to serve (default: this one)"
    )
    arguments = parser.parse_args()
    if arguments.scale:
        import scale  # here, not at the top: bench/scale.py imports this module

        scale.main(arguments.scale, arguments.root.resolve())
        return
    import infobutton_latency  # here too: it imports this module
    import search_latency

    if not shutil.which("wrk"):
        raise SystemExit("make bench needs wrk: apt-get install wrk")
    port = free_port()
    environment = production_environment(port)
    base = f"http://127.0.0.1:{port}"
    print(f"Load average before: {load_average()}. Measuring cold start...", flush=True)
    with tempfile.TemporaryDirectory(prefix="carteducation-bench-") as scratch:
        scratch = Path(scratch)
        cold = cold_start(environment, scratch / "section.html")
        twin_files = write_static_twin(scratch / "section.html", cold["static_root"])
        (scratch / "paths.txt").write_text("\n".join(cold["paths"] + cold["static_paths"]) + "\n")
        log = open(scratch / "gunicorn.log", "w")  # noqa: SIM115 (closed in finally)
        server = None
        try:
            server, first_page = start_server(environment, log)
            script = [
                "-s",
                str(ROOT / "bench" / "pages.lua"),
                base,
                "--",
                str(scratch / "paths.txt"),
            ]
            print("Warming up every worker...", flush=True)
            wrk(script, 3, 8)
            print(f"Section page and static twin, {COMPARE_SECONDS} s each...", flush=True)
            section = wrk([base + cold["section_path"]], COMPARE_SECONDS, COMPARE_CONNECTIONS)
            static = wrk([f"{base}/static/{TWIN}"], COMPARE_SECONDS, COMPARE_CONNECTIONS)
            print("Full article, cached and with random query strings (40 s)...", flush=True)
            cached, busted = cache_busting(base + cold["full_path"])
            pids = workers(server.pid)
            before = {pid: memory(pid) for pid in pids}
            print(f"Load: {SOAK_SECONDS} s at {SOAK_CONNECTIONS} connections...", flush=True)
            soak = wrk(script, SOAK_SECONDS, SOAK_CONNECTIONS)
            after = {pid: memory(pid) for pid in workers(server.pid)}
            print("Search, one request after another, then many at once...", flush=True)
            searched = search_latency.over_http(port, scratch, server.pid)
            print("Infobutton, one request after another, then many at once...", flush=True)
            infobutton = infobutton_latency.over_http(port, scratch)
        finally:
            stop_server(server)
            log.close()
        print("Search, the engine alone...", flush=True)
        engine = search_latency.in_process(environment, ROOT)
        report(cold, first_page, section, static, cached, busted, soak, before, after)
        search_latency.report(searched, engine)
        infobutton_latency.report(infobutton)
        try:
            front(cold, scratch, script, environment["DJANGO_SECRET_KEY"])
        finally:
            for path in twin_files:
                path.unlink(missing_ok=True)


def cache_busting(url):
    """The page bare, then with random queries, twice each, alternating (the machine is shared:
    alternating spreads what others do over both); both through the same wrk script."""
    runs = {"none": [], "random": []}
    for _ in range(2):
        for kind, results in runs.items():
            results.append(
                wrk([*RANDOM_QUERY, url, "--", kind], COMPARE_SECONDS, COMPARE_CONNECTIONS)
            )
    return [combined(results) for results in runs.values()]


def combined(results):
    """Several wrk runs as one: their mean requests per second, the worst of their latencies."""
    return {
        "rps": sum(result["rps"] for result in results) / len(results),
        "p50_ms": max(result["p50_ms"] for result in results),
        "p99_ms": max(result["p99_ms"] for result in results),
    }


def front(cold, scratch, script, secret):
    if find_nginx() is None:
        print("\nnginx is not installed (apt-get install nginx): the front server is not measured.")
        return
    port = free_port()
    environment = production_environment(port, secret)
    # A copy of the content, edited during the run; a look every second, as at SCALE=30.
    content = scratch / "front-content"
    shutil.copytree(ROOT / "content", content)
    environment.update(CONTENT_DIR=str(content), CONTENT_RELOAD_SECONDS="1")
    base = f"http://127.0.0.1:{port}"
    script = [*script[:2], base, *script[3:]]
    section = cold["section_path"]
    with open(scratch / "front.log", "w") as log:
        print("Starting nginx in front of gunicorn...", flush=True)
        server = start_front_server(environment, scratch / "front", log)
        try:
            wrk(script, 3, 8)
            print("A section page from nginx's microcache, and a static file...", flush=True)
            micro = compare_alternating(
                {"section": [base + section], "static": [f"{base}/static/{TWIN}"]},
                rounds=MICRO_ROUNDS,
                together=median_of,
            )
            print("Full article through nginx, cached and with random queries...", flush=True)
            cached, busted = cache_busting(base + cold["full_path"])
            print("An edit, through the microcache...", flush=True)
            live = edit_live(content, base + section, section)
            weight = heaviest_section(base, cold["sections"])
            print(f"Load through nginx: {SOAK_SECONDS} s at {SOAK_CONNECTIONS}...", flush=True)
            soak = wrk(script, SOAK_SECONDS, SOAK_CONNECTIONS)
            print(f"Page requests with {SLOW_CONNECTIONS} slow connections...", flush=True)
            slow = slow_client_latency(port, cold["full_path"])
        finally:
            stop_server(server)
    report_micro(section, micro, live, weight)
    report_front(cold["full_path"], cached, busted, soak, slow)


def compare_alternating(targets, rounds=2, together=None):
    """{name: wrk's figures} for each target, run `rounds` times each, alternating (the machine is
    shared: alternating spreads what others do over all of them), put together by `together`
    (combined: their mean)."""
    runs = {name: [] for name in targets}
    for _ in range(rounds):
        for name, target in targets.items():
            runs[name].append(wrk(target, COMPARE_SECONDS, COMPARE_CONNECTIONS))
    return {name: (together or combined)(results) for name, results in runs.items()}


# The microcache against a static file: three rounds, and the median of each, so one round
# disturbed by other work (the workers still warming their pages after the start, another
# program) does not decide the ratio.
MICRO_ROUNDS = 3


def median_of(results):
    return {key: statistics.median(result[key] for result in results) for key in ROW_KEYS}


ROW_KEYS = ("rps", "p50_ms", "p99_ms")


EDIT_DEADLINE = 60


def edit_live(content, url, path):
    """Seconds from writing an edited section to nginx answering with it (None: not by the
    deadline)."""
    slug = path.rstrip("/").rsplit("/", 1)[1]
    source = next(
        file
        for file in sorted(content.glob("articles/*/*.md"))
        if re.search(rf"^slug:\s*{re.escape(slug)}\s*$", file.read_text(), re.M)
    )
    marker = f"edit-marker-{secrets.token_hex(4)}"
    text = source.read_text()
    written = time.perf_counter()
    source.write_text(
        text.rstrip("\n") + f"\n\nThis sentence was added by the benchmark: {marker}.\n"
    )
    deadline = written + EDIT_DEADLINE
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if marker.encode() in response.read():
                    return time.perf_counter() - written
        except OSError:
            pass
        time.sleep(0.05)
    return None


def heaviest_section(base, paths):
    """(bytes on the wire, path) of the heaviest section page with everything it loads, as nginx
    sends them to a browser that accepts br and gzip."""
    heaviest = (0, "")
    for path in paths:
        total, html = fetched(base + path)
        for asset in set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html.decode())):
            if not asset.endswith((".css", ".js", ".svg", ".png")):
                continue
            total += fetched(base + asset)[0]
        heaviest = max(heaviest, (total, path))
    return heaviest


def fetched(url):
    """(bytes on the wire, the decoded body)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        raw = response.read()
        coding = response.headers.get("Content-Encoding")
    body = (
        brotli.decompress(raw)
        if coding == "br"
        else gzip.decompress(raw)
        if coding == "gzip"
        else raw
    )
    return len(raw), body


def report_micro(section, micro, live, weight):
    ratio = micro["section"]["rps"] / micro["static"]["rps"]
    seconds = f"{live:.1f} s" if live is not None else "NOT LIVE"
    print(
        "",
        "nginx's microcache: a section page against a static file of the same bytes, through"
        f" the same nginx ({COMPARE_CONNECTIONS} connections, {MICRO_ROUNDS} x {COMPARE_SECONDS}"
        " s each, alternating; medians)",
        f"  {'':48} {'requests/s':>10} {'p50':>9} {'p99':>9}",
        row(section, micro["section"]),
        row(f"/static/{TWIN}", micro["static"]),
        f"  ratio section/static {ratio:37.2f}   (target 0.80: {'met' if ratio >= 0.8 else 'NOT'})",
        f"  an edited section live through nginx after {seconds:>14}   (target 3 s:"
        f" {'met' if live is not None and live <= 3 else 'NOT'})",
        f"  heaviest section page with its assets, on the wire {weight[0] / 1024:7.1f} KB"
        f"   ({weight[1]}; target 50 KB: {'met' if weight[0] <= 50 * 1024 else 'NOT'})",
        sep="\n",
    )


if __name__ == "__main__":
    main()
