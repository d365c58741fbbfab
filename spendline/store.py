"""The DuckDB store: schema, upload batches, merge by key, budget replacement and rollback.

Every uploaded row is kept in a `<kind>_rows` table with the batch that brought it. Which rows
are in force (`current`) is derived from the batches that are not rolled back:
- keyed kinds (spend, results, vendors, fx_rates): per key, the row of the latest batch;
- budget: per (fiscal year, version, account), the rows of the latest batch touching it.
So a rollback only marks its batch and derives `current` again: the earlier state comes
back exactly, and nothing uploaded is ever deleted.

This class is the store's whole interface (apply, preview, rollback, history, query,
settings), so that another engine can stand in for DuckDB later.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from loaders.kinds import KINDS
from spendline.config import DEFAULT_SETTINGS
from spendline.sql import read_sql
from spendline.views import view_sql

SCHEMA_VERSION = "1"
LOCK_WAIT_SECONDS = 15.0

# Arrow types of the stored columns that are not plain text.
_ARROW_TYPES = {
    "month": pa.date32(),
    "date": pa.date32(),
    "quote_date": pa.date32(),
    "order_date": pa.date32(),
    "invoice_date": pa.date32(),
    "due_date": pa.date32(),
    "paid_date": pa.date32(),
    "fiscal_year": pa.int32(),
    "source_row": pa.int32(),
    "amount": pa.decimal128(18, 2),
    "amount_net": pa.decimal128(18, 2),
    "vat_amount": pa.decimal128(18, 2),
    "revenue": pa.decimal128(18, 2),
    "platform_spend": pa.decimal128(18, 2),
    "vat_rate": pa.decimal128(18, 6),
    "rate": pa.decimal128(18, 8),
    "impressions": pa.int64(),
    "clicks": pa.int64(),
    "leads": pa.int64(),
    "opportunities": pa.int64(),
    "customers": pa.int64(),
    "rating": pa.int32(),
    "has_contract": pa.bool_(),
    "has_invoice": pa.bool_(),
    "has_receipt": pa.bool_(),
}

BUDGET_SCOPE = ("fiscal_year", "version", "account")


class StoreBusy(RuntimeError):
    """Another program holds the store file; the message is for the user."""


@dataclass
class Batch:
    """One validated sheet, ready to store. `frame` holds the kind's stored columns."""

    file_name: str
    sha256: str
    sheet: str
    kind: str
    frame: pd.DataFrame


@dataclass
class BatchPreview:
    """What applying a batch would do to the rows now in force."""

    sheet: str
    kind: str
    rows: int
    added: int
    changed: int
    unchanged: int
    replaced: int  # budget rows of the same fiscal year, version and account
    replaced_scopes: list[tuple] = field(default_factory=list)


