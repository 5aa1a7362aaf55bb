"""Giving freed memory back to the system, after the big moments of a process's life.

A library build, a search index or a page warm-up allocates a lot at once and frees most of it a
moment later (the last library, its index and its pages). Python returns whole free arenas of
small objects, but the C allocator (glibc's malloc, on Linux) keeps the freed pages of larger
ones — rendered pages, the index's arrays — for itself until something asks it to trim: in a
gunicorn worker they then stay resident for the life of the worker, tens of MiB at library
scale, and a preloading master passes them on to every worker it forks.
"""

import ctypes
import ctypes.util
import gc


def _malloc_trim():
    """glibc's malloc_trim, or None where the C library has none (macOS, musl)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


_trim = _malloc_trim()


def give_back_freed_memory():
    """Collect unreachable cycles, then hand the C allocator's free pages back to the system.
    Takes a few milliseconds; call it after a build or a warm-up, never per request."""
    gc.collect()
    if _trim is not None:
        _trim(0)
