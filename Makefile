# The two commands of the README: `make run` (the dashboard) and `make test` (the tests).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test build chromium

run: $(VENV)/.installed build
	$(PY) app.py

test: $(VENV)/.installed chromium
	$(PY) -m pytest

build: $(VENV)/.installed
	$(PY) -m trustmap layers

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

# Debian's Chromium drives the browser tests and kaleido's static export.
chromium:
	@command -v chromium >/dev/null || { \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }
