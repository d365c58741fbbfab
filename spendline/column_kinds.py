"""What kind of figure a column holds (money, a percentage, a multiple, a count, a change in
percentage points, a month), and with how many decimals each kind is shown: the one rule the
screen's tables (ui/table_format.py) and the Excel export (ui/exports.py) both follow.

A column is known by its name (SPEC §5 and the pages' own tables); a name not listed falls
back on its type: a DECIMAL of two places is money (the views' money()), more places a
ratio, whole numbers a count.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pyarrow as pa

MONEY, PERCENT, TIMES, POINTS, COUNT, MONTH, NUMBER, OTHER = (
    "money", "percent", "times", "points", "count", "month", "number", "other")

# One number of decimals per kind of figure (issue 16): €1,234.56, 18.1%, 3.25×, +2.4 pp.
DECIMALS = {MONEY: 2, PERCENT: 1, TIMES: 2, POINTS: 1, COUNT: 0}

# SPEC §4: cpl, cac, cpc, cpm and media_cpl are money; the ratios below are fractions
# (0.1805 is 18.1 %), roas a multiple.
MONEY_COLUMNS = frozenset({
    "budget", "forecast", "quoted", "committed", "actual", "paid", "variance",
    "actual_to_date", "current_month_remaining", "forecast_after", "landing",
    "landing_vs_budget", "revenue", "cpl", "cost_per_opportunity", "cac", "unpaid", "amount",
    "amount_base", "platform_spend", "difference", "cpc", "cpm", "media_cpl",
    "reported_or_ordered", "invoiced", "to_accrue", "original_budget", "adjustments",
    "amount_documents", "amount_month_end", "from_platforms", "from_orders",
    "document_amount", "revenue_to_date", "overdue", "revenue_change", "cac_change",
    "amount_net", "vat_amount", "paid_amount", "amount_then", "amount_now",
})
PERCENT_COLUMNS = frozenset({"variance_pct", "roi", "lead_to_customer", "share",
                             "share_of_amount", "ctr", "committed_pct", "actual_pct",
                             "vat_rate"})
TIMES_COLUMNS = frozenset({"roas", "media_roas"})
# A change of a percentage is in percentage points, not a percentage of a percentage.
POINTS_COLUMNS = frozenset({"roi_change", "lead_to_customer_change"})
MONTH_COLUMNS = frozenset({"month", "from_month", "to_month"})
COUNT_COLUMNS = frozenset({"customers_change", "opportunities_change"})
# Whole numbers that are not counts: no thousands separator ("2,026").
_NOT_COUNTS = ("_id", "year", "row", "rating", "level")

# Money in the row's own currency (its `currency` column), never the base currency's sign.
DOCUMENT_MONEY = frozenset({"document_amount", "amount_net", "vat_amount", "paid_amount",
                            "amount_then", "amount_now"})


def by_name(name: str) -> str | None:
    if name in PERCENT_COLUMNS or name.endswith("_pct"):
        return PERCENT
    if name in TIMES_COLUMNS:
        return TIMES
    if name in POINTS_COLUMNS:
        return POINTS
    if name in MONEY_COLUMNS:
        return MONEY
    if name in MONTH_COLUMNS:
        return MONTH
    if name in COUNT_COLUMNS:
        return COUNT
    return None


def signed(name: str) -> bool:
    """A change is shown with its sign: +12, −3.4 pp."""
    return name.endswith("_change")


def _by_values(name: str, values: list) -> str:
    numbers = [v for v in values if isinstance(v, Decimal | int | float) and not isinstance(
        v, bool)]
    if not numbers:
        return OTHER
    if all(isinstance(v, int) or (isinstance(v, Decimal) and v.as_tuple().exponent >= 0)
           for v in numbers):
        return OTHER if name.endswith(_NOT_COUNTS) else COUNT
    exponents = [v.as_tuple().exponent for v in numbers if isinstance(v, Decimal)]
    if exponents and min(exponents) == -2:
        return MONEY
    return NUMBER


def kind_of(name: str, column: pa.ChunkedArray | pa.Array | pd.Series | None = None) -> str:
    """The kind of figure in a column: by name first, then by its type (Arrow or pandas)."""
    known = by_name(name)
    if known is not None or column is None:
        return known or OTHER
    if isinstance(column, pa.ChunkedArray | pa.Array):
        t = column.type
        if pa.types.is_decimal(t):
            # Sums of counts come out of DuckDB as HUGEINT, in Arrow a DECIMAL of no places.
            return MONEY if t.scale == 2 else (
                (OTHER if name.endswith(_NOT_COUNTS) else COUNT) if t.scale == 0 else NUMBER)
        if pa.types.is_integer(t):
            return OTHER if name.endswith(_NOT_COUNTS) else COUNT
        if pa.types.is_floating(t):
            return NUMBER
        return OTHER
    if pd.api.types.is_bool_dtype(column):
        return OTHER
    if pd.api.types.is_integer_dtype(column):
        return OTHER if name.endswith(_NOT_COUNTS) else COUNT
    if pd.api.types.is_float_dtype(column):
        return NUMBER
    if column.dtype == object:
        return _by_values(name, column.head(200).tolist())
    return OTHER


def kinds(data: pa.Table | pd.DataFrame) -> dict[str, str]:
    """The kind of every column of a table."""
    if isinstance(data, pa.Table):
        return {name: kind_of(name, data.column(name)) for name in data.column_names}
    return {str(name): kind_of(str(name), data[name]) for name in data.columns}


def row_currency_columns(columns: list[str]) -> set[str]:
    """The money columns in each row's own currency: the document amounts, and in a table
    with a `currency` column and no document amount beside it, its `amount` (a budget row,
    an adjustment request)."""
    if "currency" not in columns:
        return set()
    own = {c for c in columns if c in DOCUMENT_MONEY}
    if "amount" in columns and "document_amount" not in columns:
        own.add("amount")
    return own
