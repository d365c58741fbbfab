# Two commands a newcomer needs: `make run` (dashboard on the demo data) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: install run test test-browser screenshots lint demo-data bench clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: install
	$(PY) -m streamlit run app.py --server.port $(PORT)

# The whole suite: unit, view and page tests on both cores, the browser tests (Debian's
# Chromium at /usr/bin/chromium, or SPENDLINE_CHROMIUM=/path), the PostgreSQL store's tests
# against a throwaway server, and ruff. scripts/run_tests.sh installs chromium and postgresql
# when missing (root or sudo) and starts and stops the server.
test: install
	PY=$(PY) bash scripts/run_tests.sh

test-browser: install
	$(PY) -m pytest tests/browser

# Every page at 1440x900 and 1024x768 and the first pages of each monthly pack in screenshots/
# (or SPENDLINE_SCREENSHOTS=/dir), for a person to see.
screenshots: install
	$(PY) -m pytest tests/browser/test_every_page.py tests/browser/test_packs.py -k "loads_cleanly or small_laptop or packs_print"

lint: install
	$(PY) -m ruff check .

# Benchmarks (not tests): intake against pandas.read_excel, views and pages on 1M ledger
# rows, cold start. Prints tables; takes about a quarter of an hour (bench/README in README.md).
bench: install
	$(PY) bench/run.py

demo-data: install
	$(PY) scripts/make_demo_data.py --out data/demo

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
