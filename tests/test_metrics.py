"""The Overview's figures on the hand-worked store of test_views (see its docstring)."""

from datetime import date
from decimal import Decimal as D

import pandas as pd
import pytest

from spendline.metrics import (
    current_month_remaining,
    funnel_totals,
    group_totals,
    kpis,
    money,
    overdue_invoices,
    previous_month_end,
    ratio,
    vendors_used,
)
from spendline.store import Store
from spendline.views import Filters, run_breakdown, run_outcomes, run_view
from tests.test_views import store  # noqa: F401 (the shared fixture)

FY2026 = Filters(from_month=date(2026, 1, 1), to_month=date(2026, 12, 1))


def tiles(store, as_of):  # noqa: F811
    filters = Filters(**{**FY2026.__dict__, "as_of": as_of})
    return kpis(run_breakdown(store, filters).to_pandas(),
                run_outcomes(store, filters).to_pandas(), as_of)


def test_kpis_in_the_middle_of_february(store):  # noqa: F811
    k = tiles(store, date(2026, 2, 15))
    assert k.budget == D("5200.00")  # 3,000 + 500 + 900 + 800
    assert money(k.committed) == D("7280.50")  # 1,250.50 + 6,000 + 80 - 50
    assert money(k.actual_to_date) == D("6680.50")  # 650.50 + 6,000 + 80 - 50
    assert money(k.paid) == D("330.50")  # 250.50 + 80
    # actual to date + 50 left of February (a -50 credit note against forecast 0) + April's
    # forecast 700 = 7,430.50, as the landing view's rows add up: 80 + 1,350.50 + 6,000
    assert money(k.landing) == D("7430.50")
    assert money(k.landing_vs_budget) == D("2230.50")
    assert k.leads_to_date == 10
    assert k.roi == D("-0.8503")  # (1,000 - 6,680.50) / 6,680.50 = -0.85031
    assert k.cpl == D("668.05")


def test_kpis_at_the_end_of_the_previous_month(store):  # noqa: F811
    assert previous_month_end(date(2026, 2, 15)) == date(2026, 1, 31)
    k = tiles(store, date(2026, 1, 31))
    assert money(k.actual_to_date) == D("6650.50")  # January: 650.50 + 6,000
    # January's Email forecast 1,200 - its actual 650.50 = 549.50 left; forecast after
    # January: none in February/March, 700 in April: 6,650.50 + 549.50 + 700 = 7,900.00
    assert money(k.landing) == D("7900.00")


@pytest.mark.parametrize("as_of", [date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 31),
                                   date(2026, 2, 1), date(2026, 2, 15), date(2026, 4, 30),
                                   date(2026, 12, 31)])
def test_the_tiles_landing_is_the_landing_views(store, as_of):  # noqa: F811
    """One rule, two engines: Python's landing (the tiles) and SQL's (the landing view)."""
    filters = Filters(**{**FY2026.__dict__, "as_of": as_of})
    view = run_view(store, "landing", filters).to_pylist()
    k = tiles(store, as_of)
    assert money(k.landing) == sum((r["landing"] for r in view), D(0))
    assert money(k.landing_vs_budget) == sum((r["landing_vs_budget"] for r in view), D(0))


def test_ratio_is_empty_for_a_zero_denominator_and_rounds_half_up():
    assert ratio(D("1"), D("0")) is None
    assert ratio(D("600.50"), 4, places=2) == D("150.13")
    assert ratio(D("-1"), 8) == D("-0.1250")


def test_group_totals_round_once_after_summing():
    frame = pd.DataFrame({"channel": ["A", "A", "B"],
                          "actual": [D("0.004"), D("0.004"), D("1.005")]})
    # rounding each row first would give 0.00 for A
    assert group_totals(frame, ["channel"], ["actual"]).values.tolist() == [
        ["A", D("0.01")], ["B", D("1.01")]]


def test_ledger_changes_between_two_snapshots():
    from spendline.changes import ledger_changes

    def ledger(*rows):
        return pd.DataFrame(rows, columns=["vendor", "document_id", "channel", "status",
                                           "amount_net", "currency"])

    then = ledger(("A", "1", "Email", "invoiced", D("10.00"), "EUR"),
                  ("A", "2", "Email", "invoiced", D("5.00"), "EUR"),
                  ("B", "9", "PR", "quoted", D("1.00"), "EUR"),
                  ("C", "3", "PR", "ordered", D("7.00"), "EUR"))
    now = ledger(("A", "1", "Email", "paid", D("10.00"), "EUR"),
                 ("A", "2", "Email", "invoiced", D("5.00"), "EUR"),
                 ("C", "3", "PR", "ordered", D("8.00"), "EUR"),
                 ("D", "4", "Display", "invoiced", D("2.50"), "USD"))
    got = ledger_changes(then, now)
    assert got[["change", "vendor", "document_id"]].values.tolist() == [
        ["new document", "D", "4"], ["paid", "A", "1"], ["amount changed", "C", "3"],
        ["removed", "B", "9"]]
    assert got.loc[0, "amount_now"] == D("2.50") and pd.isna(got.loc[0, "amount_then"])
    assert pd.isna(got.loc[3, "status_now"])



@pytest.mark.parametrize(("forecast", "actual", "remaining"), [
    ("1000.00", "400.00", "600.00"),  # the month's forecast not yet spent
    ("1000.00", "1500.00", "0.00"),  # overspent: nothing left, never negative
    ("1000.00", None, "1000.00"),  # the 1st: nothing invoiced yet
    (None, "250.00", "0.00"),  # spend without a forecast
])
def test_sql_and_python_agree_on_what_is_left_of_the_month(forecast, actual, remaining):
    rows = pd.DataFrame({"channel": ["Email"],
                         "forecast": [None if forecast is None else D(forecast)],
                         "actual": [None if actual is None else D(actual)]})
    assert current_month_remaining(rows) == D(remaining)
    [row] = Store(":memory:").query(
        "select current_month_remaining(cast($f as decimal(18, 2)), "
        "cast($a as decimal(18, 2))) as remaining", {"f": forecast, "a": actual}).to_pylist()
    assert row["remaining"] == D(remaining)


def test_overdue_invoices_count_every_bucket_but_not_due():
    aging = pd.DataFrame({"bucket": ["not due", "1-30", "31-60", "90+"],
                          "invoices": [5, 2, 1, 3],
                          "amount": [D("500.00"), D("120.10"), D("30.05"), None]})
    # 2 + 1 + 3 = 6 invoices; 120.10 + 30.05 + (None as 0) = 150.15
    assert overdue_invoices(aging) == (6, D("150.15"))


def test_overdue_invoices_of_an_empty_aging_are_none():
    aging = pd.DataFrame({"bucket": ["not due"], "invoices": [4], "amount": [D("9.99")]})
    assert overdue_invoices(aging) == (0, D("0"))


def test_funnel_totals_add_every_channel_by_stage():
    by_channel = pd.DataFrame({"channel": ["Search", "Social"], "leads": [120, 30],
                               "opportunities": [12, 3], "customers": [4, 0]})
    # leads 120 + 30, opportunities 12 + 3, customers 4 + 0
    expected = pd.Series([150, 15, 4], index=pd.Index(
        ["leads", "opportunities", "customers"], name="stage"))
    pd.testing.assert_series_equal(funnel_totals(by_channel), expected)


def test_vendors_used_counts_vendors_with_documents():
    archive = pd.DataFrame({"vendor": ["A", "B", "C", "D"], "documents": [0, 3, 1, 0]})
    assert vendors_used(archive) == 2  # B and C
