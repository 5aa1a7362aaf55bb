"""Each file's render, got the cheapest way: from the last build, the render cache, or rendered.

A render is found by its key, the hash of everything its HTML depends on:

- the engine's version (RENDER_VERSION) and the file's Markdown body (not its front matter:
  a new title re-renders nothing);
- the references it cites ([@key] in the body), each with its fields, or None if missing;
- for a section, the glossary names it could mention: every name (or plural) of a term that
  appears in the body's words, whatever the case, with the term's address. A term whose names
  never appear in a section cannot change that section's links, so editing it leaves the
  section alone; adding, removing or changing a name that does appear re-renders the section;
- the cards of the care file it includes ("!!! care <name>"), each with its words: an edit to a
  card renders again the pages that show it, and no others.

Whatever is not found is rendered in worker processes (engine.workers), each file under the
CONTENT_RENDER_SECONDS budget.

A file that cannot be rendered is remembered under the same key and the budget, in the build
(Library.failures) and in the render cache, shared by every process: the same input under the
same budget fails the same way, so it is not tried again. With one exception: a render stopped
for a reason that may pass (it ran out of time, or its process died) may have failed because
the machine was too busy, not because of the file. Such a failure is believed for
RETRY_SECONDS, then one process (whichever claims it first in the cache) tries once more and
the others keep believing it meanwhile. So a file too much for the renderer costs one render
every RETRY_SECONDS for the whole site, and an ordinary file that once hit the budget under load
is not shown as broken, nor its last good version kept, for longer than that.
"""

import dataclasses
import hashlib
import json
import re
import time
import unicodedata

from .care import cards_for
from .citations import CITATION_PATTERN, KEY_SEPARATOR
from .kinds import fields
from .linking import EDITOR_MARK, name_key, name_patterns
from .rendering import RENDER_VERSION, Rendered
from .workers import PENDING, Failure, LinkTarget, RenderJob, render_in_workers

WORD = re.compile(r"\w+")
CITATION = re.compile(CITATION_PATTERN)
MARK = re.compile(EDITOR_MARK)
MEMO_SIZE = 5000  # section bodies whose glossary names are kept, a few more than a library has
# How long a failure that may have a passing cause is believed before it is tried again: long
# enough that a file too much for the renderer costs almost nothing (3 s of one render process
# every 10 minutes), short enough that an editor whose ordinary file hit the budget under load
# sees it fixed within minutes without touching it.
RETRY_SECONDS = 600
PASSING = {"timeout", "stopped", "MemoryError"}  # Failure.reason: may be the machine's doing
NO_PROCESS = "no render process"  # Failure.detail: the set-up's doing, never the file's
# A claim on a render (engine.cache) lasts its budget and this much more: time to start a render
# process and reach the file. A build waits that long at most for another process's render.
CLAIM_SECONDS = 10
# A build waiting for another process's render looks after 50 ms, then twice as long each time
# up to half a second: an ordinary file comes at once, and a long wait costs few queries.
WAIT_SECONDS = (0.05, 0.5)


def glossary_of(terms, previous=None, language="en"):
    """The Glossary for terms ({name marks use: Term}) in a language: the previous one if no
    term's slug, names or plurals changed."""
    signature = [language, *([slug, term.names, term.plurals] for slug, term in terms.items())]
    if previous is not None and previous.signature == signature:
        return previous
    return Glossary(terms, signature, language)


class Glossary:
    """The terms sections link to, as the render processes and the render keys need them.

    Keyed by the names editors' marks use ([[words|slug]]): in a translation, the English file
    names (Term.key), whatever the term's own slug."""

    def __init__(self, terms, signature, language="en"):
        self.signature = signature
        self.language = language
        self.targets = [
            LinkTarget(slug, tuple(term.names), term.get_absolute_url(), tuple(term.plurals))
            for slug, term in terms.items()
        ]
        self.urls = {target.slug: target.url for target in self.targets}
        self.id = _digest([[t.slug, t.names, t.url, t.plurals] for t in self.targets])
        # first word of a name form -> [(form, key, pattern, slug)]: a body is searched only
        # for the names whose first word it contains.
        self.by_word = {}
        for entry in name_patterns(self.targets_by_slug(), language):
            folded = _fold(entry[1])
            words = WORD.findall(folded)
            self.by_word.setdefault(words[0] if words else "", []).append((folded, entry))
        self._names = {}  # body -> names_in(body)

    def targets_by_slug(self):
        return {target.slug: target for target in self.targets}

    def names_in(self, body):
        """(form, key, pattern, slug) of every name the body could mention, sorted.

        A superset of what the linker can match: its text is the body's, less the markup.
        Kept per body: a build asks twice for each section it renders (its key, its job).
        """
        if body not in self._names:
            if len(self._names) > MEMO_SIZE:
                self._names.clear()
            flat = _fold(body)
            found = [
                entry
                for word in {*WORD.findall(flat), ""}
                for folded, entry in self.by_word.get(word, ())
                if folded in flat
            ]
            self._names[body] = sorted(found)
        return self._names[body]

    def could_link(self, body):
        """What of the glossary a body's links can depend on, as plain sorted data."""
        names = [[*entry, self.urls[entry[3]]] for entry in self.names_in(body)]
        named = {match.group(3).strip() for match in MARK.finditer(body) if match.group(3)}
        return [names, sorted((slug, self.urls.get(slug)) for slug in named)]


