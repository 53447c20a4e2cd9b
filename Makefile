# 红岭+ portal. `make run`: set up and serve with demo data on SQLite. `make test`: the whole test suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Find a Python >= 3.12: $PYTHON, python3.13/python3.12 on PATH, pyenv's versions, then python3.
PYTHON ?= $(shell for c in python3.13 python3.12 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[3-9]*/bin/python3 $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.12*/bin/python3 2>/dev/null | sort -rV) python3; do \
	command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$c; break; }; done)

.PHONY: run test setup lint format messages check-deploy bench clean

$(VENV)/.python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "需要 Python 3.12 或更新版本（推荐 3.13）。请安装后重试，例如：" >&2; \
	  echo "  Debian/Ubuntu: sudo apt install python3.13 python3.13-venv" >&2; \
	  echo "  pyenv:         pyenv install 3.13 && make PYTHON=\$$(pyenv root)/versions/3.13.*/bin/python3" >&2; \
	  exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	@touch $@

$(VENV)/.installed: $(VENV)/.python requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed

run: setup
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Both cores (pytest-xdist): tests that must not overlap share an xdist_group and run in one worker
# (--dist loadgroup). `make test PYTEST_WORKERS=0` runs everything in one process.
PYTEST_WORKERS ?= 2
test: setup
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Compile the project's translations (locale/*/LC_MESSAGES/*.po); the .mo files are committed beside them,
# so running the portal needs no gettext tools. tests/core/test_admin_chinese.py fails when they differ.
messages:
	for po in locale/*/LC_MESSAGES/*.po; do msgfmt --check-format -o "$${po%.po}.mo" "$$po" || exit 1; done

# The deploy checklist with production-like settings (no DEBUG, real secret, HTTPS).
check-deploy: setup
	SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=hongling.example.cn \
	  $(PY) manage.py check --deploy --fail-level WARNING

# The benchmark (README, "Benchmark"): drops and rebuilds the PostgreSQL database in DATABASE_URL (its name must
# contain "bench"; default hongling_bench on 127.0.0.1:5432), then gunicorn + wrk. Debian's wrk is installed if missing.
BENCH_VOLUME ?= 10000
bench: setup
	@command -v wrk >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get install -y wrk || { $$SUDO apt-get update && $$SUDO apt-get install -y wrk; }; }
	BENCH_VOLUME=$(BENCH_VOLUME) $(PY) scripts/bench/run.py

clean:
	rm -rf $(VENV) var staticfiles
