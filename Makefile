# The two commands in the README are a contract: `make demo` and `make test` work on a
# fresh machine with nothing but Python >= 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: demo test lint typecheck pytest pytest-postgres bench train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# torch first, pinned, so the transformer extra takes the CPU build (see README).
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	PORT=$(PORT) $(BIN)/mutuality demo

test: lint typecheck pytest pytest-postgres

lint: $(VENV)/.installed-dev
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/ruff check src tests bench scripts

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy src tests bench scripts

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest

# The database tests again on PostgreSQL when MUTUALITY_TEST_POSTGRES names a server
# (e.g. postgresql://postgres@127.0.0.1:5432/postgres). pytest-django creates and drops
# its own test database there. Under CI=true a missing server is a failure.
pytest-postgres: $(VENV)/.installed-dev
	@if [ -n "$$MUTUALITY_TEST_POSTGRES" ]; then \
		DATABASE_URL="$$MUTUALITY_TEST_POSTGRES" $(BIN)/pytest tests/apps tests/browser; \
	elif [ "$$CI" = "true" ]; then \
		echo "CI=true but MUTUALITY_TEST_POSTGRES is not set: the PostgreSQL run cannot be skipped in CI"; exit 1; \
	else \
		echo "MUTUALITY_TEST_POSTGRES not set: database tests ran on SQLite only"; \
	fi

# Retrain the analysis models from ../shared/data (deterministic); artifacts land in
# src/mutuality/models/.
train: $(VENV)/.installed-dev
	$(BIN)/python -m mutuality.analysis.training --data ../shared/data
	$(BIN)/pip install --quiet -e '.[namelist]'
	$(BIN)/python -m mutuality.analysis.namelist
	$(BIN)/python -m mutuality.analysis.placelist

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/map_metrics.py
	$(BIN)/python bench/scoring.py
	$(BIN)/python bench/audit.py

clean:
	rm -rf $(VENV) var test-output .pytest_cache .mypy_cache .ruff_cache
