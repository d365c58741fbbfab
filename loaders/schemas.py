"""One Pandera model per sheet kind: the rules a parsed sheet must keep (SPEC §2).

Cells are converted to numbers and dates by loaders.values first (a failed coercion inside
Pandera hides the later checks on that column), so these models check values, not types.
Each check has a name; CHECK_MESSAGES turns it into the plain words a user reads.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from loaders.kinds import STATUSES, VENDOR_STATUSES, VERSIONS

# check name -> (column the user should look at, what is wrong). None: the failing column.
CHECK_MESSAGES: dict[str, tuple[str | None, str]] = {
    "non_negative": (None, "must not be negative"),
    "not_nullable": (None, "is empty but required"),
    "rating_1_to_5": (None, "rating must be a whole number from 1 to 5"),
    "known_status": (None, "unknown status"),
    "known_version": (None, "version must be budget or forecast"),
    "vendor_status": (None, "status must be active or blocked"),
    "negative_only_for_credit_notes": (
        "amount_net",
        "a negative amount (credit note) is only allowed on invoiced or paid rows",
    ),
    "invoice_date_required": ("invoice_date", "invoiced and paid rows need an invoice date"),
    "paid_date_required": ("paid_date", "paid rows need a paid date"),
    "due_after_invoice": ("due_date", "due date is before the invoice date"),
    "paid_after_invoice": ("paid_date", "paid date is before the invoice date"),
    "unique_key": (None, "appears twice in this upload (the key must be unique)"),
}


def _non_negative(values: pd.Series) -> pd.Series:
    return values.map(lambda v: v is None or pd.isna(v) or v >= 0).astype(bool)


def _unique(df: pd.DataFrame, key: list[str]) -> pd.Series:
    return ~df[key].astype(str).duplicated(keep=False)


class _Model(pa.DataFrameModel):
    class Config:
        strict = False  # extra columns (source_row) pass through
        coerce = False


class BudgetModel(_Model):
    month: Series[pd.Timestamp]
    channel: Series[str]
    category: Series[str]
    account: Series[str]
    amount: Series[object]
    currency: Series[str]
    version: Series[str]

    @pa.check("amount", name="non_negative")
    def amount_non_negative(cls, amount: Series[object]) -> Series[bool]:
        return _non_negative(amount)

    @pa.check("version", name="known_version")
    def version_known(cls, version: Series[str]) -> Series[bool]:
        return version.isin(VERSIONS)


class SpendModel(_Model):
    document_id: Series[str]
    vendor: Series[str]
    channel: Series[str]
    status: Series[str]
    amount_net: Series[object]
    currency: Series[str]
    invoice_date: Series[pd.Timestamp] = pa.Field(nullable=True)
    due_date: Series[pd.Timestamp] = pa.Field(nullable=True)
    paid_date: Series[pd.Timestamp] = pa.Field(nullable=True)

    @pa.check("status", name="known_status")
    def status_known(cls, status: Series[str]) -> Series[bool]:
        return status.isin(STATUSES)

    @pa.dataframe_check(name="negative_only_for_credit_notes")
    def credit_notes(cls, df: pd.DataFrame) -> Series[bool]:
        return _non_negative(df["amount_net"]) | df["status"].isin(["invoiced", "paid"])

    @pa.dataframe_check(name="invoice_date_required")
    def invoice_date_required(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["status"].isin(["invoiced", "paid"]) & df["invoice_date"].isna())

    @pa.dataframe_check(name="paid_date_required")
    def paid_date_required(cls, df: pd.DataFrame) -> Series[bool]:
        return ~((df["status"] == "paid") & df["paid_date"].isna())

    @pa.dataframe_check(name="due_after_invoice")
    def due_after_invoice(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["due_date"] < df["invoice_date"])

    @pa.dataframe_check(name="paid_after_invoice")
    def paid_after_invoice(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["paid_date"] < df["invoice_date"])

    @pa.dataframe_check(name="unique_key")
    def unique_key(cls, df: pd.DataFrame) -> Series[bool]:
        return _unique(df, ["vendor", "document_id"])


class ResultsModel(_Model):
    date: Series[pd.Timestamp]
    campaign: Series[str]
    channel: Series[str]
    account: Series[str]
    impressions: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    clicks: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    leads: Series[pd.Int64Dtype]
    opportunities: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    customers: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    revenue: Series[object]
    platform_spend: Series[object] = pa.Field(nullable=True)

    @pa.check("impressions", "clicks", "leads", "opportunities", "customers", name="non_negative")
    def counts_non_negative(cls, counts: Series) -> Series[bool]:
        return counts.isna() | (counts >= 0)

    @pa.check("revenue", "platform_spend", name="non_negative")
    def money_non_negative(cls, money: Series[object]) -> Series[bool]:
        return _non_negative(money)

    @pa.dataframe_check(name="unique_key")
    def unique_key(cls, df: pd.DataFrame) -> Series[bool]:
        return _unique(df, ["date", "campaign", "channel", "platform"])


class VendorsModel(_Model):
    vendor: Series[str]
    category: Series[str]
    rating: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    status: Series[str]

    @pa.check("rating", name="rating_1_to_5")
    def rating_range(cls, rating: Series) -> Series[bool]:
        return rating.isna() | rating.between(1, 5)

    @pa.check("status", name="vendor_status")
    def status_known(cls, status: Series[str]) -> Series[bool]:
        return status.isin(VENDOR_STATUSES)

    @pa.dataframe_check(name="unique_key")
    def unique_key(cls, df: pd.DataFrame) -> Series[bool]:
        return _unique(df, ["vendor"])


class FxRatesModel(_Model):
    currency: Series[str]
    month: Series[pd.Timestamp]
    rate: Series[object]

    @pa.check("rate", name="non_negative")
    def rate_non_negative(cls, rate: Series[object]) -> Series[bool]:
        return _non_negative(rate)

    @pa.dataframe_check(name="unique_key")
    def unique_key(cls, df: pd.DataFrame) -> Series[bool]:
        return _unique(df, ["currency", "month"])


MODELS: dict[str, type[_Model]] = {
    "budget": BudgetModel,
    "spend": SpendModel,
    "results": ResultsModel,
    "vendors": VendorsModel,
    "fx_rates": FxRatesModel,
}

KEY_COLUMN = {"spend": "document_id", "results": "campaign", "vendors": "vendor",
              "fx_rates": "currency"}


def failures(kind: str, frame: pd.DataFrame) -> list[tuple[object, str, str]]:
    """Validate lazily; every failure as (frame index, column, message), once per check."""
    try:
        MODELS[kind].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return _describe(kind, exc.failure_cases)
    return []


def _describe(kind: str, cases: pd.DataFrame) -> list[tuple[object, str, str]]:
    found: dict[tuple[object, str], tuple[object, str, str]] = {}
    for case in cases.itertuples(index=False):
        if pd.isna(case.index):
            # A schema-level failure (missing column, wrong dtype) means intake built the frame
            # wrong: that is our bug, not the user's.
            raise AssertionError(f"{kind} frame does not fit its schema: {case}")
        column, message = CHECK_MESSAGES.get(str(case.check), (None, str(case.check)))
        if case.check == "unique_key":
            column = KEY_COLUMN[kind]
        column = column or case.column
        # A dataframe-level check reports each column of a failing row: keep one per row.
        found.setdefault((case.index, str(case.check)), (case.index, column, message))
    return list(found.values())
