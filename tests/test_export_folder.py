"""export_site never deletes a file it did not write: it builds the export in a fresh folder and
swaps it in whole, and refuses a folder that holds anything but an earlier export of its own
(the reviewer's `export_site /var/www/html` would have emptied a web root)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.export_folder import EXPORT_MARKER, ExportFolder

SITE = "https://carteducation.example"

# Folders the export must refuse, each as {name: content} it holds; every file must survive.
NOT_AN_EXPORT = {
    "a web root": {"index.html": "<h1>My site</h1>", "about.html": "mine", "img/a.png": "png"},
    "a web root with only an index": {"index.html": "<h1>Welcome to nginx</h1>"},
    "notes": {"notes.txt": "mine"},
    "a hidden file": {".env": "SECRET=1"},
    "a forged marker that lists less": {EXPORT_MARKER: "index.html\n", "index.html": "x", "b": "y"},
}


def fill(folder, files):
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def contents(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_text()
        for path in folder.rglob("*")
        if path.is_file()
    }


@pytest.mark.parametrize("files", NOT_AN_EXPORT.values(), ids=NOT_AN_EXPORT.keys())
def test_a_folder_that_is_not_an_earlier_export_is_refused_untouched(tmp_path, files):
    target = tmp_path / "www"
    fill(target, files)
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("export_site", str(target), site_url=SITE)
    assert contents(target) == files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["www"]  # no folder left behind


def export(target, files):
    with ExportFolder(target) as folder:
        fill(folder.path, files)


def test_an_earlier_export_is_replaced_whole(tmp_path):
    target = tmp_path / "site"
    export(target, {"index.html": "one", "old/index.html": "gone next time"})
    assert (target / EXPORT_MARKER).is_file()
    export(target, {"index.html": "two"})
    assert contents(target) == {
        "index.html": "two",
        EXPORT_MARKER: (target / EXPORT_MARKER).read_text(),
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_an_earlier_export_someone_added_a_file_to_is_refused(tmp_path):
    target = tmp_path / "site"
    export(target, {"index.html": "one"})
    (target / "added-by-hand.html").write_text("mine")
    with pytest.raises(CommandError, match=r"files the export did not write \(added-by-hand"):
        export(target, {"index.html": "two"})
    assert (target / "added-by-hand.html").read_text() == "mine"
    assert (target / "index.html").read_text() == "one"


def test_a_file_put_in_the_folder_during_the_export_stops_the_swap(tmp_path):
    target = tmp_path / "site"
    export(target, {"index.html": "one"})
    with pytest.raises(CommandError, match="nothing was changed"), ExportFolder(target) as folder:
        fill(folder.path, {"index.html": "two"})
        (target / "uploaded-meanwhile.txt").write_text("mine")
    assert (target / "uploaded-meanwhile.txt").read_text() == "mine"
    assert (target / "index.html").read_text() == "one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_an_export_that_fails_leaves_the_folder_as_it_was(tmp_path):
    target = tmp_path / "site"
    export(target, {"index.html": "one"})
    with pytest.raises(RuntimeError), ExportFolder(target) as folder:
        fill(folder.path, {"index.html": "half"})
        raise RuntimeError("the export failed half-way")
    assert (target / "index.html").read_text() == "one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_an_empty_folder_or_a_new_one_is_fine(tmp_path):
    (tmp_path / "empty").mkdir()
    export(tmp_path / "empty", {"index.html": "x"})
    export(tmp_path / "new" / "deeper", {"index.html": "y"})
    assert (tmp_path / "empty" / "index.html").read_text() == "x"
    assert (tmp_path / "new" / "deeper" / "index.html").read_text() == "y"


def test_a_file_or_a_link_in_place_of_the_folder_is_refused(tmp_path):
    (tmp_path / "file").write_text("mine")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    for name in ("file", "link"):
        with pytest.raises(CommandError, match="is not a folder"):
            export(tmp_path / name, {"index.html": "x"})
    assert (tmp_path / "file").read_text() == "mine"
