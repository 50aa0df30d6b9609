# Matchmaker build / CI entry points.
#
#   make setup   system packages, .venv, npm assets, translations
#   make test    pytest on SQLite, then on a throw-away PostgreSQL (scripts/run_tests.sh)
#   make demo    load the demo data; serve on http://127.0.0.1:5000 with gunicorn and the task consumer
#
# Everything works from a fresh clone: `make setup && make test`.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.NOTPARALLEL:
.DEFAULT_GOAL := help

PYTHON        ?= python3.11
VENV          := .venv
PY            := $(VENV)/bin/python
PIP           := $(PY) -m pip
FLASK         := $(VENV)/bin/flask
PYBABEL       := $(VENV)/bin/pybabel
TORCH_VERSION := 2.13.0
TRANSLATIONS  := matchmaker/translations
# fontconfig: so that the fonts' install scripts refresh the font cache.
APT_PACKAGES  := postgresql redis-server chromium fonts-wqy-microhei fontconfig
SUDO          := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

# Extra arguments for pytest: make test PYTEST_ARGS="-k foo -x"
PYTEST_ARGS   ?=

.PHONY: help setup setup-system setup-python setup-assets setup-translations test demo

help:
	@echo "make setup   install system packages, .venv, front-end assets, compile translations"
	@echo "make test    run the tests on SQLite and on a throw-away PostgreSQL (PYTEST_ARGS=...)"
	@echo "make demo    load demo data; gunicorn (2 workers) + task consumer on http://127.0.0.1:5000"

setup: setup-system setup-python setup-assets setup-translations

# (a) Debian packages, installed only when missing; `apt-get update` only then.
setup-system:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' \
	        || missing="$$missing $$p"; \
	done; \
	command -v chromium >/dev/null 2>&1 || case " $$missing " in *" chromium "*) ;; *) missing="$$missing chromium";; esac; \
	if [ -z "$$missing" ]; then \
	    echo "setup: Debian packages already installed: $(APT_PACKAGES)"; \
	else \
	    echo "setup: installing Debian packages:$$missing"; \
	    $(SUDO) apt-get update; \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi
	@# Smoke check: headless Chromium must start and render (for the browser tests).
	@tmp=$$(mktemp -d); \
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	    --disable-component-update --no-first-run --user-data-dir="$$tmp/profile" \
	    --screenshot="$$tmp/blank.png" about:blank >"$$tmp/log" 2>&1 || true; \
	if [ -s "$$tmp/blank.png" ]; then rm -rf "$$tmp"; echo "setup: headless chromium OK"; \
	else cat "$$tmp/log" >&2; rm -rf "$$tmp"; echo "setup: headless chromium failed to start" >&2; exit 1; fi

# (b) Python virtualenv. torch comes first and on its own, pinned, so that
# nothing later pulls in a different (multi-GB CUDA) build of it.
setup-python:
	@test -x $(PY) || { echo "setup: creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(PIP) install --upgrade pip
	$(PIP) install torch==$(TORCH_VERSION)
	$(PIP) install -r requirements.txt

# (c) Front-end assets: npm packages from package-lock.json, copied into
# matchmaker/static/vendor/.
setup-assets: setup-python
	npm ci --no-audit --no-fund
	$(PY) scripts/vendor_assets.py

# (d) Compile the gettext catalogs, if there are any yet.
setup-translations: setup-python
	@if [ -d $(TRANSLATIONS) ] && [ -n "$$(find $(TRANSLATIONS) -name '*.po' -print -quit)" ]; then \
	    echo "$(PYBABEL) compile -d $(TRANSLATIONS)"; \
	    $(PYBABEL) compile -d $(TRANSLATIONS); \
	else \
	    echo "setup: no message catalogs under $(TRANSLATIONS)/ yet; nothing to compile"; \
	fi

test:
	bash scripts/run_tests.sh $(PYTEST_ARGS)

# Schema from the migrations, the demo (encoding ~300 texts the first time takes a minute or two;
# later runs reuse the cached vectors), then gunicorn (2 workers) and the task consumer together
# (Procfile, run by honcho): http://127.0.0.1:5000, Ctrl-C stops both. Notifications stay in the
# in-app inbox; e-mail is off unless MAIL_ENABLED=1 and an SMTP server is configured (README).
demo:
	$(FLASK) --app wsgi db upgrade
	$(FLASK) --app wsgi demo load --reset
	MAIL_ENABLED=$${MAIL_ENABLED:-0} $(VENV)/bin/honcho start --procfile Procfile
