"""The shipped content under the checker: clean as CI checks it, and reported section by
section."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command


def run(*args):
    out = io.StringIO()
    try:
        call_command("check_content", *args, stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


@pytest.fixture(scope="module")
def shipped_report():
    """check_content --report --require es on the shipped content, run once: loading it all
    takes a while."""
    return run("--report", "--require", "es")


def test_shipped_content_has_no_errors_or_warnings(shipped_report):
    status, output = shipped_report
    assert [
        line for line in output.splitlines() if ": error: " in line or ": warning: " in line
    ] == []
    assert status == 0


def test_shipped_report_lists_every_section(shipped_report):
    _, output = shipped_report
    rows = [line for line in output.splitlines() if re.match(r"[a-z0-9-]+/[a-z0-9-]+ ", line)]
    sections = Path(settings.CONTENT_DIR).glob("articles/*/[0-9][0-9]-*.md")
    assert len(rows) == len(list(sections))
