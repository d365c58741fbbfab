"""The check functions behind the Pandera models of loaders.schemas, and their messages.

Each check is vectorized (a whole column or frame at once, never a Python call per cell):
that keeps Pandera's validation of 100k rows to a small share of an upload. Cells are
converted to numbers and dates by the value parsers (loaders/*values.py) first, so these
check values, not types.
Each check has a name; CHECK_MESSAGES turns it into the plain words a user reads.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

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
    "paid_amount_status": (
        "paid_amount", "a paid amount is only for invoiced or paid rows (partly or wholly paid)"),
    "paid_amount_within": (
        "paid_amount",
        "the paid amount must have the sign of the amount and not be larger than it"),
    "results_figure": (
        "leads", "the row has none of platform spend, impressions, clicks, leads or revenue"),
    "unique_key": (None, "appears twice in this upload (the key must be unique)"),
}

KEY_COLUMN = {"spend": "document_id", "vendors": "vendor",
              "fx_rates": "currency"}


# -- the checks: a bool Series, True where the row keeps the rule ------------------------------
def non_negative(values: pd.Series) -> pd.Series:
    """Empty or >= 0 (Arrow DECIMAL money, or Decimals in an object column)."""
    ok = values.isna().to_numpy(bool, copy=True)
    present = ~ok
    if present.any():
        ok[present] = np.asarray(values[present] >= 0, dtype=bool)
    return pd.Series(ok, index=values.index)


def unique(df: pd.DataFrame, key: list[str]) -> pd.Series:
    return ~df[key].astype(str).duplicated(keep=False)


def counts_non_negative(counts: pd.Series) -> pd.Series:
    return counts.isna() | (counts >= 0)


def known(allowed: tuple[str, ...]) -> Callable[[pd.Series], pd.Series]:
    return lambda values: values.isin(allowed)


def rating_1_to_5(rating: pd.Series) -> pd.Series:
    return rating.isna() | rating.between(1, 5)


def credit_notes(df: pd.DataFrame) -> pd.Series:
    return non_negative(df["amount_net"]) | df["status"].isin(["invoiced", "paid"])


def invoice_date_required(df: pd.DataFrame) -> pd.Series:
    return ~(df["status"].isin(["invoiced", "paid"]) & df["invoice_date"].isna())


def paid_date_required(df: pd.DataFrame) -> pd.Series:
    return ~((df["status"] == "paid") & df["paid_date"].isna())


def due_after_invoice(df: pd.DataFrame) -> pd.Series:
    return ~(df["due_date"] < df["invoice_date"])


def paid_amount_status(df: pd.DataFrame) -> pd.Series:
    return df["paid_amount"].isna() | df["status"].isin(["invoiced", "paid", "cancelled"])


def paid_amount_within(df: pd.DataFrame) -> pd.Series:
    """Empty, or between 0 and amount_net (a credit note's refund is negative too)."""
    paid, amount = df["paid_amount"], df["amount_net"]
    ok = (paid.isna() | amount.isna()).to_numpy(bool, copy=True)  # no amount: its own error
    present = ~ok
    if present.any():
        p, a = paid[present], amount[present]
        ok[present] = np.asarray(((p >= 0) & (p <= a)) | ((p <= 0) & (p >= a)), dtype=bool)
    return pd.Series(ok, index=df.index)


def any_present(df: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    return df[list(columns)].notna().any(axis=1)


def duplicate_messages(df: pd.DataFrame, key: list[str]) -> dict[object, str]:
    """For each row whose key another row shares: the whole key and every row that has it
    (Excel row numbers from `source_row`)."""
    keys = df[key].astype(str).where(df[key].notna(), "")
    repeated = keys.duplicated(keep=False)
    out: dict[object, str] = {}
    for _, group in df[repeated].groupby([keys[c][repeated] for c in key], sort=False):
        rows = [int(r) for r in group["source_row"]] if "source_row" in group else []
        named = ", ".join(f"{_KEY_WORDS.get(c, c)} '{_key_text(group[c].iloc[0])}'"
                          for c in key)
        where = " and ".join(map(str, rows)) if len(rows) == 2 else ", ".join(map(str, rows))
        message = (f"{named} appears {'twice' if len(group) == 2 else f'{len(group)} times'}"
                   f" in this upload (rows {where}); the key must be unique")
        out.update(dict.fromkeys(group.index, message))
    return out


_KEY_WORDS = {"document_id": "document"}


def _key_text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)

