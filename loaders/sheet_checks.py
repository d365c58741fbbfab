"""What is checked and settled on a parsed sheet: the Pandera rules in the user's rows,
undated ledger rows, payment dates, results rows that share a key, channel aliases, and
quarter and year budget lines spread over their months."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_DOWN, Decimal

import pandas as pd

from loaders import rules as R
from loaders.column_parse import Locator, cell_text, is_missing
from loaders.layout import Table
from loaders.problems import ERROR, Problem, rows_text
from loaders.schemas import failures
from spendline.kinds import KINDS, channel_key

PREPAYMENT = "paid date is before the invoice date: stored as a prepayment"


def payment_dates(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[int, str, str, str]]]:
    """SPEC §2.2's payment dates: a paid row without an invoice date takes its paid date; a
    paid date before the invoice date is a prepayment, stored. Returns the frame and a
    warning (row, column, value, message) for each."""
    notes = []
    undated = (frame["status"] == "paid") & frame["invoice_date"].isna() \
        & frame["paid_date"].notna()
    if undated.any():
        frame = frame.assign(invoice_date=frame["invoice_date"].where(~undated,
                                                                      frame["paid_date"]))
        rows = frame.loc[undated, "source_row"].astype(int).tolist()
        notes += [(row, "invoice_date", None, "a paid row without an invoice date: its paid "
                   "date is taken as the invoice date") for row in rows]
    early = frame["paid_date"] < frame["invoice_date"]
    notes += [(int(row), "paid_date", f"{paid:%Y-%m-%d}", PREPAYMENT)
              for row, paid in zip(frame.loc[early, "source_row"], frame.loc[early, "paid_date"],
                                   strict=True)]
    return frame, notes


# The results figures added together when rows share a key.
_SUMMED = ("impressions", "clicks", "leads", "opportunities", "customers", "revenue",
           "platform_spend")


def add_up_results(frame: pd.DataFrame) -> tuple[pd.DataFrame, str, list[tuple[int, str, str]]]:
    """Rows that share the key (date, campaign, channel, platform) added together into one
    row at the first one's place (an export broken down by ad, age or country, SPEC §2.3).
    A figure stays empty only where every row of the key lacks it. Returns the frame, the
    report's note ("" when no rows shared a key) and the keys that cannot be added up (rows
    of another account or currency: (first row, column, the values))."""
    key = list(KINDS["results"].key)
    groups = frame.groupby(key, dropna=False, sort=False)
    sizes = groups.size()
    if len(sizes) == len(frame):
        return frame, "", []
    conflicts = []
    for column in ("account", "currency"):
        differ = groups[column].nunique(dropna=False)
        for group_key in differ.index[differ.to_numpy() > 1]:
            rows = frame.loc[groups.indices[group_key]]
            conflicts.append((int(rows["source_row"].iloc[0]), column,
                              ", ".join(sorted(map(str, rows[column].unique())))))
    out = frame.loc[groups.head(1).index].reset_index(drop=True)
    sums = groups[list(_SUMMED)].sum(min_count=1).reset_index(drop=True)  # first-seen order
    for column in _SUMMED:
        out[column] = sums[column].astype(frame[column].dtype)
    added = sizes[sizes > 1]
    note = (f"{rows_text(int(added.sum()))} with the same date, campaign, channel and platform "
            f"added together into {rows_text(len(added))} (an export broken down by ad, age or "
            "country)")
    return out, note, conflicts


def map_channels(frame: pd.DataFrame, mapping: dict[str, str]
                 ) -> tuple[pd.DataFrame, dict[tuple[str, str], int]]:
    """The frame with each channel the mapping names replaced (once: a mapped name is not
    looked up again), and how many rows each (as written, as stored) pair had."""
    # Each distinct name looked up once, not each row (channel_key normalizes Unicode).
    lookup = {c: mapping.get(channel_key(c)) for c in frame["channel"].dropna().unique()}
    targets = frame["channel"].map(lookup)
    changed = targets.notna() & (targets != frame["channel"])
    counts = frame.loc[changed].groupby(["channel", targets[changed]]).size()
    out = frame.assign(channel=frame["channel"].where(~changed, targets))
    return out, {(str(old), str(new)): int(n) for (old, new), n in counts.items()}


def rule_problems(sheet: str, kind: str, frame: pd.DataFrame, table: Table,
                  mapping: dict[int, str], where: Locator) -> list[Problem]:
    """Pandera's verdict on the parsed frame, in the user's rows and headers. A rule broken
    only because a cell it reads did not parse (or was empty) is left out: that cell is
    reported already, once."""
    position = {name: pos for pos, name in mapping.items()}
    problems, bad = [], set(where.bad)
    for index, column, message in failures(kind, frame):
        value = frame.loc[index, column] if column in frame else None
        if kind == "budget" and column == "month":
            column = "period"  # the frame's name for it; the sheet's column is the period
        reads = KINDS[kind].key if message == _TWICE else _READS.get(message, (column,))
        if any((index, c) in bad for c in reads):
            continue
        problems.append(replace(where.problem(column, index, message, value=False),
                                value=None if is_missing(value) else cell_text(value)))
    if kind == "spend":
        problems += undated_ledger_rows(sheet, frame, table, position)
    return problems


# The columns a rule across columns reads (loaders.rules), by its message; a rule on one
# column reads that column.
_READS = {R.CHECK_MESSAGES[check][1]: columns for check, columns in {
    "negative_only_for_credit_notes": ("amount_net", "status"),
    "invoice_date_required": ("status", "invoice_date"),
    "paid_date_required": ("status", "paid_date"),
    "due_after_invoice": ("due_date", "invoice_date"),
    "paid_amount_status": ("paid_amount", "status"),
    "paid_amount_within": ("paid_amount", "amount_net"),
    "results_figure": ("platform_spend", "impressions", "clicks", "leads", "revenue"),
}.items()}
_TWICE = R.CHECK_MESSAGES["unique_key"][1]


UNDATED = "the row has no date to place it in a month (quote, order or invoice date)"


def undated_ledger_rows(sheet, frame, table, position) -> list[Problem]:
    """A ledger row must have a date that places it in a month (SPEC §4)."""
    month = frame["invoice_date"].fillna(frame["order_date"]).fillna(frame["quote_date"])
    undated = frame.index[month.isna() & (frame["status"] != "cancelled")]
    # named in a date column the sheet has; a row-level problem when it has none
    column = next((c for c in ("quote_date", "order_date", "invoice_date") if c in position),
                  None)
    pos = position.get(column)
    return [Problem(sheet, int(frame.loc[i, "source_row"]),
                    table.headers[pos] if pos is not None else None, None, UNDATED,
                    ERROR, None if pos is None else pos + 1) for i in undated]


CENT = Decimal("0.01")


def spread_budget(frame: pd.DataFrame) -> pd.DataFrame:
    """Quarter and year lines spread over their months: each month gets amount ÷ n rounded
    down to the cent, the last month the cents left over (SPEC §2.1)."""
    rows = []
    for record in frame.to_dict("records"):
        n = int(record.pop("_months") or 1)
        amount: Decimal = record["amount"]
        start = pd.Timestamp(record["month"])
        share = (amount / n).quantize(CENT, rounding=ROUND_DOWN)
        for k in range(n):
            rows.append({**record, "month": start + pd.DateOffset(months=k),
                         "amount": share if k < n - 1 else amount - share * (n - 1)})
    return pd.DataFrame(rows, columns=[c for c in frame.columns if c != "_months"])
