"""The views of SPEC §5 on a tiny store whose every figure is worked out by hand below.

Store (base currency EUR; USD at 0.90 in January, 0.80 in February 2026):
  budget  Email 2026-Q1 3,000.00 (1,000.00 a month); PR 2026-01 500.00;
          Display 2026-01 1,000 USD (900.00), 2026-02 1,000 USD (800.00)
  forecast Email 2026-01 1,200.00, Email 2026-04 700.00 (FY2026 has forecast rows, so
          PR and Display have forecast 0)
  ledger (vendor, doc, status, amount, month):
    Acme   E1 invoiced  400.00  Jan  due 09 Feb, draws on order O1, platform Mailchimp
    Acme   E2 paid      250.50  Jan  all documents, platform Mailchimp
    Acme   E3 invoiced  -50.00  Feb  credit note, no campaign, due 05 Feb
    Acme   E4 quoted    999.99  Mar  no approval
    Acme   E5 cancelled 10,000  Jan  counts nowhere
    Acme   O1 ordered 1,000.00  Jan  open part 1,000 - 400 = 600
    Ads    D1 paid      100 USD Feb  = 80.00, no documents, platform DV360
    PR Co  P1 invoiced 6,000.00 Jan  due 15 Jan, approved by a manager (finance needed)
  results Spring/Email Jan: 10 leads, 4 opportunities, 2 customers, revenue 1,000.00
          Banner/Display/DV360 Feb: 0 leads, platform spend 85.00
"""

from datetime import date
from decimal import Decimal as D

import pytest

from loaders.intake import UploadedFile
from spendline.store import Store
from spendline.uploads import import_files
from spendline.views import COLUMNS, VIEWS, Filters, run_view
from tests.helpers import xlsx
from tests.stores import BACKENDS, open_test_store

LEDGER = [
    ["document_id", "vendor", "channel", "platform", "campaign", "status", "amount_net",
     "currency", "po_number", "quote_date", "order_date", "invoice_date", "due_date",
     "paid_date", "has_contract", "has_invoice", "has_receipt", "approval_level"],
    ["E1", "Acme", "Email", "Mailchimp", "Spring", "invoiced", "400.00", "EUR", "O1", None,
     None, "2026-01-10", "2026-02-09", None, "no", "no", "no", "manager"],
    ["E2", "Acme", "Email", "Mailchimp", "Spring", "paid", "250.50", "EUR", None, None, None,
     "2026-01-20", None, "2026-01-30", "yes", "yes", "yes", "manager"],
    ["E3", "Acme", "Email", None, None, "invoiced", "-50.00", "EUR", None, None, None,
     "2026-02-05", "2026-02-05", None, "no", "no", "no", "MANAGER"],
    ["E4", "Acme", "Email", None, "Spring", "quoted", "999.99", "EUR", None, "2026-03-01",
     None, None, None, None, "no", "no", "no", None],
    ["E5", "Acme", "Email", None, "Spring", "cancelled", "10000", "EUR", None, None,
     "2026-01-02", None, None, None, "no", "no", "no", None],
    ["O1", "Acme", "Email", None, "Spring", "ordered", "1000.00", "EUR", None, None,
     "2026-01-05", None, None, None, "no", "no", "no", "finance"],
    ["D1", "Ads", "Display", "DV360", "Banner", "paid", "100", "USD", None, None, None,
     "2026-02-10", None, "2026-02-20", "no", "no", "no", "manager"],
    ["P1", "PR Co", "PR", None, "PR Push", "invoiced", "6000", "EUR", None, None, None,
     "2026-01-15", "2026-01-15", None, "no", "no", "no", "Manager"],
]
BUDGET = [
    ["period", "channel", "amount", "currency", "version"],
    ["2026-Q1", "Email", "3000.00", "EUR", "budget"],
    ["2026-01", "PR", "500.00", "EUR", "budget"],
    ["2026-01", "Display", "1000", "USD", "budget"],
    ["2026-02", "Display", "1000", "USD", "budget"],
    ["2026-01", "Email", "1200.00", "EUR", "forecast"],
    ["2026-04", "Email", "700.00", "EUR", "forecast"],
]
RESULTS = [
    ["date", "campaign", "channel", "platform", "leads", "opportunities", "customers",
     "revenue", "platform_spend"],
    ["2026-01-05", "Spring", "Email", None, 10, 4, 2, "1000.00", None],
    ["2026-02-02", "Banner", "Display", "DV360", 0, 0, 0, "0", "85.00"],
]
FX = [["currency", "month", "rate"], ["USD", "2026-01", "0.90"], ["USD", "2026-02", "0.80"]]
VENDORS = [["vendor", "category"], ["Acme", "agency"], ["PR Co", "agency"]]

AS_OF = date(2026, 2, 15)


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    """The same hand-checked figures on the DuckDB file and on PostgreSQL."""
    store = open_test_store(request, request.param,
                            tmp_path_factory.mktemp("views") / "views.duckdb")
    data = xlsx({"Ledger": LEDGER, "Budget": BUDGET, "Results": RESULTS, "FX": FX,
                 "Vendors": VENDORS})
    intake, ids = import_files(store, [UploadedFile("fixture.xlsx", data)])
    assert ids, intake.problem_table().to_string()
    return store


