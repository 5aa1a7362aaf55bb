"""make bench SCALE=n: the production server on a library-sized site, while editors work.

Builds a content tree in a temporary folder (bench/library.py: the shipped article n times,
plus 1,000 generated glossary terms), starts gunicorn on it as `make serve` does, with
CONTENT_RELOAD_SECONDS=1, on a free loopback port, and reports:

1. cold start: from starting gunicorn to its first answered page, with an empty render cache
   (every file rendered), and again at the end with the render cache kept (a restart);
2. an edit: the time from writing a changed section to the server answering with it, and the
   slowest read of other pages meanwhile (two readers, all the time), against the slowest at rest;
3. a pathological file (a list nested 2,000 deep) dropped in, then a second ordinary edit: the
   slowest read while it is there, and whether (and when) the second edit goes live;
4. search latency once the readers stop, over HTTP and in the engine alone
   (bench/search_latency.py; the Spanish edition is not copied: one article, as shipped);
5. each worker's memory (RSS now, and its peak), search indexes included.

Every wait has a deadline and the server is always stopped. Loopback only. Not a test: the
figures depend on the machine and what else runs on it, so the load average is printed too.
"""

import re
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import search_latency
from library import make_library_tree

from bench import (
    free_port,
    load_average,
    memory,
    production_environment,
    start_server,
    stop_server,
    workers,
)

REST_SECONDS = 5
LIVE_DEADLINE = 60  # an edit not live after this long is reported as not live
PATHOLOGICAL_SECONDS = 15
# Its front matter is complete, so it reaches the renderer (a missing key would stop it at the
# parser, which takes no time).
PATHOLOGICAL = (
    "---\ntitle: Deep\nslug: deep-list\norder: 99\nin_short: Deep.\nlast_reviewed: 2026-01-01\n"
)


class Readers:
    """Two threads reading pages over and over, each read timed and kept."""

    def __init__(self, base, paths):
        self.base, self.paths = base, paths
        self.reads = []  # (finished at, seconds, status)
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.read, args=(i,)) for i in range(2)]

    def read(self, offset):
        index = offset
        while not self.stop.is_set():
            path = self.paths[index % len(self.paths)]
            index += 2
            started = time.perf_counter()
            status = fetch(self.base + path, timeout=15)[0]
            self.reads.append((time.perf_counter(), time.perf_counter() - started, status))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def between(self, start, end):
        return [(seconds, status) for at, seconds, status in self.reads if start <= at <= end]


