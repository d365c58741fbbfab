"""Pure functions for the figures the pages add up themselves (SPEC §4): exact Decimal sums,
rounded only for display, and ratios empty when their denominator is zero."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

CENT = Decimal("0.01")
ZERO = Decimal("0")


def money(value: Decimal | None) -> Decimal | None:
    """Rounded to the cent, half away from zero (as the SQL views round)."""
    return None if value is None else Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def ratio(numerator, denominator, places: int = 4) -> Decimal | None:
    """numerator / denominator rounded half away from zero; None for a zero denominator."""
    if numerator is None or denominator is None or Decimal(denominator) == 0:
        return None
    quotient = Decimal(numerator) / Decimal(denominator)
    return quotient.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def total(frame: pd.DataFrame, column: str, mask: pd.Series | None = None) -> Decimal:
    """Exact sum of a Decimal column (None counts as 0)."""
    values = frame[column] if mask is None else frame.loc[mask, column]
    return sum((Decimal(v) for v in values if v is not None and not pd.isna(v)), ZERO)


@dataclass(frozen=True)
class Kpis:
    budget: Decimal
    committed: Decimal
    actual_to_date: Decimal
    paid: Decimal
    landing: Decimal
    landing_vs_budget: Decimal
    revenue_to_date: Decimal
    leads_to_date: int
    roi: Decimal | None
    cpl: Decimal | None


def month_start(day: date) -> pd.Timestamp:
    return pd.Timestamp(day.year, day.month, 1)


def kpis(breakdown: pd.DataFrame, outcomes: pd.DataFrame, as_of: date) -> Kpis:
    """The Overview's tiles for one fiscal year's rows (breakdown by month and channel, and
    outcomes; no month range): committed and budget for the whole year, actual, paid, revenue
    and leads up to the as-of month, landing = actual to date + what is left of the as-of
    month's forecast + forecast after it (SPEC §4, as the landing view works it out)."""
    cut = month_start(as_of)
    months = pd.to_datetime(breakdown["month"])
    done = months <= cut
    actual = total(breakdown, "actual", done)
    landing = (actual + current_month_remaining(breakdown[months == cut])
               + total(breakdown, "forecast", months > cut))
    budget = total(breakdown, "budget")
    results_done = pd.to_datetime(outcomes["month"]) <= cut
    revenue = total(outcomes, "revenue", results_done)
    leads = int(outcomes.loc[results_done, "leads"].fillna(0).sum())
    return Kpis(
        budget=budget,
        committed=total(breakdown, "committed"),
        actual_to_date=actual,
        paid=total(breakdown, "paid", done),
        landing=landing,
        landing_vs_budget=landing - budget,
        revenue_to_date=revenue,
        leads_to_date=leads,
        roi=ratio(revenue - actual, actual),
        cpl=ratio(actual, leads, places=2),
    )


def filtered_kpis(months: pd.DataFrame, outcomes: pd.DataFrame, year: pd.DataFrame,
                  as_of: date) -> Kpis:
    """The Overview's tiles under the month filter: budget, committed, actual, paid, revenue
    and leads of the chosen months (`months`, `outcomes`: breakdown by month and channel and
    outcomes by month, of the filtered months), actual and paid up to the as-of month. The
    landing is where the fiscal year ends, so it is worked out on the whole year (`year`, the
    same breakdown over every month of the fiscal year), whatever months are chosen."""
    shown = kpis(months, outcomes, as_of)
    whole = kpis(year, outcomes.iloc[0:0], as_of)
    return replace(shown, landing=whole.landing, landing_vs_budget=whole.landing_vs_budget)


def has_rows(*frames: pd.DataFrame) -> bool:
    """Whether any of the frames (a page's sources under the filters) has a row: with none,
    a page says "Nothing matches these filters" instead of showing zeros as good news."""
    return any(not frame.empty for frame in frames)


def current_month_remaining(month_rows: pd.DataFrame) -> Decimal:
    """SPEC §4: per channel, max(0, forecast − actual) of the as-of month's rows: a month still
    open lands at least at its forecast, so the landing does not drop on the 1st. Rows without
    a channel column count as one channel."""
    if month_rows.empty:
        return ZERO
    groups = (month_rows.groupby("channel", dropna=False) if "channel" in month_rows
              else [(None, month_rows)])
    return sum((max(ZERO, total(g, "forecast") - total(g, "actual")) for _, g in groups), ZERO)


def previous_month_end(day: date) -> date:
    """The last day of the month before `day`'s month: the tiles' point of comparison."""
    return (pd.Timestamp(day.year, day.month, 1) - pd.Timedelta(days=1)).date()


def group_totals(frame: pd.DataFrame, by: list[str], columns: list[str]) -> pd.DataFrame:
    """Exact Decimal sums of `columns` per group, rounded to cents once, at the end."""
    grouped = frame.groupby(by, dropna=False, sort=True)[columns]
    out = grouped.agg(lambda s: money(sum((Decimal(v) for v in s if v is not None
                                           and not pd.isna(v)), ZERO)))
    return out.reset_index()


def overdue_invoices(aging: pd.DataFrame) -> tuple[int, Decimal]:
    """How many invoices are past due and their exact amount: every aging bucket but 'not due'."""
    overdue = aging["bucket"] != "not due"
    return int(aging.loc[overdue, "invoices"].sum()), total(aging, "amount", overdue)


FUNNEL_STAGES = ("leads", "opportunities", "customers")


def funnel_totals(by_channel: pd.DataFrame) -> pd.Series:
    """Leads, opportunities and customers over every channel, as whole numbers by stage."""
    return by_channel[list(FUNNEL_STAGES)].sum().astype(int).rename_axis("stage")


def vendors_used(archive: pd.DataFrame) -> int:
    """Archive vendors with at least one document under the filters."""
    return int((archive["documents"] > 0).sum())
