"""The month a pack covers: its as-of day, the fiscal-year filters its figures run over, and
how its months and days are written.

A pack is for one month. Its as-of date is that month's last day, or the clock's today when
the month is still running; its figures run over the fiscal year up to that month (the
landing over the whole fiscal year).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date

from spendline import clock
from spendline.periods import fiscal_months, fiscal_year_of
from spendline.views import Filters

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def pack_as_of(month: date, today: date | None = None) -> date:
    """The month's last day, or today when that is earlier (the month still runs)."""
    return min(month_end(month), today or clock.today())


def month_label(month: date) -> str:
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def day_label(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Period:
    month: date
    as_of: date
    year: Filters   # the whole fiscal year (landing, tiles)
    to_date: Filters  # fiscal year start to the pack month
    only: Filters   # the pack month alone


def period(month: date, first_month: int, base: Filters, today: date | None = None) -> Period:
    month = month.replace(day=1)
    as_of = pack_as_of(month, today)
    months = fiscal_months(fiscal_year_of(month, first_month), first_month)
    base = replace(base, as_of=as_of, as_at=None)
    return Period(month, as_of,
                  replace(base, from_month=months[0], to_month=months[-1]),
                  replace(base, from_month=months[0], to_month=month),
                  replace(base, from_month=month, to_month=month))

