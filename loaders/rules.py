"""The rules a parsed sheet must keep (SPEC §2), checked without Pandera.

loaders.schemas declares the same rules as Pandera models (the readable contract, and the
reference tests/test_rules.py holds this module to). Importing Pandera costs about half a
second and validating through it another half second per 100k rows, most of it
bookkeeping, so intake runs the checks here: the same check functions, the same order of
failures, the same messages.

Cells are converted to numbers and dates by loaders.values first, so these rules check
values, not types. Each check has a name; CHECK_MESSAGES turns it into the plain words a
user reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

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


def unique_on(*key: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda df: unique(df, list(key))


# -- the rules of each kind -------------------------------------------------------------------
@dataclass(frozen=True)
class Rules:
    """What loaders.schemas declares for a kind, in the order Pandera reports failures:
    frame checks first (in this order), then per field: empty cells, then its checks."""

    fields: tuple[str, ...]
    nullable: frozenset[str]
    column_checks: tuple[tuple[str, tuple[str, ...], Callable], ...]  # (name, columns, test)
    frame_checks: tuple[tuple[str, Callable], ...]  # (name, test)


RULES: dict[str, Rules] = {
    "budget": Rules(
        ("month", "channel", "category", "account", "amount", "currency", "version"),
        frozenset(),
        (("non_negative", ("amount",), non_negative),
         ("known_version", ("version",), known(VERSIONS))),
        (),
    ),
    "spend": Rules(
        ("document_id", "vendor", "channel", "status", "amount_net", "currency",
         "invoice_date", "due_date", "paid_date"),
        frozenset({"invoice_date", "due_date", "paid_date"}),
        (("known_status", ("status",), known(STATUSES)),),
        (("negative_only_for_credit_notes", credit_notes),
         ("invoice_date_required", invoice_date_required),
         ("paid_date_required", paid_date_required),
         ("due_after_invoice", due_after_invoice),
         ("paid_after_invoice", paid_after_invoice),
         ("unique_key", unique_on("vendor", "document_id"))),
    ),
    "results": Rules(
        ("date", "campaign", "channel", "account", "impressions", "clicks", "leads",
         "opportunities", "customers", "revenue", "platform_spend"),
        frozenset({"impressions", "clicks", "opportunities", "customers", "platform_spend"}),
        (("non_negative", ("impressions", "clicks", "leads", "opportunities", "customers"),
          counts_non_negative),
         ("non_negative", ("revenue", "platform_spend"), non_negative)),
        (("unique_key", unique_on("date", "campaign", "channel", "platform")),),
    ),
    "vendors": Rules(
        ("vendor", "category", "rating", "status"),
        frozenset({"rating"}),
        (("rating_1_to_5", ("rating",), rating_1_to_5),
         ("vendor_status", ("status",), known(VENDOR_STATUSES))),
        (("unique_key", unique_on("vendor")),),
    ),
    "fx_rates": Rules(
        ("currency", "month", "rate"),
        frozenset(),
        (("non_negative", ("rate",), non_negative),),
        (("unique_key", unique_on("currency", "month")),),
    ),
}


def failures(kind: str, frame: pd.DataFrame) -> list[tuple[object, str, str]]:
    """Every failure as (frame index, column, message), once per row and check."""
    rules = RULES[kind]
    cases: list[tuple[object, str, str]] = []  # (index, column, check), Pandera's order
    for name, test in rules.frame_checks:
        cases += [(i, "", name) for i in _failing(test(frame), frame.index)]
    for field in rules.fields:
        values = frame[field]
        if field not in rules.nullable:
            cases += [(i, field, "not_nullable") for i in frame.index[values.isna()]]
        for name, columns, test in rules.column_checks:
            if field in columns:  # an empty cell passes every check (Pandera's ignore_na)
                cases += [(i, field, name)
                          for i in _failing(test(values) | values.isna(), frame.index)]
    return _describe(kind, cases)


def _failing(ok: pd.Series, index: pd.Index) -> list:
    return index[~np.asarray(ok, dtype=bool)].tolist()


def _describe(kind: str, cases: list[tuple[object, str, str]]) -> list[tuple[object, str, str]]:
    found: dict[tuple[object, str], tuple[object, str, str]] = {}
    for index, failing_column, check in cases:
        column, message = CHECK_MESSAGES.get(check, (None, check))
        if check == "unique_key":
            column = KEY_COLUMN[kind]
        column = column or failing_column
        # Pandera names each column of a row failing a frame check: one per row and check.
        found.setdefault((index, check), (index, column, message))
    return list(found.values())
