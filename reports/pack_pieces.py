"""The tables, tiles and notes more than one pack shows (ROI, media, invoices, landing, the
headline tiles, the month's movers), built from the same view functions the pages read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import pyarrow as pa

from reports.period import Period, month_label
from reports.tables import Column, Table, Tile, add_up, top_with_rest
from spendline import formats as fmt
from spendline.metrics import kpis, previous_month_end, ratio
from spendline.views import Filters, run_other, run_outcome_totals, run_totals, run_view

TOP = 12  # rows of a long list before the rest are added up in one line


def rows_of(table: pa.Table) -> list[dict]:
    return table.to_pylist()


def frame_of(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas()


def roi_ratios(actual_key: str = "actual") -> dict:
    return {
        "cpl": lambda t: ratio(t[actual_key], t["leads"], 2),
        "cost_per_opportunity": lambda t: ratio(t[actual_key], t["opportunities"], 2),
        "cac": lambda t: ratio(t[actual_key], t["customers"], 2),
        "roas": lambda t: ratio(t["revenue"], t[actual_key]),
        "roi": lambda t: ratio(t["revenue"] - t[actual_key], t[actual_key]),
        "lead_to_customer": lambda t: ratio(t["customers"], t["leads"]),
    }


ROI_COLUMNS = [Column("actual", "Actual (invoiced)", "money"), Column("leads", "Leads", "int"),
               Column("customers", "Customers", "int"), Column("revenue", "Revenue", "money"),
               Column("cpl", "CPL", "unit"), Column("cac", "CAC", "unit"),
               Column("roas", "ROAS", "times"), Column("roi", "ROI", "pct")]


def roi_table(store, filters: Filters, currency: str, key: str = "roi_by_channel") -> Table:
    columns = [Column("channel", "Channel"), *ROI_COLUMNS]
    rows = rows_of(run_view(store, "roi_by_channel", filters))
    rows = [{**r, "opportunities": r["opportunities"]} for r in rows]
    totals = add_up(rows, [*columns, Column("opportunities", "", "int")],
                    ratios=roi_ratios())
    return Table(key, columns, rows, totals, currency=currency,
                 caption="On invoiced cost (finance): CPL = actual ÷ leads · CAC = actual ÷ "
                 "customers · ROAS = revenue ÷ actual · ROI = (revenue − actual) ÷ actual. "
                 "The total's ratios are worked out from the totals.")


MEDIA_COLUMNS = [Column("platform_spend", "Platform spend", "money"),
                 Column("actual", "Invoiced actual", "money"),
                 Column("impressions", "Impressions", "int"), Column("clicks", "Clicks", "int"),
                 Column("leads", "Leads", "int"), Column("revenue", "Revenue", "money"),
                 Column("media_cpl", "Media CPL", "unit"),
                 Column("media_roas", "Media ROAS", "times")]


def media_table(store, filters: Filters, currency: str, level: str = "channel",
                key: str = "media_by_channel") -> Table:
    """media_rollup (the Media page's and the ROI page's platform basis) at one level, with
    the 'total' row of the same view as the totals row."""
    keys = {"channel": ["channel"], "platform": ["platform", "channel"]}[level]
    rollup = frame_of(run_other(store, "media_rollup", filters))
    rows = rollup[rollup["level"] == level].to_dict("records")
    columns = [*(Column(k, k.capitalize()) for k in keys), *MEDIA_COLUMNS]
    totals = add_up(rows, columns)
    # The ratios over every row are the view's own total row's: over the rows that report
    # both figures (leads without platform spend would make the media CPL look cheap).
    whole = rollup[rollup["level"] == "total"].to_dict("records")
    for key in ("media_cpl", "media_roas"):
        totals[key] = whole[0][key] if whole else None
    return Table(key, columns, rows, totals if rows else None, currency=currency,
                 caption="On platform spend (media): what the ad platforms report. Media CPL = "
                 "platform spend ÷ leads · media ROAS = revenue ÷ platform spend, over the rows "
                 "that report both. The invoiced actual of the same rows is beside it, never "
                 "added to it.")


def aging_tables(store, filters: Filters, currency: str) -> tuple[Table, Table, Table]:
    aging_cols = [Column("bucket", "Days overdue"), Column("invoices", "Invoices", "int"),
                  Column("amount", "Amount", "money")]
    aging = rows_of(run_view(store, "aging", filters))
    due_cols = [Column("bucket", "Due"), Column("due_from", "From", "day"),
                Column("due_to", "To", "day"), Column("invoices", "Invoices", "int"),
                Column("amount", "Amount", "money")]
    due = rows_of(run_other(store, "payments_due", filters))
    over_cols = [Column("vendor", "Vendor"), Column("document_id", "Invoice"),
                 Column("channel", "Channel"), Column("due_date", "Due", "day"),
                 Column("days_overdue", "Days overdue", "int"),
                 Column("amount", "Amount", "money")]
    overdue = rows_of(run_other(store, "overdue_invoices", filters))
    shown, count = top_with_rest(overdue, over_cols, "amount", TOP, "invoices")
    for row in shown:  # the rest row's days overdue is not a sum
        if str(row.get("vendor", "")).startswith("Other "):
            row["days_overdue"] = None
    over_totals = add_up(overdue, over_cols)
    over_totals["days_overdue"] = None
    return (Table("aging", aging_cols, aging, add_up(aging, aging_cols), currency=currency,
                  caption="Open invoices by days overdue (as-of date − due date)."),
            Table("payments_due", due_cols, due, add_up(due, due_cols), currency=currency,
                  caption="Open invoices by due date, in weeks from the as-of date. Each line "
                  "is rounded to the cent on its own, so this total may differ from the one "
                  "above by a cent."),
            Table("overdue_invoices", over_cols, shown, over_totals, currency=currency,
                  caption=largest_note(count, "overdue invoices")))


def largest_note(count: int, noun: str, how: str = "") -> str:
    if count <= TOP + 1:
        return f"Every one of the {count:,} {noun}." if count else ""
    return (f"The {TOP} largest of {count:,} {noun}{' ' + how if how else ''}; the others "
            "added up in one line.")


def landing_table(store, filters: Filters, currency: str) -> Table:
    columns = [Column("channel", "Channel"), Column("budget", "Budget", "money"),
               Column("actual_to_date", "Actual to date", "money"),
               Column("current_month_remaining", "Rest of the month", "money"),
               Column("forecast_after", "Forecast after", "money"),
               Column("landing", "Landing", "money"),
               Column("landing_vs_budget", "Landing vs budget", "money")]
    rows = rows_of(run_view(store, "landing", filters))
    return Table("landing", columns, rows, add_up(rows, columns), currency=currency,
                 caption="Landing = actual up to the as-of month + what is left of the as-of "
                 "month's forecast + forecast after it. Above zero: over budget.")


def headline(store, p: Period) -> list[Tile]:
    """The Overview's tiles (spendline.metrics.kpis) at the as-of date and a month before."""
    monthly = frame_of(run_totals(store, p.year, ("month", "channel")))
    results = frame_of(run_outcome_totals(store, p.year, ("month",)))
    now = kpis(monthly, results, p.as_of)
    then = kpis(monthly, results, previous_month_end(p.as_of))
    return [Tile("Budget", now.budget, then.budget),
            Tile("Committed", now.committed, None, note="whole year; not kept per month"),
            Tile("Actual to date", now.actual_to_date, then.actual_to_date),
            Tile("Paid", now.paid, then.paid),
            Tile("Landing", now.landing, then.landing),
            Tile("Landing vs budget", now.landing_vs_budget, then.landing_vs_budget),
            Tile("ROI", now.roi, then.roi, kind="pct")]


