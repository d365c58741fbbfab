"""What each pack holds: its sections, built from the same view functions the pages read
(spendline.views, spendline.planning, spendline.metrics, spendline.accruals) and the pure chart
builders of ui/*charts.py. No SQL of its own, no Streamlit.

A pack is for one month. Its as-of date is that month's last day, or the clock's today when
the month is still running; its figures run over the fiscal year up to that month (the
landing over the whole fiscal year), with the filters given (a client pack: one account).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import pyarrow as pa

from reports.tables import Column, Section, Table, Tile, add_up, cents, top_with_rest
from spendline import accruals, clock, planning
from spendline import formats as fmt
from spendline.metrics import kpis, previous_month_end, ratio
from spendline.periods import fiscal_months, fiscal_year_of
from spendline.views import Filters, run_other, run_outcome_totals, run_totals, run_view
from ui import budget_charts, media_charts, roi_charts, spend_charts

PACKS = ("finance", "client", "marketing")
TITLES = {"finance": "Finance pack", "client": "Client pack", "marketing": "Marketing pack"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
TOP = 12  # rows of a long list before the rest are added up in one line


class ReportError(ValueError):
    """A pack that cannot be made as asked; the message is for the user."""


# -- the period --------------------------------------------------------------------------------
def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def pack_as_of(month: date, today: date | None = None) -> date:
    """The month's last day, or today when that is earlier (the month still runs)."""
    return min(month_end(month), today or clock.today())


def month_label(month: date) -> str:
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def day_label(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass
class Pack:
    kind: str
    title: str
    subtitle: str
    month: date
    as_of: date
    filters_text: str
    data_version: str
    made_at: datetime
    currency: str
    sections: list[Section]

    @property
    def meta(self) -> str:
        """The line every page and section carries."""
        return (f"{self.filters_text} · as of {day_label(self.as_of)} · data: "
                f"{self.data_version} · made {self.made_at:%Y-%m-%d %H:%M}")


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


def data_version(store) -> str:
    """'batch 5 of 2026-12-04 20:22': the newest batch of the upload history."""
    history = store.history()
    if history.empty:
        return "nothing uploaded"
    row = history.iloc[0]
    return f"batch {int(row['batch_id'])} of {pd.Timestamp(row['uploaded_at']):%Y-%m-%d %H:%M}"


def filters_text(filters: Filters, accounts_label: str = "every account") -> str:
    parts = [f"{accounts_label if not filters.accounts else ', '.join(filters.accounts)}"]
    for name, values in (("channel", filters.channels), ("platform", filters.platforms),
                         ("category", filters.categories), ("campaign", filters.campaigns),
                         ("vendor", filters.vendors)):
        if values:
            parts.append(f"{name}{'s' if len(values) > 1 else ''} {', '.join(values)}")
    return " · ".join(parts)


def _rows(table: pa.Table) -> list[dict]:
    return table.to_pylist()


def _frame(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas()


# -- shared pieces ------------------------------------------------------------------------------
def _roi_ratios(actual_key: str = "actual") -> dict:
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
    rows = _rows(run_view(store, "roi_by_channel", filters))
    rows = [{**r, "opportunities": r["opportunities"]} for r in rows]
    totals = add_up(rows, [*columns, Column("opportunities", "", "int")],
                    ratios=_roi_ratios())
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
    rollup = _frame(run_other(store, "media_rollup", filters))
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
    aging = _rows(run_view(store, "aging", filters))
    due_cols = [Column("bucket", "Due"), Column("due_from", "From", "day"),
                Column("due_to", "To", "day"), Column("invoices", "Invoices", "int"),
                Column("amount", "Amount", "money")]
    due = _rows(run_other(store, "payments_due", filters))
    over_cols = [Column("vendor", "Vendor"), Column("document_id", "Invoice"),
                 Column("channel", "Channel"), Column("due_date", "Due", "day"),
                 Column("days_overdue", "Days overdue", "int"),
                 Column("amount", "Amount", "money")]
    overdue = _rows(run_other(store, "overdue_invoices", filters))
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
                  caption=_largest(count, "overdue invoices")))


def _largest(count: int, noun: str, how: str = "") -> str:
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
    rows = _rows(run_view(store, "landing", filters))
    return Table("landing", columns, rows, add_up(rows, columns), currency=currency,
                 caption="Landing = actual up to the as-of month + what is left of the as-of "
                 "month's forecast + forecast after it. Above zero: over budget.")


