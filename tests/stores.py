"""Stores for the tests, of either engine: the DuckDB file, or PostgreSQL in a fresh database
on the test server that scripts/test_postgres.sh starts (SPENDLINE_TEST_PG_URL).

Without that URL the PostgreSQL cases skip on a developer's machine, and fail in CI
(CI=true): the contract must be checked against a real PostgreSQL there."""

from __future__ import annotations

import os
import uuid

import pytest

BACKENDS = ("duckdb", "postgres")


# A test of the store contract that a `store` fixture serves: run it on both engines.
both_stores = pytest.mark.parametrize("store", BACKENDS, indirect=True)


def backend_of(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "duckdb")


def server_url() -> str:
    url = os.environ.get("SPENDLINE_TEST_PG_URL")
    if url:
        return url
    message = ("no test PostgreSQL: run `eval \"$(bash scripts/test_postgres.sh start)\"` "
               "to set SPENDLINE_TEST_PG_URL")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true, and {message}", pytrace=False)
    pytest.skip(message)


def new_database(request: pytest.FixtureRequest, template: str | None = None) -> str:
    """The URL of a new database on the test server, empty or a copy of the database
    `template` (its URL), dropped after the test (or the module, for a module's fixture)."""
    import psycopg

    server = server_url()
    name = f"t_{uuid.uuid4().hex[:16]}"
    copy = f" template {template.rsplit('/', 1)[1]}" if template else ""
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"create database {name}{copy}")

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"drop database if exists {name} with (force)")

    request.addfinalizer(drop)
    return server.rsplit("/", 1)[0] + f"/{name}"


def open_test_store(request: pytest.FixtureRequest, backend: str, path, poll: float = 0.0):
    """A new empty store of `backend`: the DuckDB file at `path`, or a PostgreSQL store
    that checks for changes on every read (poll 0), as if one poll interval had passed."""
    if backend == "duckdb":
        from spendline.store import Store

        return Store(path)
    from spendline.stores.postgres import PostgresStore

    store = PostgresStore(new_database(request), poll=poll)
    request.addfinalizer(store.close)
    return store


def store_holding(request: pytest.FixtureRequest, tmp_path_factory, sheets: dict,
                  name: str):
    """A new store of the fixture's engine (request.param) holding one workbook of `sheets`,
    imported as an upload is; a workbook the intake refuses fails with its problem table."""
    from loaders.intake import UploadedFile
    from spendline.uploads import import_files
    from tests.helpers import xlsx

    store = open_test_store(request, request.param,
                            tmp_path_factory.mktemp(name) / f"{name}.duckdb")
    intake, ids = import_files(store, [UploadedFile(f"{name}.xlsx", xlsx(sheets))])
    assert ids, intake.problem_table().to_string()
    return store
