"""Lighthouse scores for the production server: `make lighthouse`.

Starts gunicorn in production mode on a free loopback port (or audits --url), runs Lighthouse from
tools/lighthouse/node_modules against Debian's Chromium with the mobile settings, prints the four
scores for each page and, under any score below 100, the audits that cost points. The JSON reports
go to test-artifacts/lighthouse/. Exits 1 when a score is below --min (100 by default).

Nothing here leaves the machine: Lighthouse audits only the loopback server.
"""

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "test-artifacts" / "lighthouse"
PAGES = {
    "home": "/",
    "section": "/articles/car-t-autoimmune/what-is-car-t/",
    "glossary": "/glossary/",
    "about": "/about/",
    "es-home": "/es/",
    "es-section": "/es/articulos/car-t-enfermedades-autoinmunes/que-es-car-t/",
    "es-glossary": "/es/glosario/",
    # The one-page views: the whole article on one page (about 10,000 words in Spanish).
    "all": "/articles/car-t-autoimmune/all/",
    "es-all": "/es/articulos/car-t-enfermedades-autoinmunes/todo/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port):
    env = dict(
        os.environ,
        DJANGO_DEBUG="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        PORT=str(port),
        SITE_URL=f"http://127.0.0.1:{port}",
    )
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    server = subprocess.Popen([str(gunicorn)], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=2).close()
            return server, url
        except OSError:
            if server.poll() is not None:
                sys.exit("gunicorn stopped before it answered; try `make serve` to see why")
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not answer within 20 seconds")


def audit(url, name):
    REPORTS.mkdir(parents=True, exist_ok=True)
    output = REPORTS / f"{name}.json"
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    subprocess.run(command, env=env, check=True)
    return json.loads(output.read_text())


def lost_points(report, category):
    """The audits that pulled a category below 100, weighted ones first."""
    lines = []
    for ref in sorted(report["categories"][category]["auditRefs"], key=lambda r: -r["weight"]):
        result = report["audits"][ref["id"]]
        if ref["weight"] and result["score"] is not None and result["score"] < 1:
            shown = result.get("displayValue") or result.get("explanation") or ""
            lines.append(f"    {category}: {result['title']} ({result['score']:.2f}) {shown}")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="audit this running site instead of starting gunicorn")
    parser.add_argument("--min", type=int, default=100, help="lowest acceptable score")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci --prefix tools/lighthouse`")

    server = None
    if args.url:
        base = args.url.rstrip("/")
    else:
        server, base = start_server(free_port())
    try:
        rows, notes, failed = [], [], False
        for name, path in PAGES.items():
            report = audit(base + path, name)
            scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
            rows.append((name, path, scores))
            for category, score in zip(CATEGORIES, scores, strict=True):
                if score < 100:
                    notes += [f"  {name}:"] + lost_points(report, category)
                failed |= score < args.min
    finally:
        if server:
            server.terminate()
            server.wait()

    print(f"Lighthouse {report['lighthouseVersion']}, mobile, {report['userAgent'].split()[-2]}")
    print(f"| {'page':9} | {'path':42} | perf | a11y | best practices | SEO |")
    print(f"|{'-' * 11}|{'-' * 44}|------|------|----------------|-----|")
    for name, path, (perf, a11y, best, seo) in rows:
        print(f"| {name:9} | {path:42} | {perf:4} | {a11y:4} | {best:14} | {seo:3} |")
    if notes:
        print("\nWhere points were lost:\n" + "\n".join(notes))
    print(f"\nReports: {REPORTS.relative_to(ROOT)}/")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
