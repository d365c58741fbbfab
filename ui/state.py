"""The store as the app sees it: one per server process, demo data on first start."""

from __future__ import annotations

import streamlit as st

from spendline.config import db_path
from spendline.demo import load_demo_if_empty
from spendline.store import Store, open_store
from spendline.stores import db_url


@st.cache_resource(show_spinner="Opening the store…")
def _store(target: str):
    store = open_store(target)
    # A shared PostgreSQL store is a team's system of record: it starts empty, no demo.
    if isinstance(store, Store):
        load_demo_if_empty(store)
    return store


def get_store():
    """The app's store: PostgreSQL at SPENDLINE_DB_URL when set, else the DuckDB file
    (SPENDLINE_DB or data/spendline.duckdb), loaded with the demo when new."""
    return _store(db_url() or str(db_path()))


def read_settings() -> dict[str, str]:
    """Read the store's settings for this page run (app.py, at the run's start)."""
    st.session_state["_settings"] = get_store().settings()
    return st.session_state["_settings"]


def first_month() -> int:
    """The fiscal year's first month (1: January), from this run's settings."""
    return int(settings()["fiscal_first_month"])


def settings() -> dict[str, str]:
    """The store's settings as this page run read them: once, not a query per widget that
    needs the base currency or the fiscal year's first month. A change made on the Settings
    page reruns the app, which reads them again."""
    return st.session_state.get("_settings") or read_settings()
