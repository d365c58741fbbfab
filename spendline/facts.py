"""The table ledger_facts: ledger_figures_live worked out once per change of the data.

Every view reads the ledger through ledger_figures (spendline/sql/base/ledger_figures.sql). Worked
out live, that is two passes and two joins over every ledger row (months, fx rates, orders
drawn on by invoices) inside every view, every filter change: at a million rows, several
hundred milliseconds a view. The result depends only on the stored data and the settings,
which change only through Store.apply, rollback and set_setting, and each of those bumps
`data_version`. So the result is kept in a table, tagged with the data version it was made
from, and made again by the first read that finds it older than the data: an import from
the command line stores without paying for it, and no reader ever sees a stale table (it
waits for the one that makes it).
"""

from __future__ import annotations

import threading

import duckdb

_guard = threading.Lock()
_locks: dict[str, threading.Lock] = {}
_failed: dict[str, str] = {}  # store path -> the data version its facts could not be made of

_VERSIONS = "select key, value from meta where key in ('data_version', 'facts_version')"


def ensure(con: duckdb.DuckDBPyConnection, store_path: str) -> None:
    """Make ledger_facts match the data, if an upload, rollback or setting came since.
    Call it before setting any session variable (the facts are the store as it is now).
    When the ledger cannot be worked out (an amount too large for its fx conversion),
    ledger_figures is worked out live on this connection instead, as it was before the
    table existed: a query touching that row fails as it always did, the others run."""
    versions = _versions(con)
    if versions.get("facts_version") == versions.get("data_version"):
        return
    with lock(store_path):  # one thread makes it; the others wait for it, then find it fresh
        versions = _versions(con)
        if versions.get("facts_version") == versions.get("data_version"):
            return
        if _failed.get(store_path) != versions.get("data_version"):
            try:
                _make(con)
                return
            except duckdb.Error:
                _failed[store_path] = versions.get("data_version")
    con.execute("create or replace temp view ledger_figures as "
                "select * from ledger_figures_live")


def lock(store_path: str) -> threading.Lock:
    """The lock held while the facts of a store are made; a PostgreSQL store's snapshot
    holds it too while it loads a pull, so the two never write meta at once."""
    with _guard:
        return _locks.setdefault(store_path, threading.Lock())


def make(con: duckdb.DuckDBPyConnection) -> None:
    """Make the facts inside the caller's transaction (a snapshot's load: readers see the
    new data and its facts together)."""
    con.execute("create or replace table ledger_facts as "
                "select * from ledger_figures_live order by month")
    con.execute("insert or replace into meta select 'facts_version', value from meta "
                "where key = 'data_version'")


def _make(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("begin transaction")
    try:
        make(con)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def forget(con: duckdb.DuckDBPyConnection) -> None:
    """Mark the facts as made from no data (after the migration emptied the table)."""
    con.execute("delete from meta where key = 'facts_version'")


def _versions(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute(_VERSIONS).fetchall())
