"""The spend-lifecycle views (spendline/sql: pipeline, overdue_invoices, payments_due,
invoice_days, month_end_share, month_end_vendors, missing_documents, payment_readiness,
vendor_archive, vendor_categories, vendor_gaps, vendor_documents) on a tiny store whose every
figure is worked out by hand below, and the pure helpers of ui.lifecycle_charts and
ui.vendor_charts.

As of Wednesday 2026-04-15; base currency EUR, USD at 0.90 in March 2026. Open invoices
(status invoiced), days overdue = as-of − due date, days to due = due date − as-of:

  doc    vendor      channel  amount    invoice     due         days over  documents
  A00    Acme        Email     100.00   2026-04-15  2026-04-15    0        no receipt
  A01    Acme        Email     200.00   2026-03-15  2026-04-14    1        no receipt
  A30    Acme        Email     300.00   2026-03-16  2026-03-16   30        no receipt
  A31    Acme        Email     400.00   2026-03-15  2026-03-15   31        no receipt
  A60    Ghost Ltd   PR        500.00   2026-02-14  2026-02-14   60        no receipt
  A61    Ghost Ltd   PR        600.00   2026-02-13  2026-02-13   61        no contract, receipt
  A90    Ghost Ltd   PR        700.00   2026-01-15  2026-01-15   90        no receipt
  A91    Ghost Ltd   PR        800.00   2026-01-14  2026-01-14   91        no receipt
  W1     Acme        Email      50.00   2026-04-01  2026-04-21   -6        all
  W2     Acme        Email      60.00   2026-04-01  2026-04-22   -7        no receipt  (po O1)
  RLOW   Acme        Email   6,000.00   2026-04-10  2026-05-10  -25        all  (finance needed)
  W8     Blocked Co  Display    70.00   2026-04-02  2026-06-09  -55        no receipt
  LATER  Blocked Co  Display    80.00   2026-04-02  2026-06-10  -56        no receipt
  CN     Acme        Email     -25.00   2026-03-27  2026-04-20   -5        no receipt  (credit note)
  All approved by a manager, enough for every one but RLOW (6,000.00 needs finance).
  14 open invoices, 9,835.00 (3,600 + 50 + 60 + 6,000 + 70 + 80 − 25).

Paid rows (all documents unless said): P1 Acme Email 1,000.00 on 2026-02-24; P2 Blocked Co
Display 100 USD (= 90.00) on 2026-03-26, no contract; P3 Acme Email 2,000.00 on 2026-02-23;
Late Co Events L1 10.00 on 2026-01-31, L2 20.00 on 2026-03-28, L3 30.00 on 2026-03-10,
L4 40.00 on 2026-03-11; Pair Oy Events PA1 5.00 on 2026-02-28, PA2 5.00 on 2026-01-30.
9 paid, 3,200.00. Other rows: Q1 Acme Email quoted 999.99 (2026-03-05); GQ Ghost Ltd Events
quoted 10.00 dated 2026-05-02 (after the as-of date); O1 Acme Email ordered 1,000.00
(2026-03-01), open part 1,000 − W2's 60 = 940.00; X1 Acme cancelled 5,000 (counts nowhere).

Month end = the last 5 days of the invoice's own month: March 27–31, February 2026 24–28,
January 27–31, April 26–30. So CN (27 Mar), L2 (28 Mar), P1 (24 Feb), PA1 (28 Feb), L1 (31 Jan)
and PA2 (30 Jan) are month end; P2 (26 Mar) and P3 (23 Feb) are not.

Archive: Acme (agency, rating 4, Milano, "produzione video", notes "Fattura a fine mese"),
Blocked Co (print, blocked, Oulu), Late Co (staffing, Torino), Idle Oy (venue, Helsinki,
"sale congressi", no ledger rows). Ghost Ltd and Pair Oy are not in the archive.
"""

