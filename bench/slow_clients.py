"""Slow clients against a running server: normal page requests at rest, then while many
connections send their request headers one byte a second, as a bad network or an attacker would.

    python bench/slow_clients.py http://127.0.0.1:8980 [--slow 200] [--path /]

Reports how many normal requests succeeded and their p50/p99, at rest and with the slow
connections held open (a connection the server closes is opened again, so the number held stays
the same). Loopback only, every step has a time limit. Not a test: nothing here asserts.
"""

import argparse
import http.client
import multiprocessing
import socket
import statistics
import time
from urllib.parse import urlsplit

REQUEST_TIMEOUT = 5  # seconds a normal request may take before it counts as failed
PROBE_SECONDS = 60  # each series of normal requests stops after this long, whatever is left
DRIP = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 4000


def get(host, port, path):
    """One request on a new connection, as a browser asks (brotli or gzip): (milliseconds,
    status), status 0 if the connection failed."""
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
        connection.request("GET", path, headers={"Accept-Encoding": "br, gzip"})
        response = connection.getresponse()
        response.read()
        connection.close()
        status = response.status
    except OSError:
        status = 0
    return (time.perf_counter() - started) * 1000, status


def probe(host, port, path, count):
    """count requests one after the other, each on a new connection: (latencies in ms, failures)."""
    latencies, failures = [], 0
    deadline = time.monotonic() + PROBE_SECONDS
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        milliseconds, status = get(host, port, path)
        if status == 200:
            latencies.append(milliseconds)
        else:
            failures += 1
    return latencies, failures


class SlowClients:
    """count connections that each send one more byte of their headers every second.

    They run in a process of their own, which wakes once a second, so that sending them takes
    as little as it can from the requests being measured (no interpreter lock is shared).
    """

    def __init__(self, host, port, count):
        self.address, self.count = (host, port), count
        self.stop = multiprocessing.Event()
        self._opened = multiprocessing.Value("i", 0)
        self._closed = multiprocessing.Value("i", 0)
        self.process = multiprocessing.Process(target=self.run, daemon=True)

    @property
    def opened(self):
        return self._opened.value

    @property
    def closed_by_server(self):
        return self._closed.value

    def connect(self):
        connection = socket.create_connection(self.address, timeout=5)
        connection.setblocking(False)
        with self._opened.get_lock():
            self._opened.value += 1
        return [connection, 0]

    def run(self):
        held = []
        while not self.stop.is_set():
            while len(held) < self.count and not self.stop.is_set():
                try:
                    held.append(self.connect())
                except OSError:
                    break
            for entry in list(held):
                connection, sent = entry
                try:
                    connection.send(DRIP[sent % len(DRIP) : sent % len(DRIP) + 1])
                    entry[1] += 1
                except OSError:  # closed by the server: open another in its place
                    with self._closed.get_lock():
                        self._closed.value += 1
                    connection.close()
                    held.remove(entry)
            self.stop.wait(1)
        for connection, _ in held:
            connection.close()

    def __enter__(self):
        self.process.start()
        deadline = time.monotonic() + 30
        while self.opened < self.count and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(2)  # every connection open and dripping
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.process.join(timeout=30)
        if self.process.is_alive():
            self.process.kill()


def quantiles(latencies):
    if len(latencies) < 2:
        return {}
    p99 = statistics.quantiles(latencies, n=100, method="inclusive")[98]
    return {"p50_ms": statistics.median(latencies), "p99_ms": p99}


def summary(label, latencies, failures):
    figures = quantiles(latencies)
    if figures:
        figures = f"p50 {figures['p50_ms']:7.1f} ms   p99 {figures['p99_ms']:7.1f} ms"
    else:
        figures = "no request succeeded"
    print(f"  {label:<34} {len(latencies):4d} ok {failures:4d} failed   {figures}", flush=True)
    return latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the server, e.g. http://127.0.0.1:8980")
    parser.add_argument("--slow", type=int, default=200, help="slow connections to hold (200)")
    parser.add_argument("--requests", type=int, default=200, help="normal requests each time")
    parser.add_argument("--path", default="/", help="the page normal readers ask for (/)")
    args = parser.parse_args()
    parts = urlsplit(args.url)
    host, port = parts.hostname, parts.port or 80
    print(f"{args.requests} requests for {args.path}, one after the other:")
    summary("at rest", *probe(host, port, args.path, args.requests))
    with SlowClients(host, port, args.slow) as slow:
        summary(f"with {args.slow} slow connections", *probe(host, port, args.path, args.requests))
    summary("at rest again", *probe(host, port, args.path, args.requests))
    print(f"  slow connections opened {slow.opened}, closed by the server {slow.closed_by_server}")


if __name__ == "__main__":
    main()
