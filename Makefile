# One-command set-up: every target creates .venv and installs the pinned versions itself.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run demo test lint format translations bench package clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

## Start the app (with no token it offers the demo).
run: $(STAMP)
	$(VENV)/bin/seedream-desktop

## Start the app against the built-in API emulator.
demo: $(STAMP)
	$(VENV)/bin/seedream-desktop --demo

## Lint, then the whole test suite (starts its own Xvfb and Secret Service where tests need them).
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## After changing texts: add them to resources/i18n/*.ts (translate the new ones there), then
## compile the .qm files the app loads. Both are committed; tests/i18n fails when they lag.
translations: $(STAMP)
	$(PY) packaging/translations.py

## Print the benchmark figures.
bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(PY) $$b || exit 1; done

## Linux one-folder build, .deb and .tar.gz into packaging/out (its own build venv).
package:
	packaging/build_linux.sh

clean:
	rm -rf $(VENV) build dist packaging/out .pytest_cache .ruff_cache
