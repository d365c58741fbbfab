"""Monthly packs (issue 19): finance, client and marketing reports as one self-contained HTML
file and a PDF made from it.

A top-level package, beside `spendline/` and `ui/`, so that the command line
(`python -m spendline report`) and the Reports page make the same file: it reads the views
through spendline's functions and draws with the pure chart builders of ui/*charts.py, and
imports no Streamlit (tests/test_reports.py checks it).
"""
