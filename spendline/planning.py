"""The views behind the Accounts, Scorecard and Budget adjustments pages, run with the global
filters like the views of SPEC §5 (spendline.views), each with its CSV columns in order."""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from spendline.views import Filters

COLUMNS = {
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
ALL_CHANNELS = "All channels"  # the scorecard's row over every channel


def run(store, name: str, filters: Filters | None = None, where: str = "",
        params: dict | None = None) -> pa.Table:
    """One of these views as Arrow (DECIMAL money exact), filtered; `where` narrows the rows
    further with named parameters (never values pasted into the SQL)."""
    if name not in COLUMNS:
        raise KeyError(f"There is no view '{name}'. Views: {', '.join(COLUMNS)}.")
    columns = ", ".join(COLUMNS[name])
    sql = f"select {columns} from {name}" + (f" where {where}" if where else "")
    return store.query(sql, params, variables=(filters or Filters()).variables())


def accounts(store, filters: Filters | None = None) -> pa.Table:
    """One row per client account: its total over all channels."""
    table = run(store, "account_summary", filters, "channel is null")
    return table.drop_columns(["channel"])


def account_channels(store, account: str, filters: Filters | None = None) -> pa.Table:
    """One account's figures per channel."""
    table = run(store, "account_summary", filters, "channel is not null and account = $account",
                {"account": account})
    return table.drop_columns(["account"])


def quarter_end(fiscal_year: int, quarter: str, first_month: int = 1) -> date:
    """The first day of the last month of a fiscal quarter ('Q1'..'Q4')."""
    index = first_month - 1 + 3 * int(quarter.lstrip("Q")) - 1
    return date(fiscal_year + index // 12, index % 12 + 1, 1)


def last_closed_quarter(quarters: list[tuple[int, str]], as_of: date,
                        first_month: int = 1) -> int:
    """Position in `quarters` of the last one whose months all lie before the as-of month
    (a quarter still running compares badly with a whole one); the last one when none."""
    month = as_of.replace(day=1)
    closed = [i for i, (year, q) in enumerate(quarters)
              if quarter_end(year, q, first_month) < month]
    return closed[-1] if closed else len(quarters) - 1