from datetime import date
from decimal import Decimal as D

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from loaders.intake import UploadedFile
from spendline.kinds import VENDORS as VENDOR_KIND
from spendline.store import Store
from spendline.uploads import import_files
from spendline.views import Filters, run_view
from tests.helpers import xlsx
from ui import lifecycle_charts as lc
from ui import vendor_charts

HEADER = ["document_id", "vendor", "channel", "status", "amount_net", "currency", "po_number",
          "quote_date", "order_date", "invoice_date", "due_date", "paid_date", "has_contract",
          "has_invoice", "has_receipt", "approval_level"]


def open_invoice(doc, vendor, channel, amount, invoice, due, docs="yyn", level="manager"):
    return [doc, vendor, channel, "invoiced", amount, "EUR", None, None, None, invoice, due,
            None, *("yes" if d == "y" else "no" for d in docs), level]


def paid(doc, vendor, channel, amount, invoice, docs="yyy", currency="EUR"):
    return [doc, vendor, channel, "paid", amount, currency, None, None, None, invoice, None,
            invoice, *("yes" if d == "y" else "no" for d in docs), "manager"]


W2 = open_invoice("W2", "Acme", "Email", "60.00", "2026-04-01", "2026-04-22")
W2[6] = "O1"  # draws on the order O1
LEDGER = [
    HEADER,
    open_invoice("A00", "Acme", "Email", "100.00", "2026-04-15", "2026-04-15"),
    open_invoice("A01", "Acme", "Email", "200.00", "2026-03-15", "2026-04-14"),
    open_invoice("A30", "Acme", "Email", "300.00", "2026-03-16", "2026-03-16"),
    open_invoice("A31", "Acme", "Email", "400.00", "2026-03-15", "2026-03-15"),
    open_invoice("A60", "Ghost Ltd", "PR", "500.00", "2026-02-14", "2026-02-14"),
    open_invoice("A61", "Ghost Ltd", "PR", "600.00", "2026-02-13", "2026-02-13", docs="nyn"),
    open_invoice("A90", "Ghost Ltd", "PR", "700.00", "2026-01-15", "2026-01-15"),
    open_invoice("A91", "Ghost Ltd", "PR", "800.00", "2026-01-14", "2026-01-14"),
    open_invoice("W1", "Acme", "Email", "50.00", "2026-04-01", "2026-04-21", docs="yyy"),
    W2,
    open_invoice("RLOW", "Acme", "Email", "6000.00", "2026-04-10", "2026-05-10", docs="yyy"),
    open_invoice("W8", "Blocked Co", "Display", "70.00", "2026-04-02", "2026-06-09"),
    open_invoice("LATER", "Blocked Co", "Display", "80.00", "2026-04-02", "2026-06-10"),
    open_invoice("CN", "Acme", "Email", "-25.00", "2026-03-27", "2026-04-20"),
    paid("P1", "Acme", "Email", "1000.00", "2026-02-24"),
    paid("P2", "Blocked Co", "Display", "100.00", "2026-03-26", docs="nyy", currency="USD"),
    paid("P3", "Acme", "Email", "2000.00", "2026-02-23"),
    paid("L1", "Late Co", "Events", "10.00", "2026-01-31"),
    paid("L2", "Late Co", "Events", "20.00", "2026-03-28"),
    paid("L3", "Late Co", "Events", "30.00", "2026-03-10"),
    paid("L4", "Late Co", "Events", "40.00", "2026-03-11"),
    paid("PA1", "Pair Oy", "Events", "5.00", "2026-02-28"),
    paid("PA2", "Pair Oy", "Events", "5.00", "2026-01-30"),
    ["Q1", "Acme", "Email", "quoted", "999.99", "EUR", None, "2026-03-05", None, None, None,
     None, "no", "no", "no", "manager"],
    ["GQ", "Ghost Ltd", "Events", "quoted", "10.00", "EUR", None, "2026-05-02", None, None,
     None, None, "no", "no", "no", None],
    ["O1", "Acme", "Email", "ordered", "1000.00", "EUR", None, None, "2026-03-01", None, None,
     None, "yes", "no", "no", "manager"],
    ["X1", "Acme", "Email", "cancelled", "5000.00", "EUR", None, None, "2026-03-02", None,
     None, None, "no", "no", "no", None],
]
VENDORS = [
    ["vendor", "category", "services", "city", "rating", "status", "notes"],
    ["Acme", "agency", "produzione video", "Milano", 4, "active", "Fattura a fine mese"],
    ["Blocked Co", "print", "stampa", "Oulu", 1, "blocked", None],
    ["Late Co", "staffing", "hostess", "Torino", 3, "active", None],
    ["Idle Oy", "venue", "sale congressi", "Helsinki", 5, "active", None],
]
FX = [["currency", "month", "rate"], ["USD", "2026-03", "0.90"]]

