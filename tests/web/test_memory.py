"""After a build or a warm-up, the memory the process freed goes back to the system."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from web import memory

ROOT = Path(__file__).resolve().parents[2]


def resident_mib():
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+)", status, re.M).group(1)) / 1024


@pytest.mark.skipif(memory._trim is None, reason="the C library here cannot trim (not glibc)")
def test_memory_freed_by_a_build_is_given_back_to_the_system():
    # Pages a library build leaves behind: many mid-size blocks (the C allocator's, not
    # Python's small-object arenas), freed while a later block keeps the heap from shrinking.
    blocks = [bytes(2000) + bytes([n % 256]) for n in range(60_000)]  # about 120 MiB
    kept = bytearray(4000)
    del blocks
    before = resident_mib()
    memory.give_back_freed_memory()
    assert resident_mib() < before - 50
    assert kept  # still there: only free memory was given back


ARENAS = """
import ctypes, runpy, sys, threading
if sys.argv[1] == "gunicorn":
    runpy.run_path("gunicorn.conf.py")  # as gunicorn's master reads its settings
all_started = threading.Barrier(8)
def allocate(kept):
    kept.extend(bytes(4000 + n) for n in range(200))
    all_started.wait()  # each keeps its heap while the next ones start
kept = []
threads = [threading.Thread(target=allocate, args=(kept,)) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
ctypes.CDLL("libc.so.6").malloc_stats()
"""


def arenas_used(*arguments):
    """How many C heaps a process with eight allocating threads ends up with (glibc's own
    report, malloc_stats, names each one "Arena n")."""
    result = subprocess.run(
        [sys.executable, "-c", ARENAS, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return len(re.findall(r"^Arena \d+:", result.stderr, re.M))


@pytest.mark.skipif(memory._mallopt is None, reason="the C library here is not glibc")
def test_gunicorn_gives_all_of_a_process_threads_two_c_heaps():
    assert arenas_used("plain python") > memory.ARENAS  # one per thread, or nearly
    assert arenas_used("gunicorn") <= memory.ARENAS
