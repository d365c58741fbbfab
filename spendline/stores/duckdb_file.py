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
import time
import uuid
from pathlib import Path

import duckdb

from spendline import clock, connections, facts, permissions
from spendline.access import User
from spendline.stores.base import (
    Batch,
    StoreBusy,
    StoredProfile,
    StoreUnavailable,
    reapply_target,
    with_fiscal_year,
)
from spendline.stores.duckdb_adjustments import DuckDBAdjustments
from spendline.stores.duckdb_migrate import backup_before_migration, migrate
from spendline.stores.duckdb_writes import (
    apply_one,
    bump_version,
    checkpoint,
    derive_current,
    insert_batch,
    rollback_kind,
    transaction,
)
from spendline.stores.reads import StoreReads, first_month
from spendline.stores.write_plans import plan_settings

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


class Store(StoreReads, DuckDBAdjustments):
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
        self.backup: Path | None = backup_before_migration(self.path, self.connect)
        with self.connect() as con:
            migrate(con)

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
            with transaction(con):
                batch_id = insert_batch(con, **plan.batch(who.email))
                for key, value, previous in plan.settings_rows():
                    con.execute("insert into settings_rows values ($b, $k, $v, $p, false)",
                                {"b": batch_id, "k": key, "v": value, "p": previous})
                for alias, key, channel, _ in plan.aliases:
                    con.execute("insert into channel_mapping_rows values ($b, $a, $k, $c, false)",
                                {"b": batch_id, "a": alias, "k": key, "c": channel})
                derive_current(con, "settings")
                bump_version(con)
            return batch_id

    # -- users and import profiles (not data: no data_version bump) ------------------------
    def save_user(self, email: str, role: str, accounts: list[str]) -> None:
        with self.connect() as con:
            con.execute("insert or replace into users values ($email, $role, $accounts)",
                        {"email": email, "role": role, "accounts": accounts})
            checkpoint(con)

    def delete_user(self, email: str) -> None:
        with self.connect() as con:
            con.execute("delete from users where email = $email", {"email": email})
            checkpoint(con)

    def save_preferences(self, email: str, numbers: str, currency_position: str) -> None:
        """Store a user's number format (replacing the one before)."""
        with self.connect() as con:
            con.execute("insert or replace into user_preferences values "
                        "($email, $numbers, $position, $now)",
                        {"email": email, "numbers": numbers, "position": currency_position,
                         "now": clock.now()})
            checkpoint(con)

    def save_profile(self, profile: StoredProfile) -> None:
        """Save an import profile under its name (replacing one of the same name)."""
        with self.connect() as con:
            con.execute("insert or replace into import_profiles values "
                        "($name, $owner, $shared, $definition, $now)",
                        {"name": profile.name, "owner": profile.owner,
                         "shared": profile.shared, "definition": profile.definition,
                         "now": clock.now()})
            checkpoint(con)

    def delete_profile(self, name: str) -> None:
        """Delete the import profile of this name (nothing when there is none)."""
        with self.connect() as con:
            con.execute("delete from import_profiles where name = $name", {"name": name})
            checkpoint(con)

    def save_view(self, owner: str, name: str, shared: bool, params: str) -> None:
        """Save a named view of the filters (replacing the owner's view of that name)."""
        with self.connect() as con:
            con.execute("insert or replace into saved_views values "
                        "($owner, $name, $shared, $params, $now)",
                        {"owner": owner, "name": name, "shared": shared, "params": params,
                         "now": clock.now()})
            checkpoint(con)

    def delete_view(self, owner: str, name: str) -> None:
        with self.connect() as con:
            con.execute("delete from saved_views where owner = $owner and name = $name",
                        {"owner": owner, "name": name})
            checkpoint(con)

    # -- writing ------------------------------------------------------------------------------
    def apply(self, batches: list[Batch], user: User | str = "local") -> list[int]:
        """Store all batches in one transaction: every one of them, or none.
        PermissionDenied when the user may not (spendline/permissions.py)."""
        with self.connect() as con:
            first = first_month(con)
            who = permissions.resolve(con, user)
            user = who.email
            with transaction(con):
                permissions.check_upload(con, who, batches)
                upload_id = uuid.uuid4().hex
                ids = [
                    apply_one(con, with_fiscal_year(b, first), upload_id, user)
                    for b in batches
                ]
                for kind in {b.kind for b in batches}:
                    derive_current(con, kind)
                bump_version(con)
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
            kinds = {batch_id: rollback_kind(
                         con.execute("select kind, rolled_back_at from batches "
                                     "where batch_id = $id", {"id": batch_id}).fetchall(),
                         batch_id)
                     for batch_id in batch_ids}
            now = clock.now()
            with transaction(con):
                permissions.check_rollback(con, who, kinds)
                for batch_id in kinds:
                    con.execute(
                        "update batches set rolled_back_at = $now, rolled_back_by = $user "
                        "where batch_id = $id",
                        {"now": now, "user": user, "id": batch_id},
                    )
                for kind in sorted(set(kinds.values())):
                    derive_current(con, kind)
                bump_version(con)

    def reapply(self, batch_id: int, user: User | str = "local") -> None:
        """Undo the rollback of a batch: its rows are in force again as if never rolled back
        (later batches of the same keys still win). The history keeps the rollback undone
        (was_rolled_back_at/by) and who re-applied it; the same permissions as a rollback."""
        with self.connect() as con:
            who = permissions.resolve(con, user)
            kind, rolled_back_at, rolled_back_by = reapply_target(con.execute(
                "select kind, rolled_back_at, rolled_back_by from batches "
                "where batch_id = $id", {"id": batch_id}).fetchall(), batch_id)
            with transaction(con):
                permissions.check_rollback(con, who, {batch_id: kind}, "re-apply")
                con.execute(
                    "update batches set rolled_back_at = null, rolled_back_by = null, "
                    "was_rolled_back_at = $then, was_rolled_back_by = $then_by, "
                    "reapplied_at = $now, reapplied_by = $user where batch_id = $id",
                    {"then": rolled_back_at, "then_by": rolled_back_by, "now": clock.now(),
                     "user": who.email, "id": batch_id})
                derive_current(con, kind)
                bump_version(con)
