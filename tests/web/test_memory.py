"""After a build or a warm-up, the memory the process freed goes back to the system."""

import re
from pathlib import Path

import pytest

from web import memory


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