def movers(rows: list[dict], currency: str, month: date, n: int = 3) -> list[str]:
    """The variance against forecast in words: the month's total, then the `n` channels
    furthest from their forecast."""
    actual = sum((r["actual"] for r in rows), Decimal(0))
    forecast = sum((r["forecast"] for r in rows), Decimal(0))
    if not rows:
        return [f"Nothing matches these filters in {month_label(month)}."]
    gap = actual - forecast
    words = [f"In {month_label(month)} actual spend was {fmt.money(actual, currency)} against "
             f"a forecast of {fmt.money(forecast, currency)}: "
             + ("exactly on forecast." if gap == 0 else
                f"{fmt.money(abs(gap), currency)} {'over' if gap > 0 else 'under'} forecast"
                f" ({fmt.pct(ratio(gap, forecast), signed=True)})." if forecast else
                f"{fmt.money(abs(gap), currency)} with no forecast.")]
    ranked = sorted(rows, key=lambda r: (-abs(r["actual"] - r["forecast"]), r["channel"]))
    ranked = [r for r in ranked if r["actual"] != r["forecast"]][:n]
    if ranked:
        words.append(f"The {len(ranked)} biggest movers:")
    for r in ranked:
        diff = r["actual"] - r["forecast"]
        share = ratio(diff, r["forecast"])
        words.append(f"{r['channel']}: {fmt.money(abs(diff), currency)} "
                     f"{'over' if diff > 0 else 'under'} forecast "
                     f"({fmt.money(r['actual'], currency)} against "
                     f"{fmt.money(r['forecast'], currency)}"
                     + (f", {fmt.pct(share, signed=True)}" if share is not None else "") + ").")
    return words


def month_by_channel(store, p: Period) -> list[dict]:
    """budget_vs_actual for the pack month, one row per channel."""
    rows = rows_of(run_view(store, "budget_vs_actual", p.only))
    out = []
    for r in rows:
        out.append({"channel": r["channel"], "budget": r["budget"], "forecast": r["forecast"],
                    "actual": r["actual"], "vs_forecast": r["actual"] - r["forecast"],
                    "variance": r["variance"]})
    return sorted(out, key=lambda r: r["channel"])


def fva_table(rows: list[dict], currency: str) -> Table:
    columns = [Column("channel", "Channel"), Column("budget", "Budget", "money"),
               Column("forecast", "Forecast", "money"), Column("actual", "Actual", "money"),
               Column("vs_forecast", "Actual − forecast", "money"),
               Column("variance", "Actual − budget", "money")]
    return Table("forecast_vs_actual", columns, rows, add_up(rows, columns), currency=currency)

