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

# The whole suite, browser tests (tests/browser) included: they drive Debian's Chromium at
# /usr/bin/chromium (`sudo apt-get install -y chromium`; SPENDLINE_CHROMIUM=/path for another)
# and fail, not skip, without it. `bash .ci/run` installs it in CI.
# Unit, view and page tests on both cores (pytest-xdist), then the browser tests on their own
# (each starts a real app server and Chromium).
test: install
	$(PY) -m pytest -n 2 --ignore=tests/browser
	$(PY) -m pytest tests/browser
	$(PY) -m ruff check .

test-browser: install
	$(PY) -m pytest tests/browser

# Every page at 1440x900 in screenshots/ (or SPENDLINE_SCREENSHOTS=/dir), for a person to see.
screenshots: install
	$(PY) -m pytest tests/browser/test_every_page.py -k loads_cleanly

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
