"""The PostgreSQL store's writes, in PostgreSQL's dialect: batches, rows, which rows are in
force (`current`), settings, adjustments and the change numbers replicas poll. Every
function runs inside the caller's transaction (postgres.PostgresStore._writing), which holds
the store's write lock; the rules are those of duckdb_file.py, in the same words."""

from __future__ import annotations

import hashlib
import io
import uuid

import psycopg
import pyarrow as pa
import pyarrow.csv as pacsv

from spendline import clock
from spendline.adjustments import Request
from spendline.kinds import KINDS
from spendline.stores.base import APPLIED, key_columns

# This write's change number (begin_write), which table_versions and rows' changed_in get.
CHANGE = "current_setting('spendline.change')::bigint"
# Tables whose rows carry changed_in (003_changed_rows.sql): replicas pull their changes only.
TRACKED = ("spend_rows", "results_rows", "vendors_rows", "fx_rates_rows")

# What each kind of write changes, for table_versions (what replicas pull again).
ROW_TABLES = {kind: (f"{kind}_rows",) for kind in KINDS}
ROW_TABLES["budget"] = ("budget_rows", "budget_scopes")
ROW_TABLES["budget_adjustment"] = ("budget_adjustment_rows",)
ROW_TABLES["settings"] = ("settings_rows", "channel_mapping_rows", "meta", "budget_rows",
                          "budget_adjustment_rows")


def begin_write(cur: psycopg.Cursor) -> int:
    """Number this write (under the write lock, so numbers follow the order of commits)."""
    return cur.execute("select set_config('spendline.change', nextval('change_ids')::text, "
                       "true)::bigint").fetchone()[0]


def insert_batch(cur: psycopg.Cursor, *, file_name: str, sha256: str, sheet: str, kind: str,
                 rows: int, added: int, changed: int, replaced: int, user: str,
                 note: str = "", upload_id: str | None = None) -> int:
    return cur.execute(
        """
        insert into batches (batch_id, upload_id, file_name, sha256, sheet, kind, rows, added,
                             changed, replaced, uploaded_at, uploaded_by, note)
        values (nextval('batch_ids'), %(upload)s, %(file)s, %(sha)s, %(sheet)s, %(kind)s,
                %(rows)s, %(added)s, %(changed)s, %(replaced)s, %(now)s, %(user)s, %(note)s)
        returning batch_id
        """,
        {"upload": upload_id or uuid.uuid4().hex, "file": file_name, "sha": sha256,
         "sheet": sheet, "kind": kind, "rows": rows, "added": added, "changed": changed,
         "replaced": replaced, "now": clock.now(), "user": user, "note": note or None},
    ).fetchone()[0]


def copy_rows(cur: psycopg.Cursor, table: str, batch_id: int, rows: pa.Table) -> None:
    """The batch's rows into `table` through COPY, as CSV that Arrow writes: DECIMAL money
    as its exact digits, every valid value quoted so an empty text stays empty, not null."""
    rows = rows.add_column(0, "batch_id", pa.array([batch_id] * rows.num_rows, pa.int32()))
    rows = rows.add_column(1, "current", pa.array([False] * rows.num_rows, pa.bool_()))
    buffer = io.BytesIO()
    pacsv.write_csv(rows, buffer, pacsv.WriteOptions(include_header=False,
                                                     quoting_style="all_valid"))
    columns = ", ".join(f'"{c}"' for c in rows.column_names)
    with cur.copy(f"copy {table} ({columns}) from stdin (format csv)") as copy:
        copy.write(buffer.getbuffer())


def insert_scopes(cur: psycopg.Cursor, batch_id: int, scopes: list[tuple],
                  first_month: int) -> None:
    """The (fiscal year, version, account) scopes a budget batch replaces, as months."""
    cur.executemany(
        """
        insert into budget_scopes values (
            %(id)s, %(version)s, %(account)s, %(year)s, make_date(%(year)s, %(first)s, 1),
            (make_date(%(year)s, %(first)s, 1) + interval '11 months')::date)
        """,
        [{"id": batch_id, "year": year, "version": version, "account": account,
          "first": first_month} for year, version, account in scopes])


def derive_current(cur: psycopg.Cursor, kind: str, batches: list[int] | None = None) -> None:
    """Set `current` for a kind from the batches that are not rolled back; only the rows
    whose flag changes are written. For a keyed kind, `batches` (those just applied or
    rolled back) limits the work to the keys they hold: no other key's rows can change."""
    if kind == "settings":
        derive_settings(cur)
    elif kind == "budget":
        cur.execute(
            f"""
            update budget_rows b set current = not current
            where current <> (batch_id in ({APPLIED}) and not exists (
                select 1 from budget_scopes s
                where s.batch_id in ({APPLIED}) and s.batch_id > b.batch_id
                  and s.version = b.version and s.account = b.account
                  and b.month between s.first_month and s.last_month))
            """)
    elif kind == "budget_adjustment":
        cur.execute(f"update budget_adjustment_rows set current = not current "
                    f"where current <> (batch_id in ({APPLIED}))")
    else:
        _latest_per_key(cur, f"{kind}_rows", key_columns(kind), "batch_id desc, source_row desc",
                        batches)


