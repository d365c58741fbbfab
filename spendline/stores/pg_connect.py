"""Connections to a PostgreSQL store (psycopg for writes and polls), and the advisory lock
numbers that serialise its writers and its migrations across every replica and import."""

from __future__ import annotations

import re

import psycopg

# pg_advisory_xact_lock keys: one for every write to the store, one for migrations.
WRITE_LOCK = 7_311_020_251
MIGRATE_LOCK = 7_311_020_252
CONNECT_TIMEOUT_SECONDS = 10


def connect(url: str, autocommit: bool = False) -> psycopg.Connection:
    return psycopg.connect(url, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT_SECONDS,
                           application_name="spendline")


def redact(url: str) -> str:
    """The URL without its password, for labels, cache keys and messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)
