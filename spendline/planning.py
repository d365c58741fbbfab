"""The Accounts and Scorecard pages' own figures on top of their views (spendline.views
runs them): one account's rows, fiscal quarters."""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from spendline.views import Filters, run_other

ALL_CHANNELS = "All channels"  # the scorecard's row over every channel


def accounts(store, filters: Filters | None = None) -> pa.Table:
    """One row per client account: its total over all channels."""
    table = run_other(store, "account_summary", filters, "channel is null")
    return table.drop_columns(["channel"])


def account_channels(store, account: str, filters: Filters | None = None) -> pa.Table:
    """One account's figures per channel."""
    table = run_other(store, "account_summary", filters,
                      "channel is not null and account = $account", {"account": account})
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
