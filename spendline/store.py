"""The store, whichever engine holds it: pages, loaders and the command line import from here
and never learn which one they talk to. `open_store()` picks it from the settings
(SPENDLINE_DB_URL for PostgreSQL, else the DuckDB file SPENDLINE_DB); `Store(path)` is the
DuckDB file store itself. The engines live in spendline/stores/."""

from spendline.stores import open_store
from spendline.stores.base import (
    Batch,
    BatchPreview,
    StoreBusy,
    StoreUnavailable,
    to_arrow,
)
from spendline.stores.duckdb_file import LOCK_WAIT_SECONDS, Store
from spendline.stores.duckdb_migrate import SCHEMA_VERSION

__all__ = ["LOCK_WAIT_SECONDS", "SCHEMA_VERSION", "Batch", "BatchPreview", "Store", "StoreBusy",
           "StoreUnavailable", "open_store", "to_arrow"]
