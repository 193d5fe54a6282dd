# The two commands of the README: `make run` (the dashboard) and `make test` (the tests), and
# `make serve`, the production server (nginx in front of gunicorn, deploy/).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run serve test build chromium libreoffice nginx redis

run: $(VENV)/.installed-run build
	$(PY) app.py

serve: $(VENV)/.installed-run build nginx
	$(PY) deploy/serve.py --port $(or $(PORT),8050)

test: $(VENV)/.installed-test chromium libreoffice nginx redis
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) -m pytest --durations=15

build: $(VENV)/.installed-run
	$(PY) -m trustmap layers

# One pinned install for both: `run` needs requirements.txt, `test` the tools in
# requirements-dev.txt as well.
$(VENV)/.installed-run: requirements.txt
$(VENV)/.installed-test: requirements.txt requirements-dev.txt
$(VENV)/.installed-run $(VENV)/.installed-test:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet $(addprefix -r ,$^)
	touch $@

# Debian's Chromium drives the browser tests and kaleido's static export.
chromium:
	@command -v chromium >/dev/null || { \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

# Debian's LibreOffice Impress opens the PowerPoint briefing pack in its test
# (`soffice --headless --convert-to pdf`).
libreoffice:
	@command -v soffice >/dev/null || { apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		libreoffice-impress; }

# Debian's nginx fronts `make serve` (and its test); redis-server backs the two-instance test.
nginx:
	@test -x /usr/sbin/nginx || command -v nginx >/dev/null || { \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx; }

redis:
	@command -v redis-server >/dev/null || { \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server; }