AS_OF = date(2026, 4, 15)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("lifecycle") / "lifecycle.duckdb")
    data = xlsx({"Ledger": LEDGER, "Vendors": VENDORS, "FX": FX})
    intake, ids = import_files(store, [UploadedFile("fixture.xlsx", data)])
    assert ids, intake.problem_table().to_string()
    return store


def table(store, view, **filters):
    return store.query(f"select * from {view}",
                       variables=Filters(**{"as_of": AS_OF, **filters}).variables())


def rows(store, view, columns=None, **filters):
    """The view as plain tuples (all columns, or the named ones)."""
    got = table(store, view, **filters).to_pylist()
    return [tuple(r[c] for c in (columns or r)) for r in got]


# -- pipeline ---------------------------------------------------------------------------------
def test_pipeline_amounts_and_counts(store):
    assert table(store, "pipeline").column_names == [
        "stage", "documents", "amount", "amount_documents"]
    assert rows(store, "pipeline") == [
        # Q1 999.99 + GQ 10.00
        ("quoted", 2, D("1009.99"), D("1009.99")),
        # O1 counts only its open part: 1,000 − W2's 60
        ("ordered", 1, D("940.00"), D("1000.00")),
        ("invoiced", 14, D("9835.00"), D("9835.00")),
        # 1,000 + 90 (100 USD at 0.90) + 2,000 + 10 + 20 + 30 + 40 + 5 + 5
        ("paid", 9, D("3200.00"), D("3200.00")),
    ]


def test_pipeline_adds_up_to_quoted_plus_committed(store):
    stages = sum(r[2] for r in rows(store, "pipeline"))
    bva = run_view(store, "budget_vs_actual", Filters(as_of=AS_OF)).to_pylist()
    assert stages == sum(r["quoted"] + r["committed"] for r in bva) == D("14984.99")


def test_pipeline_follows_the_channel_filter(store):
    assert rows(store, "pipeline", ["stage", "documents", "amount"], channels=("PR",)) == [
        ("quoted", 0, D("0.00")), ("ordered", 0, D("0.00")),
        ("invoiced", 4, D("2600.00")), ("paid", 0, D("0.00"))]


# -- aging, overdue, payments due -------------------------------------------------------------
def test_aging_at_the_bucket_edges(store):
    assert run_view(store, "aging", Filters(as_of=AS_OF)).to_pylist() == [
        # A00 (0 days) 100 + W1 50 + W2 60 + RLOW 6,000 + W8 70 + LATER 80 + CN −25
        {"bucket": "not due", "invoices": 7, "amount": D("6335.00")},
        # A01 (1 day) 200 + A30 (30 days) 300
        {"bucket": "1-30", "invoices": 2, "amount": D("500.00")},
        # A31 (31) 400 + A60 (60) 500
        {"bucket": "31-60", "invoices": 2, "amount": D("900.00")},
        # A61 (61) 600 + A90 (90) 700
        {"bucket": "61-90", "invoices": 2, "amount": D("1300.00")},
        # A91 (91) 800
        {"bucket": "90+", "invoices": 1, "amount": D("800.00")},
    ]


