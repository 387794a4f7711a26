# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
NETKART := $(VENV)/bin/netkart
PYTHON ?= python3

# netkart's own packages (pyproject.toml, packages.find).
PACKAGES := netkart ingest cypher analytics dashboard report

.PHONY: install db demo serve test lint bench stop

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# pip compiles the packages it installs, but an editable install leaves ours to be compiled
# when first imported, and where PYTHONDONTWRITEBYTECODE is set (as on our machines) that
# happens anew in every command: a tenth of `netkart metrics`' start-up (docs/performance.md).
# Compiling is quick when nothing changed, so it runs on every install.
install: $(VENV)/.installed
	$(PY) -m compileall -q $(PACKAGES)

db: install
	$(NETKART) db start

demo: db
	$(NETKART) demo
	$(NETKART) serve

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The benchmarks are modules of the bench package (docs/performance.md); run them with -m.
bench: db
	$(PY) -m bench.cli
	$(PY) -m bench.ingest
	$(PY) -m bench.analytics
	$(PY) -m bench.dashboard
	$(PY) -m bench.report

stop:
	$(NETKART) db stop