def _fold(text):
    """Text as names are compared, and also without accents and dots over letters: "İ" matches
    "i" when case is ignored, but lower-cases to two characters."""
    text = name_key(text)
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def cited_keys(body):
    keys = set()
    for match in CITATION.finditer(body):
        keys.update(KEY_SEPARATOR.split(match.group(1)))
    return sorted(keys)


def render_key(job, references, glossary):
    cited = [
        [key, _fields(references[key]) if key in references else None]
        for key in cited_keys(job.body)
    ]
    parts = [RENDER_VERSION, job.language, job.anchor_prefix, job.body, cited]
    if job.care or job.defines_cards:
        parts.append([job.care, job.defines_cards])
    if job.link_terms:
        parts.append(glossary.could_link(job.body))
    return _digest(parts)


def _digest(parts):
    text = json.dumps(parts, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def make_job(parsed, references, *, link_terms, care=None):
    """care: {name: engine.care.CardSource} of the language's care file."""
    if parsed.kind == "article":
        prefix = "intro-"
    elif parsed.kind == "care":
        prefix = "help-"  # engine.care.CareAdvice.slug; a translation's has no slug: of its own
    else:
        prefix = f"{parsed.slug}-"
    return RenderJob(
        parsed.name,
        parsed.body,
        prefix,
        frozenset(references),
        link_terms,
        language=parsed.language,
        care=cards_for(parsed.body, care or {}),
        defines_cards=parsed.kind == "care",
    )


def _fields(reference):
    return {name: getattr(reference, name) for name in fields("references")}


def find_keys(jobs, references, glossary, *, known, cache):
    """({file name: render key}, {input digest: render key} to remember for the next build).

    Working out a section's key means searching its body for glossary names, so each key is
    remembered under a digest of all its inputs taken whole (the body, every reference, the
    whole glossary): an unchanged file in an unchanged library costs a dictionary look-up, or
    one cache query after a restart.
    """
    refs = _digest([[key, _fields(reference)] for key, reference in sorted(references.items())])
    inputs = {
        job.name: _hash(
            RENDER_VERSION,
            job.language,
            job.anchor_prefix,
            job.body,
            refs,
            glossary.id if job.link_terms else "",
            _digest([job.care, job.defines_cards]) if job.care or job.defines_cards else "",
        )
        for job in jobs
    }
    keys = {name: known[digest] for name, digest in inputs.items() if digest in known}
    missing = [digest for name, digest in inputs.items() if name not in keys]
    from_cache = cache.keys(missing) if missing and cache is not None else {}
    for job in jobs:
        if job.name not in keys:
            keys[job.name] = from_cache.get(inputs[job.name]) or render_key(
                job, references, glossary
            )
    return keys, {inputs[name]: key for name, key in keys.items()}


def _hash(*texts):
    return hashlib.sha256("\x00".join(texts).encode()).hexdigest()


def get_renders(
    jobs, keys, glossary, *, known, failed, cache, budget, retry=False, patience=None, patient=()
):
    """({file name: Rendered or Failure}, {file name: key} of the files rendered now).

    keys: {file name: render key}; known: {key: Rendered} from the last build, looked at
    before the cache; failed: {(key, budget): Failure} from the last build, not tried again
    until its retry_at (a file too slow to render would otherwise hold back every build until
    it is fixed). retry: try every remembered failure again now, a crash too (the checker: it
    reports what the files do now, not what a busy moment did); its outcome replaces the row.

    What is rendered goes into the cache as soon as it is done. A render another process is
    doing at the same time (engine.cache, "rendering") is waited for rather than done twice.

    patience: wait at most this long (seconds) for any one render, here or in another process;
    one still going then is Failure(PENDING): never remembered, it goes on, and the next build
    (engine.live builds again soon when one is pending) gets its result. None: wait for all.
    patient: the names of the files that may be left pending (those with a version to show
    meanwhile); every other render is waited for, as without patience.
    """
    now = time.time()
    found = {key: known[key] for key in keys.values() if key in known}
    for key in keys.values():
        failure = failed.get((key, budget))
        if failure is not None and not _due(failure, now, retry):
            found[key] = failure
    missing = [key for key in keys.values() if key not in found]
    if missing and cache is not None:
        found.update(cache.renders(missing))
        missing = [key for key in missing if key not in found]
        for key, failure in cache.failures(missing, budget).items():
            if not _due(failure, now, retry):
                found[key] = failure
            elif not retry and not cache.claim_retry(
                key, budget, failure, now, now + RETRY_SECONDS
            ):
                found[key] = failure  # another process is trying it again
    # Each section is rendered with only the glossary names it could mention: the linker's
    # pattern of every name is slow to search (75 ms a section with 1,100 terms), and the
    # render key already says those are all the names its links depend on.
    to_render = [
        dataclasses.replace(job, names=tuple(glossary.names_in(job.body)))
        if job.link_terms
        else job
        for job in jobs
        if keys[job.name] not in found
    ]
    targets = (glossary.id, glossary.targets) if glossary else None
    rendered = {}
    # What another process is rendering now is waited for, once; what is still missing after
    # that (its claim ran out, its process stopped) is rendered here, without waiting again.
    for first_round in (True, False):
        if not to_render:
            break
        wanted = [keys[job.name] for job in to_render]
        if cache is None or not first_round:
            mine, theirs = wanted, []
        else:
            mine, theirs = cache.claim(wanted, budget, time.time() + budget + CLAIM_SECONDS)
        now_jobs = [job for job in to_render if keys[job.name] in set(mine)]
        results = _render(
            now_jobs, keys, targets, budget, cache, mine if first_round else (), patience, patient
        )
        for job in now_jobs:
            found[keys[job.name]] = results[job.name]
            rendered[job.name] = keys[job.name]
        if theirs:
            patient_keys = {keys[name] for name in patient if name in keys}
            found.update(_wait_for([k for k in theirs if k not in patient_keys], cache, budget))
            mine_to_wait = [k for k in theirs if k in patient_keys]
            found.update(_wait_for(mine_to_wait, cache, budget, patience))
            if patience is not None:  # still theirs: pending here too, never rendered twice
                left = [key for key in mine_to_wait if key not in found]
                busy = cache.rendering(left, budget, budget + CLAIM_SECONDS)
                found.update((key, Failure(PENDING)) for key in busy)
        to_render = [job for job in to_render if keys[job.name] not in found]
    renders = {name: found[key] for name, key in keys.items()}
    return renders, rendered


def _render(jobs, keys, targets, budget, cache, claimed, patience=None, patient=()):
    """{job name: Rendered or Failure}, kept in the cache at once (claimed: this process's
    claims, let go of even if rendering raised, so no one waits for them in vain; but not those
    still rendering: the process is still at it)."""
    renders, failures, results = {}, {}, {}
    try:
        outcomes = render_in_workers(jobs, targets, budget, patience, set(patient))
        for job in jobs:
            result = outcomes.get(job.name, Failure("stopped", NO_PROCESS))
            if isinstance(result, dict):
                result = renders[keys[job.name]] = Rendered.from_dict(result)
            else:
                if result.reason in PASSING:
                    result = dataclasses.replace(result, retry_at=time.time() + RETRY_SECONDS)
                if result.reason == PENDING:
                    claimed = [key for key in claimed if key != keys[job.name]]
                elif result.detail != NO_PROCESS:  # this process's trouble, not the file's
                    failures[keys[job.name]] = result
            results[job.name] = result
    finally:
        if cache is not None:
            cache.keep(renders, failures, budget, claimed)
    return results


def _wait_for(keys, cache, budget, patience=None):
    """{key: Rendered or Failure} of the keys other processes are rendering, as their results
    reach the cache; a key whose claim ends without one is left out, and so is every key still
    awaited after the longest a claim lasts (whatever the cache file says)."""
    found, waiting, pause = {}, list(keys), WAIT_SECONDS[0]
    longest = budget + CLAIM_SECONDS
    deadline = time.monotonic() + longest
    if patience is not None and waiting:
        # Patience counts from each render's start, as in the pool (engine.workers): a claim
        # runs `longest` from when it was made, so a render another process started a while
        # ago, that an earlier build already waited for, holds this one back no longer.
        until = cache.claims(waiting, budget, longest).values()
        latest_start = max((u - longest for u in until), default=time.time())
        deadline = time.monotonic() + max(0.0, min(longest, latest_start + patience - time.time()))
    while waiting and time.monotonic() < deadline:
        time.sleep(pause)
        pause = min(pause * 2, WAIT_SECONDS[1])
        found.update(cache.renders(waiting))
        # A failure that is due is the old one the other process is trying again, not its result.
        failures = cache.failures(waiting, budget).items()
        found.update((key, f) for key, f in failures if not _due(f, time.time(), False))
        busy = cache.rendering(waiting, budget, longest)
        waiting = [key for key in waiting if key not in found and key in busy]
    return found


def _due(failure, now, retry):
    """Whether a remembered failure may be tried again now. retry (the checker): every one,
    a crash too, and what it does now replaces what was remembered."""
    if retry:
        return True
    if failure.retry_at is None:
        return False
    return failure.retry_at <= now