def test_overdue_invoices_most_overdue_first(store):
    assert table(store, "overdue_invoices").column_names == [
        "vendor", "document_id", "channel", "invoice_date", "due_date", "days_overdue",
        "amount"]
    assert rows(store, "overdue_invoices", ["document_id", "vendor", "days_overdue",
                                            "amount"]) == [
        ("A91", "Ghost Ltd", 91, D("800.00")),
        ("A90", "Ghost Ltd", 90, D("700.00")),
        ("A61", "Ghost Ltd", 61, D("600.00")),
        ("A60", "Ghost Ltd", 60, D("500.00")),
        ("A31", "Acme", 31, D("400.00")),
        ("A30", "Acme", 30, D("300.00")),
        # A00, due on the as-of date itself (0 days), is not overdue
        ("A01", "Acme", 1, D("200.00")),
    ]


def test_overdue_agrees_with_the_aging(store):
    overdue = rows(store, "overdue_invoices", ["amount"])
    aging = run_view(store, "aging", Filters(as_of=AS_OF)).to_pylist()
    late = [b for b in aging if b["bucket"] != "not due"]
    assert len(overdue) == sum(b["invoices"] for b in late) == 7
    assert sum(a for (a,) in overdue) == sum(b["amount"] for b in late) == D("3500.00")


def test_payments_due_by_week_from_the_as_of_date(store):
    assert table(store, "payments_due").column_names == [
        "bucket", "due_from", "due_to", "invoices", "amount"]
    d = date
    assert rows(store, "payments_due") == [
        # the 7 overdue ones, 200 + 300 + 400 + 500 + 600 + 700 + 800
        ("overdue", None, d(2026, 4, 14), 7, D("3500.00")),
        # A00 due today (100), CN due 20 Apr (−25), W1 due 21 Apr: the week's last day (50)
        ("week 1", d(2026, 4, 15), d(2026, 4, 21), 3, D("125.00")),
        # W2 due 22 Apr: the first day of week 2
        ("week 2", d(2026, 4, 22), d(2026, 4, 28), 1, D("60.00")),
        ("week 3", d(2026, 4, 29), d(2026, 5, 5), 0, D("0.00")),
        # RLOW due 10 May, 25 days on
        ("week 4", d(2026, 5, 6), d(2026, 5, 12), 1, D("6000.00")),
        ("week 5", d(2026, 5, 13), d(2026, 5, 19), 0, D("0.00")),
        ("week 6", d(2026, 5, 20), d(2026, 5, 26), 0, D("0.00")),
        ("week 7", d(2026, 5, 27), d(2026, 6, 2), 0, D("0.00")),
        # W8 due 9 June, 55 days on: the last day of the 8 weeks
        ("week 8", d(2026, 6, 3), d(2026, 6, 9), 1, D("70.00")),
        # LATER due 10 June, 56 days on
        ("later", d(2026, 6, 10), None, 1, D("80.00")),
    ]


def test_payments_due_move_with_the_as_of_date(store):
    # A week later, A00 (due 15 Apr) and CN (due 20 Apr) are overdue too; W1 (21 Apr) is due
    # on the new as-of date, so in week 1 with W2 (22 Apr).
    got = rows(store, "payments_due", ["bucket", "invoices", "amount"], as_of=date(2026, 4, 21))
    assert got[:2] == [("overdue", 9, D("3575.00")), ("week 1", 2, D("110.00"))]


# -- invoice timing ---------------------------------------------------------------------------
def test_month_end_share(store):
    assert rows(store, "month_end_share") == [(
        # 14 open + 9 paid invoices; month end: CN, L2, P1, PA1, L1, PA2 (P2 on 26 March and
        # P3 on 23 February are not)
        23, 6, D("0.2609"),
        # all 9,835 + 3,200; month end −25 + 20 + 1,000 + 5 + 10 + 5 = 1,015 → 1,015 / 13,035
        D("13035.00"), D("1015.00"), D("0.0779"))]


