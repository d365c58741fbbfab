"""What the pages look up besides the views, as SQL in one place: what the sidebar's filters
offer, the rows in force of a kind (Stored data) and the currencies that have rates."""

from __future__ import annotations

import pyarrow as pa

from spendline.kinds import KINDS, UNALLOCATED

# Column names are fixed here, never user input. Results have no category, vendors are
# only on ledger rows (spendline/sql/helpers/filters.sql leaves a source whole on those).
SOURCES = {
    "account": ("ledger", "budget_base", "results_base"),
    "channel": ("ledger", "budget_base", "results_base"),
    "platform": ("ledger", "budget_base", "results_base"),
    "category": ("ledger", "budget_base"),
    "campaign": ("ledger", "budget_base", "results_base"),
    "vendor": ("ledger",),
}
# Kinds whose rows carry a client account (the rest are shared by every account).
ACCOUNT_KINDS = ("budget", "spend", "results")
# A user restricted to some client accounts is offered only their channels, campaigns,
# vendors...: another client's names are not for them to see either.
_IN_ACCOUNTS = "(len($accounts) = 0 or list_contains($accounts, account))"


def fiscal_years(store) -> tuple[int, ...]:
    """The fiscal years with ledger or budget rows, newest first."""
    return tuple(int(y) for y in store.query(
        "select distinct fiscal_year from ledger where fiscal_year is not null "
        "union select distinct fiscal_year from budget_base where fiscal_year is not null "
        "order by fiscal_year desc").column(0).to_pylist())


def filter_values(store, column: str, accounts: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The values a filter offers for `column` (a key of SOURCES), within `accounts` when
    given, in a reader's order; `Unallocated` among the campaigns when a row names none."""
    union = " union ".join(
        f"select distinct {column} as v from {t} where {column} is not null and {_IN_ACCOUNTS}"
        for t in SOURCES[column])
    values = store.query(f"select v from ({union})", {"accounts": list(accounts)}
                         ).column("v").to_pylist()
    found = tuple(sorted({v for v in values if v != ""}, key=lambda v: (v.casefold(), v)))
    if column == "campaign" and UNALLOCATED not in found and _campaignless(store, accounts):
        found = (*found, UNALLOCATED)
    return found


def _campaignless(store, accounts: tuple[str, ...]) -> bool:
    return bool(store.query(
        f"select exists (select 1 from ledger where campaign is null and {_IN_ACCOUNTS}) "
        f"or exists (select 1 from budget_base where campaign is null and {_IN_ACCOUNTS})",
        {"accounts": list(accounts)}).column(0)[0].as_py())


def _in_force(kind: str, accounts: tuple[str, ...]) -> tuple[str, dict | None]:
    if kind not in KINDS:
        raise KeyError(f"There is no sheet kind '{kind}'.")
    if accounts and kind in ACCOUNT_KINDS:
        return f"from {kind} where list_contains($accounts, account)", {
            "accounts": list(accounts)}
    return f"from {kind}", None


def count_in_force(store, kind: str, accounts: tuple[str, ...] = ()) -> int:
    """How many rows of a kind are in force (a restricted user's accounts only)."""
    sql, params = _in_force(kind, accounts)
    return store.query(f"select count(*) {sql}", params).column(0)[0].as_py()


def rows_in_force(store, kind: str, accounts: tuple[str, ...] = (),
                  limit: int | None = None) -> pa.Table:
    """The rows of a kind in force, in upload order (a restricted user's accounts only)."""
    sql, params = _in_force(kind, accounts)
    tail = f" limit {int(limit)}" if limit is not None else ""
    return store.query(f"select * {sql} order by batch_id, source_row{tail}", params)


def rate_currencies(store) -> list[str]:
    """The currencies the stored fx rates name."""
    return store.query("select distinct currency from fx_rates").column(0).to_pylist()
