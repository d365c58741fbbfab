"""One Pandera model per sheet kind: the rules a parsed sheet must keep (SPEC §2).

Intake validates every parsed sheet through these models (`failures`). The check functions
live in loaders.rules and are vectorized, so validation stays a small share of an upload.

Cells are converted to numbers and dates by the value parsers (loaders/*values.py) first (a
failed coercion inside Pandera hides the later checks on that column), so these models check
values, not types.
Each check has a name; loaders.rules.CHECK_MESSAGES turns it into the plain words a user
reads.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pyarrow
from pandera.typing import Series

from loaders import rules as R
from loaders.number_values import MONEY_PLACES
from spendline.kinds import KINDS, RESULTS_FIGURES, STATUSES, VENDOR_STATUSES, VERSIONS

# Money is DECIMAL(18,6) as Arrow keeps it (and the store): exact, read back as Decimal.
MONEY = {"dtype_kwargs": {"pyarrow_dtype": pyarrow.decimal128(18, MONEY_PLACES)}}


class _Model(pa.DataFrameModel):
    class Config:
        strict = False  # extra columns (source_row) pass through
        coerce = False


class BudgetModel(_Model):
    month: Series[pd.Timestamp]
    channel: Series[str]
    category: Series[str]
    account: Series[str]
    amount: Series[pd.ArrowDtype] = pa.Field(**MONEY)
    currency: Series[str]
    version: Series[str]

    @pa.check("amount", name="non_negative")
    def amount_non_negative(cls, amount: Series[pd.ArrowDtype]) -> Series[bool]:
        return R.non_negative(amount)

    @pa.check("version", name="known_version")
    def version_known(cls, version: Series[str]) -> Series[bool]:
        return R.known(VERSIONS)(version)


class SpendModel(_Model):
    document_id: Series[str]
    vendor: Series[str]
    channel: Series[str]
    status: Series[str]
    amount_net: Series[pd.ArrowDtype] = pa.Field(**MONEY)
    currency: Series[str]
    invoice_date: Series[pd.Timestamp] = pa.Field(nullable=True)
    due_date: Series[pd.Timestamp] = pa.Field(nullable=True)
    paid_date: Series[pd.Timestamp] = pa.Field(nullable=True)
    paid_amount: Series[pd.ArrowDtype] = pa.Field(nullable=True, **MONEY)

    @pa.check("status", name="known_status")
    def status_known(cls, status: Series[str]) -> Series[bool]:
        return R.known(STATUSES)(status)

    @pa.dataframe_check(name="negative_only_for_credit_notes")
    def credit_notes(cls, df: pd.DataFrame) -> Series[bool]:
        return R.credit_notes(df)

    @pa.dataframe_check(name="invoice_date_required")
    def invoice_date_required(cls, df: pd.DataFrame) -> Series[bool]:
        return R.invoice_date_required(df)

    @pa.dataframe_check(name="paid_date_required")
    def paid_date_required(cls, df: pd.DataFrame) -> Series[bool]:
        return R.paid_date_required(df)

    @pa.dataframe_check(name="due_after_invoice")
    def due_after_invoice(cls, df: pd.DataFrame) -> Series[bool]:
        return R.due_after_invoice(df)

    @pa.dataframe_check(name="paid_amount_status")
    def paid_amount_status(cls, df: pd.DataFrame) -> Series[bool]:
        return R.paid_amount_status(df)

    @pa.dataframe_check(name="paid_amount_within")
    def paid_amount_within(cls, df: pd.DataFrame) -> Series[bool]:
        return R.paid_amount_within(df)

    @pa.dataframe_check(name="unique_key")
    def unique_key(cls, df: pd.DataFrame) -> Series[bool]:
        return R.unique(df, ["vendor", "document_id"])


class ResultsModel(_Model):
    date: Series[pd.Timestamp]
    campaign: Series[str]
    channel: Series[str]
    account: Series[str]
    impressions: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    clicks: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    leads: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    opportunities: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    customers: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    revenue: Series[pd.ArrowDtype] = pa.Field(nullable=True, **MONEY)
    platform_spend: Series[pd.ArrowDtype] = pa.Field(nullable=True, **MONEY)

    @pa.check("impressions", "clicks", "leads", "opportunities", "customers", name="non_negative")
    def counts_non_negative(cls, counts: Series) -> Series[bool]:
        return R.counts_non_negative(counts)

    @pa.check("revenue", "platform_spend", name="non_negative")
    def money_non_negative(cls, money: Series[pd.ArrowDtype]) -> Series[bool]:
        return R.non_negative(money)

    @pa.dataframe_check(name="results_figure")
    def has_a_figure(cls, df: pd.DataFrame) -> Series[bool]:
        return R.any_present(df, RESULTS_FIGURES)

    # No unique key: rows of one upload that share it are added together (intake).


class VendorsModel(_Model):
    vendor: Series[str]
    category: Series[str]
    rating: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    status: Series[str]

    @pa.check("rating", name="rating_1_to_5")
    def rating_range(cls, rating: Series) -> Series[bool]:
        return R.rating_1_to_5(rating)

    @pa.check("status", name="vendor_status")
    def status_known(cls, status: Series[str]) -> Series[bool]:
        return R.known(VENDOR_STATUSES)(status)

    @pa.dataframe_check(name="unique_key")
    def unique_key(cls, df: pd.DataFrame) -> Series[bool]:
        return R.unique(df, ["vendor"])


class FxRatesModel(_Model):
    currency: Series[str]
    month: Series[pd.Timestamp]
    rate: Series[object]

    @pa.check("rate", name="non_negative")
    def rate_non_negative(cls, rate: Series[object]) -> Series[bool]:
        return R.non_negative(rate)

    @pa.dataframe_check(name="unique_key")
    def unique_key(cls, df: pd.DataFrame) -> Series[bool]:
        return R.unique(df, ["currency", "month"])


MODELS: dict[str, type[_Model]] = {
    "budget": BudgetModel,
    "spend": SpendModel,
    "results": ResultsModel,
    "vendors": VendorsModel,
    "fx_rates": FxRatesModel,
}

def failures(kind: str, frame: pd.DataFrame) -> list[tuple[object, str, str]]:
    """Validate lazily with Pandera; every failure as (frame index, column, message), once
    per row and check."""
    try:
        MODELS[kind].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        found = _describe(kind, exc.failure_cases)
    else:
        return []
    # A repeated key names the whole key and the rows that share it, which the check's
    # fixed message cannot.
    repeated = R.CHECK_MESSAGES["unique_key"][1]
    duplicates = R.duplicate_messages(frame, list(KINDS[kind].key)) \
        if any(message == repeated for _, _, message in found) else {}
    return [(index, column, duplicates.get(index, message) if message == repeated else message)
            for index, column, message in found]


def _describe(kind: str, cases: pd.DataFrame) -> list[tuple[object, str, str]]:
    found: dict[tuple[object, str], tuple[object, str, str]] = {}
    for case in cases.itertuples(index=False):
        if pd.isna(case.index):
            # A schema-level failure (missing column, wrong dtype) means intake built the frame
            # wrong: that is our bug, not the user's.
            raise AssertionError(f"{kind} frame does not fit its schema: {case}")
        column, message = R.CHECK_MESSAGES.get(str(case.check), (None, str(case.check)))
        if case.check == "unique_key":
            column = R.KEY_COLUMN[kind]
        column = column or case.column
        # A dataframe-level check reports each column of a failing row: keep one per row.
        found.setdefault((case.index, str(case.check)), (case.index, column, message))
    return list(found.values())
