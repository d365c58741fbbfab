# Two commands a newcomer needs: `make run` (dashboard on the demo data) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: install run test lint demo-data clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: install
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: install
	$(PY) -m pytest
	$(PY) -m ruff check .

lint: install
	$(PY) -m ruff check .

demo-data: install
	$(PY) scripts/make_demo_data.py --out data/demo

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
