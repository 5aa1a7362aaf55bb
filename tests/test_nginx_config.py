"""nginx's configuration, as web/frontserver.py renders it from the settings: it answers
the allowed hosts only, carries the site's own security headers, and never logs a query."""

import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from web.frontserver import find_nginx, render_site_config, render_template
from web.middleware.security import security_header_values

SOCKET = "unix:/run/carteducation/gunicorn.sock"


def render(**options):
    return render_site_config(listen=["80"], upstream=SOCKET, **options)


def test_config_answers_only_the_allowed_hosts(settings):
    settings.ALLOWED_HOSTS = ["carteducation.example", ".example.org"]
    config = render()
    assert "server_name carteducation.example .example.org;" in config
    assert "listen 80 default_server;" in config
    assert "return 400;" in config


def test_any_host_allowed_means_no_server_turns_one_away(settings):
    settings.ALLOWED_HOSTS = ["*"]
    config = render()
    assert "return 400;" not in config
    assert "server_name _;" in config


def test_config_carries_the_sites_own_security_headers():
    config = render()
    for name, value in security_header_values(secure=False).items():
        assert f'add_header {name} "{value}" always;' in config
        assert f"proxy_hide_header {name};" in config


def test_https_config_adds_hsts_and_redirects_plain_http(settings):
    settings.SECURE_HSTS_SECONDS = 63072000
    config = render(tls_certificate="/etc/ssl/site.pem", tls_key="/etc/ssl/site.key")
    assert 'add_header Strict-Transport-Security "max-age=63072000' in config
    assert "return 301 https://$host$request_uri;" in config
    assert "ssl_reject_handshake on;" in config


def test_access_log_leaves_out_the_query_string():
    config = render(access_log="/var/log/nginx/carteducation.access.log")
    log_format = re.search(r"log_format carteducation (.*?);", config, re.S).group(1)
    assert "$uri" in log_format
    for variable in ("$request ", "$request_uri", "$args", "$query_string", "$arg_"):
        assert variable not in log_format


def test_production_config_is_valid_nginx(tmp_path):
    nginx = find_nginx()
    if nginx is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("nginx is not installed")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    site = tmp_path / "site.conf"
    site.write_text(
        render(
            access_log=str(tmp_path / "access.log"),
            cache_dir=str(tmp_path / "cache"),
            failure_log=str(tmp_path / "failures.log"),
        )
    )
    main = tmp_path / "nginx.conf"
    context = {"runtime_dir": tmp_path, "site_conf": site}
    main.write_text(render_template("nginx-local.conf", context))
    command = [nginx, "-t", "-q", "-p", str(tmp_path), "-c", str(main), "-e", "stderr"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def server_blocks(config):
    """The text of each server { } block."""
    blocks, depth, start = [], 0, None
    for match in re.finditer(r"server\s*\{|\{|\}", config):
        if match.group().startswith("server") and depth == 0:
            start = match.start()
        if match.group().endswith("{"):
            depth += 1
        else:
            depth -= 1
            if depth == 0 and start is not None:
                blocks.append(config[start : match.end()])
                start = None
    return blocks


@pytest.mark.parametrize("tls", [False, True])
def test_every_server_has_the_limits_and_logs_of_its_own_from_the_first_byte(tls):
    options = {"tls_certificate": "/etc/ssl/a.pem", "tls_key": "/etc/ssl/a.key"} if tls else {}
    blocks = server_blocks(render(**options))
    assert len(blocks) == (3 if tls else 2)  # the default server included
    for block in blocks:
        for directive in (
            "client_header_timeout 10s;",
            "client_body_timeout 10s;",
            "send_timeout 20s;",
            "keepalive_timeout 15s;",
            "client_max_body_size 16k;",
            "error_log stderr emerg;",  # no request error (they name the query) is written
            "carteducation_failure if=$carteducation_failed;",
        ):
            assert directive in block


def test_no_log_format_names_the_query_string():
    config = render(access_log="/var/log/nginx/carteducation.access.log")
    for log_format in re.findall(r"log_format \w+ (.*?);", config, re.S):
        for variable in ("$request ", "$request_uri", "$args", "$query_string", "$arg_"):
            assert variable not in log_format


def test_static_files_say_they_vary_by_compression_and_missing_ones_are_not_logged():
    static = re.search(r"location /static/ \{(.*?)\}", render(), re.S).group(1)
    assert "gzip_static on;" in static
    assert "gzip_vary on;" in static
    assert "log_not_found off;" in static


def test_every_405_says_what_is_allowed():
    config = render()
    assert '"405:" "GET, HEAD, OPTIONS";' in config
    assert "add_header Allow $carteducation_allow always;" in config


def test_the_microcache_keeps_only_what_django_marks_and_keys_it_by_path():
    config = render()
    page = re.search(r"location / \{(.*?)\n    \}", config, re.S).group(1)
    key = re.search(r"proxy_cache_key (.*?);", page).group(1)
    assert "$uri" in key and "$request_uri" not in key and "$args" not in key
    # Only X-Accel-Expires (which Django sets on pages kept by path alone) makes nginx keep one.
    assert "proxy_ignore_headers Cache-Control Expires Vary;" in page
    assert "proxy_cache_valid" not in config
    assert "proxy_cache_lock off;" in page  # a page never stored is never waited for
    assert "proxy_cache_use_stale updating;" in page
    assert "proxy_cache_background_update on;" in page


def test_make_serve_writes_nothing_to_the_systems_nginx(tmp_path):
    from web.frontserver import write_local_config

    main = write_local_config(tmp_path, 8999).read_text()
    site = (tmp_path / "nginx-site.conf").read_text()
    assert "access_log off;" in main  # nothing falls back to /var/log/nginx/access.log
    for text in (main, site):
        for line in text.splitlines():
            line = line.split("#")[0]
            for directive in ("_path", "access_log", "error_log", "pid"):
                if directive in line and "/" in line:
                    assert str(tmp_path) in line, line


def test_make_serve_configuration_runs_as_an_ordinary_user():
    nginx = find_nginx()
    if nginx is None or os.geteuid() != 0:
        pytest.skip("needs nginx, and root to become an ordinary user")
    from web.frontserver import write_local_config

    with tempfile.TemporaryDirectory() as folder:  # /tmp/pytest-of-root is root's alone
        runtime = Path(folder)
        runtime.chmod(0o777)
        main = write_local_config(runtime, 8999)
        command = [nginx, "-t", "-q", "-p", folder, "-c", str(main), "-e", "stderr"]
        user = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        result = subprocess.run([*user, *command], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
