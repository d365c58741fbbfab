"""What every store shares: the batch and preview types, the busy error, and the Arrow form
of a validated sheet (exact DECIMAL money, dates) that both stores write."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import pandas as pd
import pyarrow as pa

from spendline import periods
from spendline.kinds import KINDS

# Arrow types of the stored columns that are not plain text.
ARROW_TYPES = {
    "month": pa.date32(),
    "date": pa.date32(),
    "quote_date": pa.date32(),
    "order_date": pa.date32(),
    "invoice_date": pa.date32(),
    "due_date": pa.date32(),
    "paid_date": pa.date32(),
    "fiscal_year": pa.int32(),
    "source_row": pa.int32(),
    # Money as the store keeps it: six decimals (SPEC §1).
    "amount": pa.decimal128(18, 6),
    "amount_net": pa.decimal128(18, 6),
    "vat_amount": pa.decimal128(18, 6),
    "paid_amount": pa.decimal128(18, 6),
    "revenue": pa.decimal128(18, 6),
    "platform_spend": pa.decimal128(18, 6),
    "vat_rate": pa.decimal128(18, 6),
    "rate": pa.decimal128(18, 8),
    "impressions": pa.int64(),
    "clicks": pa.int64(),
    "leads": pa.int64(),
    "opportunities": pa.int64(),
    "customers": pa.int64(),
    "rating": pa.int32(),
    "has_contract": pa.bool_(),
    "has_invoice": pa.bool_(),
    "has_receipt": pa.bool_(),
}

BUDGET_SCOPE = ("fiscal_year", "version", "account")


class StoreBusy(RuntimeError):
    """Another program holds the store file; the message is for the user."""


class StoreUnavailable(RuntimeError):
    """The store cannot be opened at all (damaged, read-only, not there); the message is
    for the user."""


@dataclass
class Batch:
    """One validated sheet, ready to store. `frame` holds the kind's stored columns."""

    file_name: str
    sha256: str
    sheet: str
    kind: str
    frame: pd.DataFrame
    note: str = ""  # shown in the history, e.g. the channel names mapped on intake


@dataclass
class BatchPreview:
    """What applying a batch would do to the rows now in force."""

    sheet: str
    kind: str
    rows: int
    added: int
    changed: int
    unchanged: int
    replaced: int  # budget rows of the same fiscal year, version and account
    replaced_scopes: list[tuple] = field(default_factory=list)
    # Approved budget adjustments in those scopes: a new budget keeps them in force.
    adjustments_kept: int = 0
    # Dimension values no row in force has yet: column -> values (SPEC §1.1).
    new_values: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredProfile:
    """An import profile as a store keeps it: name, owner and sharing in columns, the rules
    as the JSON text of loaders.profiles.to_json, which the store never reads (only the
    upload flow turns it into a Profile: the store does not depend on the loaders)."""

    name: str
    owner: str
    shared: bool
    definition: str


def to_arrow(frame: pd.DataFrame, columns: list[str]) -> pa.Table:
    """The frame's stored columns as Arrow with exact types (DECIMAL money, dates), column
    by column in Arrow where the frame is typed: no Python object per cell."""
    return pa.table({name: _arrow_column(frame[name] if name in frame else None, len(frame),
                                         ARROW_TYPES.get(name, pa.string()))
                     for name in columns})


def _arrow_column(values: pd.Series | None, size: int, typ: pa.DataType) -> pa.Array:
    if values is None:
        return pa.nulls(size, typ)
    if pa.types.is_date32(typ):  # dates are datetime64 at midnight: the day is exact
        return pa.array(pd.to_datetime(values), from_pandas=True).cast(typ, safe=False)
    if values.dtype == object:  # Decimal money, Python text: NaN and NaT become null
        return pa.array(values.astype(object).where(values.notna(), None), type=typ)
    array = pa.array(values.array, from_pandas=True)  # NaN is null
    if typ == pa.string() and pa.types.is_large_string(array.type):
        return array  # DuckDB takes large strings as they are: casting would copy offsets
    return array.cast(typ)


# The batches in force: every one not rolled back (both engines derive `current` from it).
APPLIED = "select batch_id from batches where rolled_back_at is null"


def key_columns(kind: str) -> list[str]:
    return list(KINDS[kind].key) if kind != "budget" else list(BUDGET_SCOPE)


def with_fiscal_year(batch: Batch, first_month: int) -> Batch:
    if batch.kind != "budget":
        return batch
    frame = batch.frame.assign(fiscal_year=periods.fiscal_years(batch.frame["month"],
                                                                first_month))
    return dataclasses.replace(batch, frame=frame)  # the note too (it was lost)


@runtime_checkable
class StoreInterface(Protocol):
    """What pages, loaders and the command line use of a store, whichever engine holds it
    (duckdb_file.Store, postgres.PostgresStore). Reads return Arrow (exact DECIMAL money)."""

    path: object  # a label for cache keys: the file, or the URL without its password

    def query(self, sql: str, params: dict | None = None,
              variables: dict | None = None) -> pa.Table: ...
    def queries(self, sqls: dict[str, str], params: dict | None = None,
                variables: dict | None = None) -> dict[str, pa.Table]: ...
    def data_version(self) -> int: ...
    def is_empty(self) -> bool: ...
    def settings(self) -> dict[str, str]: ...
    def history(self) -> pd.DataFrame: ...
    def preview(self, batches: list[Batch]) -> list[BatchPreview]: ...
    def apply(self, batches: list[Batch], user: object = "local") -> list[int]: ...
    def rollback(self, batch_id: int, user: object = "local") -> None: ...
    def rollback_batches(self, batch_ids: list[int], user: object = "local") -> None: ...
    def reapply(self, batch_id: int, user: object = "local") -> None: ...
    def change_settings(self, values: dict[str, object] | None = None,
                        channel_mapping: dict[str, str | None] | None = None,
                        user: object = "local") -> int | None: ...
    def preferences(self, email: str) -> dict[str, str] | None: ...
    def save_preferences(self, email: str, numbers: str, currency_position: str) -> None: ...
    def stored_profiles(self) -> list[StoredProfile]: ...
    def stored_profile(self, name: str) -> StoredProfile | None: ...
    def save_profile(self, profile: StoredProfile) -> None: ...
    def delete_profile(self, name: str) -> None: ...


def reapply_target(rows: list[tuple], batch_id: int) -> tuple:
    """A rolled-back batch's kind, rollback time and user (rows: those of the batch)."""
    if not rows:
        raise KeyError(f"There is no upload batch {batch_id}.")
    if rows[0][1] is None:
        raise ValueError(f"Batch {batch_id} is in force: there is no rollback to undo.")
    return rows[0]
