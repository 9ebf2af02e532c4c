# The front door: `make run` for the portal with demo content, `make test` for the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Links between the sites use the port the server runs on.
export SRK_SITE_PORT ?= $(PORT)

.PHONY: install run test lint format check migrate demo clean csp-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) setup_portal --demo

run: demo
	$(MANAGE) demo_login --port $(PORT)
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
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

clean:
	rm -rf $(VENV) var .pytest_cache

# Security: open public pages in headless Chromium against a running server (make run)
# and fail on any Content-Security-Policy violation or request to another host.
csp-check: install
	$(BIN)/python scripts/csp_browser_check.py --port $(PORT)
