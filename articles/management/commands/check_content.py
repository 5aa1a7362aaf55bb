"""`python manage.py check_content`: check every content file and explain each mistake.

Prints one line per finding, `path:line: error|warning|suggestion: message` (line 0 means the
file as a whole), then a summary. Exits 1 if there is any error, so CI stops on one.
`--require es` makes an English file with no Spanish translation an error, not a warning.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from engine import (
    TRANSLATIONS,
    count,
    find_content_files,
    load_and_check_all,
    section_reports,
    summary,
)


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
        parser.add_argument(
            "--require",
            action="append",
            choices=TRANSLATIONS,
            default=[],
            metavar="LANGUAGE",
            help="a language every English file must be translated into: a missing translation "
            "is an error, not a warning (CI: --require es)",
        )

    def handle(self, *args, report=False, root=None, require=(), **options):
        root = Path(root or settings.CONTENT_DIR).resolve()
        if not root.is_dir():
            raise CommandError(f"there is no content folder at {root}")
        libraries, findings = load_and_check_all(root, require=require)
        if report and libraries is not None:
            for library in libraries.values():
                if library.articles:
                    self.print_report(library)
        for finding in findings:
            where = f"{shown_path(root, finding.path)}:{finding.line}"
            self.stdout.write(f"{where}: {finding.level}: {finding.message}")
        self.stdout.write(summary(findings, len(find_content_files(root))))
        if count(findings)["error"]:
            raise SystemExit(1)

    def print_report(self, library):
        """A table of the sections of one language: the reading scores are the language's
        (the grade in English; INFLESZ and Fernández-Huerta in Spanish)."""
        reports = section_reports(library)
        score_names = list(reports[0].scores) if reports else ["Grade"]
        columns = ("Section", "Words", "Minutes", *score_names, "Terms")
        columns += ("Last reviewed", "Next review")
        rows = [
            (
                row.name,
                str(row.words),
                str(row.minutes),
                *(f"{score:.1f}" for score in row.scores.values()),
                str(row.terms),
                f"{row.last_reviewed:%Y-%m-%d}",
                f"{row.next_review:%Y-%m-%d}",
            )
            for row in reports
        ]
        widths = [max(len(cell) for cell in column) for column in zip(columns, *rows, strict=False)]
        numbered = len(columns) - 3
        for index, cells in enumerate([columns, *rows]):
            left, *numbers, last, due = cells
            line = [left.ljust(widths[0])]
            line += [
                cell.rjust(width)
                for cell, width in zip(numbers, widths[1 : numbered + 1], strict=True)
            ]
            line += [last.ljust(widths[-2]), due]
            self.stdout.write("  ".join(line).rstrip())
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write("")


def shown_path(root, name):
    """The file's path from where the command runs (so a terminal or editor can open it), or
    its full path when the content folder is elsewhere."""
    path = root / name
    return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
