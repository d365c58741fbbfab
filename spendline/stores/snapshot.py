"""A PostgreSQL store's tables, pulled into an in-memory DuckDB where the same view SQL as
the DuckDB file's runs (spendline/sql: DuckDB's dialect, not PostgreSQL's).

A pull reads every table it needs in one REPEATABLE READ transaction, so all of them are of
one committed state, never half a batch; it pulls only the tables whose number in
table_versions moved since the last pull (a settings change does not pull the ledger), and
of the keyed kinds' tables only the rows changed since (an import: its new rows and the
older rows it took out of force), known by their `changed_in` change number.
The local tables are replaced in one DuckDB transaction: a reader sees the old snapshot or
the new one, never a mix. Arrow comes through ADBC, or psycopg's COPY (pg_pull.py); `numeric`
arrives as text either way and is cast to the local DECIMAL, which is exact.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from spendline import facts
from spendline.stores.pg_pull import Reader
from spendline.stores.pg_writes import TRACKED
from spendline.views import store_sql

# The stored tables (not ledger_facts, which each snapshot works out for itself).
TABLES = ("meta", "batches", "budget_rows", "spend_rows", "results_rows", "vendors_rows",
          "fx_rates_rows", "budget_scopes", "settings_rows", "channel_mapping_rows",
          "budget_adjustments", "budget_adjustment_rows", "header_mappings", "users",
          "import_profiles", "saved_views", "user_preferences")

_numbers = itertools.count(1)


@dataclass
class Pull:
    """What one refresh did, for the benchmark and the logs."""

    tables: tuple[str, ...]
    partial: tuple[str, ...]  # of those, the tables pulled as their changed rows only
    rows: int
    pull_seconds: float
    load_seconds: float


class Snapshot:
    """The local DuckDB copy of one PostgreSQL store, for one process."""

    def __init__(self, url: str, how: str | None = None):
        self.url = url
        self.reader = Reader(url, how)
        self.key = f"snapshot-{next(_numbers)}"  # facts.ensure keys its locks by this
        self.db = duckdb.connect(":memory:")
        # As for the DuckDB file (duckdb_file.Store._open): these optimizers go wrong on
        # the views once the plans see table statistics.
        self.db.execute("set global disabled_optimizers = "
                        "'compressed_materialization,statistics_propagation'")
        for statement in store_sql():
            self.db.execute(statement)
        self.versions: dict[str, int] = {}
        self._types = {t: self._local_types(t) for t in TABLES}
        self._pulling = threading.Lock()

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self.db.cursor()
        try:
            yield con
        finally:
            con.close()

    def version(self) -> int:
        """The largest change number this snapshot holds (0: nothing pulled yet)."""
        return max(self.versions.values(), default=0)

    def refresh(self) -> Pull | None:
        """Pull what changed since the last refresh; None when nothing did."""
        with self._pulling:
            started = time.perf_counter()
            versions, tables, partial = self._pull()
            pulled = time.perf_counter()
            if not tables:
                self.versions = versions
                return None
            try:
                self._load_all(tables, partial, with_facts="meta" in tables)
            except duckdb.Error:  # facts that cannot be made: the first read falls back
                self._load_all(tables, partial, with_facts=False)
            self.versions = versions
            return Pull(tuple(tables), tuple(partial), sum(t.num_rows for t in tables.values()),
                        pulled - started, time.perf_counter() - pulled)

    def _load_all(self, tables: dict[str, pa.Table], partial: set[str],
                  with_facts: bool) -> None:
        """Replace the pulled tables, and make ledger_facts of the new data, in one DuckDB
        transaction: a reader sees the old snapshot or the new one, facts included."""
        with facts.lock(self.key), self.cursor() as con:
            con.execute("begin transaction")
            try:
                for name, table in tables.items():
                    self._load(con, name, table, name in partial)
                if with_facts:
                    facts.make(con)
                con.execute("commit")
            except BaseException:
                con.execute("rollback")
                raise

    def close(self) -> None:
        with self._pulling:
            self.reader.close()

    # -- pulling ---------------------------------------------------------------------------
    def _pull(self) -> tuple[dict[str, int], dict[str, pa.Table], set[str]]:
        with self.reader.transaction() as read:
            versions = dict.fromkeys(TABLES, 0)
            versions.update(dict(read.rows("select table_name, version from table_versions")))
            changed = [t for t in TABLES if self.versions.get(t) != versions[t]]
            tables, partial = {}, set()
            for name in changed:  # names from TABLES only, numbers from table_versions
                since = self.versions.get(name)
                if name in TRACKED and since is not None:
                    tables[name] = _plain(read.table(name, f"where changed_in > {int(since)}"))
                    partial.add(name)
                else:
                    tables[name] = _plain(read.table(name))
        return versions, tables, partial

    # -- loading -----------------------------------------------------------------------------
    def _local_types(self, table: str) -> dict[str, str]:
        return {name: typ for name, typ, *_ in self.db.execute(f"describe {table}").fetchall()}

    def _load(self, con: duckdb.DuckDBPyConnection, name: str, table: pa.Table,
              partial: bool) -> None:
        """Replace the local table with the pulled one, or, for changed rows only, replace
        the rows of the same (batch_id, source_row) and add the new ones."""
        types = self._types[name]
        # Every column cast to the local type: numeric text becomes an exact DECIMAL.
        columns = ", ".join(f'cast("{c}" as {types[c]}) as "{c}"' for c in table.column_names
                            if c in types)
        con.register("pulled", table)
        try:
            if partial:
                con.execute(f"delete from {name} t using pulled p "
                            "where t.batch_id = p.batch_id and t.source_row = p.source_row")
            else:
                con.execute(f"delete from {name}")
            con.execute(f"insert into {name} by name select {columns} from pulled")
        finally:
            with contextlib.suppress(duckdb.Error):
                con.unregister("pulled")


def _plain(table: pa.Table) -> pa.Table:
    """ADBC hands `numeric` over as an opaque extension type holding text: keep the text."""
    columns = []
    for column in table.columns:
        if isinstance(column.type, pa.BaseExtensionType):
            column = pa.chunked_array([c.storage for c in column.chunks],
                                      type=column.type.storage_type)
        columns.append(column)
    return pa.Table.from_arrays(columns, names=table.column_names)