def rows(store, view, **filters):
    """The view as plain tuples, in the view's column order."""
    table = run_view(store, view, Filters(**{"as_of": AS_OF, **filters}))
    assert table.column_names == COLUMNS[view]
    return [tuple(r.values()) for r in table.to_pylist()]


def test_budget_vs_actual(store):
    assert rows(store, "budget_vs_actual") == [
        # month, channel, budget, forecast, quoted, committed, actual, paid, variance, pct
        ("2026-01", "Display", D("900.00"), D("0.00"), D("0.00"), D("0.00"), D("0.00"),
         D("0.00"), D("-900.00"), D("-1.0000")),
        # committed = 400 + 250.50 actual + 600 open order; variance 650.50 - 1,000
        ("2026-01", "Email", D("1000.00"), D("1200.00"), D("0.00"), D("1250.50"), D("650.50"),
         D("250.50"), D("-349.50"), D("-0.3495")),
        ("2026-01", "PR", D("500.00"), D("0.00"), D("0.00"), D("6000.00"), D("6000.00"),
         D("0.00"), D("5500.00"), D("11.0000")),
        # 100 USD at 0.80
        ("2026-02", "Display", D("800.00"), D("0.00"), D("0.00"), D("80.00"), D("80.00"),
         D("80.00"), D("-720.00"), D("-0.9000")),
        # the credit note
        ("2026-02", "Email", D("1000.00"), D("0.00"), D("0.00"), D("-50.00"), D("-50.00"),
         D("0.00"), D("-1050.00"), D("-1.0500")),
        ("2026-03", "Email", D("1000.00"), D("0.00"), D("999.99"), D("0.00"), D("0.00"),
         D("0.00"), D("-1000.00"), D("-1.0000")),
        # no budget: the ratio is empty, never 0 or infinity
        ("2026-04", "Email", D("0.00"), D("700.00"), D("0.00"), D("0.00"), D("0.00"),
         D("0.00"), D("0.00"), None),
    ]


def test_a_month_range_keeps_its_months_and_never_changes_the_forecast_rule(store):
    got = rows(store, "budget_vs_actual", from_month=date(2026, 2, 1), to_month=date(2026, 2, 1))
    assert [(r[0], r[1], r[3]) for r in got] == [("2026-02", "Display", D("0.00")),
                                                  ("2026-02", "Email", D("0.00"))]


def test_channel_filter(store):
    got = rows(store, "budget_vs_actual", channels=("PR",))
    assert [(r[0], r[1], r[6]) for r in got] == [("2026-01", "PR", D("6000.00"))]


def test_vendor_filter_narrows_the_ledger_but_not_the_budget(store):
    got = rows(store, "budget_vs_actual", vendors=("Ads",), channels=("Display",))
    assert [(r[0], r[2], r[6]) for r in got] == [("2026-01", D("900.00"), D("0.00")),
                                                  ("2026-02", D("800.00"), D("80.00"))]


def test_landing_around_the_as_of_month(store):
    assert rows(store, "landing") == [
        # fiscal_year, channel, budget, actual_to_date, rest of the as-of month, forecast
        # after, landing, vs budget. February has no forecast rows (forecast 0).
        (2026, "Display", D("1700.00"), D("80.00"), D("0.00"), D("0.00"), D("80.00"),
         D("-1620.00")),
        # actual to February 650.50 - 50; February lands at least at its forecast 0, so its
        # -50 credit note leaves max(0, 0 - -50) = 50 to land; after February: April's 700.
        # 600.50 + 50 + 700 = 1,350.50
        (2026, "Email", D("3000.00"), D("600.50"), D("50.00"), D("700.00"), D("1350.50"),
         D("-1649.50")),
        (2026, "PR", D("500.00"), D("6000.00"), D("0.00"), D("0.00"), D("6000.00"),
         D("5500.00")),
    ]


def test_landing_as_of_january_keeps_what_is_left_of_januarys_forecast(store):
    got = rows(store, "landing", as_of=date(2026, 1, 31), channels=("Email",))
    # actual to January 650.50; January's forecast 1,200.00 - its actual 650.50 = 549.50 still
    # to land; forecast after January: April's 700 (Feb, Mar have none)
    # landing 650.50 + 549.50 + 700 = 1,900.00; vs budget 3,000: -1,100.00
    assert got == [(2026, "Email", D("3000.00"), D("650.50"), D("549.50"), D("700.00"),
                    D("1900.00"), D("-1100.00"))]


