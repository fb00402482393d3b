# Two commands on a fresh machine:
#   make run   — set everything up, load the demo jurisdiction, serve on http://127.0.0.1:8000
#   make test  — set everything up (Chromium, PostgreSQL) and run the whole suite on SQLite and PostgreSQL
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
FAZHI := $(VENV)/bin/fazhi
HOST ?= 127.0.0.1
PORT ?= 8000
export FAZHI_VAR_DIR ?= $(CURDIR)/var

.PHONY: run test setup setup-test assets system-deps lint test-sqlite test-postgres bench clean

$(VENV)/.installed: pyproject.toml
	@PYTHON=$$(scripts/find-python) && echo "使用 $$PYTHON" && $$PYTHON -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed
	@mkdir -p fazhi/web/static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js fazhi/web/static/vendor/htmx.min.js

setup: $(VENV)/.installed assets

run: setup
	@mkdir -p "$(FAZHI_VAR_DIR)"
	$(FAZHI) migrate --no-input
	$(FAZHI) demo --if-empty
	@echo "服务地址：http://$(HOST):$(PORT)/    公众门户：http://$(HOST):$(PORT)/portal/"
	$(FAZHI) runserver $(HOST):$(PORT)

system-deps:
	@scripts/install-system-deps

setup-test: $(VENV)/.installed-test assets system-deps

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check fazhi tests bench tools
	$(PY) tools/archcheck.py

test: setup-test lint test-sqlite test-postgres

test-sqlite:
	@echo "== 测试：SQLite =="
	env -u DATABASE_URL $(PY) -m pytest -q

test-postgres:
	@echo "== 测试：PostgreSQL =="
	scripts/with-postgres $(PY) -m pytest -q

bench: setup-test
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) node_modules fazhi/web/static/vendor var test-artifacts
