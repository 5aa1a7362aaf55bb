"""`python manage.py check_content`: check every content file and explain each mistake.

Prints one line per finding, `path:line: error|warning|suggestion: message` (line 0 means the
file as a whole), then a summary. Exits 1 if there is any error, so CI stops on one.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from engine.checks import count, load_and_check, section_reports, summary
from engine.files import find_content_files

REPORT_COLUMNS = ("Section", "Words", "Minutes", "Grade", "Terms", "Last reviewed", "Next review")


class Command(BaseCommand):
    help = "Check the content files and explain every mistake, with its file and line."

    def add_arguments(self, parser):
        parser.add_argument(
            "--report",
            action="store_true",
            help="also print, per section: words, reading minutes, reading grade, glossary terms "
            "linked, last reviewed and next review due",
        )
        parser.add_argument("--root", help="the content folder to check (default: CONTENT_DIR)")

    def handle(self, *args, report=False, root=None, **options):
        root = Path(root or settings.CONTENT_DIR).resolve()
        if not root.is_dir():
            raise CommandError(f"there is no content folder at {root}")
        library, findings = load_and_check(root)
        if report and library is not None:
            self.print_report(library)
        for finding in findings:
            where = f"{shown_path(root, finding.path)}:{finding.line}"
            self.stdout.write(f"{where}: {finding.level}: {finding.message}")
        self.stdout.write(summary(findings, len(find_content_files(root))))
        if count(findings)["error"]:
            raise SystemExit(1)

    def print_report(self, library):
        rows = [
            (
                row.name,
                str(row.words),
                str(row.minutes),
                f"{row.grade:.1f}",
                str(row.terms),
                f"{row.last_reviewed:%Y-%m-%d}",
                f"{row.next_review:%Y-%m-%d}",
            )
            for row in section_reports(library)
        ]
        widths = [
            max(len(cell) for cell in column) for column in zip(REPORT_COLUMNS, *rows, strict=False)
        ]
        for index, cells in enumerate([REPORT_COLUMNS, *rows]):
            left, *numbers, last, due = cells
            line = [left.ljust(widths[0])]
            line += [cell.rjust(width) for cell, width in zip(numbers, widths[1:5], strict=True)]
            line += [last.ljust(widths[5]), due]
            self.stdout.write("  ".join(line).rstrip())
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write("")


def shown_path(root, name):
    """The file's path from where the command runs (so a terminal or editor can open it), or
    its full path when the content folder is elsewhere."""
    path = root / name
    return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
