"""The PostgreSQL store: the system of record for several app replicas and scheduled imports.

Writes happen in PostgreSQL, one transaction each, serialised across every process by an
advisory lock (pg_connect.WRITE_LOCK): batches, merge by key, budget replacement, rollback,
settings and adjustments, each bumping `data_version` and the change numbers of the tables
it touched. What a write needs to know first (the preview's counts, the settings in force, a
line's budget) is read from this process's snapshot, made current under that same lock, with
the very DuckDB SQL the file store uses (reads.py).

Reads run in DuckDB over the snapshot (snapshot.py). A reader checks the store's change
number at most every SPENDLINE_POLL_SECONDS (default 2; one indexed read, well under a
millisecond) and pulls the tables that changed, so a replica sees another's import within one
poll interval, and its own writes at once.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import uuid
from collections.abc import Iterator

import duckdb
import psycopg

from spendline import clock, facts, permissions
from spendline.access import User
from spendline.stores import pg_writes as pg
from spendline.stores.base import (
    Batch,
    StoreBusy,
    StoredProfile,
    reapply_target,
    to_arrow,
    with_fiscal_year,
)
from spendline.stores.pg_adjustments import PgAdjustments
from spendline.stores.pg_connect import WRITE_LOCK, connect, redact
from spendline.stores.pg_migrate import migrate
from spendline.stores.reads import (
    StoreReads,
    first_month,
    preview_batch,
    stored_columns,
)
from spendline.stores.snapshot import Pull, Snapshot
from spendline.stores.write_plans import plan_settings

DEFAULT_POLL_SECONDS = 2.0
# A writer waits this long for another's write to finish, then says the store is busy.
LOCK_WAIT_SECONDS = 60


def poll_seconds() -> float:
    return float(os.environ.get("SPENDLINE_POLL_SECONDS") or DEFAULT_POLL_SECONDS)


class PostgresStore(StoreReads, PgAdjustments):
    """A store in PostgreSQL, read through a local DuckDB snapshot."""

    def __init__(self, url: str, poll: float | None = None, pull: str | None = None):
        """`poll`: seconds between checks for changes (SPENDLINE_POLL_SECONDS); `pull`:
        'adbc' or 'copy' (SPENDLINE_PG_PULL), how snapshots come over."""
        self.url = url
        self.path = redact(url)  # what pages key their caches by; no password
        self.poll = poll_seconds() if poll is None else poll
        self.last_pull: Pull | None = None
        self._guard = threading.Lock()
        self._checked = 0.0
        self._stale = False  # set by this process's own writes: the next read pulls them
        self._poller: psycopg.Connection | None = None
        with self._busy_as_store_busy():
            with connect(url, autocommit=True) as conn:
                migrate(conn)
            self.snapshot = Snapshot(url, pull)
            self.refresh()

    # -- reading -------------------------------------------------------------------------------
    def connect(self) -> contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]:
        """A cursor on the snapshot, at most one poll interval behind the store."""
        self._check()
        return self.snapshot.cursor()

    def _before_reading(self, con: duckdb.DuckDBPyConnection) -> None:
        facts.ensure(con, self.snapshot.key)

    def refresh(self) -> Pull | None:
        """Pull what changed in the store now, whatever the poll interval."""
        with self._guard:
            self._checked, self._stale = time.monotonic(), False
            pull = self.snapshot.refresh()
            if pull is not None:
                self.last_pull = pull
            return pull

    def _check(self) -> None:
        if not self._stale and time.monotonic() - self._checked < self.poll:
            return
        with self._busy_as_store_busy(), self._guard:
            if not self._stale and time.monotonic() - self._checked < self.poll:
                return  # another thread checked while this one waited
            self._checked, self._stale = time.monotonic(), False
            if self._change_number() == self.snapshot.version():
                return
            pull = self.snapshot.refresh()
            if pull is not None:
                self.last_pull = pull

    def _change_number(self) -> int:
        """The store's latest change number: one read on a kept connection."""
        for attempt in (1, 2):
            try:
                if self._poller is None or self._poller.closed:
                    self._poller = connect(self.url, autocommit=True)
                return self._poller.execute(
                    "select coalesce(max(version), 0) from table_versions").fetchone()[0]
            except psycopg.OperationalError:
                self._poller = None  # the server restarted or dropped us: once more
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        with self._guard:
            if self._poller is not None:
                self._poller.close()
                self._poller = None
        self.snapshot.close()

    # -- writing -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _writing(self) -> Iterator[tuple[psycopg.Cursor, duckdb.DuckDBPyConnection]]:
        """A PostgreSQL transaction holding the write lock, and a cursor on the snapshot made
        current under it (no other writer can commit meanwhile). The snapshot pulls this
        write at its next read (a command-line import never reads again: it pulls nothing)."""
        with self._busy_as_store_busy(), connect(self.url) as conn, conn.cursor() as cur:
            cur.execute(f"set local lock_timeout = '{LOCK_WAIT_SECONDS}s'")
            cur.execute("select pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            pg.begin_write(cur)
            self.refresh()
            with self.snapshot.cursor() as local:
                yield cur, local
            conn.commit()
        self._stale = True

    @contextlib.contextmanager
    def _busy_as_store_busy(self) -> Iterator[None]:
        try:
            yield
        except psycopg.errors.LockNotAvailable as exc:
            raise StoreBusy(
                f"The store {self.path} is busy with another import or change (waited "
                f"{LOCK_WAIT_SECONDS} s). Try again when it has finished.") from exc
        except psycopg.OperationalError as exc:
            # psycopg's text names hosts and sockets: plain words for the page
            raise StoreBusy(f"The store {self.path} cannot be reached: the database server "
                            "does not answer. Try again in a moment.") from exc

    def apply(self, batches: list[Batch], user: User | str = "local") -> list[int]:
        """Store all batches in one transaction: every one of them, or none.
        PermissionDenied when the user may not (spendline/permissions.py)."""
        with self._writing() as (cur, local):
            who = permissions.resolve(local, user)
            user = who.email
            permissions.check_upload(local, who, batches)
            first = first_month(local)
            upload_id = uuid.uuid4().hex
            ids, tables = [], set()
            for batch in batches:
                batch = with_fiscal_year(batch, first)
                incoming = to_arrow(batch.frame, stored_columns(local, batch.kind))
                preview = preview_batch(local, batch, incoming)
                batch_id = pg.insert_batch(
                    cur, file_name=batch.file_name, sha256=batch.sha256, sheet=batch.sheet,
                    kind=batch.kind, rows=len(batch.frame), added=preview.added,
                    changed=preview.changed, replaced=preview.replaced, user=user,
                    note=batch.note, upload_id=upload_id)
                pg.copy_rows(cur, f"{batch.kind}_rows", batch_id, incoming)
                if batch.kind == "budget":
                    pg.insert_scopes(cur, batch_id, preview.replaced_scopes, first)
                ids.append(batch_id)
                tables.update(pg.ROW_TABLES[batch.kind])
            for kind in {b.kind for b in batches}:
                pg.derive_current(cur, kind, [i for i, b in zip(ids, batches, strict=True)
                                              if b.kind == kind])
            pg.bump(cur, tables)
        return ids

    def rollback(self, batch_id: int, user: User | str = "local") -> None:
        """Undo one batch: the rows in force become what they would be without it."""
        self.rollback_batches([batch_id], user)

    def rollback_batches(self, batch_ids: list[int], user: User | str = "local") -> None:
        """Undo several batches in one transaction (all of them, or none); PermissionDenied
        when the user may not (spendline/permissions.py)."""
        with self._writing() as (cur, local):
            who = permissions.resolve(local, user)
            user = who.email
            kinds: dict[int, str] = {}
            for batch_id in batch_ids:
                row = cur.execute("select kind, rolled_back_at from batches "
                                  "where batch_id = %s", (batch_id,)).fetchone()
                if row is None:
                    raise KeyError(f"There is no upload batch {batch_id}.")
                if row[1] is not None:
                    raise ValueError(f"Batch {batch_id} was already rolled back.")
                kinds[batch_id] = row[0]
            permissions.check_rollback(local, who, kinds)
            now = clock.now()
            cur.executemany("update batches set rolled_back_at = %s, rolled_back_by = %s "
                            "where batch_id = %s", [(now, user, batch_id) for batch_id in kinds])
            for kind in sorted(set(kinds.values())):
                pg.derive_current(cur, kind, [i for i, k in kinds.items() if k == kind])
            pg.bump(cur, sorted({t for k in kinds.values() for t in pg.ROW_TABLES[k]}))

    def reapply(self, batch_id: int, user: User | str = "local") -> None:
        """As duckdb_file.Store.reapply: undo a batch's rollback, same permissions."""
        with self._writing() as (cur, local):
            who = permissions.resolve(local, user)
            kind, rolled_back_at, rolled_back_by = reapply_target(cur.execute(
                "select kind, rolled_back_at, rolled_back_by from batches "
                "where batch_id = %s", (batch_id,)).fetchall(), batch_id)
            permissions.check_rollback(local, who, {batch_id: kind}, "re-apply")
            cur.execute("update batches set rolled_back_at = null, rolled_back_by = null, "
                        "was_rolled_back_at = %s, was_rolled_back_by = %s, reapplied_at = %s, "
                        "reapplied_by = %s where batch_id = %s",
                        (rolled_back_at, rolled_back_by, clock.now(), who.email, batch_id))
            pg.derive_current(cur, kind, [batch_id])
            pg.bump(cur, sorted(pg.ROW_TABLES[kind]))

    def change_settings(self, values: dict[str, object] | None = None,
                        channel_mapping: dict[str, str | None] | None = None,
                        user: User | str = "local") -> int | None:
        """As duckdb_file.Store.change_settings: one 'settings' batch, undone by rollback;
        admins only."""
        with self._writing() as (cur, local):
            who = permissions.resolve(local, user)
            permissions.check_settings(who)
            plan = plan_settings(local, values, channel_mapping)
            if plan is None:
                return None
            batch_id = pg.insert_batch(cur, **plan.batch(who.email))
            cur.executemany("insert into settings_rows values (%s, %s, %s, %s, false)",
                            [(batch_id, *row) for row in plan.settings_rows()])
            cur.executemany("insert into channel_mapping_rows values (%s, %s, %s, %s, false)",
                            [(batch_id, alias, key, channel)
                             for alias, key, channel, _ in plan.aliases])
            pg.derive_current(cur, "settings")
            pg.bump(cur, pg.ROW_TABLES["settings"])
            return batch_id

    def save_preferences(self, email: str, numbers: str, currency_position: str) -> None:
        """Store a user's number format (replacing the one before)."""
        with self._writing() as (cur, _):
            cur.execute(
                "insert into user_preferences values (%s, %s, %s, %s) on conflict (email) "
                "do update set numbers = excluded.numbers, "
                "currency_position = excluded.currency_position, saved_at = excluded.saved_at",
                (email, numbers, currency_position, clock.now()))
            pg.bump(cur, ["user_preferences"], data=False)

    def save_profile(self, profile: StoredProfile) -> None:
        """Save an import profile under its name (replacing one of the same name)."""
        with self._writing() as (cur, _):
            cur.execute(
                "insert into import_profiles values (%s, %s, %s, %s, %s) on conflict (name) "
                "do update set owner = excluded.owner, shared = excluded.shared, "
                "definition = excluded.definition, saved_at = excluded.saved_at",
                (profile.name, profile.owner, profile.shared, profile.definition, clock.now()))
            pg.bump(cur, ["import_profiles"], data=False)

    def delete_profile(self, name: str) -> None:
        """Delete the import profile of this name (nothing when there is none)."""
        with self._writing() as (cur, _):
            cur.execute("delete from import_profiles where name = %s", (name,))
            pg.bump(cur, ["import_profiles"], data=False)

    def save_view(self, owner: str, name: str, shared: bool, params: str) -> None:
        """Save a named view of the filters (replacing the owner's view of that name)."""
        with self._writing() as (cur, _):
            cur.execute(
                "insert into saved_views values (%s, %s, %s, %s, %s) on conflict (owner, name) "
                "do update set shared = excluded.shared, params = excluded.params, "
                "saved_at = excluded.saved_at", (owner, name, shared, params, clock.now()))
            pg.bump(cur, ["saved_views"], data=False)

    def delete_view(self, owner: str, name: str) -> None:
        with self._writing() as (cur, _):
            cur.execute("delete from saved_views where owner = %s and name = %s", (owner, name))
            pg.bump(cur, ["saved_views"], data=False)

    def save_user(self, email: str, role: str, accounts: list[str]) -> None:
        with self._writing() as (cur, _):
            cur.execute("insert into users values (%s, %s, %s) on conflict (email) "
                        "do update set role = excluded.role, accounts = excluded.accounts",
                        (email, role, accounts))
            pg.bump(cur, ["users"], data=False)

    def delete_user(self, email: str) -> None:
        with self._writing() as (cur, _):
            cur.execute("delete from users where email = %s", (email,))
            pg.bump(cur, ["users"], data=False)
