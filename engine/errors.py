"""ContentError: a mistake in a content file, named by file and line so an editor can find it."""

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError(Exception):
    path: str  # relative to CONTENT_DIR, as an editor sees it in the repository
    line: int  # 1-based; 0 when the problem is with the file as a whole
    message: str
    level: str = "error"  # "error", "warning" or "suggestion"

    def __str__(self):
        return f"{self.path}:{self.line}: {self.level}: {self.message}"


def did_you_mean(written, choices, prefix=""):
    """'; did you mean "<closest>"?' for a mistyped name, or "" when nothing is close."""
    close = difflib.get_close_matches(written, list(choices), n=1, cutoff=0.6)
    return f'; did you mean "{prefix}{close[0]}"?' if close else ""
