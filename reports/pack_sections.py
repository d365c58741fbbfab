"""What each pack holds: its sections, built from the same view functions the pages read
(spendline.views, spendline.planning, spendline.metrics, spendline.accruals) and the pure chart
builders of ui/*charts.py. No SQL of its own, no Streamlit. Figures run over the fiscal year up
to the pack's month with the filters given (a client pack: one account)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pandas as pd

from reports.errors import ReportError
from reports.pack_pieces import (
    ROI_COLUMNS,
    TOP,
    aging_tables,
    frame_of,
    fva_table,
    headline,
    landing_table,
    largest_note,
    media_table,
    month_by_channel,
    movers,
    roi_ratios,
    roi_table,
    rows_of,
)
from reports.period import day_label, month_end, month_label, period
from reports.tables import Column, Section, Table, add_up, cents, top_with_rest
from spendline import accruals, planning
from spendline import formats as fmt
from spendline.metrics import previous_month_end, ratio
from spendline.views import Filters, run_other, run_totals, run_view
from ui import budget_charts, media_charts, roi_charts, spend_charts


def finance(store, month: date, base: Filters = Filters(), currency: str | None = None,
            today: date | None = None) -> list[Section]:
    settings = store.settings()
    currency = currency or settings["base_currency"]
    p = period(month, int(settings["fiscal_first_month"]), base, today)
    sections = []

    tiles = headline(store, p)
    sections.append(Section("headline", "Budget, committed, actual, paid and landing",
                            [f"Fiscal year {p.year.from_month:%Y} as of {day_label(p.as_of)}, "
                             f"with the change since {day_label(previous_month_end(p.as_of))}."],
                            tiles=tiles))

    rows = month_by_channel(store, p)
    bva_year = frame_of(run_view(store, "budget_vs_actual", p.to_date))
    sections.append(Section(
        "forecast", f"Forecast vs actual by channel, {month_label(p.month)}",
        movers(rows, currency, p.month), tables=[fva_table(rows, currency)],
        charts=[("Budget, forecast and actual per month, year to date",
                 budget_charts.burn_up(bva_year, currency))]))

    landing = landing_table(store, p.year, currency)
    sections.append(Section("landing", f"Landing, fiscal year {p.year.from_month:%Y}",
                            tables=[landing],
                            charts=[("Landing by channel",
                                     budget_charts.landing_by_channel(pd.DataFrame(landing.rows),
                                                               currency))]))

    lines = run_view(store, "accruals", replace(p.to_date, as_of=month_end(p.month)))
    by_channel = rows_of(accruals.totals(lines, "channel"))
    acc_cols = [Column("channel", "Channel"), Column("from_platforms", "Platform spend "
                                                     "not invoiced", "money"),
                Column("from_orders", "Open orders", "money"),
                Column("to_accrue", "To accrue", "money"), Column("lines", "Lines", "int")]
    sections.append(Section(
        "accruals", f"Accruals at {day_label(month_end(p.month))}",
        [f"To accrue: {fmt.money(accruals.total(lines), currency)} over {lines.num_rows:,} "
         "lines (the Accruals page's journal entry lists them one by one)."],
        tables=[Table("accruals_by_channel", acc_cols, by_channel, add_up(by_channel, acc_cols),
                      currency=currency)]))

    aging, due, overdue = aging_tables(store, p.to_date, currency)
    sections.append(Section("invoices", "Invoices due and overdue", tables=[aging, due, overdue],
                            charts=[("Open invoices by days overdue",
                                     spend_charts.aging_bars(pd.DataFrame(aging.rows), currency))]))

    flags = rows_of(run_view(store, "approval_flags", p.to_date))
    reasons: dict[str, dict] = {}
    for f in flags:
        entry = reasons.setdefault(f["reason"], {"reason": f["reason"], "rows": 0,
                                                 "amount_base": Decimal("0.00")})
        entry["rows"] += 1
        entry["amount_base"] += f["amount_base"]
    reason_cols = [Column("reason", "Reason"), Column("rows", "Rows", "int"),
                   Column("amount_base", "Amount", "money")]
    reason_rows = sorted(reasons.values(), key=lambda r: (-r["amount_base"], r["reason"]))
    flag_cols = [Column("vendor", "Vendor"), Column("document_id", "Document"),
                 Column("required_level", "Needs"), Column("approval_level", "Approved by"),
                 Column("reason", "Reason"), Column("amount_base", "Amount", "money")]
    shown, count = top_with_rest(flags, flag_cols, "amount_base", TOP, "rows")
    sections.append(Section(
        "flags", "Approval and document flags",
        [f"{count:,} ledger rows lack the approval their amount needs or a document."],
        tables=[Table("flags_by_reason", reason_cols, reason_rows,
                      add_up(reason_rows, reason_cols), currency=currency),
                Table("flags", flag_cols, shown, add_up(flags, flag_cols), currency=currency,
                      caption=largest_note(count, "flagged rows"))]))

    start = datetime.combine(p.month, datetime.min.time())
    end = datetime.combine(month_end(p.month), datetime.max.time())
    adjustments = rows_of(run_other(
        store, "budget_adjustment_requests", p.year,
        "status = 'approved' and decided_at between $start and $end",
        {"start": start, "end": end}))
    adj_cols = [Column("adjustment_id", "No."), Column("kind", "Kind"),
                Column("from_line", "From"), Column("from_month", "From month"),
                Column("to_line", "To"), Column("to_month", "To month"),
                Column("reason", "Reason"), Column("decided_by", "Approved by"),
                Column("amount", "Amount", "money")]
    for row in adjustments:
        row["adjustment_id"] = str(row["adjustment_id"])
    sections.append(Section(
        "adjustments", f"Budget adjustments approved in {month_label(p.month)}",
        [] if adjustments else [f"No budget adjustment was approved in {month_label(p.month)}."],
        tables=[Table("adjustments", adj_cols, adjustments, add_up(adjustments, adj_cols),
                      currency=currency)] if adjustments else []))

    roi = roi_table(store, p.to_date, currency)
    sections.append(Section("roi", "ROI on invoiced cost, year to date", tables=[roi],
                            charts=[("Spend against revenue",
                                     roi_charts.roi_bubble(pd.DataFrame(roi.rows), "channel",
                                                       currency))]))
    return sections


def client(store, month: date, account: str, base: Filters = Filters(),
           currency: str | None = None, today: date | None = None) -> list[Section]:
    """One account's pack: every view runs with that account alone in the filters."""
    if base.accounts and account not in base.accounts:
        raise ReportError(f"The account '{account}' is outside these filters' accounts (or "
                          "the ones you may see).")
    settings = store.settings()
    currency = currency or settings["base_currency"]
    base = replace(base, accounts=(account,))
    p = period(month, int(settings["fiscal_first_month"]), base, today)
    sections = []
    landing = landing_table(store, p.year, currency)
    bva_year = frame_of(run_view(store, "budget_vs_actual", p.year))
    sections.append(Section(
        "budget", f"Budget vs actual, fiscal year {p.year.from_month:%Y}",
        [f"{account}: budget {fmt.money(landing.totals['budget'], currency)}, actual to date "
         f"{fmt.money(landing.totals['actual_to_date'], currency)}, landing "
         f"{fmt.money(landing.totals['landing'], currency)} "
         f"({fmt.money(landing.totals['landing_vs_budget'], currency, signed=True)} against "
         "the budget)."],
        tables=[landing], charts=[("Budget, forecast and actual per month",
                                   budget_charts.burn_up(bva_year, currency))]))
    rows = month_by_channel(store, p)
    sections.append(Section("month", f"Forecast vs actual, {month_label(p.month)}",
                            movers(rows, currency, p.month), tables=[fva_table(rows, currency)]))

    spend_cols = [Column("channel", "Channel"), Column("platform", "Platform"),
                  Column("committed", "Committed", "money"), Column("actual", "Actual", "money"),
                  Column("paid", "Paid", "money")]
    spend = [{"channel": r["channel"] or "(none)", "platform": r["platform"] or "(none)",
              "committed": cents(r["committed"]), "actual": cents(r["actual"]),
              "paid": cents(r["paid"])}
             for r in rows_of(run_totals(store, p.to_date, ("channel", "platform")))]
    spend = [r for r in spend if any(r[k] for k in ("committed", "actual", "paid"))]
    monthly = frame_of(run_totals(store, p.to_date, ("month", "channel")))
    monthly["month"] = monthly["month"].map(lambda m: f"{m:%Y-%m}")
    sections.append(Section(
        "spend", "Spend by channel and platform, year to date",
        tables=[Table("spend_by_platform", spend_cols, spend, add_up(spend, spend_cols),
                      currency=currency)],
        charts=[("Actual by month and channel",
                 spend_charts.spend_over_time(monthly, "channel", currency))]))
    sections.append(Section("results", "Results and ROI, year to date",
                            ["Two bases: invoiced cost (what finance pays, fees included) and "
                             "platform spend (what the ad platforms report, media alone)."],
                            tables=[roi_table(store, p.to_date, currency),
                                    media_table(store, p.to_date, currency)]))
    aging, due, overdue = aging_tables(store, p.to_date, currency)
    sections.append(Section("invoices", "Invoices", tables=[aging, due, overdue]))
    return sections


