"""The DuckDB store: schema, upload batches, merge by key, budget replacement and rollback.

Every uploaded row is kept in a `<kind>_rows` table with the batch that brought it. Which rows
are in force (`current`) is derived from the batches that are not rolled back:
- keyed kinds (spend, results, vendors, fx_rates): per key, the row of the latest batch;
- budget: a row is in force unless a later batch replaced its (fiscal year, version,
  account), the fiscal year as it was defined when that batch was applied (budget_scopes);
- budget_adjustment (an approved adjustment request): its lines, while not rolled back;
- settings (a change on the Settings page): per setting or channel alias, the latest value.
So a rollback only marks its batch and derives `current` again: the earlier state comes
back exactly, and nothing uploaded is ever deleted.

Reads (query, preview, history, settings) are shared with the PostgreSQL store
(spendline/stores/reads.py); this module is the DuckDB file's writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb

from spendline import clock, connections, facts, permissions
from spendline.access import User
from spendline.adjustments import PENDING, Request
from spendline.config import DEFAULT_SETTINGS
from spendline.stores.base import (
    APPLIED,
    Batch,
    StoreBusy,
    StoreUnavailable,
    key_columns,
    reapply_target,
    to_arrow,
    with_fiscal_year,
)
from spendline.stores.reads import (
    StoreReads,
    check_request,
    first_month,
    meta_value,
    plan_decision,
    plan_settings,
    preview_batch,
    request_accounts,
    side_params,
    stored_columns,
)
from spendline.views import store_sql

# Bump when schema.sql changes what an existing store holds: the store is copied aside
# before such a migration (see Store._backup_before_migration).
SCHEMA_VERSION = "3"  # 3: money DECIMAL(18,6), spend paid_amount, results figures nullable
# Another process (an import, a backup copy) may hold the file for a while: wait, then say so.
LOCK_WAIT_SECONDS = 60.0


def _want(path: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only folder: wait as before
        Path(connections.wanted_marker(str(path.resolve()))).touch()


def _unwant(path: Path) -> None:
    with contextlib.suppress(OSError):
        Path(connections.wanted_marker(str(path.resolve()))).unlink()


def _read_only(path: Path) -> str:
    return (f"The store {path} cannot be opened for writing: this program may not write in "
            f"{path.parent} (read-only). Make the folder and file writable, or set "
            "SPENDLINE_DB to a file in a writable folder.")


def _damaged(path: Path) -> str:
    return (f"The store {path} cannot be opened: it is damaged or not a Spendline store. "
            "Restore it from a backup (README: Backups), or set SPENDLINE_DB to another file.")


class Store(StoreReads):
    """The embedded store: one DuckDB file (the default, nothing to set up)."""

    def __init__(self, path: str | Path, memory_limit: str | None = None):
        """`memory_limit` caps DuckDB's buffer memory in this process (e.g. "512MB"); the
        command-line import sets it, because a big append otherwise keeps its rows in
        memory until the commit, next to the parsed sheet (peak memory at 500k rows)."""
        self.path = Path(path)
        self.memory_limit = memory_limit
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(_read_only(self.path)) from exc
        self.backup: Path | None = self._backup_before_migration()
        with self.connect() as con:
            self._migrate(con)

    def _backup_before_migration(self) -> Path | None:
        """Copy an existing store of an older schema version aside before migrating it, to
        `<file>.bak-v<old>-<time>`; returns the copy's path."""
        if not self.path.exists():
            return None
        with self.connect() as con:
            has_meta = con.execute("select count(*) from information_schema.tables "
                                   "where table_name = 'meta'").fetchall()[0][0]
            rows = con.execute("select value from meta where key = 'schema_version'"
                               ).fetchall() if has_meta else []
        if not rows or rows[0][0] == SCHEMA_VERSION:
            return None
        backup = self.path.with_name(
            f"{self.path.name}.bak-v{rows[0][0]}-{clock.now():%Y%m%d-%H%M%S}")
        connections.close(str(self.path.resolve()))  # closed, the file is complete
        shutil.copy2(self.path, backup)
        return backup

    # -- connections -----------------------------------------------------------------------
    def _before_reading(self, con: duckdb.DuckDBPyConnection) -> None:
        facts.ensure(con, str(self.path.resolve()))

    def connect(self) -> contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]:
        """A cursor on the store's database, which this process keeps open while it is in
        use and closes when idle, so other processes can take the file (connections.py)."""
        return connections.cursor(str(self.path.resolve()), self._open)

    def _open(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        waited = False
        while True:
            try:
                con = duckdb.connect(str(self.path))
                if self.memory_limit:
                    con.execute(f"set memory_limit = '{self.memory_limit}'")
                # Two DuckDB 2.0 optimizers go wrong once a plan sees the tables' statistics
                # (the views no longer hide them behind a union, schema.sql): compressed
                # materialization casts a sum of small counts to TINYINT in the ROI views
                # ("INT128 value 25443 can't be cast ... INT8"), statistics propagation
                # finds no NULL campaign in budget_base (joined to an empty fx_rates) where
                # there are some. The plans without them are as fast on these views.
                con.execute("set global disabled_optimizers = "
                            "'compressed_materialization,statistics_propagation'")
                if waited:
                    _unwant(self.path)
                return con
            except duckdb.IOException as exc:
                if "permission denied" in str(exc).lower() or "read-only" in str(exc).lower():
                    raise StoreUnavailable(_read_only(self.path)) from exc
                if "lock" not in str(exc).lower():
                    raise StoreUnavailable(_damaged(self.path)) from exc
                _want(self.path)  # the holder lets go when it sees this (connections.py)
                waited = True
                if time.monotonic() > deadline:
                    _unwant(self.path)
                    raise StoreBusy(
                        f"The store {self.path.name} is in use by another program "
                        f"(waited {LOCK_WAIT_SECONDS:.0f} s). Try again when it has finished."
                    ) from exc
                time.sleep(0.2)

    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
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

    # -- settings and version ---------------------------------------------------------------

    def change_settings(self, values: dict[str, object] | None = None,
                        channel_mapping: dict[str, str | None] | None = None,
                        user: User | str = "local") -> int | None:
        """Change settings and channel aliases (alias -> channel; None removes the alias) as
        one batch of kind 'settings' that the history shows and a rollback undoes. Returns
        the batch id, None when nothing changes; SettingsError says what cannot be, and
        PermissionDenied who may not (admins only)."""
        with self.connect() as con:
            who = permissions.resolve(con, user)
            permissions.check_settings(who)
            plan = plan_settings(con, values, channel_mapping)
            if plan is None:
                return None
            with _transaction(con):
                batch_id = _insert_batch(con, **plan.batch(who.email))
                for key, value, previous in plan.settings_rows():
                    con.execute("insert into settings_rows values ($b, $k, $v, $p, false)",
                                {"b": batch_id, "k": key, "v": value, "p": previous})
                for alias, key, channel, _ in plan.aliases:
                    con.execute("insert into channel_mapping_rows values ($b, $a, $k, $c, false)",
                                {"b": batch_id, "a": alias, "k": key, "c": channel})
                _derive_current(con, "settings")
                _bump_version(con)
            return batch_id

    # -- users and import profiles (not data: no data_version bump) ------------------------
    def save_user(self, email: str, role: str, accounts: list[str]) -> None:
        with self.connect() as con:
            con.execute("insert or replace into users values ($email, $role, $accounts)",
                        {"email": email, "role": role, "accounts": accounts})
            _checkpoint(con)

    def delete_user(self, email: str) -> None:
        with self.connect() as con:
            con.execute("delete from users where email = $email", {"email": email})
            _checkpoint(con)

    def save_preferences(self, email: str, numbers: str, currency_position: str) -> None:
        """Store a user's number format (replacing the one before)."""
        with self.connect() as con:
            con.execute("insert or replace into user_preferences values "
                        "($email, $numbers, $position, $now)",
                        {"email": email, "numbers": numbers, "position": currency_position,
                         "now": clock.now()})
            _checkpoint(con)

    def save_profile(self, profile) -> None:
        """Save an import profile under its name (replacing one of the same name)."""
        from loaders.profiles import to_json  # the app starts without the loaders

        with self.connect() as con:
            con.execute("insert or replace into import_profiles values "
                        "($name, $owner, $shared, $definition, $now)",
                        {"name": profile.name, "owner": profile.owner,
                         "shared": profile.shared, "definition": to_json(profile),
                         "now": clock.now()})
            _checkpoint(con)

    def delete_profile(self, name: str) -> None:
        """Delete the import profile of this name (nothing when there is none)."""
        with self.connect() as con:
            con.execute("delete from import_profiles where name = $name", {"name": name})
            _checkpoint(con)

    def save_view(self, owner: str, name: str, shared: bool, params: str) -> None:
        """Save a named view of the filters (replacing the owner's view of that name)."""
        with self.connect() as con:
            con.execute("insert or replace into saved_views values "
                        "($owner, $name, $shared, $params, $now)",
                        {"owner": owner, "name": name, "shared": shared, "params": params,
                         "now": clock.now()})
            _checkpoint(con)

    def delete_view(self, owner: str, name: str) -> None:
        with self.connect() as con:
            con.execute("delete from saved_views where owner = $owner and name = $name",
                        {"owner": owner, "name": name})
            _checkpoint(con)

    # -- writing ------------------------------------------------------------------------------
    def apply(self, batches: list[Batch], user: User | str = "local") -> list[int]:
        """Store all batches in one transaction: every one of them, or none.
        PermissionDenied when the user may not (spendline/permissions.py)."""
        with self.connect() as con:
            first = first_month(con)
            who = permissions.resolve(con, user)
            user = who.email
            with _transaction(con):
                permissions.check_upload(con, who, batches)
                upload_id = uuid.uuid4().hex
                ids = [
                    _apply_one(con, with_fiscal_year(b, first), upload_id, user)
                    for b in batches
                ]
                for kind in {b.kind for b in batches}:
                    _derive_current(con, kind)
                _bump_version(con)
            return ids

    def rollback(self, batch_id: int, user: User | str = "local") -> None:
        """Undo one batch: the rows in force become what they would be without it."""
        self.rollback_batches([batch_id], user)

    def rollback_batches(self, batch_ids: list[int], user: User | str = "local") -> None:
        """Undo several batches in one transaction (all of them, or none); PermissionDenied
        when the user may not (spendline/permissions.py)."""
        with self.connect() as con:
            who = permissions.resolve(con, user)
            user = who.email
            kinds = {batch_id: _rollback_kind(
                         con.execute("select kind, rolled_back_at from batches "
                                     "where batch_id = $id", {"id": batch_id}).fetchall(),
                         batch_id)
                     for batch_id in batch_ids}
            now = clock.now()
            with _transaction(con):
                permissions.check_rollback(con, who, kinds)
                for batch_id in kinds:
                    con.execute(
                        "update batches set rolled_back_at = $now, rolled_back_by = $user "
                        "where batch_id = $id",
                        {"now": now, "user": user, "id": batch_id},
                    )
                for kind in sorted(set(kinds.values())):
                    _derive_current(con, kind)
                _bump_version(con)

    def reapply(self, batch_id: int, user: User | str = "local") -> None:
        """Undo the rollback of a batch: its rows are in force again as if never rolled back
        (later batches of the same keys still win). The history keeps the rollback undone
        (was_rolled_back_at/by) and who re-applied it; the same permissions as a rollback."""
        with self.connect() as con:
            who = permissions.resolve(con, user)
            kind, rolled_back_at, rolled_back_by = reapply_target(con.execute(
                "select kind, rolled_back_at, rolled_back_by from batches "
                "where batch_id = $id", {"id": batch_id}).fetchall(), batch_id)
            with _transaction(con):
                permissions.check_rollback(con, who, {batch_id: kind}, "re-apply")
                con.execute(
                    "update batches set rolled_back_at = null, rolled_back_by = null, "
                    "was_rolled_back_at = $then, was_rolled_back_by = $then_by, "
                    "reapplied_at = $now, reapplied_by = $user where batch_id = $id",
                    {"then": rolled_back_at, "then_by": rolled_back_by, "now": clock.now(),
                     "user": who.email, "id": batch_id})
                _derive_current(con, kind)
                _bump_version(con)

    # -- budget adjustments ---------------------------------------------------------------------

    def request_adjustment(self, request: Request, user: User | str = "local") -> int:
        """Record a pending adjustment request; AdjustmentError says what is wrong,
        PermissionDenied what the user may not."""
        with self.connect() as con:
            who = permissions.resolve(con, user)
            permissions.check_request(who, request_accounts(request))
            user = who.email
            check_request(con, request)
            with _transaction(con):
                adjustment_id = con.execute("select nextval('adjustment_ids')").fetchall()[0][0]
                sides = {**side_params("from", request.from_line, request.from_month),
                         **side_params("to", request.to_line, request.to_month)}
                names = ", ".join(f"${name} as {name}" for name in sides)
                con.execute(
                    f"""
                    insert into budget_adjustments by name select
                        $id as adjustment_id, $kind as kind, $amount as amount,
                        $currency as currency, $reason as reason, {names},
                        $status as status, $now as requested_at, $user as requested_by
                    """,
                    {"id": adjustment_id, "kind": request.kind,
                     "amount": Decimal(request.amount),
                     "currency": meta_value(con, "base_currency"),
                     "reason": request.reason.strip(), "status": PENDING,
                     "now": clock.now(), "user": user, **sides})
                _bump_version(con)
            return adjustment_id

    def decide_adjustment(self, adjustment_id: int, approve: bool, user: User | str = "local",
                          level: str | None = None, note: str = "") -> int | None:
        """Approve or reject a pending request, at the level of the user's role (`level` may
        only lower it; reads.plan_decision); nobody decides their own request. An approval
        stores the adjustment's budget lines as a batch of kind 'budget_adjustment' and
        returns its id; a rejection changes no budget."""
        with self.connect() as con:
            request, decision = plan_decision(con, adjustment_id, approve, user, level, note)
            if not approve:
                with _transaction(con):
                    con.execute(
                        "update budget_adjustments set status = 'rejected', decided_at = $now, "
                        "decided_by = $user, decided_level = $level, required_level = $required,"
                        " decision_note = $note where adjustment_id = $id", decision)
                    _bump_version(con)
                return None
            with _transaction(con):
                batch_id = _apply_adjustment(con, adjustment_id, request, decision["user"])
                con.execute(
                    "update budget_adjustments set status = 'approved', decided_at = $now, "
                    "decided_by = $user, decided_level = $level, required_level = $required, "
                    "decision_note = $note, batch_id = $batch where adjustment_id = $id",
                    {**decision, "batch": batch_id})
                _bump_version(con)
            return batch_id


# -- helpers ------------------------------------------------------------------------------------
def _rollback_kind(rows: list[tuple], batch_id: int) -> str:
    """The kind of a batch that can be rolled back (rows: its kind and rolled_back_at)."""
    if not rows:
        raise KeyError(f"There is no upload batch {batch_id}.")
    if rows[0][1] is not None:
        raise ValueError(f"Batch {batch_id} was already rolled back.")
    return rows[0][0]


@contextlib.contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("begin transaction")
    try:
        yield
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    _checkpoint(con)


def _insert_batch(con: duckdb.DuckDBPyConnection, *, file_name: str, sha256: str, sheet: str,
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


def _bump_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "update meta set value = cast(cast(value as integer) + 1 as varchar) "
        "where key = 'data_version'"
    )


def _checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Write the change into the store file itself (not only its write-ahead log): the file
    stays open in this process (connections.py), and a copy of it must hold everything."""
    with contextlib.suppress(duckdb.Error):  # another transaction running: it will, later
        con.execute("checkpoint")


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


def _apply_one(con: duckdb.DuckDBPyConnection, batch: Batch, upload_id: str, user: str) -> int:
    incoming = to_arrow(batch.frame, stored_columns(con, batch.kind))  # once, for both
    preview = preview_batch(con, batch, incoming)
    batch_id = _insert_batch(
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




def _derive_current(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    """Set `current` for a kind from the batches that are not rolled back."""
    if kind == "settings":
        _derive_settings(con)
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
def _derive_settings(con: duckdb.DuckDBPyConnection) -> None:
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
    _derive_current(con, "budget")


# -- budget adjustments ---------------------------------------------------------------------------
def _apply_adjustment(con: duckdb.DuckDBPyConnection, adjustment_id: int, request: Request,
                      user: str) -> int:
    lines = request.lines()
    currency = con.execute("select currency from budget_adjustments where adjustment_id = $id",
                           {"id": adjustment_id}).fetchall()[0][0]
    batch_id = _insert_batch(
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
    _derive_current(con, "budget_adjustment")
    return batch_id
