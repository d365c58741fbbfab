"""Views for the pages, cached per (store, data version, filters): a filter change that was
seen before is instant, and any upload or rollback makes every cached figure stale."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, datetime, time

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from spendline import planning, views
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
    if kind == "accounts":
        return planning.accounts(store, filters)
    if kind == "account_channels":
        return planning.account_channels(store, name, filters)
    if kind == "breakdown":
        return (views.run_totals(store, filters, by) if by
                else views.run_breakdown(store, filters))
    return views.run_outcome_totals(store, filters, by) if by else views.run_outcomes(
        store, filters)


def _version() -> tuple[str, int]:
    store = get_store()
    return str(store.path), store.data_version()


@dataclass(frozen=True)
class Want:
    """One query a page asks for: what `_run` is called with, less the store's version."""

    kind: str  # view, table, count, breakdown, outcomes, accounts, account_channels
    name: str
    filters: Filters
    by: tuple[str, ...] = ()

    def get(self) -> pa.Table:
        return _run(*_version(), self.kind, self.name, self.filters, self.by)


def prefetch(*wants: Want) -> None:
    """Run the queries a page is about to read side by side, into the cache it reads them
    from. After a filter change a page then waits for its slowest query, not for the sum of
    them: DuckDB runs each on its own cursor and lets go of the GIL (about 1.7x on two
    cores for the Overview's queries at a million ledger rows). Fresh threads each time,
    carrying this session's script context, so no context leaks into another session."""
    ctx = get_script_run_ctx()
    version = _version()  # once for all of them, not a store query per want
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="prefetch",
                            initializer=lambda: add_script_run_ctx(threading.current_thread(),
                                                                   ctx)) as pool:
        for done in [pool.submit(_run, *version, w.kind, w.name, w.filters, w.by)
                     for w in dict.fromkeys(wants)]:
            done.result()  # an error is raised here, as the page's own read would raise it


def view_of(name: str, filters: Filters) -> Want:
    return Want("view", name, filters)


def table_of(name: str, filters: Filters) -> Want:
    return Want("table", name, filters)


def count_of(name: str, filters: Filters) -> Want:
    return Want("count", name, filters)


def breakdown_of(filters: Filters, by: tuple[str, ...] = ()) -> Want:
    return Want("breakdown", "", filters, tuple(by))


def outcomes_of(filters: Filters, by: tuple[str, ...] = ()) -> Want:
    return Want("outcomes", "", filters, tuple(by))


def view(name: str, filters: Filters) -> pa.Table:
    """A SPEC §5 view (Arrow: DECIMAL money exact, renders directly in st.dataframe)."""
    return view_of(name, filters).get()


def table(name: str, filters: Filters) -> pa.Table:
    """Any other view of spendline/sql (the pages' own tables: spendline.views.run_other),
    cached the same way."""
    return table_of(name, filters).get()


def row_count(name: str, filters: Filters) -> int:
    """How many rows a SPEC §5 view has (counted in SQL: none of them is fetched)."""
    return count_of(name, filters).get().column(0)[0].as_py()


def accounts(filters: Filters) -> pa.Table:
    """One row per client account: its total over all channels (spendline.planning)."""
    return Want("accounts", "", filters).get()


def account_channels(account: str, filters: Filters) -> pa.Table:
    """One account's figures per channel."""
    return Want("account_channels", account, filters).get()


def view_frame(name: str, filters: Filters) -> pd.DataFrame:
    return view(name, filters).to_pandas()


def breakdown(filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """The breakdown view; with `by`, its figures added up per those columns (in SQL: a
    page needing totals per channel should not pull every month × dimension row)."""
    return breakdown_of(filters, by).get().to_pandas()


def outcomes(filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """The outcomes view; with `by`, added up per those columns."""
    return outcomes_of(filters, by).get().to_pandas()


def as_stood(filters: Filters, day: date) -> Filters:
    """The same filters on the store as it stood at the end of `day` (compare with)."""
    return replace(filters, as_at=datetime.combine(day, time.max), as_of=day)


# media_rollup's levels and the columns each is broken down by (sql/marts/media_rollup.sql).
MEDIA_LEVELS = {"total": (), "channel": ("channel",), "platform": ("channel", "platform"),
                "campaign": ("campaign", "channel")}


def media_rollup(filters: Filters, level: str) -> pa.Table:
    """What the ad platforms report, added up by `level` (a key of MEDIA_LEVELS), with the
    invoiced actual of the same rows beside it; only that level's key columns."""
    rows = table("media_rollup", filters)
    rows = rows.filter(pc.equal(rows["level"], level))
    figures = [c for c in rows.column_names if c not in ("level", "channel", "platform",
                                                         "campaign")]
    return rows.select([*MEDIA_LEVELS[level], *figures])
