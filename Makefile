# The front door. `make run` serves the site for development, `make test` runs every test.
# Both create the virtual environment in .venv on first use, so a fresh clone needs nothing else.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
INSTALLED := $(VENV)/.installed

.PHONY: install static run test check lint

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

static: install
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: static
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: static
	$(PY) -m pytest

check: install
	$(PY) manage.py check_content

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
