"""A static host for an exported site, as the tests need one: the files of the export folder, with
the headers its _headers file gives each path.

Two hosts read _headers, and they combine the rules that match one path differently (see
articles/management/commands/export_site.py): Cloudflare Pages applies every matching rule in
order, joining a header set twice with a comma, and a `! Name` line detaches the header set so far;
Netlify takes the last matching rule's value of each header and skips lines without a colon.
headers_for() does either; the server does Cloudflare's, the stricter for a policy set twice.
"""

import re
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


def read_rules(text):
    """[(pattern, [(name, value)], [detached names])] in the file's order."""
    rules = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((stripped, [], []))
        elif stripped.startswith("!"):
            rules[-1][2].append(stripped[1:].strip())
        elif ":" in stripped:
            name, value = stripped.split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def matches(pattern, path):
    return re.fullmatch(".*".join(re.escape(part) for part in pattern.split("*")), path) is not None


def headers_for(rules, path, host="cloudflare"):
    """The headers a host sends for `path`: {name: value}."""
    headers, set_by_rules = {}, set()
    for pattern, values, detached in rules:
        if not matches(pattern, path):
            continue
        if host == "netlify":
            headers.update(values)
            continue
        for name in detached:
            headers.pop(name, None)
        for name, value in values:
            if name in set_by_rules and name in headers:
                headers[name] += ", " + value
            else:
                headers[name] = value
                set_by_rules.add(name)
    return headers


class ExportHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args, rules, **kwargs):
        self.rules = rules
        super().__init__(*args, **kwargs)

    def end_headers(self):
        for name, value in headers_for(self.rules, urlsplit(self.path).path).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def serve_export(folder, port, site_wide_only=False):
    """Serve `folder` on 127.0.0.1:`port` until the block ends; yields the site's address. With
    site_wide_only, as a host that applies only the first rule (/*) of _headers to every path."""
    rules = read_rules((folder / "_headers").read_text())
    rules = rules[:1] if site_wide_only else rules
    handler = partial(ExportHandler, directory=str(folder), rules=rules)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