def test_month_end_in_a_31_day_month_and_in_february(store):
    march = rows(store, "month_end_share", from_month=date(2026, 3, 1),
                 to_month=date(2026, 3, 1))
    # March: A01, A30, A31, CN (27th), P2 (26th), L2 (28th), L3, L4 → CN and L2 at month end;
    # amounts 200 + 300 + 400 − 25 + 90 + 20 + 30 + 40 = 1,055, month end −25 + 20 = −5
    assert march == [(8, 2, D("0.2500"), D("1055.00"), D("-5.00"), D("-0.0047"))]
    february = rows(store, "month_end_share", from_month=date(2026, 2, 1),
                    to_month=date(2026, 2, 1))
    # February 2026 has 28 days: P1 on the 24th and PA1 on the 28th count, P3 on the 23rd,
    # A60 (14th) and A61 (13th) do not
    assert february == [(5, 2, D("0.4000"), D("4105.00"), D("1005.00"), D("0.2448"))]


def test_month_end_share_is_empty_without_invoices(store):
    assert rows(store, "month_end_share", channels=("Nowhere",)) == [
        (0, 0, None, D("0.00"), D("0.00"), None)]


def test_invoice_days(store):
    days = {r[0]: r[1:] for r in rows(store, "invoice_days")}
    assert sorted(days) == list(range(1, 32))
    # day, invoices, amount, invoices_month_end, amount_month_end
    assert days[15] == (4, D("1400.00"), 0, D("0.00"))  # A00, A01, A31, A90
    assert days[26] == (1, D("90.00"), 0, D("0.00"))  # P2: 26 March is not month end
    assert days[27] == (1, D("-25.00"), 1, D("-25.00"))  # CN
    assert days[28] == (2, D("25.00"), 2, D("25.00"))  # L2 (March), PA1 (February)
    assert days[24] == (1, D("1000.00"), 1, D("1000.00"))  # P1: February's 24th
    assert days[29] == (0, D("0.00"), 0, D("0.00"))
    assert sum(v[0] for v in days.values()) == 23
    assert sum(v[2] for v in days.values()) == 6


def test_month_end_vendors(store):
    assert rows(store, "month_end_vendors") == [
        # Late Co: L1 and L2 of 4 invoices = exactly half, listed. Pair Oy has 2 of 2 but
        # fewer than 3 invoices; Acme 2 of 10 (CN, P1). By amount: L1 10 + L2 20 = 30.00 of
        # 100.00 = 0.3000.
        ("Late Co", 4, 2, D("0.5000"), D("100.00"), D("30.00"), D("0.3000")),
    ]


def test_month_end_advice_names_the_vendors_with_both_shares(store):
    vendors = table(store, "month_end_vendors").to_pandas()
    assert lc.month_end_advice(vendors) == [
        "Late Co: 2 of 4 invoices (50.0%), €30.00 of €100.00 (30.0%)"]
    # a vendor name is kept as it was uploaded (the page shows it as text, not Markdown)
    odd = vendors.assign(vendor="**=Evil** [x](http://e.example)")
    assert lc.month_end_advice(odd, "USD")[0].startswith("**=Evil** [x](http://e.example): 2 of 4")
    assert lc.month_end_advice(vendors.iloc[:0]) == []


# -- documents and payment --------------------------------------------------------------------
def test_missing_documents(store):
    got = rows(store, "missing_documents", ["document_id", "status", "missing_documents"])
    # the paid row first, then open invoices by invoice date, vendor and document (A01 and
    # A31 share 15 March, LATER and W8 2 April); W1 and RLOW are complete
    assert got[0] == ("P2", "paid", "contract")
    assert [g[0] for g in got[1:]] == ["A91", "A90", "A61", "A60", "A01", "A31", "A30", "CN",
                                       "W2", "LATER", "W8", "A00"]
    missing = {g[0]: g[2] for g in got}
    assert missing.pop("P2") == "contract"
    assert missing.pop("A61") == "contract, receipt"
    assert set(missing.values()) == {"receipt"}


