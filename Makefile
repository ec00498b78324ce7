# `make run` and `make test` do all the set-up on a fresh machine (Python 3.11+ on PATH).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The resolved dependencies, pinned with hashes: `make run` installs the runtime set, the checks the dev set.
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint typecheck unit bench eval lock clean

# pip before 24 picks a newer release than the lock's for a dependency named with an extra (weasel's
# `smart-open[http]`) and then refuses it in hash-checking mode, so the new environment's pip is upgraded first.
$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=25"

# Re-install when a lock file changes; a stamp records the last install of each set.
$(RUN_STAMP): $(LOCK) pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(DEV_STAMP): $(DEV_LOCK) pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# Re-resolve pyproject.toml's dependencies into the lock files (uv, with hashes), one set for both: the runtime
# lock is resolved within the dev lock. Run after changing a dependency, then `make test`.
lock: $(DEV_STAMP)
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --generate-hashes --quiet -o $(DEV_LOCK)
	$(VENV)/bin/uv pip compile pyproject.toml --universal --generate-hashes --quiet -c $(DEV_LOCK) -o $(LOCK)

run: $(RUN_STAMP)
	$(PY) -m bot run

test: lint typecheck unit

lint: $(DEV_STAMP)
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports

typecheck: $(DEV_STAMP)
	$(PY) -m mypy

# One test process per core (pytest-xdist): many tests wait on subprocesses, servers and databases.
unit: $(DEV_STAMP)
	$(PY) -m pytest -n auto

bench: $(DEV_STAMP)
	$(PY) -m bench.run

# Extraction scored on the evaluation corpus (tests/eval): one table, exit 1 on a missed target.
eval: $(DEV_STAMP)
	$(PY) -m bot eval

clean:
	rm -rf $(VENV) data/*.db data/*.db-* data/search-index
