"""The DuckDB store's writes inside a transaction: batches inserted and applied, the rows in
force derived again (per kind, settings, adjustment lines), the version bumped."""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from collections.abc import Iterator

import duckdb

from spendline import clock
from spendline.adjustments import Request
from spendline.stores.base import APPLIED, Batch, key_columns, to_arrow
from spendline.stores.reads import (
    first_month,
    preview_batch,
    stored_columns,
)


def rollback_kind(rows: list[tuple], batch_id: int) -> str:
    """The kind of a batch that can be rolled back (rows: its kind and rolled_back_at)."""
    if not rows:
        raise KeyError(f"There is no upload batch {batch_id}.")
    if rows[0][1] is not None:
        raise ValueError(f"Batch {batch_id} was already rolled back.")
    return rows[0][0]


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("begin transaction")
    try:
        yield
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    checkpoint(con)


def insert_batch(con: duckdb.DuckDBPyConnection, *, file_name: str, sha256: str, sheet: str,
                  kind: str, rows: int, added: int, changed: int, replaced: int, user: str,
                  note: str = "", upload_id: str | None = None) -> int:
    batch_id = con.execute("select nextval('batch_ids')").fetchall()[0][0]
    con.execute(
        """
        insert into batches by name select
            $id as batch_id, $upload as upload_id, $file as file_name, $sha as sha256,
            $sheet as sheet, $kind as kind, $rows as rows, $added as added,
            $changed as changed, $replaced as replaced, $now as uploaded_at,
            $user as uploaded_by, $note as note
        """,
        {"id": batch_id, "upload": upload_id or uuid.uuid4().hex, "file": file_name,
         "sha": sha256, "sheet": sheet, "kind": kind, "rows": rows, "added": added,
         "changed": changed, "replaced": replaced, "now": clock.now(), "user": user,
         "note": note or None},
    )
    return batch_id


def bump_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "update meta set value = cast(cast(value as integer) + 1 as varchar) "
        "where key = 'data_version'"
    )


def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Write the change into the store file itself (not only its write-ahead log): the file
    stays open in this process (connections.py), and a copy of it must hold everything."""
    with contextlib.suppress(duckdb.Error):  # another transaction running: it will, later
        con.execute("checkpoint")


def apply_one(con: duckdb.DuckDBPyConnection, batch: Batch, upload_id: str, user: str) -> int:
    incoming = to_arrow(batch.frame, stored_columns(con, batch.kind))  # once, for both
    preview = preview_batch(con, batch, incoming)
    batch_id = insert_batch(
        con, file_name=batch.file_name, sha256=batch.sha256, sheet=batch.sheet, kind=batch.kind,
        rows=len(batch.frame), added=preview.added, changed=preview.changed,
        replaced=preview.replaced, user=user, note=batch.note, upload_id=upload_id)
    con.register("incoming", incoming)
    try:
        con.execute(
            f"insert into {batch.kind}_rows by name "
            f"select {batch_id}::integer as batch_id, false as current, * from incoming"
        )
        if batch.kind == "budget":
            con.execute(
                """
                insert into budget_scopes
                select distinct $id, version, account, fiscal_year,
                       make_date(fiscal_year, $first, 1),
                       cast(make_date(fiscal_year, $first, 1) + interval 11 month as date)
                from incoming
                """,
                {"id": batch_id, "first": first_month(con)},
            )
    finally:
        # After a failed statement the transaction is aborted and unregister would raise,
        # hiding the real error; the connection is rolled back and closed anyway.
        with contextlib.suppress(duckdb.Error):
            con.unregister("incoming")
    return batch_id




def derive_current(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    """Set `current` for a kind from the batches that are not rolled back."""
    if kind == "settings":
        derive_settings(con)
        return
    table = f"{kind}_rows"
    applied = APPLIED
    con.execute(f"update {table} set current = false where current")
    if kind == "budget":
        con.execute(
            f"""
            update budget_rows set current = true
            where batch_id in ({applied}) and not exists (
                select 1 from budget_scopes s
                where s.batch_id in ({applied}) and s.batch_id > budget_rows.batch_id
                  and s.version = budget_rows.version and s.account = budget_rows.account
                  and budget_rows.month between s.first_month and s.last_month)
            """
        )
        return
    if kind == "budget_adjustment":
        con.execute(f"update {table} set current = true where batch_id in ({applied})")
        return
    key = ", ".join(key_columns(kind))
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


# -- settings -----------------------------------------------------------------------------------
def derive_settings(con: duckdb.DuckDBPyConnection) -> None:
    """Settings and channel aliases in force from the settings batches not rolled back, then
    the budget regrouped into the fiscal years of the first month now in force."""
    for table, key in (("settings_rows", "key"), ("channel_mapping_rows", "alias_key")):
        con.execute(f"update {table} set current = false where current")
        con.execute(
            f"""
            update {table} set current = true
            where rowid in (
                select rid from (
                    select rowid as rid,
                           row_number() over (partition by {key} order by batch_id desc) as n
                    from {table} where batch_id in ({APPLIED})
                ) where n = 1
            )
            """
        )
    # Per setting: the latest change in force, else what it was before the first change.
    con.execute(
        """
        insert or replace into meta
        select key, coalesce(max_by(value, batch_id) filter (where current),
                             min_by(previous, batch_id))
        from settings_rows group by key
        """
    )
    for table in ("budget_rows", "budget_adjustment_rows"):
        con.execute(f"update {table} set fiscal_year = fiscal_year_of(month) "
                    "where fiscal_year <> fiscal_year_of(month)")
    # Which budget rows are in force does not depend on the fiscal years' names (budget_scopes
    # keep each batch's months), so this keeps them; derived again all the same.
    derive_current(con, "budget")


# -- budget adjustments ---------------------------------------------------------------------------
def apply_adjustment(con: duckdb.DuckDBPyConnection, adjustment_id: int, request: Request,
                      user: str) -> int:
    lines = request.lines()
    currency = con.execute("select currency from budget_adjustments where adjustment_id = $id",
                           {"id": adjustment_id}).fetchall()[0][0]
    batch_id = insert_batch(
        con, file_name=f"Budget adjustment {adjustment_id}",
        sha256=hashlib.sha256(request.describe().encode()).hexdigest(), sheet="",
        kind="budget_adjustment", rows=len(lines), added=len(lines), changed=0, replaced=0,
        user=user, note=request.describe())
    for number, (line, month, amount) in enumerate(lines, start=1):
        con.execute(
            """
            insert into budget_adjustment_rows by name select
                $batch as batch_id, $row as source_row, false as current,
                $id as adjustment_id, $month as month, fiscal_year_of($month) as fiscal_year,
                $channel as channel, $platform as platform, $category as category,
                $campaign as campaign, $account as account, $amount as amount,
                $currency as currency, 'budget' as version, $budget_line as budget_line
            """,
            {"batch": batch_id, "row": number, "id": adjustment_id, "month": month,
             "amount": amount, "currency": currency, **vars(line)})
    derive_current(con, "budget_adjustment")
    return batch_id
