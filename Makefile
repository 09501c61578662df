# jinlin — two commands do everything on a fresh Debian machine (as root):
#   make site   set up (system packages, venv, project) and build site/ and the bulletins
#   make test   set up (plus Chromium and axe-core for browser tests) and run the whole suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: site test setup setup-test check serve bench bench-check lint schemas clean

site: setup
	$(BIN)/jinlin build

test: setup-test
	$(BIN)/python -m pytest -q

setup: $(STAMP) .cache/system-deps

setup-test: setup .cache/browser-deps

.cache/system-deps: scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	@mkdir -p .cache && touch $@

.cache/browser-deps: scripts/install-system-deps.sh scripts/install-browser-test-deps.sh
	bash scripts/install-system-deps.sh --browser
	bash scripts/install-browser-test-deps.sh
	@mkdir -p .cache && touch $@

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更高版本")'
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || bash scripts/install-system-deps.sh --venv
	@test -x $(BIN)/pip || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

check: setup
	$(BIN)/jinlin check

serve: setup
	$(BIN)/jinlin serve

bench: setup-test
	$(BIN)/python -m generator.bench

# The timing check kept aside from `make test`: every target of issue 6 as a test (quiet machine, ~10 min).
bench-check: setup-test
	$(BIN)/python -m pytest -q -p no:cacheprovider benchmarks/test_city_timing.py

lint: setup
	$(BIN)/ruff check generator tests

schemas: setup
	$(BIN)/jinlin schemas

clean:
	rm -rf site print .cache build
