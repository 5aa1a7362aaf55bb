"""Renders Markdown in child processes, each file under a time budget.

Python cannot stop a thread that is stuck inside Python-Markdown (a paragraph of 20,000 "[" keeps
it busy for minutes; a list nested 2,000 deep for over a minute before it gives up), so every
render runs in a separate process that can be killed. A file that runs over its budget, or
crashes, costs only its own process, which is replaced: its memory goes with it, and every other
file is still rendered.

The children are fresh interpreters started with subprocess (`python -m engine.workers`), never
forks of the site's process: forking a threaded gunicorn worker can copy a lock some other thread
holds, and multiprocessing's spawn would import the caller's main script again. They import only
the renderer (no Django settings): each gets the glossary's names and addresses from the parent.

Messages are pickles framed by their length, over the child's stdin and stdout. Only this module
writes to those pipes, and only to its own children.

Tests make a render slow, fail or die on purpose with a marker in the file's body (see
FAULT_MARKER), so the budget, failure and retry machinery is tested whatever the speed of the
Markdown release installed. The markers act only where the environment says
CARTEDUCATION_RENDER_FAULTS=1, which the test suite sets and nothing else does; elsewhere they
are HTML comments, which the sanitiser removes.
"""

import collections
import itertools
import logging
import os
import pickle
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

log = logging.getLogger("carteducation.content")

STARTUP_SECONDS = 60  # to start Python and import the renderer, or compile a big glossary
# A render process that has grown this much (MiB) over its size when ready is replaced after the
# render: ordinary files cost it a few MiB at most; a pathological one, tens or hundreds.
RECYCLE_MIB = 40
# Small files go to a render process several at a time: a glossary term renders in half a
# millisecond, about what sending it and its result back costs, so a library's first build (1,100
# terms) spent a third of its term time on messages. A batch has one file's budget; one that runs
# out of it, or whose process dies, is sent again file by file, so a failure is still pinned on
# its file. Only while nothing may be left rendering (no patience) and the queue is long.
BATCH_FILES = 16
BATCH_BODY_CHARS = 2000
FAULTS_VARIABLE = "CARTEDUCATION_RENDER_FAULTS"
# "sleep": the render never finishes; "raise Name": it raises that built-in exception;
# "exit": its process ends without an answer.
FAULT_MARKER = re.compile(r"<!-- render-fault: (sleep|exit|raise (\w+)) -->")
FAULT_EXCEPTIONS = {"RecursionError": RecursionError, "ValueError": ValueError}
PROJECT_DIR = Path(__file__).resolve().parent.parent
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class RenderJob:
    name: str  # the content file, for messages
    body: str
    anchor_prefix: str
    references: frozenset  # every reference key: a citation only needs to know its key exists
    link_terms: bool  # sections link glossary terms; articles' intros and terms do not
    names: tuple = ()  # (form, key, pattern, slug) of the glossary names it could mention
    language: str = "en"  # the page's: the words the site adds to it are in this language
    care: tuple = ()  # the care file's cards it includes (engine.care.cards_for)
    defines_cards: bool = False  # it is the care file (engine/care.py)


PENDING = "pending"  # Failure.reason: still rendering when the build stopped waiting for it


@dataclass(frozen=True)
class Failure:
    """Why a file could not be rendered: "timeout", "stopped" (its process died, or none could
    start), or the name of the exception it raised.

    retry_at: when a render that may have failed for a passing reason (a machine too busy to
    finish it in time) may be tried again, as time.time(); None: never, the same input fails
    the same way (engine.renders decides which is which).
    """

    reason: str
    detail: str = ""
    retry_at: float | None = None


@dataclass(frozen=True)
class LinkTarget:
    """What linking needs from a glossary term, without Django: its names and its address."""

    slug: str
    names: tuple
    url: str
    plurals: tuple = ()  # irregular plural forms from the term's `plurals:`

    @property
    def term(self):
        return self.names[0]

    def get_absolute_url(self):
        return self.url