def _latest_per_key(cur: psycopg.Cursor, table: str, key: list[str], order: str,
                    batches: list[int] | None = None) -> None:
    """Per key, the row of the latest batch not rolled back is in force, no other."""
    keys = ", ".join(key)
    mark = f", changed_in = {CHANGE}" if table in TRACKED else ""
    touched = ""
    if batches is not None:
        # The keys of those batches, as text with null as '': a few more keys than needed
        # where a value is '' (harmless: each key is worked out alone), none fewer.
        text = ", ".join(f"coalesce({k}::text, '')" for k in key)
        touched = (f"where ({text}) in (select {text} from {table} "
                   "where batch_id = any(%(batches)s))")
    cur.execute(
        f"""
        update {table} t set current = d.wanted {mark}
        from (
            select rid, was, applied and row_number() over (
                       partition by {keys} order by applied desc, {order}) = 1 as wanted
            from (select ctid as rid, current as was, *,
                         batch_id in ({APPLIED}) as applied
                  from {table} {touched}) r
        ) d
        where t.ctid = d.rid and d.was <> d.wanted
        """, {"batches": batches} if batches is not None else None)


def derive_settings(cur: psycopg.Cursor) -> None:
    """Settings and channel aliases in force, then the budget regrouped into the fiscal years
    of the first month now in force (duckdb_writes.derive_settings)."""
    _latest_per_key(cur, "settings_rows", ["key"], "batch_id desc")
    _latest_per_key(cur, "channel_mapping_rows", ["alias_key"], "batch_id desc")
    cur.execute(
        """
        insert into meta (key, value)
        select key, coalesce((array_agg(value order by batch_id desc)
                                  filter (where current))[1],
                             (array_agg(previous order by batch_id))[1])
        from settings_rows group by key
        on conflict (key) do update set value = excluded.value
        """)
    for table in ("budget_rows", "budget_adjustment_rows"):
        cur.execute(f"update {table} set fiscal_year = fiscal_year_of(month) "
                    "where fiscal_year <> fiscal_year_of(month)")
    derive_current(cur, "budget")


def bump(cur: psycopg.Cursor, tables: tuple[str, ...] | list[str], data: bool = True) -> None:
    """Record which tables this write changed (replicas pull those again) and, for a change
    of the data, move data_version on (the views' cache key)."""
    tables = set(tables)
    if data:
        cur.execute("update meta set value = (value::bigint + 1)::text "
                    "where key = 'data_version'")
        tables |= {"meta", "batches"}
    number = cur.execute(f"select {CHANGE}").fetchone()[0]
    cur.executemany(
        """
        insert into table_versions values (%(t)s, %(v)s)
        on conflict (table_name) do update set version = excluded.version
        """,
        [{"t": t, "v": number} for t in sorted(tables)])


# -- budget adjustments ---------------------------------------------------------------------------
def apply_adjustment(cur: psycopg.Cursor, adjustment_id: int, request: Request,
                     user: str) -> int:
    """Store an approved adjustment's budget lines as a 'budget_adjustment' batch."""
    lines = request.lines()
    currency = cur.execute("select currency from budget_adjustments where adjustment_id = %s",
                           (adjustment_id,)).fetchone()[0]
    batch_id = insert_batch(
        cur, file_name=f"Budget adjustment {adjustment_id}",
        sha256=hashlib.sha256(request.describe().encode()).hexdigest(), sheet="",
        kind="budget_adjustment", rows=len(lines), added=len(lines), changed=0, replaced=0,
        user=user, note=request.describe())
    cur.executemany(
        """
        insert into budget_adjustment_rows (batch_id, source_row, current, adjustment_id, month,
            fiscal_year, channel, platform, category, campaign, account, amount, currency,
            version, budget_line)
        values (%(batch)s, %(row)s, false, %(id)s, %(month)s, fiscal_year_of(%(month)s),
            %(channel)s, %(platform)s, %(category)s, %(campaign)s, %(account)s, %(amount)s,
            %(currency)s, 'budget', %(budget_line)s)
        """,
        [{"batch": batch_id, "row": number, "id": adjustment_id, "month": month,
          "amount": amount, "currency": currency, **vars(line)}
         for number, (line, month, amount) in enumerate(lines, start=1)])
    derive_current(cur, "budget_adjustment")
    return batch_id
