# Two commands: `make run` (embedded demo on SQLite) and `make test` (what CI checks).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-sqlite test-postgres test-browser install migrate demo pg-start pg-stop bench clean messages

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip==26.3
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

var:
	mkdir -p var/media var/mail

migrate: install var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py runserver --noreload 127.0.0.1:8000

messages: install
	cd motcua && ../$(PY) ../manage.py makemessages -l en --ignore=tests

pg-start:
	@scripts/pg-test start

pg-stop:
	@scripts/pg-test stop

PG_URL = $(shell scripts/pg-test url)

test-sqlite: install var
	$(PY) -m pytest -q -m "not browser and not postgres_only" -p no:cacheprovider

test-postgres: install var pg-start
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -q -m "not browser" -p no:cacheprovider

test-browser: install var pg-start
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -q -m browser -p no:cacheprovider

test: test-sqlite test-postgres test-browser

bench: install pg-start
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var
