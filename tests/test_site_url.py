"""The address pages give for themselves (SITE_URL) follows the server `make run` and `make serve`
start, unless it is given; settings read it from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def environment(**variables):
    env = {k: v for k, v in os.environ.items() if k not in {"PORT", "SITE_URL", "MAKEFLAGS"}}
    env.update(variables)
    return env


def planned_commands(target, **variables):
    """What `make TARGET` would run (make -n prints the commands and runs none of them)."""
    result = subprocess.run(
        ["make", "-n", target],
        cwd=BASE_DIR,
        env=environment(**variables),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("target", ["run", "serve"])
def test_make_sets_the_site_address_from_the_port(target):
    assert 'SITE_URL="http://127.0.0.1:8402"' in planned_commands(target, PORT="8402")


@pytest.mark.parametrize("target", ["run", "serve"])
def test_make_uses_the_default_port_in_the_site_address(target):
    assert 'SITE_URL="http://127.0.0.1:8000"' in planned_commands(target)


@pytest.mark.parametrize("target", ["run", "serve"])
def test_a_given_site_address_wins_over_the_port(target):
    commands = planned_commands(target, PORT="8402", SITE_URL="https://carteducation.example")
    assert 'SITE_URL="https://carteducation.example"' in commands
    assert "8402" in commands.replace('"https://carteducation.example"', "")  # still the port


def test_settings_read_the_site_address_from_the_environment():
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", "from django.conf import settings\n"
         "print(settings.SITE_URL)"],
        cwd=BASE_DIR,
        env=environment(SITE_URL="http://127.0.0.1:8402/"),
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.stdout.splitlines()[-1] == "http://127.0.0.1:8402"


def test_make_export_writes_the_site_for_the_address_given():
    commands = planned_commands("export", SITE_URL="https://carteducation.example")
    assert 'export_site "export" --site-url "https://carteducation.example"' in commands


def test_make_export_without_an_address_says_how_to_give_one():
    result = subprocess.run(
        ["make", "export"], cwd=BASE_DIR, env=environment(), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "make export SITE_URL=https://your.site.example" in result.stdout
