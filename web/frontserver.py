"""nginx in front of gunicorn: the configuration, rendered from the settings, and `make serve`.

gunicorn's threads read requests themselves, so a client that sends its headers one byte a second
holds a thread for as long as it likes: a few hundred such connections stop every reader. nginx
reads requests and writes answers for thousands of connections without a thread each, and hands
gunicorn only whole requests, on a unix socket (deploy/nginx-site.conf says how).

    python -m web.frontserver serve --port 8000   # what `make serve` runs
    python -m web.frontserver config --tls-certificate ... --tls-key ...  # production

`serve` renders deploy/nginx-local.conf and deploy/nginx-site.conf into .cache/serve-<port>/,
starts gunicorn (gunicorn.conf.py) on a unix socket there and, once it answers, nginx on
127.0.0.1:<port>; Ctrl-C or SIGTERM stops both. Without nginx it says how to install it and runs
gunicorn alone. `config` prints the site's configuration for a production nginx.
"""

import argparse
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carteducation.settings")

BASE_DIR = Path(__file__).resolve().parent.parent
DEPLOY = BASE_DIR / "deploy"
NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")
START_SECONDS = 120  # gunicorn loads and renders all the content before it answers
PRODUCTION_SOCKET = "unix:/run/carteducation/gunicorn.sock"
PRODUCTION_CACHE = "/var/cache/nginx/carteducation"
PRODUCTION_FAILURE_LOG = "/var/log/nginx/carteducation.failures.log"


def free_port():
    """A free loopback port: from LOOPBACK_PORTS (say 8980-8999) if set, else any the OS gives."""
    first, _, last = os.environ.get("LOOPBACK_PORTS", "0-0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise SystemExit(f"no free port in LOOPBACK_PORTS={os.environ['LOOPBACK_PORTS']}")


def find_nginx():
    for candidate in NGINX_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def render_template(template, context):
    from django.template import Context, Engine

    # Configuration, not HTML: nothing is escaped (the values come from the settings, not readers).
    engine = Engine(dirs=[str(DEPLOY)], autoescape=False)
    return engine.get_template(template).render(Context(context, autoescape=False))


BROTLI_MODULES = (
    "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so",
    "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so",
)


def brotli_module():
    """nginx's brotli_static module (Debian: libnginx-mod-http-brotli-static), if installed."""
    return next((path for path in BROTLI_MODULES[:1] if Path(path).exists()), None)


def _server_names(hosts):
    # ALLOWED_HOSTS and nginx's server_name agree on "example.org" and ".example.org" (the domain
    # and its subdomains); "*" means any host, which nginx spells "_" on a default server.
    return " ".join(host for host in hosts if host and host != "*") or "_"


def render_site_config(
    *,
    listen,
    upstream,
    tls_certificate=None,
    tls_key=None,
    access_log=None,
    default_listen=None,
    cache_dir=PRODUCTION_CACHE,
    failure_log=PRODUCTION_FAILURE_LOG,
    error_log="stderr",
):
    """deploy/nginx-site.conf with this deployment's values. Django must be set up.

    cache_dir: the microcache's folder (nginx's user must own it); failure_log: the requests
    that failed on the server's side, by path alone; error_log: where nginx's emergencies about
    a request would go (no other request error is written: they name the query string)."""
    from django.conf import settings

    from web.middleware.security import security_header_values

    tls = bool(tls_certificate)
    headers = security_header_values(secure=tls)
    for name, value in headers.items():
        if '"' in value or "\n" in value:
            raise ValueError(f"{name} cannot be written into nginx's configuration: {value!r}")
    return render_template(
        "nginx-site.conf",
        {
            "listen": listen,
            "default_listen": default_listen or listen,
            "upstream": upstream,
            "server_names": _server_names(settings.ALLOWED_HOSTS),
            "any_host": "*" in settings.ALLOWED_HOSTS,  # no server turns a host away
            "static_root": Path(settings.STATIC_ROOT).resolve(),
            "headers": sorted(headers.items()),
            "headers_http": sorted(security_header_values(secure=False).items()),
            "tls": tls,
            "tls_certificate": tls_certificate,
            "tls_key": tls_key,
            "access_log": access_log,
            "cache_dir": cache_dir,
            "failure_log": failure_log,
            "error_log": error_log,
            "brotli": brotli_module() is not None,
        },
    )


def write_local_config(runtime_dir, port, access_log=None):
    """Both configuration files for `make serve` in runtime_dir; returns the main one."""
    runtime_dir = Path(runtime_dir).resolve()
    site_conf = runtime_dir / "nginx-site.conf"
    site_conf.write_text(
        render_site_config(
            listen=[f"127.0.0.1:{port}"],
            upstream=f"unix:{runtime_dir}/gunicorn.sock",
            cache_dir=runtime_dir / "microcache",
            failure_log=runtime_dir / "failures.log",
            access_log=access_log,
        )
    )
    main_conf = runtime_dir / "nginx.conf"
    user = pwd.getpwuid(os.getuid()).pw_name if os.geteuid() == 0 else None
    context = {
        "runtime_dir": runtime_dir,
        "site_conf": site_conf,
        "user": user,
        "brotli_module": brotli_module(),
    }
    main_conf.write_text(render_template("nginx-local.conf", context))
    return main_conf


def _answers(connect):
    """Whether the server behind connect() answers GET / (any status: it is up)."""
    try:
        with connect() as sock:
            sock.settimeout(5)
            sock.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            return sock.recv(12).startswith(b"HTTP/")
    except OSError:
        return False


def _wait_until(check, process, what):
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} stopped while starting (exit status {process.returncode})")
        if check():
            return
        time.sleep(0.2)
    raise SystemExit(f"{what} did not answer within {START_SECONDS} s")


