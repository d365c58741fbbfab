"""Months and fiscal years: the calendar rules every figure is placed by (SPEC §4).

Python's half of two rules SQL needs as well: the macros `ledger_day` and `fiscal_year_of`
(spendline/sql/helpers/macros.sql) and PostgreSQL's `fiscal_year_of`
(spendline/sql/postgres/001_tables.sql).
tests/test_periods.py runs each side on the same inputs and holds them to the same answers.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

INVOICED = ("invoiced", "paid")  # statuses whose row counts on its invoice date


def fiscal_year_of(day: date, first_month: int = 1) -> int:
    """The fiscal year of a day, named after the calendar year it starts in."""
    return day.year - (1 if day.month < first_month else 0)


def fiscal_years(months: pd.Series, first_month: int = 1) -> pd.Series:
    """fiscal_year_of for a column of dates."""
    months = pd.to_datetime(months)
    return months.dt.year - (months.dt.month < first_month).astype(int)


def fiscal_months(fiscal_year: int, first_month: int = 1) -> list[date]:
    """The twelve first-of-month dates of a fiscal year."""
    out = []
    for i in range(12):
        index = first_month - 1 + i
        out.append(date(fiscal_year + index // 12, index % 12 + 1, 1))
    return out


def month_of(days: pd.Series) -> pd.Series:
    """The first day of each date's month (NaT stays NaT)."""
    return pd.to_datetime(days).dt.to_period("M").dt.to_timestamp()


def ledger_day(frame: pd.DataFrame) -> pd.Series:
    """The day each ledger row counts on: its invoice date once invoiced or paid, else its
    order date, else its quote date."""
    invoiced = frame["status"].isin(INVOICED)
    return frame["order_date"].fillna(frame["quote_date"]).where(~invoiced,
                                                                 frame["invoice_date"])


def ledger_month(frame: pd.DataFrame) -> pd.Series:
    """The month each ledger row counts in (the month of its ledger_day)."""
    return month_of(ledger_day(frame))
