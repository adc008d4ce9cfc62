# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp
UNITS_FILE ?= sites/data/yingjiang_units.csv

.PHONY: install messages run test lint format worker bench chromium provision clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# Compiled catalogues are needed at run time: without locale/tdd and locale/kac .mo
# files Django refuses the /tdd/ and /kac/ URL prefixes.
messages: $(STAMP)
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null) \
		|| (echo "需要 gettext（msgfmt）来编译翻译目录：请安装 gettext 软件包。" && exit 1)
	@$(PY) manage.py compilemessages --ignore=.venv --verbosity=0

install: $(STAMP) messages

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --units-file $(UNITS_FILE)
	@echo "门户网站：http://127.0.0.1:$(PORT)/    管理后台：http://127.0.0.1:$(PORT)/admin/"
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

provision: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py provision_units $(UNITS_FILE)

# Debian's Chromium (Playwright's own browser download does not work here) and a CJK font
# so that screenshots show Chinese text.
chromium:
	@command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)

test: install chromium
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

worker: install
	$(VENV)/bin/celery -A cms worker --loglevel=info --queues=cms

bench: install
	$(PY) -m pytest benchmarks -p no:cacheprovider $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
