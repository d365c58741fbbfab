"""Versioned schema migrations of a PostgreSQL store: spendline/sql/postgres/NNN_name.sql,
each run once, in order, in one transaction with the others that are due. Whichever replica
or import starts first runs them under an advisory lock; the rest wait for it, then find
nothing to do. A store already up to date is checked with one read (a role that may only
read, such as a restricted replica's, never needs more)."""

from __future__ import annotations

import psycopg

from spendline.config import DEFAULT_SETTINGS
from spendline.sql import SQL_DIR
from spendline.stores.pg_connect import MIGRATE_LOCK

MIGRATIONS = sorted((SQL_DIR / "postgres").glob("[0-9][0-9][0-9]_*.sql"))


def latest() -> int:
    return int(MIGRATIONS[-1].name[:3])


def applied(cur: psycopg.Cursor) -> int:
    if cur.execute("select to_regclass('schema_migrations')").fetchone()[0] is None:
        return 0
    return cur.execute("select coalesce(max(version), 0) from schema_migrations").fetchone()[0]


def migrate(conn: psycopg.Connection) -> list[int]:
    """Bring the store to the latest schema; returns the versions this call applied.
    `conn` is in autocommit mode: the migrations make their own transaction."""
    with conn.cursor() as cur:
        if applied(cur) >= latest():
            return []
        ran = []
        with conn.transaction():
            cur.execute("select pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            cur.execute("create table if not exists schema_migrations ("
                        "version integer primary key, name text not null, "
                        "applied_at timestamptz not null default now())")
            done = applied(cur)  # again, under the lock: another replica may have run them
            for path in MIGRATIONS:
                version = int(path.name[:3])
                if version > done:
                    cur.execute(path.read_text(encoding="utf-8"))
                    cur.execute("insert into schema_migrations (version, name) values (%s, %s)",
                                (version, path.stem))
                    ran.append(version)
            for key, value in {**DEFAULT_SETTINGS, "data_version": "0"}.items():
                cur.execute("insert into meta values (%s, %s) on conflict do nothing",
                            (key, value))
        return ran
