# Sightline: the two commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: demo test install assets chromium libreoffice lint format test-sqlite test-postgres requirements clean serve bench reliability

## demo: install, migrate, load the demo councils and serve on http://127.0.0.1:$(PORT)
# The demo runs as a council would see it: DEBUG off, so an unknown address gets the
# service's own 404 page (not Django's debug page listing every URL), over plain HTTP on
# this machine, with a secret key made once for it in var/.
DEMO_ENV = DEBUG=0 SECURE=0 SECRET_KEY="$$(cat var/demo-secret-key)"

demo: install assets var/demo-secret-key
	$(DEMO_ENV) $(BIN)/sightline migrate --noinput
	$(DEMO_ENV) $(BIN)/sightline load_demo
	@$(DEMO_ENV) $(BIN)/sightline demo_logins --port $(PORT)
	$(DEMO_ENV) $(BIN)/sightline runserver 127.0.0.1:$(PORT)

var/demo-secret-key:
	@mkdir -p var && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

## test: install (Debian's Chromium and LibreOffice too), lint, the whole suite on SQLite, then on PostgreSQL when DATABASE_URL is set
test: install assets chromium libreoffice lint test-sqlite test-postgres

## libreoffice: Debian's LibreOffice (Writer and Calc, no GUI), installed when missing: the tests
## open the Word papers in it and have it recalculate the exported tracker's formulas
libreoffice:
	@if command -v soffice >/dev/null 2>&1; then :; \
	else \
		echo "== installing Debian's LibreOffice (headless) for the document tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
			libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null; \
	fi

## chromium: Debian's Chromium for the browser tests, installed when missing (as root, or with sudo)
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	else \
		echo "== installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

test-sqlite:
	@echo "== pytest on SQLite"
	env -u DATABASE_URL $(BIN)/pytest -n 2 -q || [ $$? -eq 5 ]

test-postgres:
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== pytest on PostgreSQL (…@$${DATABASE_URL##*@})"; \
		$(BIN)/pytest -n 2 -q || [ $$? -eq 5 ]; \
	else echo "== DATABASE_URL is not set: PostgreSQL run skipped"; fi

## lint: ruff, the layers contract (import-linter, see pyproject.toml) and no missing migration
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	env -u DATABASE_URL SQLITE_PATH=:memory: $(BIN)/sightline makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## install: .venv from the pinned requirements (uv when present, else pip installs uv; INSTALLER=pip forces plain pip)
install: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.txt pyproject.toml
	@if [ "$(INSTALLER)" != "pip" ] && command -v uv >/dev/null 2>&1; then \
		uv venv --allow-existing --python $(PYTHON) $(VENV) && \
		uv pip install --python $(BIN)/python -r requirements-dev.txt && \
		uv pip install --python $(BIN)/python --no-deps -e . ; \
	elif [ "$(INSTALLER)" != "pip" ] && ( [ -x $(BIN)/uv ] || ( $(PYTHON) -m venv $(VENV) && $(BIN)/pip install -q uv ) ); then \
		$(BIN)/uv pip install --python $(BIN)/python -r requirements-dev.txt && \
		$(BIN)/uv pip install --python $(BIN)/python --no-deps -e . ; \
	else \
		$(PYTHON) -m venv $(VENV) && $(BIN)/pip install -q -r requirements-dev.txt && \
		$(BIN)/pip install -q --no-deps -e . ; \
	fi
	@touch $@

## assets: govuk-frontend from the npm registry (package-lock.json), copied under var/assets with its paths fixed
assets: var/assets/.built

var/assets/.built: package.json package-lock.json sightline/core/assets.py
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m sightline.core.assets node_modules/govuk-frontend/dist/govuk var/assets
	@touch $@

## requirements: recompile the pinned requirements from pyproject.toml (records no index address)
requirements:
	UV=$$(command -v uv || echo $(BIN)/uv); \
	$$UV pip compile pyproject.toml --python-version 3.11 -q --no-header -o requirements.txt && \
	$$UV pip compile pyproject.toml --extra dev --python-version 3.11 -q --no-header -o requirements-dev.txt

serve: install assets var/demo-secret-key
	$(DEMO_ENV) $(BIN)/sightline runserver 127.0.0.1:$(PORT)

clean:
	rm -rf $(VENV) node_modules var/assets

## bench: every benchmark in bench/, each printing its figures (databases kept in var/bench/; needs locust and LibreOffice Calc)
bench: install assets
	@$(BIN)/python -c "import locust" 2>/dev/null || \
		( command -v uv >/dev/null && uv pip install -q --python $(BIN)/python "locust==2.47.0" ) || \
		( [ -x $(BIN)/uv ] && $(BIN)/uv pip install -q --python $(BIN)/python "locust==2.47.0" ) || \
		$(BIN)/python -m pip install -q "locust==2.47.0"
	$(BIN)/python bench/run.py

## reliability: the full reliability suite (20 editors, 20 killed imports, county-scale backup and report, the API contract with 30 examples an operation)
reliability: install
	RELIABILITY_FULL=1 $(BIN)/pytest -q -s -p no:xdist tests/reliability
	CONTRACT_EXAMPLES=30 $(BIN)/pytest -q -s -p no:xdist -p no:randomly tests/api_contract