def test_ready_to_pay(store):
    readiness = table(store, "payment_readiness")
    ready, held = lc.split_readiness(readiness)
    # W1 is complete and approved; W2 lacks its receipt; RLOW (6,000) has a manager's
    # approval where finance is needed
    assert ready["document_id"].to_pylist() == ["W1"]
    assert ready["amount"].to_pylist() == [D("50.00")]
    assert "waiting_for" not in ready.column_names
    waiting = dict(zip(held["document_id"].to_pylist(), held["waiting_for"].to_pylist(),
                       strict=True))
    assert waiting["W2"] == "missing receipt"
    assert waiting["RLOW"] == "approval too low for the amount"
    assert waiting["A61"] == "missing contract, receipt"
    assert len(waiting) == 13
    assert lc.exact_total(readiness) == D("9835.00")


def test_readiness_waiting_reasons(store):
    readiness = table(store, "payment_readiness")
    held = readiness.filter(pc.is_valid(readiness["waiting_for"])).to_pandas()
    assert lc.reason_counts(held, "waiting_for", "amount").to_dict("records") == [
        # every open invoice but W1 and RLOW lacks its receipt: 9,835 − 50 − 6,000
        {"reason": "missing receipt", "rows": 12, "amount": D("3785.00")},
        {"reason": "approval too low for the amount", "rows": 1, "amount": D("6000.00")},
        {"reason": "missing contract", "rows": 1, "amount": D("600.00")},
    ]


# -- vendors ----------------------------------------------------------------------------------
ARCHIVE = ["vendor", "category", "status", "last_used", "documents", "committed", "actual",
           "paid", "unpaid"]


def test_vendor_archive_with_spend(store):
    assert table(store, "vendor_archive").column_names == [
        "vendor", "category", "status", "rating", "services", "city", "country", "contact",
        "email", "phone", "website", "notes", *ARCHIVE[3:]]
    assert rows(store, "vendor_archive", ARCHIVE) == [
        # 12 documents: 9 invoices (incl. CN), Q1, O1 and P1, P3 (X1 is cancelled);
        # actual 100 + 200 + 300 + 400 + 50 + 60 + 6,000 − 25 + 1,000 + 2,000 = 10,085;
        # committed + O1's open 940; last used A00 on the as-of date itself
        ("Acme", "agency", "active", date(2026, 4, 15), 12, D("11025.00"), D("10085.00"),
         D("3000.00"), D("7085.00")),
        ("Blocked Co", "print", "blocked", date(2026, 4, 2), 3, D("240.00"), D("240.00"),
         D("90.00"), D("150.00")),
        ("Late Co", "staffing", "active", date(2026, 3, 28), 4, D("100.00"), D("100.00"),
         D("100.00"), D("0.00")),
        # in the archive, never used
        ("Idle Oy", "venue", "active", None, 0, D("0.00"), D("0.00"), D("0.00"), D("0.00")),
    ]


def test_vendor_archive_under_filters(store):
    # a channel filter keeps the whole archive but only that channel's spend
    events = rows(store, "vendor_archive", ["vendor", "documents", "actual"],
                  channels=("Events",))
    assert events == [("Acme", 0, D("0.00")), ("Blocked Co", 0, D("0.00")),
                      ("Late Co", 4, D("100.00")), ("Idle Oy", 0, D("0.00"))]
    # the vendor filter narrows the archive itself
    assert rows(store, "vendor_archive", ["vendor"], vendors=("Idle Oy",)) == [("Idle Oy",)]


