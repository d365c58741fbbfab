"""The Accounts, Scorecard and Budget adjustments views for the pages, cached per (store, data
version, filters) like ui.data: any upload, rollback, settings change or adjustment decision
makes them stale."""

from __future__ import annotations

import pyarrow as pa
import streamlit as st

from spendline import planning
from spendline.views import Filters
from ui.state import get_store


@st.cache_data(show_spinner=False, max_entries=256)
def _run(db: str, version: int, name: str, filters: Filters, account: str | None) -> pa.Table:
    store = get_store()
    if name == "accounts":
        return planning.accounts(store, filters)
    if name == "account_channels":
        return planning.account_channels(store, account, filters)
    return planning.run(store, name, filters)


def _key() -> tuple[str, int]:
    store = get_store()
    return str(store.path), store.data_version()


def view(name: str, filters: Filters) -> pa.Table:
    """A view of spendline.planning (Arrow: DECIMAL money exact)."""
    return _run(*_key(), name, filters, None)


def accounts(filters: Filters) -> pa.Table:
    return _run(*_key(), "accounts", filters, None)


def account_channels(account: str, filters: Filters) -> pa.Table:
    return _run(*_key(), "account_channels", filters, account)