def fiscal_year(month: pd.Series, first_month: int) -> pd.Series:
    """Fiscal year of each month, named after the calendar year it starts in."""
    months = pd.to_datetime(month)
    return months.dt.year - (months.dt.month < first_month).astype(int)


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as con:
            self._migrate(con)

    # -- connections -----------------------------------------------------------------------
    @contextlib.contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection held only while it is used, so other processes can take the file."""
        con = self._open()
        try:
            yield con
        finally:
            con.close()

    def _open(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                return duckdb.connect(str(self.path))
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                if time.monotonic() > deadline:
                    raise StoreBusy(
                        f"The store {self.path.name} is in use by another program "
                        f"(waited {LOCK_WAIT_SECONDS:.0f} s). Try again when it has finished."
                    ) from exc
                time.sleep(0.2)

    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
        con.execute(read_sql("schema"))
        for statement in view_sql():
            con.execute(statement)
        for key, value in {**DEFAULT_SETTINGS, "schema_version": SCHEMA_VERSION}.items():
            con.execute(
                "insert into meta values ($key, $value) on conflict do nothing",
                {"key": key, "value": value},
            )
        con.execute("insert into meta values ('data_version', '0') on conflict do nothing")

    # -- settings and version ---------------------------------------------------------------
    def settings(self) -> dict[str, str]:
        with self.connect() as con:
            return dict(con.execute("select key, value from meta").fetchall())

    def set_setting(self, key: str, value: str) -> None:
        with self.connect() as con:
            con.execute(
                "insert or replace into meta values ($key, $value)", {"key": key, "value": value}
            )
            _bump_version(con)

    def data_version(self) -> int:
        """Changes whenever stored data changes: a cache key for everything read."""
        with self.connect() as con:
            return int(_meta(con, "data_version"))

    def is_empty(self) -> bool:
        with self.connect() as con:
            return con.execute("select count(*) from batches").fetchall()[0][0] == 0

    # -- reading ------------------------------------------------------------------------------
    def query(self, sql: str, params: dict | None = None,
              variables: dict | None = None) -> pa.Table:
        """Run a read query; Arrow keeps DECIMAL money exact (pandas would make it float).
        `variables` become DuckDB session variables, which the views read as filters."""
        with self.connect() as con:
            for name, value in (variables or {}).items():
                con.execute(f"set variable {name} = $value", {"value": value})
            return con.sql(sql, params=params or None).to_arrow_table()

    def history(self) -> pd.DataFrame:
        """The upload history, newest first."""
        return self.query(
            "select batch_id, uploaded_at, uploaded_by, file_name, sheet, kind, rows, added, "
            "changed, replaced, rolled_back_at, rolled_back_by, sha256 "
            "from batches order by batch_id desc"
        ).to_pandas()

    def header_mappings(self, kind: str) -> dict[str, str]:
        rows = self.query(
            "select header, canonical from header_mappings where kind = $kind", {"kind": kind}
        ).to_pylist()
        return {r["header"]: r["canonical"] for r in rows}

    def remember_header_mapping(self, kind: str, mapping: dict[str, str]) -> None:
        with self.connect() as con:
            for header, canonical in mapping.items():
                con.execute(
                    "insert or replace into header_mappings values ($kind, $header, $canonical)",
                    {"kind": kind, "header": header, "canonical": canonical},
                )

    # -- writing ------------------------------------------------------------------------------
    def preview(self, batches: list[Batch]) -> list[BatchPreview]:
        """What each batch would add, change or replace, without storing anything."""
        with self.connect() as con:
            first_month = _first_month(con)
            return [_preview(con, _with_fiscal_year(b, first_month)) for b in batches]

    def apply(self, batches: list[Batch], user: str = "local") -> list[int]:
        """Store all batches in one transaction: every one of them, or none."""
        with self.connect() as con:
            first_month = _first_month(con)
            con.execute("begin transaction")
            try:
                upload_id = uuid.uuid4().hex
                ids = [
                    _apply_one(con, _with_fiscal_year(b, first_month), upload_id, user)
                    for b in batches
                ]
                for kind in {b.kind for b in batches}:
                    _derive_current(con, kind)
                _bump_version(con)
                con.execute("commit")
            except BaseException:
                con.execute("rollback")
                raise
            return ids

    def rollback(self, batch_id: int, user: str = "local") -> None:
        """Undo one batch: the rows in force become what they would be without it."""
        with self.connect() as con:
            row = con.execute(
                "select kind, rolled_back_at from batches where batch_id = $id", {"id": batch_id}
            ).fetchall()
            if not row:
                raise KeyError(f"There is no upload batch {batch_id}.")
            row = row[0]
            if row[1] is not None:
                raise ValueError(f"Batch {batch_id} was already rolled back.")
            con.execute("begin transaction")
            try:
                con.execute(
                    "update batches set rolled_back_at = $now, rolled_back_by = $user "
                    "where batch_id = $id",
                    {"now": datetime.now(), "user": user, "id": batch_id},
                )
                _derive_current(con, row[0])
                _bump_version(con)
                con.execute("commit")
            except BaseException:
                con.execute("rollback")
                raise


# -- helpers ------------------------------------------------------------------------------------
def _meta(con: duckdb.DuckDBPyConnection, key: str) -> str:
    return con.execute("select value from meta where key = $key", {"key": key}).fetchall()[0][0]


def _first_month(con: duckdb.DuckDBPyConnection) -> int:
    return int(_meta(con, "fiscal_first_month"))


def _bump_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "update meta set value = cast(cast(value as integer) + 1 as varchar) "
        "where key = 'data_version'"
    )


def _with_fiscal_year(batch: Batch, first_month: int) -> Batch:
    if batch.kind != "budget":
        return batch
    frame = batch.frame.assign(fiscal_year=fiscal_year(batch.frame["month"], first_month))
    return Batch(batch.file_name, batch.sha256, batch.sheet, batch.kind, frame)


def _stored_columns(con: duckdb.DuckDBPyConnection, kind: str) -> list[str]:
    cols = [r[0] for r in con.execute(f"describe {kind}_rows").fetchall()]
    return [c for c in cols if c not in ("batch_id", "current")]


def to_arrow(frame: pd.DataFrame, columns: list[str]) -> pa.Table:
    """The frame's stored columns as Arrow with exact types (DECIMAL money, dates)."""
    arrays = {}
    for name in columns:
        values = frame[name] if name in frame else pd.Series([None] * len(frame), dtype=object)
        typ = _ARROW_TYPES.get(name, pa.string())
        if pa.types.is_date32(typ):
            values = pd.to_datetime(values).dt.date
        arrays[name] = pa.array(values.astype(object).where(values.notna(), None), type=typ)
    return pa.table(arrays)


