# 逾期自助 — every set-up step is a target; `make run` and `make test` do them all.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
# PORT: 8000 for `make run`, 8080 for `make serve` unless given.

.PHONY: run serve nginx fonts test lint pytest install install-dev messages makemessages static check bench profile bench-engine clean

run: install messages static  ## install, prepare and serve on http://127.0.0.1:8000
	$(BIN)/gunicorn --config config/gunicorn.py --bind $(HOST):$(or $(PORT),8000) config.wsgi

# The production shape on one machine: nginx (Debian's package, installed here
# when missing) in front of gunicorn on a unix socket, on http://127.0.0.1:8080.
# In the foreground; Ctrl-C or SIGTERM stops both. Config: deploy/.
serve: install messages static nginx fonts
	exec $(PY) deploy/serve.py --host $(HOST) --port $(or $(PORT),8080)

# A system CJK font for the PDF letters' rare characters: the bundled font covers
# GB 2312 (static/fonts/README.md); a name outside it falls back to this one.
fonts:
	@fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-wqy-microhei; }

# Debian's nginx, without starting its own service on port 80 (policy-rc.d).
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  guard=; if [ ! -e /usr/sbin/policy-rc.d ]; then \
	    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && \
	    guard=/usr/sbin/policy-rc.d; fi; \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx; \
	  status=$$?; [ -z "$$guard" ] || rm -f "$$guard"; exit $$status; }

test: install-dev messages lint pytest  ## lint and run the whole test suite

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Make the zh-hant catalog and articles from the zh-hans ones with OpenCC
# (tools/make_zh_hant.py; build products, not in git), then compile every
# catalog (pure Python: no system gettext needed).
messages: install
	$(PY) tools/make_zh_hant.py
	$(BIN)/pybabel compile --statistics --domain django --directory locale

# Extract new strings into the catalogs (needs GNU gettext: apt-get install gettext).
makemessages: install
	$(MANAGE) makemessages --locale zh_Hans --no-obsolete --no-location --ignore '.venv/*' --ignore 'staticfiles/*'

static: install
	$(MANAGE) collectstatic --noinput --verbosity 0

lint: install-dev
	$(BIN)/ruff check .

pytest: install-dev messages
	$(BIN)/pytest

check: install
	for s in dev test; do DJANGO_SETTINGS_MODULE=config.settings.$$s $(MANAGE) check --fail-level WARNING || exit 1; done

bench-engine: install
	$(PY) -m calculator.bench_engine

bench: install-dev messages static
	$(PY) tools/bench.py

# Where the CPU time of a calculator page with new figures goes (cProfile).
profile: install
	$(PY) tools/profile_page.py loan

clean:
	rm -rf staticfiles $(VENV) .pytest_cache
