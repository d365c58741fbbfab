"""Money kept to six decimals and summed exactly (SPEC §1), results added up by key with
empty figures kept empty (SPEC §2.3), and payments as they happen: prepayments, paid rows
without an invoice date, partly paid invoices (SPEC §2.2, §4), on both stores."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from loaders.intake import UploadedFile
from spendline.uploads import import_files
from spendline.views import Filters, run_view
from tests.helpers import xlsx
from tests.stores import backend_of, both_stores, open_test_store

AS_OF = date(2026, 2, 15)

LEDGER = [
    ["document_id", "vendor", "channel", "status", "amount_net", "invoice_date", "due_date",
     "paid_date", "paid_amount"],
    # partly paid: 1000 - 400 = 600 open, due 2026-01-20: 26 days overdue at AS_OF
    ["I-1", "Acme", "Email", "invoiced", 1000, "2026-01-10", "2026-01-20", None, 400],
    # paid short: 450 of 500
    ["I-2", "Acme", "Email", "paid", 500, "2026-01-12", None, "2026-01-20", 450],
    # paid in full (no paid amount)
    ["I-3", "Acme", "Email", "paid", 300, "2026-01-15", None, "2026-01-25", None],
    # a credit note partly refunded: -200 - (-50) = -150 open, due 2026-03-01 (in 14 days)
    ["CN-1", "Acme", "Email", "invoiced", -200, "2026-01-20", "2026-03-01", None, -50],
    # invoiced but wholly paid: nothing open, in no aging bucket
    ["I-4", "Acme", "Email", "invoiced", 100, "2026-01-05", "2026-01-10", None, 100],
    # a prepayment: paid before the invoice date, stored
    ["P-1", "Acme", "Email", "paid", 100, "2026-01-28", None, "2026-01-02", None],
    # a payments export row: no invoice date, so invoiced on its paid date (January)
    ["P-2", "Acme", "Email", "paid", 50, None, None, "2026-01-30", None],
]

RESULTS = [
    ["date", "campaign", "channel", "platform", "Cost", "Impressions"],
    # sub-cent spend, three days of one month: 0.333333 x 3 = 0.999999 -> 1.00 (rounded once;
    # rounding each row first would give 0.99)
    ["2026-01-05", "Spring", "Paid Social", "Meta", "0.333333", 100],
    ["2026-01-06", "Spring", "Paid Social", "Meta", "0.333333", 100],
    ["2026-01-07", "Spring", "Paid Social", "Meta", "0.333333", 100],
    # an ad platform's float, nine decimals: kept as 1.430000; 3 x 1.430000 = 4.29
    ["2026-01-05", "Spring", "Paid Social", "TikTok", 1.429999948, 10],
    ["2026-01-06", "Spring", "Paid Social", "TikTok", 1.429999948, 10],
    ["2026-01-07", "Spring", "Paid Social", "TikTok", 1.429999948, 10],
]


@pytest.fixture
def store(request, tmp_path):
    """The DuckDB file; on PostgreSQL too for the tests marked both_stores."""
    store = open_test_store(request, backend_of(request), tmp_path / "money.duckdb")
    data = xlsx({"Ledger": LEDGER, "Ads": RESULTS})
    intake, ids = import_files(store, [UploadedFile("money.xlsx", data)])
    assert ids, intake.problem_table().to_string()
    return store


def view(store, name, **filters):
    return run_view(store, name, Filters(**{"as_of": AS_OF, **filters})).to_pylist()


def lifecycle(store, name, where="true"):
    return store.query(f"select * from {name} where {where}",  # names from the tests only
                       variables=Filters(as_of=AS_OF).variables()).to_pylist()


@both_stores
def test_sub_cent_spend_is_stored_to_six_decimals(store):
    spend = store.query("select platform, platform_spend from results order by platform, date")
    assert spend.to_pylist() == [
        {"platform": "Meta", "platform_spend": D("0.333333")}] * 3 + [
        {"platform": "TikTok", "platform_spend": D("1.430000")}] * 3
    assert str(spend.schema.field("platform_spend").type) == "decimal128(18, 6)"


@both_stores
def test_a_view_shows_the_two_decimal_sum_of_the_exact_values(store):
    assert [(r["platform"], r["platform_spend"]) for r in
            view(store, "platform_reconciliation", channels=["Paid Social"])] == [
        ("Meta", D("1.00")), ("TikTok", D("4.29"))]


@both_stores
def test_results_without_revenue_or_leads_are_stored_empty_and_their_ratios_are_empty(store):
    stored = store.query("select distinct leads, revenue, customers from results").to_pylist()
    assert stored == [{"leads": None, "revenue": None, "customers": None}]
    # the channel has no ledger spend: actual 0; leads and revenue unknown, so every ratio
    # over them is empty (not 0, not -1)
    [row] = view(store, "roi_by_channel", channels=["Paid Social"])
    assert row == {"channel": "Paid Social", "actual": D("0.00"), "leads": None,
                   "opportunities": None, "customers": None, "revenue": None, "cpl": None,
                   "cost_per_opportunity": None, "cac": None, "roas": None, "roi": None,
                   "lead_to_customer": None}


@both_stores
def test_prepayments_and_paid_rows_without_invoice_date_are_stored(store):
    rows = store.query("select document_id, invoice_date, paid_date from spend "
                       "where document_id like 'P-%' order by document_id").to_pylist()
    assert rows == [
        {"document_id": "P-1", "invoice_date": date(2026, 1, 28), "paid_date": date(2026, 1, 2)},
        {"document_id": "P-2", "invoice_date": date(2026, 1, 30),
         "paid_date": date(2026, 1, 30)}]


# actual = 1000 + 500 + 300 - 200 + 100 + 100 + 50 = 1850
# paid   =  400 + 450 + 300 -  50 + 100 + 100 + 50 = 1350  (paid rows: paid_amount or all;
#           invoiced rows: their paid_amount)
# unpaid = 1850 - 1350 = 500 = open 600 (I-1) - 150 (CN-1)
@both_stores
def test_partial_payments_in_paid_and_unpaid(store):
    [vendor] = view(store, "spend_by_vendor")
    assert vendor == {"vendor": "Acme", "vendor_category": None, "documents": 7,
                      "committed": D("1850.00"), "actual": D("1850.00"), "paid": D("1350.00"),
                      "unpaid": D("500.00")}
    [month] = view(store, "budget_vs_actual", channels=["Email"])
    assert (month["month"], month["actual"], month["paid"]) == (
        "2026-01", D("1850.00"), D("1350.00"))


@both_stores
def test_aging_counts_the_open_amount(store):
    # I-1: 600 open, 26 days overdue; CN-1: -150 open, not due; I-4 wholly paid: not listed
    assert view(store, "aging") == [
        {"bucket": "not due", "invoices": 1, "amount": D("-150.00")},
        {"bucket": "1-30", "invoices": 1, "amount": D("600.00")},
        {"bucket": "31-60", "invoices": 0, "amount": D("0.00")},
        {"bucket": "61-90", "invoices": 0, "amount": D("0.00")},
        {"bucket": "90+", "invoices": 0, "amount": D("0.00")},
    ]


@both_stores
def test_overdue_and_payments_due_count_the_open_amount(store):
    overdue = lifecycle(store, "overdue_invoices")
    assert [(r["document_id"], r["days_overdue"], r["amount"]) for r in overdue] == [
        ("I-1", 26, D("600.00"))]
    due = {r["bucket"]: (r["invoices"], r["amount"])
           for r in lifecycle(store, "payments_due")}
    # CN-1 due 2026-03-01: 14 days after AS_OF, so week 3 (days 14-20)
    assert (due["overdue"], due["week 3"], due["week 1"]) == (
        (1, D("600.00")), (1, D("-150.00")), (0, D("0.00")))


@both_stores
def test_account_summary_overdue_is_the_open_amount(store):
    [total] = lifecycle(store, "account_summary", "channel is null")
    assert (total["overdue"], total["overdue_invoices"]) == (D("600.00"), 1)
