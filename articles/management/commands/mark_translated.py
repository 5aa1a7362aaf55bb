"""`python manage.py mark_translated FILE...`: record that each translation is up to date.

After updating a translation (say content/es/glossary/cd19.md) to match its English file
(content/glossary/cd19.md), this writes the English file's current hash into the translation's
`source_hash:` line, so the checker stops warning that the English file has changed. Only that
line changes (it is added at the end of the front matter if missing). A FILE may be written from
where the command runs, or from the content folder (es/glossary/cd19.md).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from engine import SOURCE_LANGUAGE, mark_translated, split_name


class Command(BaseCommand):
    help = "Write the English file's current source_hash into each translated file named."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="a translated content file")

    def handle(self, *args, files=(), **options):
        root = Path(settings.CONTENT_DIR).resolve()
        failed = []
        for written in files:
            try:
                path, english = self.find(root, written)
                digest = mark_translated(path, english)
            except (CommandError, OSError, ValueError) as error:
                self.stderr.write(f"{written}: {error}")
                failed.append(written)
                continue
            self.stdout.write(f"{written}: source_hash: {digest}")
        if failed:
            raise SystemExit(1)

    @staticmethod
    def find(root, written):
        """(the translation's path, its English file's path)."""
        path = Path(written)
        if not path.is_absolute() and not path.exists():
            path = root / written
        path = path.resolve()
        if not path.is_file():
            raise CommandError("there is no such file")
        if not path.is_relative_to(root):
            raise CommandError(f"the file is not in the content folder ({root})")
        language, key = split_name(path.relative_to(root).as_posix())
        if language == SOURCE_LANGUAGE:
            raise CommandError(
                "this is an English file; name the translation (such as content/es/...)"
            )
        english = root / key
        if not english.is_file():
            raise CommandError(f"there is no English file {key} for it to translate")
        return path, english
