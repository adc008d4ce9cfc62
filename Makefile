# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp
UNITS_FILE ?= sites/data/yingjiang_units.csv

.PHONY: install messages pdf-libraries catalogues admin-catalogue-gaps run test lint format worker beat bench chromium vnu provision clean

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

# The letters as PDF (foi/letters.py): WeasyPrint lays them out with Pango and sets them in the
# server's CJK fonts (Debian's fonts-noto-cjk; nothing is fetched from a CDN).
pdf-libraries:
	@(PATH="$$PATH:/sbin:/usr/sbin" ldconfig -p | grep -q libpangoft2-1.0 && fc-list :lang=zh | grep -q "Noto Serif CJK SC") \
		|| (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk >/dev/null) \
		|| (echo "需要 Pango 和中文字体来生成 PDF 文书：请安装 libpango-1.0-0、libpangoft2-1.0-0 和 fonts-noto-cjk 软件包。" && exit 1)

install: $(STAMP) messages pdf-libraries

# Regenerate the catalogues from the sources after adding or changing user-facing strings. The
# source strings are Chinese, so zh_Hans gets each one as its own text (FILL_ZH_HANS); tdd and kac
# keep an empty msgstr for the county's translators, and until then show the Chinese text.
define FILL_ZH_HANS
import polib
po = polib.pofile("locale/zh_Hans/LC_MESSAGES/django.po", wrapwidth=0)
for entry in po:
    # A new string that msgmerge matched to a similar old one must not keep the old text.
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
        entry.msgstr, entry.msgstr_plural = "", {0: ""} if entry.msgid_plural else {}
    if entry.msgid_plural and not entry.msgstr_plural.get(0):
        entry.msgstr_plural = {0: entry.msgid}
    elif not entry.msgid_plural and not entry.msgstr:
        entry.msgstr = entry.msgid
po.save()
endef
export FILL_ZH_HANS

# Wagtail's admin templates the project overrides keep Wagtail's own (English) msgids, which
# Wagtail's catalogue and locale_overrides/ translate; makemessages must not copy them into ours.
WAGTAIL_TEMPLATE_OVERRIDES := templates/wagtailadmin/shared templates/wagtailadmin/pages templates/wagtailadmin/home

catalogues: $(STAMP)
	$(PY) manage.py makemessages --locale=zh_Hans --locale=tdd --locale=kac --no-wrap --no-obsolete \
		--add-location=file --ignore=.venv --ignore=tests --ignore=benchmarks --ignore=staticfiles \
		$(WAGTAIL_TEMPLATE_OVERRIDES:%=--ignore=%)
	$(PY) -c "$$FILL_ZH_HANS"
	$(MAKE) messages

# The admin strings of Wagtail and wagtail-localize that neither their zh-hans catalogues nor the
# project's locale_overrides/ translate: run after upgrading Wagtail and translate what it lists.
admin-catalogue-gaps: $(STAMP)
	$(PY) locale_overrides/admin_catalogue_gaps.py

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

# The Nu HTML checker for tests/browser/test_html_validity.py (npm's vnu-jar, run with the machine's
# Java). 32 MB, so it is installed once into .cache/vnu/ (git-ignored), not committed; its
# postinstall script only looks for Java, which the test does itself.
VNU_VERSION := 26.9.27
VNU_JAR := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
vnu: $(VNU_JAR)
$(VNU_JAR):
	@command -v npm >/dev/null || (echo "需要 npm 来安装 HTML 校验器 vnu-jar：请安装 npm 软件包。" && exit 1)
	npm install --prefix .cache/vnu --no-audit --no-fund --ignore-scripts --silent vnu-jar@$(VNU_VERSION)
	@test -f $(VNU_JAR)

# Test processes (pytest-xdist); each has its own test database, Redis database and Celery queue
# (tests/conftest.py). TEST_WORKERS=0 runs everything in this process. The 30 slowest tests are
# listed at the end, to keep `.ci/run` quick.
TEST_WORKERS ?= 2

test: install chromium vnu
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load --durations=30 $(PYTEST_ARGS)

# ruff, and the import contracts of .importlinter (the layers in the README's architecture map).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

worker: install
	$(VENV)/bin/celery -A cms worker --loglevel=info --queues=cms

# The scheduler: opens and closes consultations at their set times (CELERY_BEAT_SCHEDULE). Run
# exactly one, next to the worker(s).
beat: install
	$(VENV)/bin/celery -A cms beat --loglevel=info

bench: install
	$(PY) -m pytest benchmarks -p no:cacheprovider $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .cache