def test_landing_does_not_drop_on_the_first_of_the_month(store):
    """Same data, the 31st and the next day: a month's forecast not yet spent still lands."""
    end_of_december = rows(store, "landing", as_of=date(2025, 12, 31), channels=("Email",))
    first_of_january = rows(store, "landing", as_of=date(2026, 1, 1), channels=("Email",))
    # as of 31 Dec 2025 all FY2026 forecast is after: 1,200 + 700 = 1,900; as of 1 Jan the
    # 650.50 already invoiced in January + the 549.50 left of its forecast + April's 700
    assert [r[6] for r in end_of_december] == [D("1900.00")]
    assert [r[6] for r in first_of_january] == [D("1900.00")]
    # as of 1 Feb: January is closed at its actual; February (forecast 0, a -50 credit note)
    # still lands at 0: 650.50 - 50 + 50 + 700 = 1,350.50
    assert rows(store, "landing", as_of=date(2026, 2, 1), channels=("Email",))[0][4:7] == (
        D("50.00"), D("700.00"), D("1350.50"))


def test_roi_by_channel(store):
    assert rows(store, "roi_by_channel") == [
        # channel, actual, leads, opps, customers, revenue, cpl, cpo, cac, roas, roi, l2c
        ("Display", D("80.00"), 0, 0, 0, D("0.00"), None, None, None, D("0.0000"),
         D("-1.0000"), None),
        # 600.50 / 10, / 4 = 150.125 -> 150.13, / 2; 1,000 / 600.50 = 1.66528 -> 1.6653
        ("Email", D("600.50"), 10, 4, 2, D("1000.00"), D("60.05"), D("150.13"), D("300.25"),
         D("1.6653"), D("0.6653"), D("0.2000")),
        ("PR", D("6000.00"), 0, 0, 0, D("0.00"), None, None, None, D("0.0000"), D("-1.0000"),
         None),
    ]


def test_roi_by_campaign_shows_unallocated_spend(store):
    assert rows(store, "roi_by_campaign") == [
        ("Banner", "Display", D("80.00"), 0, 0, 0, D("0.00"), None, None, None, D("0.0000"),
         D("-1.0000"), None),
        ("PR Push", "PR", D("6000.00"), 0, 0, 0, D("0.00"), None, None, None, D("0.0000"),
         D("-1.0000"), None),
        # 650.50 / 4 = 162.625 -> 162.63; 1,000 / 650.50 = 1.53728 -> 1.5373
        ("Spring", "Email", D("650.50"), 10, 4, 2, D("1000.00"), D("65.05"), D("162.63"),
         D("325.25"), D("1.5373"), D("0.5373"), D("0.2000")),
        ("Unallocated", "Email", D("-50.00"), 0, 0, 0, D("0.00"), None, None, None,
         D("0.0000"), D("-1.0000"), None),
    ]


def test_spend_by_vendor(store):
    assert rows(store, "spend_by_vendor") == [
        ("PR Co", "agency", 1, D("6000.00"), D("6000.00"), D("0.00"), D("6000.00")),
        # five documents (the cancelled one not counted); committed 600.50 + 600 open
        ("Acme", "agency", 5, D("1200.50"), D("600.50"), D("250.50"), D("350.00")),
        ("Ads", None, 1, D("80.00"), D("80.00"), D("80.00"), D("0.00")),
    ]


def test_aging_buckets_at_the_as_of_date(store):
    assert rows(store, "aging") == [
        ("not due", 0, D("0.00")),
        # E1 6 days over, E3 (credit note) 10 days over
        ("1-30", 2, D("350.00")),
        # P1 31 days over
        ("31-60", 1, D("6000.00")),
        ("61-90", 0, D("0.00")),
        ("90+", 0, D("0.00")),
    ]


def test_approval_flags(store):
    assert rows(store, "approval_flags") == [
        ("Acme", "E4", D("999.99"), "manager", None, None, "approval missing"),
        ("Ads", "D1", D("80.00"), "manager", "manager", "contract, invoice, receipt",
         "paid without contract, invoice, receipt"),
        ("PR Co", "P1", D("6000.00"), "finance", "Manager", None,
         "approval too low for the amount"),
    ]


def test_platform_reconciliation(store):
    assert rows(store, "platform_reconciliation") == [
        # rows with nothing on either side (the quote, Spring's results) are left out
        ("2026-01", "Email", "Mailchimp", D("650.50"), D("0.00"), D("650.50")),
        ("2026-01", "PR", "", D("6000.00"), D("0.00"), D("6000.00")),
        ("2026-02", "Display", "DV360", D("80.00"), D("85.00"), D("-5.00")),
        ("2026-02", "Email", "", D("-50.00"), D("0.00"), D("-50.00")),
    ]


@pytest.mark.parametrize("amount,required", [
    ("4999.99", "manager"), ("5000.00", "finance"), ("24999.99", "finance"),
    ("25000.00", "executive"), ("-30000.00", "manager"),
])
def test_approval_levels_at_the_thresholds(tmp_path, amount, required):
    store = Store(tmp_path / "a.duckdb")
    ledger = [["document_id", "vendor", "channel", "status", "amount_net", "invoice_date"],
              ["X", "V", "Email", "invoiced", amount, "2026-01-01"]]
    _, ids = import_files(store, [UploadedFile("l.xlsx", xlsx({"L": ledger}))])
    assert ids
    [flag] = run_view(store, "approval_flags").to_pylist()
    assert (flag["required_level"], flag["reason"]) == (required, "approval missing")


def test_every_view_is_named_in_the_columns_table():
    assert set(VIEWS) == set(COLUMNS)
