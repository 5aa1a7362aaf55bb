"""nginx's configuration, as web/frontserver.py renders it from the settings: it answers
the allowed hosts only, carries the site's own security headers, and never logs a query."""

import os
import re
import subprocess

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
    site.write_text(render(access_log=str(tmp_path / "access.log")))
    main = tmp_path / "nginx.conf"
    context = {"runtime_dir": tmp_path, "site_conf": site}
    main.write_text(render_template("nginx-local.conf", context))
    command = [nginx, "-t", "-q", "-p", str(tmp_path), "-c", str(main), "-e", "stderr"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
