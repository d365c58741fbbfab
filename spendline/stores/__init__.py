"""The store's engines: the DuckDB file (the default, nothing to set up) and PostgreSQL (a
shared store for several app replicas and scheduled imports). Both offer the interface of
base.StoreInterface; open_store() picks one from the settings."""

from __future__ import annotations

import os
from pathlib import Path

from spendline.config import db_path

PG_SCHEMES = ("postgresql://", "postgres://")


def db_url() -> str | None:
    """SPENDLINE_DB_URL when it names a PostgreSQL database, else None (the DuckDB file)."""
    url = os.environ.get("SPENDLINE_DB_URL", "").strip()
    if url and not url.startswith(PG_SCHEMES):
        raise ValueError("SPENDLINE_DB_URL must start with postgresql:// (got another scheme).")
    return url or None


def open_store(target: str | Path | None = None, memory_limit: str | None = None):
    """The store at `target` (a postgresql:// URL or a DuckDB file path), else the app's:
    SPENDLINE_DB_URL when set, else SPENDLINE_DB or data/spendline.duckdb. `memory_limit`
    caps a DuckDB file's buffer memory (the command-line import: see spendline/uploads.py)."""
    if target is None:
        target = db_url() or db_path()
    if isinstance(target, str) and target.startswith(PG_SCHEMES):
        from spendline.stores.postgres import PostgresStore  # psycopg only when used

        return PostgresStore(target)
    from spendline.stores.duckdb_file import Store

    return Store(target, memory_limit=memory_limit)
