"""The check functions behind the Pandera models of loaders.schemas, and their messages.

Each check is vectorized (a whole column or frame at once, never a Python call per cell):
that keeps Pandera's validation of 100k rows to a small share of an upload. Cells are
converted to numbers and dates by loaders.values first, so these check values, not types.
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
    "paid_after_invoice": ("paid_date", "paid date is before the invoice date"),
    "unique_key": (None, "appears twice in this upload (the key must be unique)"),
}

KEY_COLUMN = {"spend": "document_id", "results": "campaign", "vendors": "vendor",
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


def paid_after_invoice(df: pd.DataFrame) -> pd.Series:
    return ~(df["paid_date"] < df["invoice_date"])

