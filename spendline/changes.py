"""What changed in the ledger and the budget between two moments of the upload history
("compare with" the last meeting)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from spendline.views import Filters

LEDGER_SQL = """
select vendor, document_id, channel, status, amount_net, currency
from spend
where ledger_kept(channel, platform, category, campaign, account, vendor)
"""

CHANGE_COLUMNS = ["change", "vendor", "document_id", "channel", "status_then", "status_now",
                  "amount_then", "amount_now", "currency"]


def ledger_rows(store, filters: Filters) -> pd.DataFrame:
    """The ledger rows in force at filters.as_at (now when unset), keyed by vendor+document."""
    return store.query(LEDGER_SQL, variables=filters.variables()).to_pandas()


def ledger_changes(then: pd.DataFrame, now: pd.DataFrame) -> pd.DataFrame:
    """Documents added, paid, otherwise changed or removed between two ledger snapshots."""
    merged = then.merge(now, on=["vendor", "document_id"], how="outer",
                        suffixes=("_then", "_now"), indicator=True)
    rows = []
    for r in merged.to_dict("records"):
        if r["_merge"] == "right_only":
            change = "new document"
        elif r["_merge"] == "left_only":
            change = "removed"
        elif r["status_then"] != r["status_now"]:
            change = "paid" if r["status_now"] == "paid" else f"now {r['status_now']}"
        elif Decimal(r["amount_net_then"]) != Decimal(r["amount_net_now"]):
            change = "amount changed"
        else:
            continue
        rows.append({
            "change": change, "vendor": r["vendor"], "document_id": r["document_id"],
            "channel": _first_text(r["channel_now"], r["channel_then"]),
            "status_then": _first_text(r["status_then"]),
            "status_now": _first_text(r["status_now"]),
            "amount_then": _amount(r["amount_net_then"]),
            "amount_now": _amount(r["amount_net_now"]),
            "currency": _first_text(r["currency_now"], r["currency_then"]),
        })
    order = {"new document": 0, "paid": 1, "amount changed": 3, "removed": 4}
    out = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    return (out.assign(_o=out["change"].map(lambda c: order.get(c, 2)))
            .sort_values(["_o", "vendor", "document_id"]).drop(columns="_o")
            .reset_index(drop=True))


def _first_text(*values) -> str | None:
    return next((v for v in values if isinstance(v, str)), None)


def _amount(value) -> Decimal | None:
    return None if value is None or (not isinstance(value, Decimal) and pd.isna(value)) \
        else Decimal(value)


def first_upload(history: pd.DataFrame):
    """When the first batch still in the history was stored (None for an empty store): a
    "compare with" date before it compares with an empty store."""
    if history.empty:
        return None
    return pd.Timestamp(history["uploaded_at"].min()).to_pydatetime()


def comparison_note(day, history: pd.DataFrame) -> str:
    """What "compare with `day`" compares, in words, saying plainly when nothing was stored
    then (so every document reads as new)."""
    first = first_upload(history)
    if first is None or first.date() > day:
        since = (f"the first upload was on {_day(first)}" if first is not None
                 else "nothing has been uploaded")
        return (f"Nothing was stored on {_day(day)} ({since}): every figure below is "
                "compared with an empty store, so every document counts as new.")
    return (f"The figures under these filters now, beside the same figures as the store held "
            f"at the end of {_day(day)} (uploads and rollbacks after it left out), and the "
            "ledger documents added, changed or removed since.")


def _day(day) -> str:
    return f"{day.day} {day:%b %Y}"