# The parent's side


class Worker:
    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "engine.workers"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=PROJECT_DIR,
            bufsize=0,
        )
        self.state = "starting"  # then "idle", "loading" (a glossary) or "rendering"
        self.deadline = time.monotonic() + STARTUP_SECONDS
        self.jobs = ()  # what it is rendering: one job, or a batch of small ones
        self.glossary_id = None
        self.baseline = None  # its memory once ready (MiB): it is replaced when far above it

    def memory(self):
        """Resident memory in MiB (None where /proc cannot say). Asked after every render, so
        from statm's one line (its second number, in pages), not the longer status file."""
        try:
            pages = int(Path(f"/proc/{self.process.pid}/statm").read_bytes().split()[1])
        except (OSError, IndexError, ValueError):
            return None
        return pages * PAGE_BYTES / 2**20

    def grew(self):
        now = self.memory()
        return None not in (now, self.baseline) and now > self.baseline + RECYCLE_MIB

    def send(self, message):
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self.process.stdin.write(len(data).to_bytes(8, "big") + data)

    def receive(self):
        return _read_message(self.process.stdout)

    def fileno(self):
        return self.process.stdout.fileno()

    def load_glossary(self, glossary_id, targets):
        self.send(("glossary", targets))
        self.state, self.glossary_id = "loading", glossary_id
        self.deadline = time.monotonic() + STARTUP_SECONDS

    def render(self, jobs, budget):
        """Send one job, or a batch of small ones (a list), to render within one budget."""
        self.send(("render", jobs[0]) if len(jobs) == 1 else ("batch", list(jobs)))
        self.state, self.jobs = "rendering", tuple(jobs)
        self.started = time.monotonic()
        self.deadline = self.started + budget

    def stop(self):
        self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            pipe.close()