def fetch(url, timeout=10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def wait_for_text(url, text, deadline):
    """Seconds until url answers with text, or None by the deadline (time.perf_counter)."""
    started = time.perf_counter()
    while time.perf_counter() < deadline:
        if text in fetch(url, timeout=15)[1]:
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def pages(tree, slugs):
    paths = ["/", "/articles/", "/glossary/"]
    for slug in slugs:
        paths.append(f"/articles/{slug}/")
        for section in sorted((tree / "articles" / slug).glob("[0-9]*.md")):
            found = re.search(r"^slug:\s*(\S+)", section.read_text(), re.M)
            paths.append(f"/articles/{slug}/{found.group(1)}/")
    terms = sorted(path.stem for path in (tree / "glossary").glob("*.md"))
    return paths + [f"/glossary/{term}/" for term in terms[:: max(1, len(terms) // 50)]]


def edit(path, marker):
    """Add a sentence with marker to the end of a section (written in one go, as a save is)."""
    text = path.read_text()
    path.write_text(
        text.rstrip("\n") + f"\n\nThis sentence was added by the benchmark: {marker}.\n"
    )


def slowest(reads):
    return max((seconds for seconds, _ in reads), default=0.0)


def errors(reads):
    return sum(1 for _, status in reads if status != 200)


def main(copies, root):
    port = free_port()
    environment = production_environment(port)
    base = f"http://127.0.0.1:{port}"
    print(f"Load average before: {load_average()}. Code under test: {root}", flush=True)
    with tempfile.TemporaryDirectory(prefix="carteducation-bench-scale-") as scratch:
        scratch = Path(scratch)
        tree = scratch / "content"
        make_library_tree(tree, copies=copies, extra_terms=1000)
        slugs = sorted(folder.name for folder in (tree / "articles").iterdir())
        files = sum(1 for _ in tree.rglob("*.md"))
        # An empty render cache of its own (where the engine keeps one): a cold start is cold.
        cache = str(scratch / "render-cache.sqlite3")
        environment.update(
            CONTENT_DIR=str(tree), CONTENT_RELOAD_SECONDS="1", RENDER_CACHE_PATH=cache
        )
        paths = pages(tree, slugs)
        first_edit = next((tree / "articles" / slugs[len(slugs) // 2]).glob("03-*.md"))
        first_url = f"/articles/{slugs[len(slugs) // 2]}/"
        second_edit = next((tree / "articles" / slugs[-1]).glob("05-*.md"))
        second_url = f"/articles/{slugs[-1]}/"
        others = [p for p in paths if not p.startswith((first_url, second_url))]
        first_url += re.search(r"^slug:\s*(\S+)", first_edit.read_text(), re.M).group(1) + "/"
        second_url += re.search(r"^slug:\s*(\S+)", second_edit.read_text(), re.M).group(1) + "/"
        print(f"{len(slugs)} articles, {files} Markdown files. Starting gunicorn...", flush=True)
        log = open(scratch / "gunicorn.log", "w")  # noqa: SIM115 (closed in finally)
        server = None
        try:
            server, cold = start_server(environment, log, root, seconds=300)
            print(f"First page after {cold:.1f} s. Readers at rest...", flush=True)
            with Readers(base, others) as readers:
                time.sleep(1)  # each reader's first pass warms what the server renders lazily
                rest_start = time.perf_counter()
                time.sleep(REST_SECONDS)
                rest = readers.between(rest_start, time.perf_counter())

                print("An edit...", flush=True)
                written = time.perf_counter()
                edit(first_edit, "first-edit-marker")
                live = wait_for_text(base + first_url, "first-edit-marker", written + LIVE_DEADLINE)
                time.sleep(2)
                during_edit = readers.between(written, time.perf_counter())

                print("A pathological file, then a second edit...", flush=True)
                dropped = time.perf_counter()
                deep = first_edit.with_name("99-deep.md")
                deep.write_text(PATHOLOGICAL + "---\n" + "- " * 2000 + "item\n")
                time.sleep(1)
                second_written = time.perf_counter()
                edit(second_edit, "second-edit-marker")
                second_live = wait_for_text(
                    base + second_url, "second-edit-marker", second_written + LIVE_DEADLINE
                )
                remaining = dropped + PATHOLOGICAL_SECONDS - time.perf_counter()
                time.sleep(max(remaining, 2))
                during_pathological = readers.between(dropped, time.perf_counter())
            print("Search, one request after another, then many at once...", flush=True)
            searched = search_latency.over_http(port, scratch, server.pid)
            memories = {pid: memory(pid) for pid in workers(server.pid)}
        finally:
            stop_server(server)
            log.close()
        deep.unlink()  # it would only cost the engine's build its render time limit
        print("A restart, the render cache kept...", flush=True)
        restart = restarted(environment, scratch, root)
        print("Search, the engine alone...", flush=True)
        engine = search_latency.in_process(environment, root)
        report(copies, files, cold, rest, live, during_edit, second_live, during_pathological)
        print(f"  a restart (the render cache kept) to first page {restart:8.1f} s")
        report_memory(memories)
        search_latency.report(searched, engine, f" at library scale ({copies} articles)")
        problems = [
            line
            for line in (scratch / "gunicorn.log").read_text().splitlines()
            if "[ERROR]" in line or "Traceback" in line or "WORKER TIMEOUT" in line
        ]
        if problems:
            print(f"\nThe server logged {len(problems)} errors; the first: {problems[0][:150]}")


def restarted(environment, scratch, root):
    """Seconds from starting gunicorn again, on the same content and render cache, to its first
    page: a deploy or a reboot, where the first start rendered every file."""
    with open(scratch / "gunicorn-restart.log", "w") as log:
        server = None
        try:
            server, seconds = start_server(environment, log, root, seconds=300)
        finally:
            stop_server(server)
    return seconds


def report(copies, files, cold, rest, live, during_edit, second_live, during_pathological):
    def seconds(value):
        return f"{value:8.1f} s" if value is not None else "  NOT LIVE"

    def ms(value):
        return f"{value * 1000:8.0f} ms"

    ceiling = max(3 * slowest(rest), 0.25)
    print(
        "",
        f"Library scale: {copies} articles, {files} Markdown files, CONTENT_RELOAD_SECONDS=1",
        f"  gunicorn start to first page                  {seconds(cold)}",
        f"  slowest read at rest ({len(rest):4d} reads)              {ms(slowest(rest))}",
        f"  an edited section live after the write        {seconds(live)}",
        f"  slowest read of other pages during that edit  {ms(slowest(during_edit))}"
        f"   ({len(during_edit)} reads, {errors(during_edit)} errors)",
        "  with a list nested 2,000 deep present:",
        f"    a second edit live after the write          {seconds(second_live)}",
        f"    slowest read of other pages                 {ms(slowest(during_pathological))}"
        f"   ({len(during_pathological)} reads, {errors(during_pathological)} errors)",
        f"  targets: first page <= 4 s, edits live <= 2 s, slowest reads <= {ms(ceiling).strip()}"
        " (3x at rest, or 250 ms), 0 errors",
        sep="\n",
    )


def report_memory(memories):
    # RSS counts in full the pages each worker still shares with the master (Django, the
    # library it built before the fork); PSS counts a shared page's share only, so the workers'
    # PSS add up to what they cost the machine.
    print("  memory per worker (MiB)        RSS now   peak RSS        PSS   (target: 160 MiB RSS)")
    for pid in sorted(memories):
        values = memories[pid]
        pss = f"{values['Pss']:10.1f}" if "Pss" in values else "         -"
        print(f"    worker {pid:<18} {values['VmRSS']:10.1f} {values['VmHWM']:10.1f} {pss}")
    print(f"\nLoad average now: {load_average()}")


if __name__ == "__main__":
    sys.exit("run bench/bench.py --scale N")
