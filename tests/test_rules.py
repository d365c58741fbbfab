"""loaders.rules (what intake runs) against loaders.schemas (the Pandera models): the same
failures, in the same order, on generated frames of every kind and on real uploads."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import intake, kinds, rules, schemas, values
from loaders.intake import UploadedFile, read_upload
from tests.helpers import SPEND_HEADER, xlsx

DEMO = Path(__file__).parent.parent / "data" / "demo"
HOSTILE = Path(__file__).parent / "hostile" / "files"

TEXT = ["A", "B", "paid", "invoiced", "quoted", "ordered", "cancelled", "budget", "forecast",
        "active", "blocked", "EUR", "?"]
MONEY = [Decimal("-1.00"), Decimal("0.00"), Decimal("5.50"), Decimal("-0.01")]
DAYS = [pd.Timestamp("2026-01-01"), pd.Timestamp("2026-02-01"), pd.Timestamp("2025-12-31")]


def _column(kind: str, size: int):
    """A strategy for one column as intake builds it (dtypes included)."""
    if kind in (kinds.TEXT, kinds.STATUS, kinds.VERSION, kinds.CURRENCY):
        return st.lists(st.sampled_from([*TEXT, None]), min_size=size, max_size=size).map(
            lambda v: pd.Series(v, dtype="str"))
    if kind == kinds.MONEY:  # Arrow DECIMAL(18,2), as intake hands money over
        return st.lists(st.sampled_from([*MONEY, None]), min_size=size, max_size=size).map(
            lambda v: pd.Series(pa.array(v, pa.decimal128(18, 2)), dtype=values.MONEY))
    if kind == kinds.RATE:
        return st.lists(st.sampled_from([*MONEY, None]), min_size=size, max_size=size).map(
            lambda v: pd.Series(v, dtype=object))
    if kind in (kinds.DATE, kinds.MONTH, kinds.PERIOD):
        return st.lists(st.sampled_from([*DAYS, None]), min_size=size, max_size=size).map(
            lambda v: pd.Series(pd.to_datetime(v), dtype="datetime64[us]"))
    if kind == kinds.INTEGER:
        return st.lists(st.sampled_from([-1, 0, 3, 6, None]), min_size=size, max_size=size).map(
            lambda v: pd.Series(v, dtype="Int64"))
    return st.lists(st.booleans(), min_size=size, max_size=size).map(
        lambda v: pd.Series(v, dtype=bool))


@st.composite
def frames(draw, kind: str):
    size = draw(st.integers(min_value=0, max_value=25))
    spec = kinds.KINDS[kind]
    data = {"source_row": pd.Series(range(2, size + 2), dtype="int64")}
    for column in spec.columns:
        name = "month" if column.name == "period" else column.name
        data[name] = draw(_column(column.type, size))
    return pd.DataFrame(data)


@pytest.mark.parametrize("kind", sorted(kinds.KINDS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_rules_fail_exactly_where_the_pandera_models_fail(kind, data):
    frame = data.draw(frames(kind))
    assert rules.failures(kind, frame) == schemas.failures(kind, frame)


def _uploads() -> list[tuple[str, bytes]]:
    bad_ledger = xlsx({"Ledger": [
        ["Invoice number", "Supplier", "Channel", "Status", "Net amount", "Invoice date",
         "Due date", "Paid date"],
        ["A1", "V", "Email", "paid", -3, "2026-01-10", "2026-02-10", None],
        ["A2", "V", "Email", "quoted", -5, "2026-01-10", None, None],
        ["A3", "V", "Email", "invoiced", 7, "2026-01-10", "2026-01-01", "2025-01-01"],
        ["A3", "V", "Email", "what?", 7, "2026-01-10", None, None],
        [None, None, "Email", None, None, None, None, None],
    ]})
    bad_results = xlsx({"R": [
        ["date", "campaign", "channel", "leads", "revenue", "clicks", "platform_spend"],
        ["2026-01-01", "C", "Email", -1, -2, -3, -4],
        ["2026-01-01", "C", "Email", 1, 2, 3, 4],
    ]})
    bad_vendors = xlsx({"V": [["vendor", "category", "rating", "status"],
                              ["Acme", "agency", 7, "paused"], ["Acme", "media", 0, "active"]]})
    ledger = xlsx({"L": [[*SPEND_HEADER[:5], "invoice_date"],
                         ["A", None, "Email", "invoiced", 1, "2026-01-01"]]})
    files = [("bad_ledger.xlsx", bad_ledger), ("bad_results.xlsx", bad_results),
             ("bad_vendors.xlsx", bad_vendors), ("ledger.xlsx", ledger)]
    files += [(p.name, p.read_bytes()) for p in sorted(DEMO.glob("*.xlsx"))]
    files += [(p.name, p.read_bytes()) for p in sorted(HOSTILE.glob("*.xlsx"))
              if p.name != "bomb.xlsx"]
    return files


@pytest.mark.parametrize(("name", "data"), _uploads(), ids=lambda v: v if isinstance(v, str)
                         else "")
def test_intake_frames_fail_the_same_under_both(monkeypatch, name, data):
    checked = []

    def both(kind, frame):
        mine = rules.failures(kind, frame)
        assert mine == schemas.failures(kind, frame)
        checked.append(kind)
        return mine

    monkeypatch.setattr(intake, "failures", both)
    read_upload([UploadedFile(name, data)])
    if name.startswith(("bad_", "ledger", "budget", "spend", "results", "vendors", "fx_")):
        assert checked
