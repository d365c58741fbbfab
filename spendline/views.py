"""The views of SPEC §5, run with the global filters as DuckDB session variables (macros.sql
reads them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

import pyarrow as pa

from spendline.kind_views import all_kind_views
from spendline.sql import creation_order, layer_of, read_sql, sql_files

# The views of SPEC §5 (spendline/sql/views/), in the contract's order.
VIEWS = ("ledger_live", "ledger_figures_live", "ledger_facts", "ledger_figures", "ledger",
              "budget_base", "forecast_base", "results_base", "reported_spend", "breakdown",
              "outcomes", "media_base", "roi_base", "roi_rollup",
              "month_end_invoices", "month_end_rollup", "open_invoices")
VIEWS = ("budget_vs_actual", "landing", "roi_by_channel", "roi_by_campaign", "spend_by_vendor",
         "aging", "approval_flags", "platform_reconciliation", "media_performance",
         "accruals")

# The CSV columns of each view, in order (SPEC §5).
COLUMNS = {
    "budget_vs_actual": ["month", "channel", "budget", "forecast", "quoted", "committed",
                         "actual", "paid", "variance", "variance_pct"],
    "landing": ["fiscal_year", "channel", "budget", "actual_to_date", "current_month_remaining",
                "forecast_after", "landing", "landing_vs_budget"],
    "roi_by_channel": ["channel", "actual", "leads", "opportunities", "customers", "revenue",
                       "cpl", "cost_per_opportunity", "cac", "roas", "roi", "lead_to_customer"],
    "roi_by_campaign": ["campaign", "channel", "actual", "leads", "opportunities", "customers",
                        "revenue", "cpl", "cost_per_opportunity", "cac", "roas", "roi",
                        "lead_to_customer"],
    "spend_by_vendor": ["vendor", "vendor_category", "documents", "committed", "actual", "paid",
                        "unpaid"],
    "aging": ["bucket", "invoices", "amount"],
    "approval_flags": ["vendor", "document_id", "amount_base", "required_level",
                       "approval_level", "missing_documents", "reason"],
    "platform_reconciliation": ["month", "channel", "platform", "actual", "platform_spend",
                                "difference"],
    "media_performance": ["month", "channel", "platform", "campaign", "platform_spend",
                          "impressions", "clicks", "leads", "revenue", "cpc", "cpm", "ctr",
                          "media_cpl", "media_roas", "actual"],
    "accruals": ["month", "source", "channel", "platform", "vendor", "document_id",
                 "reported_or_ordered", "invoiced", "to_accrue"],
}


# The CSV columns of the pages' own views that have a fixed order (the rest: as the SQL
# has them).
OTHER_COLUMNS = {
    "account_summary": ["account", "channel", "budget", "committed", "actual_to_date",
                        "landing", "landing_vs_budget", "revenue_to_date", "roi", "overdue",
                        "overdue_invoices"],
    "scorecard": ["fiscal_year", "quarter", "channel", "actual", "leads", "opportunities",
                  "customers", "revenue", "cac", "roi", "lead_to_customer", "revenue_change",
                  "customers_change", "opportunities_change", "cac_change", "roi_change",
                  "lead_to_customer_change"],
    "budget_adjustment_summary": ["channel", "original_budget", "adjustments", "budget"],
    "budget_alerts": ["level", "account", "channel", "budget_line", "budget", "committed",
                      "actual", "committed_pct", "actual_pct", "alert"],
    "budget_adjustment_requests": [
        "adjustment_id", "requested_at", "requested_by", "kind", "amount", "currency",
        "reason", "from_account", "from_line", "from_month", "to_account", "to_line",
        "to_month", "required_level", "status", "decided_at", "decided_by", "decided_level",
        "decision_note", "batch_id"],
}


def store_sql() -> list[str]:
    """Everything a store's database is made of, in order: tables, the rows in force per
    kind, access, then view_sql()."""
    return [read_sql("schema") + all_kind_views(), read_sql("access"), *view_sql()]


def view_sql() -> list[str]:
    """Every statement that makes the macros and views, in the order their names require."""
    return [read_sql(name) for name in creation_order()]


@dataclass(frozen=True)
class Filters:
    """The global filters. Empty means all; months are first days of months."""

    from_month: date | None = None
    to_month: date | None = None
    as_of: date | None = None
    channels: tuple[str, ...] = field(default_factory=tuple)
    platforms: tuple[str, ...] = field(default_factory=tuple)
    categories: tuple[str, ...] = field(default_factory=tuple)
    campaigns: tuple[str, ...] = field(default_factory=tuple)
    accounts: tuple[str, ...] = field(default_factory=tuple)
    vendors: tuple[str, ...] = field(default_factory=tuple)
    # The store as it stood at this moment (upload history), for "compare with".
    as_at: datetime | None = None

    def variables(self) -> dict[str, object]:
        """The DuckDB session variables the views read; unset ones mean 'all'."""
        out = {}
        for name, value in asdict(self).items():
            if isinstance(value, tuple):
                if value:
                    out[name] = list(value)
            elif value is not None:
                out[name] = value
        return out


def run_breakdown(store, filters: Filters | None = None) -> pa.Table:
    """Money by month and every dimension, unrounded (for totals, charts and drills)."""
    return store.query("select * from breakdown", variables=(filters or Filters()).variables())


def run_outcomes(store, filters: Filters | None = None) -> pa.Table:
    """Campaign results by month and dimension, unrounded."""
    return store.query("select * from outcomes", variables=(filters or Filters()).variables())


def run_other(store, name: str, filters: Filters | None = None, where: str = "",
              params: dict | None = None) -> pa.Table:
    """A view of spendline/sql that is not one of SPEC §5 (pages' own tables), filtered, in
    OTHER_COLUMNS' order where it has one; `where` narrows the rows further with named
    parameters (never values pasted into the SQL)."""
    if name not in sql_files() or layer_of(name) not in ("base", "views", "marts"):
        raise KeyError(f"There is no view '{name}'.")
    columns = ", ".join(OTHER_COLUMNS.get(name, ["*"]))
    sql = f"select {columns} from {name}" + (f" where {where}" if where else "")
    return store.query(sql, params, variables=(filters or Filters()).variables())


def run_count(store, name: str, filters: Filters | None = None) -> pa.Table:
    """The number of rows of a SPEC §5 view, as a one-cell table."""
    if name not in VIEWS:
        raise KeyError(f"There is no view '{name}'. Views: {', '.join(VIEWS)}.")
    return store.query(f"select count(*) as rows from {name}",
                       variables=(filters or Filters()).variables())


# What breakdown and outcomes are broken down by, and what they add up (their SQL files).
BREAKDOWN_KEYS = ("month", "channel", "platform", "category", "campaign", "account", "vendor")
BREAKDOWN_FIGURES = ("budget", "forecast", "quoted", "committed", "actual", "paid")
OUTCOME_KEYS = ("month", "channel", "platform", "campaign", "account")
OUTCOME_FIGURES = ("impressions", "clicks", "leads", "opportunities", "customers", "revenue",
                   "platform_spend")


def run_totals(store, filters: Filters | None, by: tuple[str, ...]) -> pa.Table:
    """breakdown added up per `by` (some of BREAKDOWN_KEYS) straight from its rows: the same
    exact sums as adding up the breakdown view's rows, without making those rows first."""
    keys = _keys(by, BREAKDOWN_KEYS)
    figures = ", ".join(f"exact(sum({'coalesce(budget, 0)' if f == 'budget' else f})) as {f}"
                        for f in BREAKDOWN_FIGURES)
    return store.query(f"select {keys}, {figures} from breakdown_rows group by {keys} "
                       f"order by {keys}", variables=(filters or Filters()).variables())


def run_outcome_totals(store, filters: Filters | None, by: tuple[str, ...]) -> pa.Table:
    """outcomes added up per `by` (some of OUTCOME_KEYS)."""
    keys = _keys(by, OUTCOME_KEYS)
    figures = ", ".join(f"{'exact(sum' if f in ('revenue', 'platform_spend') else '(sum'}({f}))"
                        f" as {f}" for f in OUTCOME_FIGURES)
    return store.query(f"select {keys}, {figures} from outcomes group by {keys} order by {keys}",
                       variables=(filters or Filters()).variables())


def _keys(by: tuple[str, ...], allowed: tuple[str, ...]) -> str:
    unknown = [k for k in by if k not in allowed]
    if unknown or not by:
        raise KeyError(f"Cannot add up by {unknown or 'nothing'}: choose from {allowed}.")
    return ", ".join(dict.fromkeys(by))  # column names from a fixed list, never user text


def run_view(store, name: str, filters: Filters | None = None) -> pa.Table:
    """One SPEC §5 view as Arrow (DECIMAL money kept exact), filtered."""
    if name not in VIEWS:
        raise KeyError(f"There is no view '{name}'. Views: {', '.join(VIEWS)}.")
    columns = ", ".join(COLUMNS[name])
    variables = (filters or Filters()).variables()
    return store.query(f"select {columns} from {name}", variables=variables)
