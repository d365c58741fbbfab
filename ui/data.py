"""Views for the pages, cached per (store, data version, filters): a filter change that was
seen before is instant, and any upload or rollback makes every cached figure stale."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pandas as pd
import pyarrow as pa
import streamlit as st

from spendline import views
from spendline.views import Filters
from ui.state import get_store


@st.cache_data(show_spinner=False, max_entries=512)
def _run(db: str, version: int, kind: str, name: str, filters: Filters,
         by: tuple[str, ...] = ()) -> pa.Table:
    store = get_store()
    if kind == "view":
        return views.run_view(store, name, filters)
    if kind == "table":
        return views.run_other(store, name, filters)
    if kind == "count":
        return views.run_count(store, name, filters)
    if kind == "breakdown":
        return (views.run_totals(store, filters, by) if by
                else views.run_breakdown(store, filters))
    return views.run_outcome_totals(store, filters, by) if by else views.run_outcomes(
        store, filters)


def _version() -> tuple[str, int]:
    store = get_store()
    return str(store.path), store.data_version()


def view(name: str, filters: Filters) -> pa.Table:
    """A SPEC §5 view (Arrow: DECIMAL money exact, renders directly in st.dataframe)."""
    return _run(*_version(), "view", name, filters)


def table(name: str, filters: Filters) -> pa.Table:
    """Any other view of spendline/sql (the pages' own tables), cached the same way."""
    return _run(*_version(), "table", name, filters)


def row_count(name: str, filters: Filters) -> int:
    """How many rows a SPEC §5 view has (counted in SQL: none of them is fetched)."""
    return _run(*_version(), "count", name, filters).column(0)[0].as_py()


def view_frame(name: str, filters: Filters) -> pd.DataFrame:
    return view(name, filters).to_pandas()


def breakdown(filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """The breakdown view; with `by`, its figures added up per those columns (in SQL: a
    page needing totals per channel should not pull every month × dimension row)."""
    return _run(*_version(), "breakdown", "", filters, tuple(by)).to_pandas()


def outcomes(filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """The outcomes view; with `by`, added up per those columns."""
    return _run(*_version(), "outcomes", "", filters, tuple(by)).to_pandas()


def as_stood(filters: Filters, day: date) -> Filters:
    """The same filters on the store as it stood at the end of `day` (compare with)."""
    return replace(filters, as_at=datetime.combine(day, time.max), as_of=day)


def whole_fiscal_year(filters: Filters, first: date, last: date) -> Filters:
    """The filters with the month range widened to the whole fiscal year."""
    return replace(filters, from_month=first, to_month=last)
