# `make run` and `make test` do all the set-up on a fresh machine (Python 3.11+ on PATH).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench eval clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-install when the dependencies change; the stamp records the last install.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m bot run

test: lint typecheck unit

lint: $(STAMP)
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(PY) -m mypy

# One test process per core (pytest-xdist): many tests wait on subprocesses, servers and databases.
unit: $(STAMP)
	$(PY) -m pytest -n auto

bench: $(STAMP)
	$(PY) -m bench.run

# Extraction scored on the evaluation corpus (tests/eval): one table, exit 1 on a missed target.
eval: $(STAMP)
	$(PY) -m bot eval

clean:
	rm -rf $(VENV) data/*.db data/*.db-*
