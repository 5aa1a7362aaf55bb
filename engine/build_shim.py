"""A stand-in for the incremental builder: build_library(snapshot, previous, drafts) -> Library.

live.py builds every library through this one function. It drives the loader in library.py from
a snapshot (content-relative name -> the file's bytes, or the ContentError saying why it
cannot be read) instead of from the disk, so the snapshot
is all a build ever sees. It renders everything again on each call, in this process, and keeps
each file's last good version only in memory; the incremental builder that replaces it renders
only what changed, in worker processes under a time budget, with a shared render cache.
"""

import hashlib
from pathlib import Path

from .errors import ContentError
from .files import SourceFile
from .library import ContentLoader


def build_library(snapshot, previous=None, *, drafts=False):
    # The loader that built `previous` remembers each file's parsed and last good version.
    loader = getattr(previous, "_loader", None)
    if loader is None or loader.drafts != drafts:
        loader = ContentLoader(None, drafts=drafts)
    files = [SourceFile(Path(name), name, _stamp(data), data) for name, data in snapshot.items()]
    library = loader._build(files)
    library._loader = loader
    return library


def _stamp(data):
    # What the loader compares to know a file is unchanged: its bytes' hash, or why it cannot
    # be read.
    return data if isinstance(data, ContentError) else hashlib.blake2b(data).digest()
