"""Tables out of PostgreSQL as Arrow, all in one REPEATABLE READ read-only transaction: through
ADBC (adbc-driver-postgresql, the fast way) or, where that driver cannot be had, psycopg's
COPY as CSV read by Arrow's CSV reader (every column as text, cast by the snapshot's load).
SPENDLINE_PG_PULL=adbc|copy chooses; the default is ADBC when it imports."""

from __future__ import annotations

import contextlib
import csv
import io
import os
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.csv as pacsv

from spendline.stores.pg_connect import connect

# COPY's CSV writes a text[] as {a,b}; JSON text is what the snapshot's cast reads as a list.
_COPY_COLUMNS = {"users": "email, role, array_to_json(accounts)::text as accounts"}


def method() -> str:
    chosen = os.environ.get("SPENDLINE_PG_PULL", "").strip().lower()
    if chosen in ("adbc", "copy"):
        return chosen
    try:
        import adbc_driver_postgresql.dbapi  # noqa: F401
    except ImportError:
        return "copy"
    return "adbc"


class Reader:
    """One connection, kept between pulls; `transaction()` gives a consistent read."""

    def __init__(self, url: str, how: str | None = None):
        self.url, self.how = url, how or method()
        self._conn = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Reader]:
        try:
            self._begin()
        except Exception:
            self.close()  # a dropped connection: once more on a new one
            self._begin()
        try:
            yield self
        finally:
            with contextlib.suppress(Exception):
                self._execute("commit")

    def rows(self, sql: str) -> list[tuple]:
        if self.how == "adbc":
            with self._conn.cursor() as cur:
                cur.execute(sql)
                return cur.fetchall()
        return self._conn.execute(sql).fetchall()

    def table(self, name: str, where: str = "") -> pa.Table:
        """`select * from name where …` (name and where from the caller's own constants)."""
        if self.how == "adbc":
            with self._conn.cursor() as cur:
                cur.execute(f"select * from {name} {where}")
                return cur.fetch_arrow_table()
        columns = _COPY_COLUMNS.get(name, "*")
        buffer = io.BytesIO()
        with self._conn.cursor().copy(f"copy (select {columns} from {name} {where}) "
                                      "to stdout (format csv, header true)") as copy:
            for data in copy:
                buffer.write(data)
        raw = buffer.getvalue()
        names = next(csv.reader([raw.split(b"\n", 1)[0].decode()]))
        return pacsv.read_csv(
            io.BytesIO(raw), parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=True,
                quoted_strings_can_be_null=False))  # "" is an empty text, not a null

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None

    def _begin(self) -> None:
        if self._conn is None:
            if self.how == "adbc":
                import adbc_driver_postgresql.dbapi as adbc

                self._conn = adbc.connect(self.url, autocommit=True)
            else:
                self._conn = connect(self.url, autocommit=True)
        # One transaction for all tables: they come from one committed state.
        self._execute("begin isolation level repeatable read read only")

    def _execute(self, sql: str) -> None:
        if self.how == "adbc":
            with self._conn.cursor() as cur:
                cur.execute(sql)
        else:
            self._conn.execute(sql)