def test_an_account_filter_shows_only_that_accounts_vendors(store):
    # every ledger row is of the account Default; Idle Oy has none, so it goes (a user
    # restricted to client accounts sees no other client's suppliers)
    assert rows(store, "vendor_archive", ["vendor"], accounts=("Default",)) == [
        ("Acme",), ("Blocked Co",), ("Late Co",)]
    assert rows(store, "vendor_archive", ["vendor"], accounts=("Another client",)) == []
    assert [r[0] for r in rows(store, "vendor_categories", accounts=("Default",))] == [
        "agency", "(not in archive)", "print", "staffing"]


def test_vendor_categories_add_up_to_actual(store):
    assert rows(store, "vendor_categories") == [
        # category, vendors, blocked, vendors used, actual
        ("agency", 1, 0, 1, D("10085.00")),
        # Ghost Ltd 2,600 + Pair Oy 10
        ("(not in archive)", 0, 0, 2, D("2610.00")),
        ("print", 1, 1, 1, D("240.00")),
        ("staffing", 1, 0, 1, D("100.00")),
        ("venue", 1, 0, 0, D("0.00")),
    ]
    assert sum(r[4] for r in rows(store, "vendor_categories")) == D("13035.00")


def test_vendor_gaps(store):
    assert rows(store, "vendor_gaps") == [
        # vendor, channels, documents, actual, last used (GQ's 2 May is after the as-of date)
        ("Ghost Ltd", "Events, PR", 5, D("2600.00"), date(2026, 2, 14)),
        ("Pair Oy", "Events", 2, D("10.00"), date(2026, 2, 28)),
    ]
    assert rows(store, "vendor_gaps", ["vendor"], channels=("Email",)) == []


def test_vendor_template_for_the_gaps(store):
    template = vendor_charts.vendor_template(table(store, "vendor_gaps").to_pandas())
    assert list(template.columns) == VENDOR_KIND.names
    assert list(template["vendor"]) == ["Ghost Ltd", "Pair Oy"]
    assert template.drop(columns="vendor").isna().all().all()


def test_vendor_documents_for_one_vendor(store):
    got = rows(store, "vendor_documents", ["document_id", "status", "document_amount",
                                           "currency", "amount"], vendors=("Blocked Co",))
    # latest first (LATER and W8 both of 2 April); P2 in its own currency and in EUR
    assert got == [("LATER", "invoiced", D("80.00"), "EUR", D("80.00")),
                   ("W8", "invoiced", D("70.00"), "EUR", D("70.00")),
                   ("P2", "paid", D("100.00"), "USD", D("90.00"))]


# -- pure helpers -----------------------------------------------------------------------------
def test_search_vendors_across_name_services_city_and_notes(store):
    archive = table(store, "vendor_archive").to_pandas()

    def found(text):
        return list(vendor_charts.search_vendors(archive, text)["vendor"])

    assert found("") == ["Acme", "Blocked Co", "Late Co", "Idle Oy"]
    assert found("  acme ") == ["Acme"]  # name, any case, spaces trimmed
    assert found("CONGRESSI") == ["Idle Oy"]  # services
    assert found("oulu") == ["Blocked Co"]  # city
    assert found("fine mese") == ["Acme"]  # notes
    assert found("nothing like it") == []


def test_blocked_vendors_are_marked(store):
    marked = vendor_charts.mark_blocked(table(store, "vendor_archive").to_pandas())
    assert marked.columns[0] == "blocked"
    assert dict(zip(marked["vendor"], marked["blocked"], strict=True)) == {
        "Acme": "", "Blocked Co": vendor_charts.BLOCKED, "Late Co": "", "Idle Oy": ""}


def test_vendor_card(store):
    archive = table(store, "vendor_archive").to_pandas()
    assert vendor_charts.vendor_card(archive, "Blocked Co")[0] == (
        f"**print** · {vendor_charts.BLOCKED} · rating ★ · stampa · Oulu")
    assert vendor_charts.vendor_card(archive, "Acme")[-1] == "Notes: Fattura a fine mese"
    assert vendor_charts.vendor_card(archive, "Ghost Ltd") is None


