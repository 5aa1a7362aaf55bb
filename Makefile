# The front door. `make run` serves the site for development, `make test` runs every test.
# Both create the virtual environment in .venv on first use, so a fresh clone needs nothing else.
# Installs come from requirements.lock (exact versions with their hashes), so a fresh machine gets
# what CI tested; `make lock` refreshes it on purpose, `make test-latest` tries the newest releases.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The address pages give for themselves (canonical and share links, the handout and its QR code)
# follows the port the server listens on, unless SITE_URL is given.
SITE_URL ?= http://127.0.0.1:$(PORT)
INSTALLED := $(VENV)/.installed
LOCK := requirements.lock
UV_VERSION := 0.13.9

.PHONY: install static run test test-fast check lint serve export export-address bench lighthouse messages lock test-latest

$(INSTALLED): $(LOCK) pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	@echo "Setting up $(VENV): installing the locked dependencies from $(LOCK) (first run only, about a minute)..."
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(INSTALLED)
	@echo "$(VENV) is ready."

install: $(INSTALLED)

static: install
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: static
	SITE_URL="$(SITE_URL)" $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production mode on this machine: nginx in front of gunicorn (deploy/, gunicorn.conf.py,
# web/frontserver.py), debug off, static files collected and compressed. Without nginx,
# gunicorn alone, with a warning. The secret key is a throwaway made up for this run, fine for a
# site without sessions on localhost; a real deployment sets its own (docs/deploying.md).
# There is no TLS on localhost, so no redirect to https either.
serve: static
	DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=0 PORT=$(PORT) SITE_URL="$(SITE_URL)" \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	exec $(PY) -m web.frontserver serve

# The whole site as static files in EXPORT_DIR (default export/), for any static host or CDN, with
# search built in (Pagefind) and a _headers file for the security headers: docs/deploying.md.
# Every link, the sitemap and the QR codes are written with the site's own address, so it must be
# given: make export SITE_URL=https://your.site.example
EXPORT_DIR ?= export
export: export-address static
	$(PY) manage.py export_site "$(EXPORT_DIR)" --site-url "$(SITE_URL)"

export-address:
	@test "$(origin SITE_URL)" != file || { \
	  echo "make export needs the address the site will be published at:"; \
	  echo "  make export SITE_URL=https://your.site.example"; exit 1; }

# Starts the production server on a free loopback port and measures it, search included (three to
# four minutes).
# SCALE=30: a library of 30 articles and 1,000 more glossary terms, while editors change it.
bench: static
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "make bench drives the server with wrk (Debian package 'wrk'); installing it."; \
	  apt-get install -y -qq wrk >/dev/null 2>&1 || { echo "Could not install wrk: run 'sudo apt-get install wrk'."; exit 1; }; }
	$(PY) bench/bench.py $(if $(SCALE),--scale $(SCALE))

# The tests run on every core (pytest-xdist; WORKERS=1 for one process), each file in one worker,
# so a file's shared fixtures (a crawl, an export) are made once.
WORKERS ?= auto
XDIST = -n $(WORKERS) --dist loadfile
# The tests write thousands of small files (each test's content tree, its SQLite render cache,
# which SQLite makes sure of on the disk at every open and close): in memory (/dev/shm, where
# the system has it) that costs nothing, on this machine's disk about a millisecond a file.
# Each test's folder goes when it passes (tmp_path_retention_policy in pyproject.toml). Only
# where /dev/shm has a gigabyte free: a container's is often 64 MB, and Chromium needs it too.
SHM_FREE_KB := $(shell df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 {print $$4}')
TEST_TMPDIR ?= $(if $(shell [ "$(SHM_FREE_KB)" -gt 1048576 ] 2>/dev/null && echo y),/dev/shm,$(or $(TMPDIR),/tmp))

test: static
	TMPDIR=$(TEST_TMPDIR) $(PY) -m pytest $(XDIST) --durations=25

# The quick loop while working: the code tests, on the small fixture site, spread test by test
# over every core. make test runs the rest too: the shipped content's tests (make check checks its
# files), real servers and render processes, whole-site warm-ups and the browser.
test-fast: static
	TMPDIR=$(TEST_TMPDIR) $(PY) -m pytest -n $(WORKERS) --dist load -q \
	  --ignore=tests/browser --ignore=tests/server --ignore=tests/content \
	  -m 'not browser and not server and not warmup and not content and not slow'

# Lighthouse (mobile) on the home page, a section, the glossary, About and the one-page article,
# against gunicorn in production mode; prints the four scores. Not part of `make test`. Needs
# Node 18.16+ and Chromium (CHROME_PATH, default /usr/bin/chromium); Lighthouse comes from npm
# into tools/lighthouse.
lighthouse: static
	test -d tools/lighthouse/node_modules || npm ci --prefix tools/lighthouse --no-audit --no-fund
	$(PY) tools/lighthouse/run.py

# Refreshes the Spanish catalogue of interface strings (locale/es/LC_MESSAGES/django.po) from the
# templates and the Python code, then compiles it to django.mo (both are committed). Needs GNU
# gettext (Debian package 'gettext'). Translate every new or changed entry and drop "fuzzy" marks
# before committing: a test fails on an untranslated or fuzzy entry, or a .mo older than its .po.
messages: install
	$(PY) manage.py makemessages -l es --no-obsolete --add-location=file \
	  --ignore=.venv --ignore='.venv-*' --ignore=staticfiles --ignore=node_modules --ignore=tools --ignore=tests
	$(PY) manage.py compilemessages -l es --ignore=.venv --ignore='.venv-*'

# The content checker, exactly as CI runs it: every English page must have its Spanish page
# (--require es). CHECK_FLAGS= (empty) lets a missing translation be a warning while you work.
CHECK_FLAGS ?= --require es
check: install
	$(PY) manage.py check_content $(CHECK_FLAGS)

# Refreshes requirements.lock from pyproject.toml's ranges, for Python 3.11 and newer on every
# platform, with hashes. Keeps the locked versions unless UPGRADE=1 (then the newest allowed).
# Commit the lock with the change that needed it, after `make test` passes on it.
lock: install
	$(PY) -m pip install --quiet --disable-pip-version-check 'uv==$(UV_VERSION)'
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --generate-hashes --quiet --custom-compile-command "make lock" -o $(LOCK) $(if $(UPGRADE),--upgrade)

# The non-browser tests against the newest releases pyproject.toml allows, in a venv of their own
# (.venv-latest), so an upgrade is a decision (make lock UPGRADE=1) and not a surprise.
test-latest:
	test -x .venv-latest/bin/python || $(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --disable-pip-version-check --upgrade -e '.[dev]'
	.venv-latest/bin/python manage.py collectstatic --noinput --verbosity 0
	.venv-latest/bin/python -m pytest -m 'not browser' -q

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
