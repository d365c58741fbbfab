"""The store as the app sees it: one per server process, demo data on first start."""

from __future__ import annotations

import streamlit as st

from spendline.config import db_path
from spendline.demo import load_demo_if_empty
from spendline.store import Store


@st.cache_resource(show_spinner="Opening the store…")
def _store(path: str) -> Store:
    store = Store(path)
    load_demo_if_empty(store)
    return store


def get_store() -> Store:
    """The app's store (SPENDLINE_DB or data/spendline.duckdb), loaded with the demo when new."""
    return _store(str(db_path()))