def test_reason_counts_split_documents_and_reasons():
    flags = pd.DataFrame({
        "reason": ["approval missing; paid without contract, receipt", "approval missing",
                   "approval too low for the amount"],
        "amount_base": [D("1.005"), D("2.00"), D("3.00")]})
    assert lc.reason_counts(flags, amount="amount_base").to_dict("records") == [
        # summed exactly, rounded once: 1.005 + 2.00 = 3.005 → 3.01
        {"reason": "approval missing", "rows": 2, "amount": D("3.01")},
        {"reason": "approval too low for the amount", "rows": 1, "amount": D("3.00")},
        {"reason": "paid without contract", "rows": 1, "amount": D("1.01")},
        {"reason": "paid without receipt", "rows": 1, "amount": D("1.01")},
    ]
    assert list(lc.reason_counts(flags).columns) == ["reason", "rows"]


def test_totals_round_once_and_display_rounds_each_row():
    readiness = pa.table({
        "amount": pa.array([D("0.004"), D("0.004"), D("0.004"), D("-0.005")],
                           pa.decimal128(38, 10)),
        "waiting_for": pa.array([None, None, None, "missing receipt"], pa.string())})
    waits = pc.is_valid(readiness["waiting_for"])
    # 0.012 → 0.01, not 0.00 + 0.00 + 0.00
    assert lc.exact_total(readiness, pc.invert(waits)) == D("0.01")
    ready, held = lc.split_readiness(readiness)
    assert ready["amount"].to_pylist() == [D("0.00")] * 3
    assert held["amount"].to_pylist() == [D("-0.01")]  # half away from zero, as money()


def test_thresholds_from_the_settings(store):
    assert lc.thresholds(store.settings()) == (D("5000.00"), D("25000.00"))
    assert lc.thresholds({"threshold_finance": "1000", "threshold_executive": "9000.50"}) == (
        D("1000"), D("9000.50"))


def test_vendor_monthly_sums_one_vendor(store):
    breakdown = store.query("select * from breakdown",
                            variables=Filters(as_of=AS_OF, vendors=("Late Co",)).variables())
    monthly = vendor_charts.vendor_monthly(breakdown.to_pandas(), "Late Co")
    assert monthly.to_dict("records") == [
        {"month": "2026-01", "committed": D("10.00"), "actual": D("10.00"), "paid": D("10.00")},
        {"month": "2026-03", "committed": D("90.00"), "actual": D("90.00"), "paid": D("90.00")},
    ]
    assert vendor_charts.vendor_monthly(breakdown.to_pandas(), "Nobody").empty


def test_chart_builders_draw_the_views(store):
    pipeline = table(store, "pipeline").to_pandas()
    fig = lc.pipeline_bars(pipeline)
    assert list(fig.data[0].x) == ["Quoted", "Ordered, not yet invoiced", "Invoiced, unpaid",
                                   "Paid"]
    assert list(fig.data[0].y) == [1009.99, 940.0, 9835.0, 3200.0]
    assert "already invoiced" in fig.data[0].hovertext[1]
    due = lc.payments_due_bars(table(store, "payments_due").to_pandas())
    assert list(due.data[0].x)[:2] == ["Overdue", "15 Apr–21 Apr"]
    assert list(due.data[0].x)[-1] == "Later (from 10 Jun)"
    days = lc.invoice_day_bars(table(store, "invoice_days").to_pandas())
    other, month_end = days.data
    assert (other.y[27], month_end.y[27]) == (0, 2)  # day 28
    assert (other.y[25], month_end.y[25]) == (1, 0)  # day 26
    empty = lc.pipeline_bars(table(store, "pipeline", channels=("Nowhere",)).to_pandas())
    assert empty.layout.annotations[0].text.startswith("No quotes")
