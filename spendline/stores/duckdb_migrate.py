"""A DuckDB store brought to this code's schema when it is opened: tables, the rows in force,
views and default settings created (only when this very SQL has not already done so), the
tables of an older schema upgraded, and the file copied aside first when its schema version
is older."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb

from spendline import clock, connections, facts
from spendline.config import DEFAULT_SETTINGS
from spendline.stores.reads import first_month
from spendline.views import store_sql

# Bump when schema.sql changes what an existing store holds: the store is copied aside
# before such a migration (backup_before_migration).
SCHEMA_VERSION = "3"  # 3: money DECIMAL(18,6), spend paid_amount, results figures nullable


def backup_before_migration(path: Path, connect) -> Path | None:
    """Copy an existing store of an older schema version aside before migrating it, to
    `<file>.bak-v<old>-<time>`; returns the copy's path. `connect`: the store's cursors."""
    if not path.exists():
        return None
    with connect() as con:
        has_meta = con.execute("select count(*) from information_schema.tables "
                               "where table_name = 'meta'").fetchall()[0][0]
        rows = con.execute("select value from meta where key = 'schema_version'"
                           ).fetchall() if has_meta else []
    if not rows or rows[0][0] == SCHEMA_VERSION:
        return None
    backup = path.with_name(
        f"{path.name}.bak-v{rows[0][0]}-{clock.now():%Y%m%d-%H%M%S}")
    connections.close(str(path.resolve()))  # closed, the file is complete
    shutil.copy2(path, backup)
    return backup


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables, views and default settings, unless this very SQL already did
    (re-creating twenty views on every open cost a noticeable part of a page's start)."""
    statements = store_sql()
    defaults = {**DEFAULT_SETTINGS, "schema_version": SCHEMA_VERSION}
    fingerprint = hashlib.sha256(
        "\n".join([*statements, repr(sorted(defaults.items()))]).encode()).hexdigest()
    if _migrated(con) == fingerprint:
        return
    con.execute(statements[0])
    _upgrade_tables(con)  # before the views, which read the new columns
    for statement in statements[1:]:
        con.execute(statement)
    for key, value in defaults.items():
        con.execute(
            "insert into meta values ($key, $value) on conflict do nothing",
            {"key": key, "value": value},
        )
    con.execute("insert into meta values ('data_version', '0') on conflict do nothing")
    con.execute("insert or replace into meta values ('schema_version', $v)",
                {"v": SCHEMA_VERSION})
    # Budget batches stored before budget_scopes existed: their scopes by today's rule.
    con.execute(
        """
        insert into budget_scopes
        select distinct batch_id, version, account, fiscal_year,
               make_date(fiscal_year, $first, 1),
               cast(make_date(fiscal_year, $first, 1) + interval 11 month as date)
        from budget_rows where batch_id not in (select batch_id from budget_scopes)
        """,
        {"first": first_month(con)},
    )
    facts.forget(con)  # the migration made ledger_facts afresh, empty
    con.execute("insert or replace into meta values ('sql_fingerprint', $value)",
                {"value": fingerprint})


def _migrated(con: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint of the SQL that last migrated this store, if any, and only while the
    store says it is of this schema version (an older one is migrated, whatever its SQL)."""
    exists = con.execute("select count(*) from information_schema.tables "
                         "where table_name = 'meta'").fetchall()[0][0]
    if not exists:
        return None
    found = dict(con.execute("select key, value from meta where key in "
                             "('sql_fingerprint', 'schema_version')").fetchall())
    return found.get("sql_fingerprint") if found.get("schema_version") == SCHEMA_VERSION \
        else None


# Tables of a store made by an earlier schema.sql, as they are now (`create table if not
# exists` leaves them as they were): money to six decimals, the paid amount, results figures
# that may be empty. Each only where needed: changing a column's type rewrites the table.
_UPGRADES = (
    ("budget_rows", "amount", "DECIMAL(18,6)", "alter column amount type decimal(18, 6)"),
    ("spend_rows", "amount_net", "DECIMAL(18,6)",
     "alter column amount_net type decimal(18, 6)"),
    ("spend_rows", "vat_amount", "DECIMAL(18,6)",
     "alter column vat_amount type decimal(18, 6)"),
    ("spend_rows", "paid_amount", "DECIMAL(18,6)",
     "add column if not exists paid_amount decimal(18, 6)"),
    ("results_rows", "revenue", "DECIMAL(18,6)", "alter column revenue type decimal(18, 6)"),
    ("results_rows", "platform_spend", "DECIMAL(18,6)",
     "alter column platform_spend type decimal(18, 6)"),
    ("results_rows", "revenue", "YES", "alter column revenue drop not null"),
    ("results_rows", "leads", "YES", "alter column leads drop not null"),
)


def _upgrade_tables(con: duckdb.DuckDBPyConnection) -> None:
    columns = {(t, c): (typ, nullable) for t, c, typ, nullable in con.execute(
        "select table_name, column_name, data_type, is_nullable from information_schema.columns"
        " where table_schema = 'main'").fetchall()}
    for table, column, wanted, change in _UPGRADES:
        found = columns.get((table, column))
        if found is None or wanted not in found:
            con.execute(f"alter table {table} {change}")  # names from _UPGRADES only
