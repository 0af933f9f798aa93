# The only entry points: `make run` and `make test` (CI calls the same ones).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
MANAGE := $(PY) manage.py
PORT ?= 8000

.PHONY: help install run test lint format messages e2e check-deploy bench bench-redirect bench-analytics clean assets

help:
	@echo "make run    install, migrate, load the demo and serve web + task worker on 127.0.0.1:$(PORT)"
	@echo "make test   ruff, migration check, import contracts and the whole pytest suite"

$(PY):
	@python=$$(bin/find-python) || exit 1; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)

$(UV): | $(PY)
	@$(PY) -m pip install --quiet --disable-pip-version-check uv

# uv keeps .venv exactly as uv.lock says (plus uv itself, which --inexact leaves alone).
install: $(UV)
	@UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --quiet --python $(PY)

run: install
	@$(MANAGE) migrate --noinput -v 0
	@$(MANAGE) collectstatic --noinput -v 0
	@$(MANAGE) compile_catalogs
	@$(MANAGE) load_demo
	@$(MANAGE) serve --port $(PORT)

test: install
	@$(MANAGE) compile_catalogs
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run -v 1
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the catalogs after changing strings; translate pl and th before committing.
messages: install
	cd chorus && ../$(PY) ../manage.py makemessages -l pl -l th -l en --no-obsolete --no-location -i 'static/*'
	cd chorus && ../$(PY) ../manage.py makemessages -d djangojs -l pl -l th -l en --no-obsolete --no-location -i 'static/vendor/*' || true

bench: install
	@for b in bench/*.py; do [ -e "$$b" ] && $(PY) "$$b"; done; true

# The tracked-link redirect under wrk, against nginx, plus click accounting (bench/redirect/run.py).
bench-redirect: install
	$(PY) bench/redirect/run.py

# The dashboards' read model against the raw clicks, on SQLite and PostgreSQL (bench/analytics/run.py);
# 5,000,000 clicks, or CLICKS=200000 for a quick trial.
bench-analytics: install
	$(PY) bench/analytics/run.py --database both --clicks $(or $(CLICKS),5000000)

clean:
	rm -rf $(VENV) .tools .pytest_cache .ruff_cache

# Rebuild the vendored twitter-text bundle (chorus/static/vendor/twitter-text/); needs node and npm.
assets:
	cd assets && npm ci && npm run build
