"""What a patient types into search is never written to a server log."""

import runpy
from pathlib import Path

from django.conf import settings


def test_gunicorn_access_log_leaves_out_the_query_string():
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    access_format = config["access_log_format"]
    # %(r)s is the full request line and %(q)s the query string; %(U)s is the path alone.
    assert "%(r)s" not in access_format
    assert "%(q)s" not in access_format
    assert "%(U)s" in access_format
