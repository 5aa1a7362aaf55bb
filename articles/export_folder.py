"""Where export_site writes: a fresh folder beside the target, swapped in when whole.

The export never deletes a file it did not write. It builds the site in a new folder next to
OUTDIR (same disk, so the swap is a rename), writes its marker there (EXPORT_MARKER: the list
of every file it wrote), and only then puts it in OUTDIR's place. OUTDIR may be missing, an
empty folder, or an earlier export whose every file its marker lists; anything else (a web root
with other files in it, an earlier export someone added a file to) is refused before anything
is written, with the reason and the files in the way. An export that fails leaves OUTDIR as it
was and removes its own unfinished folder.
"""

import os
import shutil
import tempfile
from pathlib import Path

from django.core.management.base import CommandError

EXPORT_MARKER = ".carteducation-export"
MARKER_HEADER = "# Written by manage.py export_site: every file of this export, one a line.\n"
SHOWN = 5  # files named when refusing a folder


def files_in(folder):
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() or path.is_symlink()
    )


def check_target(outdir):
    """Refuse, before anything is done, a target the export may not replace."""
    if outdir.is_symlink() or (outdir.exists() and not outdir.is_dir()):
        raise CommandError(f"{outdir} is not a folder: choose a folder to export into")
    if not outdir.exists() or not any(outdir.iterdir()):
        return
    marker = outdir / EXPORT_MARKER
    if not marker.is_file():
        raise CommandError(
            f"{outdir} is not empty and holds no earlier export (no {EXPORT_MARKER} file), so "
            "the export will not touch it: nothing was changed. Export into a new or empty "
            "folder, then copy it where it belongs."
        )
    written = {line for line in marker.read_text().splitlines() if line and line[0] != "#"}
    foreign = [name for name in files_in(outdir) if name not in written | {EXPORT_MARKER}]
    if foreign:
        listed = ", ".join(foreign[:SHOWN]) + (" and more" if len(foreign) > SHOWN else "")
        raise CommandError(
            f"{outdir} holds an earlier export, and files the export did not write ({listed}): "
            "nothing was changed. Move those files elsewhere, or export into a new folder."
        )


class ExportFolder:
    """with ExportFolder(outdir) as folder: write under folder.path; swapped in on success."""

    def __init__(self, outdir):
        self.outdir = Path(outdir).absolute()
        check_target(self.outdir)
        self.outdir.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(
            tempfile.mkdtemp(prefix=f".{self.outdir.name}.new-", dir=self.outdir.parent)
        )
        self.path.chmod(0o755)  # mkdtemp makes it 0700; a web server must read the export

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if kind is not None:
            shutil.rmtree(self.path, ignore_errors=True)  # ours alone: it was empty when made
            return False
        try:
            self._swap()
        except BaseException:
            shutil.rmtree(self.path, ignore_errors=True)
            raise
        return False

    def _swap(self):
        marker = self.path / EXPORT_MARKER
        marker.write_text(MARKER_HEADER + "".join(f"{name}\n" for name in files_in(self.path)))
        check_target(self.outdir)  # again: something may have been put there meanwhile
        old = None
        if self.outdir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.outdir.name}.old-", dir=self.outdir.parent))
            os.replace(self.outdir, old / "export")
        try:
            os.replace(self.path, self.outdir)
        except OSError:
            if old is not None:
                os.replace(old / "export", self.outdir)  # put the earlier export back
                old.rmdir()
            raise
        if old is not None:
            shutil.rmtree(old)  # the earlier export: every file in it was the export's own