def _unix_socket(path):
    def connect():
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(str(path))
        except OSError:
            sock.close()
            raise
        return sock

    return connect


def _stop(processes):
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(port, runtime_dir=None, access_log=None):
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    nginx = find_nginx()
    if nginx is None:
        print(
            "WARNING: nginx is not installed, so gunicorn serves readers directly. That is fine\n"
            "to try the site, but a few slow or idle connections can hold all of gunicorn's\n"
            "threads and stop every other reader: never deploy it this way. Install nginx\n"
            "(Debian/Ubuntu: sudo apt-get install nginx) and run `make serve` again.",
            file=sys.stderr,
            flush=True,
        )
        os.environ["BIND"] = f"127.0.0.1:{port}"
        os.execv(gunicorn, [gunicorn])
    runtime_dir = Path(runtime_dir or BASE_DIR / ".cache" / f"serve-{port}").resolve()
    runtime_dir.mkdir(parents=True, exist_ok=True)
    sock = runtime_dir / "gunicorn.sock"
    sock.unlink(missing_ok=True)
    main_conf = write_local_config(runtime_dir, port, access_log)
    processes = []
    # SIGTERM (from a test, or a process manager) stops both, as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
    try:
        # nginx adds the security headers to every answer: gunicorn leaves them out, so they
        # are not stored with each page in the microcache (SECURITY_HEADERS_FROM_FRONT).
        environment = {**os.environ, "BIND": f"unix:{sock}", "SECURITY_HEADERS_FROM_FRONT": "1"}
        processes.append(subprocess.Popen([gunicorn], cwd=BASE_DIR, env=environment))
        _wait_until(lambda: _answers(_unix_socket(sock)), processes[0], "gunicorn")
        command = [nginx, "-p", str(runtime_dir), "-c", str(main_conf), "-e", "stderr"]
        processes.append(subprocess.Popen(command, cwd=runtime_dir))
        address = ("127.0.0.1", port)
        _wait_until(
            lambda: _answers(lambda: socket.create_connection(address)), processes[1], "nginx"
        )
        print(
            f"Serving on http://127.0.0.1:{port}/ (nginx in front of gunicorn; Ctrl-C stops both)\n"
            f"Requests that fail on the server's side are logged, by path alone, in "
            f"{runtime_dir / 'failures.log'}",
            flush=True,
        )
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        stopped = next(process for process in processes if process.poll() is not None)
        raise SystemExit(f"{Path(stopped.args[0]).name} stopped (exit status {stopped.returncode})")
    except KeyboardInterrupt:
        pass
    finally:
        _stop(processes)


def main(argv=None):
    parser = argparse.ArgumentParser(description="nginx in front of gunicorn")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="run nginx and gunicorn on loopback (make serve)")
    run.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    run.add_argument(
        "--runtime-dir", help="for the configuration, socket and pid (.cache/serve-PORT)"
    )
    run.add_argument("--access-log", help="where to log requests (default: not logged)")
    config = commands.add_parser("config", help="print the site's nginx configuration")
    config.add_argument(
        "--upstream", default=PRODUCTION_SOCKET, help=f"gunicorn ({PRODUCTION_SOCKET})"
    )
    config.add_argument("--tls-certificate", help="certificate chain (PEM); with --tls-key")
    config.add_argument("--tls-key", help="private key (PEM)")
    config.add_argument("--access-log", help="where to log requests (never with the query)")
    config.add_argument(
        "--cache-dir", default=PRODUCTION_CACHE, help=f"the microcache ({PRODUCTION_CACHE})"
    )
    config.add_argument(
        "--failure-log",
        default=PRODUCTION_FAILURE_LOG,
        help=f"requests that failed on the server's side, by path ({PRODUCTION_FAILURE_LOG})",
    )
    args = parser.parse_args(argv)
    django.setup()
    if args.command == "serve":
        serve(args.port, args.runtime_dir, args.access_log)
        return
    if bool(args.tls_certificate) != bool(args.tls_key):
        parser.error("--tls-certificate and --tls-key go together")
    if args.tls_certificate:
        listen, default_listen = ["443 ssl http2", "[::]:443 ssl http2"], ["80", "[::]:80"]
        default_listen += listen
    else:
        listen = default_listen = ["80", "[::]:80"]
    print(
        render_site_config(
            listen=listen,
            default_listen=default_listen,
            upstream=args.upstream,
            tls_certificate=args.tls_certificate,
            tls_key=args.tls_key,
            access_log=args.access_log,
            cache_dir=args.cache_dir,
            failure_log=args.failure_log,
        ),
        end="",
    )


if __name__ == "__main__":
    main()
