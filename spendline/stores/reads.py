"""Reading a store: the same DuckDB SQL over the DuckDB file and over a PostgreSQL store's
local snapshot. Store classes mix in StoreReads and give it `connect()` (a DuckDB cursor on
the data as it now stands) and `_before_reading(con)` (facts made fresh)."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import duckdb
import pandas as pd
import pyarrow as pa

from spendline import clock
from spendline.adjustments import (
    BudgetLine,
)
from spendline.stores.base import (
    Batch,
    BatchPreview,
    StoredProfile,
    key_columns,
    to_arrow,
    with_fiscal_year,
)


class StoreReads:
    """The read half of the store interface, on `self.connect()`."""

    def connect(self) -> contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]:
        raise NotImplementedError

    def _before_reading(self, con: duckdb.DuckDBPyConnection) -> None:
        """Make derived tables (ledger_facts) match the data before a query runs."""

    def settings(self) -> dict[str, str]:
        """The settings in force and the store's versions (not the facts' bookkeeping)."""
        with self.connect() as con:
            return dict(con.execute("select key, value from meta "
                                    "where key <> 'facts_version'").fetchall())

    def set_setting(self, key: str, value: str, user: object = "local") -> None:
        """One setting changed (each engine's change_settings writes it as a batch)."""
        self.change_settings({key: value}, user=user)

    def channel_mapping(self) -> dict[str, str]:
        """The channel aliases in force: alias as typed -> channel."""
        rows = self.query("select alias, channel from channel_mapping_rows "
                          "where current and channel is not null order by alias_key").to_pylist()
        return {r["alias"]: r["channel"] for r in rows}

    def data_version(self) -> int:
        """Changes whenever stored data changes: a cache key for everything read."""
        with self.connect() as con:
            return int(meta_value(con, "data_version"))

    def is_empty(self) -> bool:
        with self.connect() as con:
            return con.execute("select count(*) from batches").fetchall()[0][0] == 0

    def query(self, sql: str, params: dict | None = None,
              variables: dict | None = None) -> pa.Table:
        """Run a read query; Arrow keeps DECIMAL money exact (pandas would make it float).
        `variables` become DuckDB session variables, which the views read as filters."""
        return self.queries({"": sql}, params, variables)[""]

    def queries(self, sqls: dict[str, str], params: dict | None = None,
                variables: dict | None = None) -> dict[str, pa.Table]:
        """Several read queries on one connection (each connection costs an open)."""
        with self.connect() as con:
            self._before_reading(con)  # before any variable is set
            for name, value in {"today": clock.today(), **(variables or {})}.items():
                con.execute(f"set variable {name} = $value", {"value": value})
            if (variables or {}).get("as_at") is not None:
                as_stood(con)
            # One transaction: every query sees the same data, even while a write (or a
            # PostgreSQL store's refresh) commits in another thread.
            con.execute("begin transaction")
            try:
                return {key: con.sql(sql, params=params or None).to_arrow_table()
                        for key, sql in sqls.items()}
            finally:
                con.execute("rollback")

    def history(self) -> pd.DataFrame:
        """The upload history (settings changes and approved adjustments included), newest
        first."""
        return self.query(
            "select batch_id, uploaded_at, uploaded_by, file_name, sheet, kind, note, rows, added, "
            "changed, replaced, rolled_back_at, rolled_back_by, reapplied_at, reapplied_by, "
            "was_rolled_back_at, was_rolled_back_by, sha256 "
            "from batches order by batch_id desc"
        ).to_pandas()

    def stored_profiles(self) -> list[StoredProfile]:
        """Every saved import profile as stored, by name."""
        rows = self.query("select name, owner, shared, definition from import_profiles "
                          "order by name").to_pylist()
        return [_stored_profile(r) for r in rows]

    def saved_views(self) -> list[dict]:
        """Every saved view of the filters: owner, name, shared, params (JSON), by name."""
        return self.query("select owner, name, shared, params from saved_views "
                          "order by name, owner").to_pylist()

    def stored_profile(self, name: str) -> StoredProfile | None:
        """The saved import profile of this name as stored, or None."""
        rows = self.query("select name, owner, shared, definition from import_profiles "
                          "where name = $name", {"name": name}).to_pylist()
        return _stored_profile(rows[0]) if rows else None

    def preferences(self, email: str) -> dict[str, str] | None:
        """A user's stored number format ({"numbers": "it", "currency_position": "after"}),
        or None when they never chose one."""
        rows = self.query("select numbers, currency_position from user_preferences "
                          "where email = $email", {"email": email}).to_pylist()
        return rows[0] if rows else None

    def preview(self, batches: list[Batch]) -> list[BatchPreview]:
        """What each batch would add, change or replace, without storing anything."""
        with self.connect() as con:
            first = first_month(con)
            return [preview_batch(con, with_fiscal_year(b, first)) for b in batches]

    def budget_lines(self) -> list[BudgetLine]:
        """The lines of the budget version in force, to move budget between or add to."""
        rows = self.query(
            "select distinct account, channel, category, platform, campaign, budget_line "
            "from budget where version = 'budget' order by all").to_pylist()
        return [BudgetLine(**r) for r in rows]

    def line_budget(self, line: BudgetLine, month) -> Decimal:
        """The budget in force (adjustments included) of a line in a month, base currency."""
        with self.connect() as con:
            return line_budget_of(con, line, month)


def _stored_profile(row: dict) -> StoredProfile:
    return StoredProfile(row["name"], row["owner"], bool(row["shared"]), row["definition"])


def meta_value(con: duckdb.DuckDBPyConnection, key: str) -> str:
    return con.execute("select value from meta where key = $key", {"key": key}).fetchall()[0][0]


def current_settings(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("select key, value from meta").fetchall())


def first_month(con: duckdb.DuckDBPyConnection) -> int:
    return int(meta_value(con, "fiscal_first_month"))


def as_stood(con: duckdb.DuckDBPyConnection) -> None:
    """On this connection only, every view X with a twin X_as_stood becomes that twin: the
    store as it stood at the variable `as_at` (see schema.sql)."""
    twins = con.execute("select view_name from duckdb_views() where schema_name = 'main' "
                        "and view_name like '%\\_as\\_stood' escape '\\'").fetchall()
    for (twin,) in twins:
        con.execute(f"create or replace temp view {twin.removesuffix('_as_stood')} as "
                    f"select * from {twin}")


def stored_columns(con: duckdb.DuckDBPyConnection, kind: str) -> list[str]:
    cols = [r[0] for r in con.execute(f"describe {kind}_rows").fetchall()]
    return [c for c in cols if c not in ("batch_id", "current")]


def preview_batch(con: duckdb.DuckDBPyConnection, batch: Batch,
             incoming: pa.Table | None = None) -> BatchPreview:
    if incoming is None:
        incoming = to_arrow(batch.frame, stored_columns(con, batch.kind))
    columns = incoming.column_names
    con.register("incoming", incoming)
    try:
        table = f"{batch.kind}_rows"
        new_values = _new_dimension_values(con, columns)
        if batch.kind == "budget":
            scopes = con.execute(
                "select distinct fiscal_year, version, account from incoming order by all"
            ).fetchall()
            first = {"first": first_month(con)}
            replaced = con.execute(
                f"select count(*) from {table} t where current and {IN_INCOMING_SCOPE}", first
            ).fetchall()[0][0]
            kept = con.execute(
                "select count(distinct adjustment_id) from budget_adjustment_rows t "
                f"where current and {IN_INCOMING_SCOPE}", first
            ).fetchall()[0][0]
            return BatchPreview(batch.sheet, "budget", len(batch.frame), len(batch.frame), 0, 0,
                                replaced, scopes, kept, new_values)
        key = key_columns(batch.kind)
        others = [c for c in columns if c not in key and c != "source_row"]
        on = " and ".join(f"i.{k} is not distinct from t.{k}" for k in key)
        same = " and ".join(f"i.{c} is not distinct from t.{c}" for c in others)
        added, changed, unchanged = con.execute(
            f"""
            select
                count(*) filter (where t.{key[0]} is null) ,
                count(*) filter (where t.{key[0]} is not null and not ({same})),
                count(*) filter (where t.{key[0]} is not null and ({same}))
            from incoming i
            left join (select * from {table} where current) t on {on}
            """
        ).fetchall()[0]
        return BatchPreview(batch.sheet, batch.kind, len(batch.frame), added, changed,
                            unchanged, 0, new_values=new_values)
    finally:
        # After a failed statement the transaction is aborted and unregister would raise,
        # hiding the real error; the connection is rolled back and closed anyway.
        with contextlib.suppress(duckdb.Error):
            con.unregister("incoming")


# The dimensions whose new values an upload's preview lists (SPEC §1.1: `Eventi` mapped to
# `Events` before it becomes a channel of its own), and the stored rows that know them.
DIMENSIONS = {"channel": ("budget_rows", "spend_rows", "results_rows"),
              "platform": ("budget_rows", "spend_rows", "results_rows"),
              "account": ("budget_rows", "spend_rows", "results_rows"),
              "vendor": ("spend_rows", "vendors_rows")}


def _new_dimension_values(con: duckdb.DuckDBPyConnection,
                          columns: list[str]) -> dict[str, list[str]]:
    """Per dimension the incoming rows have, the values no row in force has yet, sorted."""
    out = {}
    for column, tables in DIMENSIONS.items():  # names from this fixed table, never user text
        if column not in columns:
            continue
        known = " union ".join(f"select {column} from {t} where current" for t in tables)
        found = con.execute(
            f"select distinct {column} from incoming where {column} is not null "
            f"and {column} not in ({known}) order by 1").fetchall()
        if found:
            out[column] = [v for (v,) in found]
    return out


# A stored budget row (t) whose month lies in a fiscal year of its version and account that
# the incoming rows touch (fiscal years starting in month $first).


IN_INCOMING_SCOPE = """exists (
    select 1 from incoming i
    where i.version = t.version and i.account = t.account
      and t.month between make_date(i.fiscal_year, $first, 1)
                      and cast(make_date(i.fiscal_year, $first, 1) + interval 11 month as date))"""


# One budget line's rows: its account, channel, category, platform, campaign and code.
LINE_MATCH = """account = $account and channel = $channel and category = $category
    and platform is not distinct from $platform and campaign is not distinct from $campaign
    and budget_line is not distinct from $budget_line"""


def line_budget_of(con: duckdb.DuckDBPyConnection, line: BudgetLine, month) -> Decimal:
    value = con.execute(
        f"select sum(amount_base) from budget_base where version = 'budget' "
        f"and month = $month and {LINE_MATCH}",
        {"month": month.replace(day=1), **vars(line)},
    ).fetchall()[0][0]
    return Decimal(value or 0).quantize(Decimal("0.01"))
