# The front door: `make run` for the portal with demo content, `make test` for the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Links between the sites use the port the server runs on.
export SRK_SITE_PORT ?= $(PORT)

.PHONY: install run test lint format check migrate demo clean catalogs messages bench csp-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Interface translations compiled with polib (no GNU gettext needed); again when a .po changed.
$(VENV)/.catalogs: $(wildcard locale/*/LC_MESSAGES/*.po) | $(VENV)/.installed
	$(MANAGE) compile_catalogs
	touch $@

# Always checks every catalog, so it also restores deleted .mo files.
catalogs: install
	$(MANAGE) compile_catalogs
	touch $(VENV)/.catalogs

# Developer task (needs GNU gettext): extract new interface strings into the catalogs.
messages: install
	$(MANAGE) makemessages -l en -l tr -l ar --ignore=.venv --ignore=tests --ignore=var --no-obsolete

migrate: install $(VENV)/.catalogs
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) setup_portal --demo

run: demo
	$(MANAGE) demo_login --port $(PORT)
	$(MANAGE) runserver $(HOST):$(PORT)

test: install $(VENV)/.catalogs
	$(BIN)/pytest

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Production server under load on PostgreSQL at scale 1.71 (see bench/run.py for the
# variables). Needs PostgreSQL, Redis and wrk (Debian/Ubuntu: sudo apt-get install wrk).
bench: install
	@command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk"; exit 1; }
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache

# Security: open public pages in headless Chromium against a running server (make run)
# and fail on any Content-Security-Policy violation or request to another host.
csp-check: install
	$(BIN)/python scripts/csp_browser_check.py --port $(PORT)