def marketing(store, month: date, base: Filters = Filters(), currency: str | None = None,
              today: date | None = None) -> list[Section]:
    settings = store.settings()
    currency = currency or settings["base_currency"]
    first = int(settings["fiscal_first_month"])
    p = period(month, first, base, today)
    sections = []
    roi = roi_table(store, p.to_date, currency)
    sections.append(Section("channels", "Channel performance, year to date", tables=[roi],
                            charts=[("Spend against revenue",
                                     roi_charts.roi_bubble(pd.DataFrame(roi.rows), "channel",
                                                       currency))]))
    camp_cols = [Column("campaign", "Campaign"), Column("channel", "Channel"), *ROI_COLUMNS]
    campaigns = rows_of(run_view(store, "roi_by_campaign", p.to_date))
    shown, count = top_with_rest(campaigns, [*camp_cols, Column("opportunities", "", "int")],
                                 "actual", TOP, "campaigns")
    sections.append(Section(
        "campaigns", "Campaign performance, year to date",
        tables=[Table("roi_by_campaign", camp_cols, shown,
                      add_up(campaigns, [*camp_cols, Column("opportunities", "", "int")],
                             ratios=roi_ratios()),
                      currency=currency,
                      caption=largest_note(count, "campaigns", "by actual") + (
                          " That line leaves its ratios out." if count > TOP + 1 else ""))]))
    platform = media_table(store, p.to_date, currency, "platform", "media_by_platform")
    sections.append(Section("media", "Media figures, year to date",
                            tables=[media_table(store, p.to_date, currency), platform],
                            charts=[("Platform spend beside invoiced, by platform",
                                     media_charts.spend_beside_invoiced(
                                         pd.DataFrame(platform.rows), ["platform", "channel"],
                                         currency))]))
    score = frame_of(run_other(store, "scorecard", p.year))
    score_cols = [Column("channel", "Channel"), Column("actual", "Actual", "money"),
                  Column("leads", "Leads", "int"), Column("customers", "Customers", "int"),
                  Column("revenue", "Revenue", "money"), Column("cac", "CAC", "unit"),
                  Column("roi", "ROI", "pct"), Column("lead_to_customer", "Lead to customer",
                                                      "pct"),
                  Column("revenue_change", "Revenue vs previous quarter", "unit")]
    if score.empty:
        sections.append(Section("scorecard", "Scorecard", ["Nothing matches these filters."]))
        return sections
    quarters = list(dict.fromkeys(zip(score["fiscal_year"], score["quarter"], strict=True)))
    year, quarter = quarters[planning.last_closed_quarter(quarters, p.as_of, first)]
    chosen = score[(score["fiscal_year"] == year) & (score["quarter"] == quarter)]
    every = chosen[chosen["channel"] == planning.ALL_CHANNELS].to_dict("records")
    rows = chosen[chosen["channel"] != planning.ALL_CHANNELS].to_dict("records")
    # The total adds up the rows shown (the scorecard's own All channels row rounds the
    # unrounded sums once, a cent away at times); its ratios from that total.
    totals = add_up(rows, score_cols, "All channels", ratios={
        "cac": lambda t: ratio(t["actual"], t["customers"], 2),
        "roi": lambda t: ratio(t["revenue"] - t["actual"], t["actual"]),
        "lead_to_customer": lambda t: ratio(t["customers"], t["leads"])})
    totals["revenue_change"] = every[0]["revenue_change"] if every else None
    sections.append(Section(
        "scorecard", f"Scorecard, {quarter} {year}",
        ["The last quarter closed by the as-of date."],
        tables=[Table("scorecard", score_cols, rows, totals, currency=currency)]))
    return sections

