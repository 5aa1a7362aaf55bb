"""A value a test run makes once, however many pytest-xdist workers ask for it.

`make test` spreads the test files over every core (pytest-xdist), and a session fixture is a
session of one worker: two files on two workers would each crawl the whole shipped site. The
first worker to ask makes the value and leaves it, pickled, in the run's own temporary folder
(shared by its workers, new for every run); the others wait for it and read it. Without xdist
it is simply made.
"""

import fcntl
import os
import pickle


def once_per_run(tmp_path_factory, name, make):
    """make(), or what another worker of this run got from it."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make()
    folder = tmp_path_factory.getbasetemp().parent  # the run's folder, above each worker's
    kept = folder / f"{name}.pickle"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if kept.exists():
            return pickle.loads(kept.read_bytes())
        value = make()
        kept.write_bytes(pickle.dumps(value))
        return value