def headline(store, p: Period) -> list[Tile]:
    """The Overview's tiles (spendline.metrics.kpis) at the as-of date and a month before."""
    monthly = _frame(run_totals(store, p.year, ("month", "channel")))
    results = _frame(run_outcome_totals(store, p.year, ("month",)))
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
    rows = _rows(run_view(store, "budget_vs_actual", p.only))
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


# -- the packs ----------------------------------------------------------------------------------
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
    bva_year = _frame(run_view(store, "budget_vs_actual", p.to_date))
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
    by_channel = _rows(accruals.totals(lines, "channel"))
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

    flags = _rows(run_view(store, "approval_flags", p.to_date))
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
                      caption=_largest(count, "flagged rows"))]))

    start = datetime.combine(p.month, datetime.min.time())
    end = datetime.combine(month_end(p.month), datetime.max.time())
    adjustments = _rows(run_other(
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
    bva_year = _frame(run_view(store, "budget_vs_actual", p.year))
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
             for r in _rows(run_totals(store, p.to_date, ("channel", "platform")))]
    spend = [r for r in spend if any(r[k] for k in ("committed", "actual", "paid"))]
    monthly = _frame(run_totals(store, p.to_date, ("month", "channel")))
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
    campaigns = _rows(run_view(store, "roi_by_campaign", p.to_date))
    shown, count = top_with_rest(campaigns, [*camp_cols, Column("opportunities", "", "int")],
                                 "actual", TOP, "campaigns")
    sections.append(Section(
        "campaigns", "Campaign performance, year to date",
        tables=[Table("roi_by_campaign", camp_cols, shown,
                      add_up(campaigns, [*camp_cols, Column("opportunities", "", "int")],
                             ratios=_roi_ratios()),
                      currency=currency,
                      caption=_largest(count, "campaigns", "by actual") + (
                          " That line leaves its ratios out." if count > TOP + 1 else ""))]))
    platform = media_table(store, p.to_date, currency, "platform", "media_by_platform")
    sections.append(Section("media", "Media figures, year to date",
                            tables=[media_table(store, p.to_date, currency), platform],
                            charts=[("Platform spend beside invoiced, by platform",
                                     media_charts.spend_beside_invoiced(
                                         pd.DataFrame(platform.rows), ["platform", "channel"],
                                         currency))]))
    score = _frame(run_other(store, "scorecard", p.year))
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


def build(store, kind: str, month: date, *, account: str | None = None,
          base: Filters = Filters(), style: fmt.Style = fmt.Style(),
          today: date | None = None, made_at: datetime | None = None) -> Pack:
    """One pack, its numbers written in `style` when rendered (reports.render)."""
    if kind not in PACKS:
        raise ReportError(f"There is no '{kind}' pack: choose {', '.join(PACKS)}.")
    settings = store.settings()
    currency = settings["base_currency"]
    month = month.replace(day=1)
    as_of = pack_as_of(month, today)
    with fmt.using(style):  # the words (movers, notes) carry numbers too
        if kind == "client":
            if not account:
                raise ReportError("A client pack is for one account: name it.")
            sections = client(store, month, account, base, currency, today)
            shown = replace(base, accounts=(account,))
            subtitle = f"{account} · {month_label(month)}"
        else:
            sections = (finance if kind == "finance" else marketing)(store, month, base,
                                                                      currency, today)
            shown = base
            subtitle = month_label(month)
    months = fiscal_months(fiscal_year_of(month, int(settings["fiscal_first_month"])),
                           int(settings["fiscal_first_month"]))
    scope = (f"{filters_text(shown)} · fiscal year {months[0]:%Y}, "
             f"{MONTHS[months[0].month - 1]} {months[0].year}–{MONTHS[month.month - 1]} "
             f"{month.year}")
    return Pack(kind, TITLES[kind], subtitle, month, as_of, scope,
                data_version(store), made_at or clock.now(), currency, sections)


def accounts(store, base: Filters = Filters()) -> list[str]:
    """The accounts a pack may be made for (narrowed to a restricted user's by `base`)."""
    names = _frame(run_totals(store, base, ("account",)))["account"].dropna().tolist()
    return sorted(a for a in names if not base.accounts or a in base.accounts)