def _key_columns(kind: str) -> list[str]:
    return list(KINDS[kind].key) if kind != "budget" else list(BUDGET_SCOPE)


def _preview(con: duckdb.DuckDBPyConnection, batch: Batch) -> BatchPreview:
    columns = _stored_columns(con, batch.kind)
    con.register("incoming", to_arrow(batch.frame, columns))
    try:
        table = f"{batch.kind}_rows"
        if batch.kind == "budget":
            scopes = con.execute(
                "select distinct fiscal_year, version, account from incoming order by all"
            ).fetchall()
            replaced = con.execute(
                f"select count(*) from {table} t where current and exists (select 1 from "
                "incoming i where i.fiscal_year = t.fiscal_year and i.version = t.version "
                "and i.account = t.account)"
            ).fetchall()[0][0]
            return BatchPreview(batch.sheet, "budget", len(batch.frame), len(batch.frame), 0, 0,
                                replaced, scopes)
        key = _key_columns(batch.kind)
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
                            unchanged, 0)
    finally:
        # After a failed statement the transaction is aborted and unregister would raise,
        # hiding the real error; the connection is rolled back and closed anyway.
        with contextlib.suppress(duckdb.Error):
            con.unregister("incoming")


def _apply_one(con: duckdb.DuckDBPyConnection, batch: Batch, upload_id: str, user: str) -> int:
    preview = _preview(con, batch)
    batch_id = con.execute("select nextval('batch_ids')").fetchall()[0][0]
    con.execute(
        """
        insert into batches values ($id, $upload, $file, $sha, $sheet, $kind, $rows, $added,
            $changed, $replaced, $now, $user, null, null)
        """,
        {
            "id": batch_id, "upload": upload_id, "file": batch.file_name, "sha": batch.sha256,
            "sheet": batch.sheet, "kind": batch.kind, "rows": len(batch.frame),
            "added": preview.added, "changed": preview.changed, "replaced": preview.replaced,
            "now": datetime.now(), "user": user,
        },
    )
    columns = _stored_columns(con, batch.kind)
    con.register("incoming", to_arrow(batch.frame, columns))
    try:
        con.execute(
            f"insert into {batch.kind}_rows by name "
            f"select {batch_id}::integer as batch_id, false as current, * from incoming"
        )
    finally:
        # After a failed statement the transaction is aborted and unregister would raise,
        # hiding the real error; the connection is rolled back and closed anyway.
        with contextlib.suppress(duckdb.Error):
            con.unregister("incoming")
    return batch_id


def _derive_current(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    """Set `current` for a kind from the batches that are not rolled back."""
    table = f"{kind}_rows"
    applied = "select batch_id from batches where rolled_back_at is null"
    con.execute(f"update {table} set current = false where current")
    if kind == "budget":
        con.execute(
            f"""
            update {table} set current = true
            from (
                select fiscal_year, version, account, max(batch_id) as batch_id
                from {table} where batch_id in ({applied})
                group by all
            ) latest
            where {table}.batch_id = latest.batch_id
              and {table}.fiscal_year = latest.fiscal_year
              and {table}.version = latest.version
              and {table}.account = latest.account
            """
        )
        return
    key = ", ".join(_key_columns(kind))
    con.execute(
        f"""
        update {table} set current = true
        where rowid in (
            select rid from (
                select rowid as rid, row_number() over (
                    partition by {key} order by batch_id desc, source_row desc) as n
                from {table} where batch_id in ({applied})
            ) where n = 1
        )
        """
    )
