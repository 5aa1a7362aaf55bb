"""`manage.py check --deploy` finds nothing to warn about in the production environment that
docs/deploying.md documents, read from the environment exactly as a real deployment would."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a manage.py process per setting

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "carteducation.example",
    "SITE_URL": "https://carteducation.example",
}
DEPLOY_CHECK = ["check", "--deploy", "--fail-level", "WARNING"]


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(PRODUCTION, **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_reports_no_issues_in_production():
    result = manage(*DEPLOY_CHECK)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_behind_a_proxy_reports_no_issues():
    result = manage(*DEPLOY_CHECK, DJANGO_TRUST_X_FORWARDED_PROTO="1")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "warning"),
    [
        ("DJANGO_HSTS_SECONDS", "0", "security.W004"),
        ("DJANGO_SECURE_SSL_REDIRECT", "0", "security.W008"),
        ("DJANGO_SECRET_KEY", "short", "security.W009"),
    ],
)
def test_deploy_check_catches_a_weakened_setting(variable, value, warning):
    result = manage(*DEPLOY_CHECK, **{variable: value})
    assert result.returncode != 0
    assert warning in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_sends_hsts_for_two_years_with_preload_by_default():
    names = "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD"
    code = "from django.conf import settings\n" + "".join(f"print(settings.{n})\n" for n in names)
    result = manage("shell", "-c", code)
    assert result.stdout.split()[-2:] == ["63072000", "True"]