class Pool:
    """A few render processes for one parent process, used by one build at a time."""

    def __init__(self, size):
        self.size = size
        self.pid = os.getpid()
        self.workers = []
        self.queue = collections.deque()
        self.alone = set()  # jobs of a batch that failed, each sent again on its own
        self.lock = threading.Lock()

    def render(self, jobs, glossary, budget, patience=None, patient=None):
        """{job.name: render_markdown's fields as a dict, or a Failure}, every job within budget.

        glossary: (an id that changes when it does, [LinkTarget]) for the jobs that link terms.
        patience: return once this many seconds have passed and every job has started, each
        job still rendering then as Failure(PENDING): its process goes on with it (within its
        budget, counted from its start), and a later call that asks for the same job waits for
        that render instead of starting it again. So one file too much for the renderer holds a
        build back by `patience`, not by its whole budget. None: wait for every job. patient:
        the names of the jobs that may be left pending (None: any); the others are waited for.
        """
        with self.lock:
            running = {job for w in self.workers if w.state == "rendering" for job in w.jobs}
            self.queue = collections.deque(job for job in jobs if job not in running)
            self.alone = set()
            waits = None if patient is None else {job for job in jobs if job.name not in patient}
            return self._render(self.queue, glossary, budget, set(jobs), patience, waits)

    def start(self, count=1):
        """Have at least count render processes (at most the pool's size) starting now."""
        with self.lock:
            while len(self.workers) < min(count, self.size):
                self.workers.append(Worker())

    def _render(self, queue, glossary, budget, wanted, patience=None, waits=None):
        results = {}

        def awaited(worker):
            # A render of an earlier call nobody asks for now is not waited for (it is stopped
            # when its time is up); a process starting or loading the glossary is, if needed.
            return worker.state != "idle" and (
                not worker.jobs or any(job in wanted for job in worker.jobs)
            )

        while queue or any(awaited(worker) for worker in self.workers):
            others = sum(1 for w in self.workers if w.state == "rendering" and not awaited(w))
            while len(self.workers) - others < min(self.size, len(queue)):
                self.workers.append(Worker())
            for worker in list(self.workers):
                if worker.state == "idle" and queue:
                    self._start(worker, queue, glossary, budget, batches=patience is None)
            busy = [worker for worker in self.workers if worker.state != "idle"]
            if not busy:
                continue
            now = time.monotonic()
            # Patience counts from each render's start: starting a process is not the file's.
            waited = [worker for worker in busy if awaited(worker)]
            overdue = (
                [
                    w
                    for w in waited
                    if w.state == "rendering"
                    and now >= w.started + patience
                    and (waits is None or not any(job in waits for job in w.jobs))
                ]
                if patience is not None
                else []
            )
            if waited and not queue and len(overdue) == len(waited):
                for worker in waited:
                    for job in worker.jobs:
                        results.setdefault(job, Failure(PENDING))
                break
            until = min(worker.deadline for worker in busy)
            if patience is not None:
                rendering = [w.started + patience for w in waited if w.state == "rendering"]
                until = min([until, *rendering])
            ready = wait(busy, max(0.0, until - now))
            for worker in busy:
                if worker in ready:
                    self._receive(worker, results)
                elif time.monotonic() >= worker.deadline:
                    self._give_up(worker, results, Failure("timeout"))
        # By job, not by name: a render an earlier call left running is of the file as it was.
        return {job.name: results[job] for job in wanted if job in results}

    def _start(self, worker, queue, glossary, budget, batches=False):
        """Give an idle worker the next job, or a batch of small ones (or the glossary it needs
        first)."""
        job = queue[0]
        try:
            if job.link_terms and worker.glossary_id != glossary[0]:
                worker.load_glossary(*glossary)
            else:
                jobs = self._batch(queue) if batches else [job]
                worker.render(jobs, budget)
                for _ in jobs:
                    queue.popleft()
        except OSError:
            # It died while idle (killed from outside?): not the job's fault, so the job stays
            # queued for a new worker.
            worker.stop()
            self.workers.remove(worker)

    def _batch(self, queue):
        """The next jobs to send together: small ones that link no terms, at most BATCH_FILES,
        and few enough that every process gets a share of what is queued."""
        jobs = []
        for job in itertools.islice(queue, max(1, min(BATCH_FILES, len(queue) // (2 * self.size)))):
            if job.link_terms or len(job.body) >= BATCH_BODY_CHARS or job in self.alone:
                return jobs or [job]  # sent on its own
            jobs.append(job)
        return jobs

    def _receive(self, worker, results):
        try:
            message = worker.receive()
        except (EOFError, OSError, pickle.UnpicklingError, AttributeError):
            self._give_up(worker, results, Failure("stopped", "the render process stopped"))
            return
        if worker.state == "rendering":
            # Plain data from the child (its classes live in its __main__, not this module).
            outcomes = message[1] if message[0] == "batch" else [message]
            if len(outcomes) != len(worker.jobs):
                failure = Failure("stopped", "the render process answered out of turn")
                self._give_up(worker, results, failure)
                return
            failed = False
            for job, (outcome, *data) in zip(worker.jobs, outcomes, strict=True):
                results[job] = data[0] if outcome == "ok" else Failure(*data)
                failed |= outcome != "ok"
            if failed:
                # Replaced, so whatever the failed render left behind goes with its process.
                self._replace(worker)
                return
        else:
            worker.baseline = worker.memory()  # started, or loaded a glossary: its normal size
        worker.state, worker.jobs = "idle", ()
        if worker.grew():
            # A render that made the process grow (a huge or pathological file): Python keeps
            # the memory for itself, so the process is replaced and the memory goes back to the
            # machine. The next job starts a fresh one.
            self._replace(worker)

    def _give_up(self, worker, results, failure):
        if len(worker.jobs) > 1:
            # A batch ran out of time, or its process died: which file did it is not known, so
            # each is sent again on its own, at the front of the queue.
            self.queue.extendleft(reversed(worker.jobs))
            self.alone.update(worker.jobs)
        elif worker.jobs:
            results[worker.jobs[0]] = failure
        else:
            # It died starting up or loading the glossary: something is wrong with the set-up,
            # not with one file, so do not start process after process.
            log.error("a render process could not start or load the glossary (%s)", failure)
            while self.queue:
                results[self.queue.popleft()] = Failure("stopped", "no render process")
        self._replace(worker)

    def _replace(self, worker):
        # Killing is the only way to stop a render, and it frees whatever memory it took.
        worker.stop()
        self.workers.remove(worker)

    def close(self):
        with self.lock:
            for worker in self.workers:
                worker.stop()
            self.workers = []


_pool = None
_pool_lock = threading.Lock()


def _this_process_pool():
    global _pool
    with _pool_lock:
        # A forked copy (gunicorn's workers, after the master built the library) must never
        # talk to its parent's children: it starts a pool of its own.
        if _pool is None or _pool.pid != os.getpid():
            _pool = Pool(min(os.cpu_count() or 1, 8))
        return _pool


def render_in_workers(jobs, glossary, budget, patience=None, patient=None):
    """Render jobs in this process's pool of render processes (started on first use)."""
    if not jobs:
        return {}
    return _this_process_pool().render(jobs, glossary, budget, patience, patient)


def start_workers(every=False):
    """Start a render process for this process now (a gunicorn worker, after the fork): the
    first edit then waits for no interpreter to start and import the renderer. every: as many
    as the pool has (one per core), for a first build that may render every file."""
    pool = _this_process_pool()
    pool.start(pool.size if every else 1)


def close_workers():
    """Stop this process's render processes (they start again when next needed)."""
    if _pool is not None and _pool.pid == os.getpid():
        _pool.close()


# The child's side


def _read_message(stream):
    header = _read_exactly(stream, 8)
    return pickle.loads(_read_exactly(stream, int.from_bytes(header, "big")))


def _read_exactly(stream, size):
    chunks = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _write_message(stream, message):
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(8, "big") + data)
    stream.flush()


def _act_on_fault_marker(body):
    """In a test run, do what a render-fault marker in the body asks (see the module docstring)."""
    found = FAULT_MARKER.search(body) if os.environ.get(FAULTS_VARIABLE) == "1" else None
    if found is None:
        return
    if found.group(1) == "sleep":
        time.sleep(3600)
    elif found.group(1) == "exit":
        os._exit(70)
    raise FAULT_EXCEPTIONS[found.group(2)](f"render-fault marker: {found.group(2)}")


def _render(job, glossary):
    from .linking import TermMatcher
    from .rendering import render_markdown

    try:
        _act_on_fault_marker(job.body)
        rendered = render_markdown(
            job.body,
            references=job.references,
            glossary=glossary if job.link_terms else None,
            term_matcher=TermMatcher(patterns=job.names) if job.link_terms else None,
            anchor_prefix=job.anchor_prefix,
            language=job.language,
            care=job.care,
            defines_cards=job.defines_cards,
        )
    except (Exception, RecursionError) as error:
        return ("failed", type(error).__name__, str(error)[:200])
    return ("ok", rendered.as_dict())


def main():
    from .rendering import render_markdown  # noqa: F401 (imported before saying "ready")

    # stdout carries the messages: anything the renderer prints goes to stderr instead.
    channel, sys.stdout = sys.stdout.buffer, sys.stderr
    inbox = sys.stdin.buffer
    glossary = {}
    _write_message(channel, ("ready",))
    while True:
        try:
            kind, payload = _read_message(inbox)
        except EOFError:
            return  # the parent has gone
        if kind == "glossary":
            glossary = {target.slug: target for target in payload}
            _write_message(channel, ("ready",))
        elif kind == "batch":
            _write_message(channel, ("batch", [_render(job, glossary) for job in payload]))
        else:
            _write_message(channel, _render(payload, glossary))


if __name__ == "__main__":
    main()
