# The two commands of the README:
#   make demo   set up .venv and ingest the bundled demo corpus into demo.duckdb, with a summary
#   make test   set up .venv and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test bench evaluate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e ".[test,scale]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/newsledger demo --db demo.duckdb

test: $(STAMP)
	$(VENV)/bin/python -m pytest

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) demo.duckdb
