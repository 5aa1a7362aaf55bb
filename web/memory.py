"""Keeping a server process's memory small: fewer C heaps, and freed memory given back.

A library build, a search index or a page warm-up allocates a lot at once and frees most of it a
moment later (the last library, its index and its pages). Python returns whole free arenas of
small objects, but the C allocator (glibc's malloc, on Linux) keeps the freed pages of larger
ones — rendered pages, the index's arrays — for itself until something asks it to trim: in a
gunicorn worker they then stay resident for the life of the worker, tens of MiB at library
scale, and a preloading master passes them on to every worker it forks.

glibc also gives every thread that allocates a heap of its own (an "arena"), up to eight per
core. A gunicorn worker has a request thread per GUNICORN_THREADS, a content watcher and a page
warmer, and what each frees stays scattered over its own heap. limit_malloc_arenas() caps them:
the threads take turns holding Python's global lock anyway, so they seldom want the C
allocator at the same moment. Measured at library scale (make bench SCALE=30): 170-173 MiB
resident per worker with a heap per thread, 156-159 MiB with two.
"""

import ctypes
import ctypes.util
import gc

M_ARENA_MAX = -8  # glibc's malloc.h
ARENAS = 2


def _glibc(name, argtypes):
    """A function of glibc's allocator, or None where the C library has none (macOS, musl)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        function = getattr(libc, name)
    except (OSError, AttributeError):
        return None
    function.argtypes, function.restype = argtypes, ctypes.c_int
    return function


_trim = _glibc("malloc_trim", [ctypes.c_size_t])
_mallopt = _glibc("mallopt", [ctypes.c_int, ctypes.c_int])


def limit_malloc_arenas(count=ARENAS):
    """At most `count` C heaps for all of this process's threads, and the processes it forks
    (gunicorn.conf.py: in the master, before any thread starts). True where it could be set."""
    return _mallopt is not None and _mallopt(M_ARENA_MAX, count) == 1


def give_back_free_pages():
    """Hand the C allocator's free pages back to the system, without collecting first: 0.3 to 7
    ms, and ctypes lets go of Python's lock while glibc trims, so a thread may call it now and
    then while readers are served (web/warming.py does, between its passes)."""
    if _trim is not None:
        _trim(0)


def give_back_freed_memory():
    """Collect unreachable cycles, then hand the C allocator's free pages back to the system.
    Takes a few milliseconds; call it after a build or a warm-up, never per request."""
    gc.collect()
    if _trim is not None:
        _trim(0)
