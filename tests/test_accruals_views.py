"""The `accruals` view (SPEC §4 "Accruals", §5), its totals, its journal workbook and its CSV
on the command line, on a tiny store whose every figure is worked out by hand below, on both
stores.

As of Sunday 2026-03-15 (month-end 31 March 2026); base currency EUR; USD at 0.80 in
February and 0.85 in March 2026.

Results (one export, two platforms; platform_spend):
  Paid Search / Google Ads  Jan 1,000.00   Feb 500.00   Mar 300.00   Apr 999.00 (after the
                            as-of month: not accrued)
  Paid Social / Meta Ads    Jan   400.00   Feb 200.00
  Email, no platform        Jan  leads only (no platform spend: nothing to set against)
Ledger invoices against them:
  G1 Google Ads Jan paid 800.00          → Jan 1,000 − 800 = 200.00 below the spend: accrue
  G2 Google Ads Feb invoiced 650.00      → Feb   500 − 650 < 0, invoiced above: nothing
                                           (Mar: no invoice yet → 300.00)
  M1 Meta Ads Jan invoiced 400.00        → Jan   400 − 400 = 0: nothing
  M2 Meta Ads Feb invoiced 100 USD × 0.80 = 80.00 → Feb 200 − 80 = 120.00
  A1 Paid Social, no platform, Feb 50.00 → an empty platform, not Meta Ads: no results
                                           under it, so nothing (and Meta stays 120.00)
Orders (open part = order − invoices drawing on it via po_number, each at its month's rate):
  O1 Venue Co, Events, Jan, 1,000.00; V1 (Feb, po O1) 500.00 → half invoiced: 500.00
  O2 Venue Co, Events, Mar (the as-of month, not over) 2,000.00 → not accrued
  O3 US Ads Inc, Display/DV360, Feb, 1,000 USD × 0.80 = 800.00; U1 (Mar, po O3, paid)
     300 USD × 0.85 = 255.00 → 800 − 255 = 545.00
  O4 PR Co, PR, Jan, 600.00; P1 (Jan, po O4) 600.00 → fully invoiced: nothing
  O5 "@Studio Uno" (a spreadsheet would read it as a formula), Content, no platform, Feb,
     100.00, no invoice → 100.00
Total to accrue: 200 + 120 + 300 + 500 + 545 + 100 = 1,765.00 (platform 620.00, orders
1,145.00).
"""

from datetime import date, datetime
from decimal import Decimal as D
from io import BytesIO

import openpyxl
import pyarrow as pa
import pytest

from spendline import accruals
from spendline.cli import main
from spendline.views import COLUMNS, Filters, run_view
from tests.stores import BACKENDS, store_holding

LEDGER = [
    ["document_id", "vendor", "channel", "platform", "status", "amount_net", "currency",
     "po_number", "order_date", "invoice_date", "paid_date"],
    ["G1", "Google", "Paid Search", "Google Ads", "paid", "800.00", "EUR", None, None,
     "2026-01-31", "2026-02-10"],
    ["G2", "Google", "Paid Search", "Google Ads", "invoiced", "650.00", "EUR", None, None,
     "2026-02-28", None],
    ["M1", "Meta", "Paid Social", "Meta Ads", "invoiced", "400.00", "EUR", None, None,
     "2026-01-31", None],
    ["M2", "Meta", "Paid Social", "Meta Ads", "invoiced", "100", "USD", None, None,
     "2026-02-27", None],
    ["A1", "Agency", "Paid Social", None, "invoiced", "50.00", "EUR", None, None,
     "2026-02-15", None],
    ["O1", "Venue Co", "Events", None, "ordered", "1000.00", "EUR", None, "2026-01-20", None,
     None],
    ["V1", "Venue Co", "Events", None, "invoiced", "500.00", "EUR", "O1", None, "2026-02-10",
     None],
    ["O2", "Venue Co", "Events", None, "ordered", "2000.00", "EUR", None, "2026-03-02", None,
     None],
    ["O3", "US Ads Inc", "Display", "DV360", "ordered", "1000", "USD", None, "2026-02-03",
     None, None],
    ["U1", "US Ads Inc", "Display", "DV360", "paid", "300", "USD", "O3", None, "2026-03-05",
     "2026-03-06"],
    ["O4", "PR Co", "PR", None, "ordered", "600.00", "EUR", None, "2026-01-05", None, None],
    ["P1", "PR Co", "PR", None, "invoiced", "600.00", "EUR", "O4", None, "2026-01-20", None],
    ["O5", "@Studio Uno", "Content", None, "ordered", "100.00", "EUR", None, "2026-02-20",
     None, None],
]
RESULTS = [
    ["date", "campaign", "channel", "platform", "leads", "platform_spend"],
    ["2026-01-10", "Search", "Paid Search", "Google Ads", None, "1000.00"],
    ["2026-02-05", "Search", "Paid Search", "Google Ads", None, "500.00"],
    ["2026-03-03", "Search", "Paid Search", "Google Ads", None, "300.00"],
    ["2026-04-02", "Search", "Paid Search", "Google Ads", None, "999.00"],
    ["2026-01-12", "Social", "Paid Social", "Meta Ads", None, "400.00"],
    ["2026-02-14", "Social", "Paid Social", "Meta Ads", None, "200.00"],
    ["2026-01-05", "News", "Email", None, 10, None],
]
FX = [["currency", "month", "rate"], ["USD", "2026-02", "0.80"], ["USD", "2026-03", "0.85"]]

AS_OF = date(2026, 3, 15)
# month, source, channel, platform, vendor, document_id, reported_or_ordered, invoiced,
# to_accrue; by month, then source, channel, platform, vendor, document
O1 = ("2026-01", "order", "Events", "", "Venue Co", "O1", D("1000.00"), D("500.00"),
      D("500.00"))
GOOGLE_JAN = ("2026-01", "platform", "Paid Search", "Google Ads", None, None, D("1000.00"),
              D("800.00"), D("200.00"))
O5 = ("2026-02", "order", "Content", "", "@Studio Uno", "O5", D("100.00"), D("0.00"),
      D("100.00"))
O3 = ("2026-02", "order", "Display", "DV360", "US Ads Inc", "O3", D("800.00"), D("255.00"),
      D("545.00"))
META_FEB = ("2026-02", "platform", "Paid Social", "Meta Ads", None, None, D("200.00"),
            D("80.00"), D("120.00"))
GOOGLE_MAR = ("2026-03", "platform", "Paid Search", "Google Ads", None, None, D("300.00"),
              D("0.00"), D("300.00"))
ALL = [O1, GOOGLE_JAN, O5, O3, META_FEB, GOOGLE_MAR]


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    """The same hand-worked accruals on the DuckDB file and on PostgreSQL."""
    return store_holding(request, tmp_path_factory,
                         {"Ledger": LEDGER, "Results": RESULTS, "FX": FX}, "accruals")


def lines(store, **filters):
    return run_view(store, "accruals", Filters(**{"as_of": AS_OF, **filters}))


def rows(store, **filters):
    table = lines(store, **filters)
    assert table.column_names == COLUMNS["accruals"]
    return [tuple(r.values()) for r in table.to_pylist()]


def test_accruals_at_the_end_of_march(store):
    assert rows(store) == ALL


def test_the_list_adds_up_by_hand(store):
    table = lines(store)
    assert accruals.total(table) == D("1765.00")
    assert accruals.total_by_source(table) == {"platform": D("620.00"), "order": D("1145.00")}
    # each line: what was reported or ordered less what was invoiced
    for r in table.to_pylist():
        assert r["to_accrue"] == r["reported_or_ordered"] - r["invoiced"] > 0


def test_totals_per_month_and_channel(store):
    table = lines(store)
    assert accruals.totals(table, "month").to_pylist() == [
        {"month": "2026-01", "from_platforms": D("200.00"), "from_orders": D("500.00"),
         "to_accrue": D("700.00"), "lines": 2},
        {"month": "2026-02", "from_platforms": D("120.00"), "from_orders": D("645.00"),
         "to_accrue": D("765.00"), "lines": 3},
        {"month": "2026-03", "from_platforms": D("300.00"), "from_orders": D("0.00"),
         "to_accrue": D("300.00"), "lines": 1},
    ]
    by_channel = {r["channel"]: r["to_accrue"] for r in accruals.totals(table, "channel")
                  .to_pylist()}
    # Paid Search 200 + 300; the rest one line each
    assert by_channel == {"Content": D("100.00"), "Display": D("545.00"),
                          "Events": D("500.00"), "Paid Search": D("500.00"),
                          "Paid Social": D("120.00")}


def test_an_earlier_as_of_date_accrues_fewer_months(store):
    # As of 10 Feb: months up to February; orders of January only (February is not over).
    # O1's open part still counts V1, dated after that day: the open part is worked out
    # from every invoice in the store (SPEC §4, as in committed).
    assert rows(store, as_of=date(2026, 2, 10)) == [O1, GOOGLE_JAN, META_FEB]
    # As of January: nothing is over yet, Google's January spend is 200.00 above its invoice
    assert rows(store, as_of=date(2026, 1, 31)) == [GOOGLE_JAN]


def test_filters_apply(store):
    assert rows(store, from_month=date(2026, 2, 1), to_month=date(2026, 2, 1)) == [
        O5, O3, META_FEB]
    assert rows(store, channels=("Events",)) == [O1]
    assert rows(store, platforms=("Google Ads",)) == [GOOGLE_JAN, GOOGLE_MAR]
    # Results have no vendor: a vendor filter narrows the orders and leaves the platform
    # lines whole (their invoiced side is not narrowed to one vendor either)
    assert rows(store, vendors=("Venue Co",)) == [O1, GOOGLE_JAN, META_FEB, GOOGLE_MAR]
    assert rows(store, vendors=("Meta",)) == [GOOGLE_JAN, META_FEB, GOOGLE_MAR]


def test_the_journal_workbook(store):
    table = lines(store)
    book = openpyxl.load_workbook(BytesIO(accruals.journal_workbook(table, AS_OF, "EUR")))
    sheet = book["Journal"]
    got = [[c.value for c in row] for row in sheet.iter_rows()]
    assert got[0] == ["Posting date", "Account", "Cost centre", "Description", "Amount",
                      "Currency", "Month", "Source", "Channel", "Platform", "Vendor",
                      "Document"]
    posted = datetime(2026, 3, 31)  # the as-of month's last day
    assert got[1:] == [
        [posted, None, None, "Accrual 2026-01, open order: Events / Venue Co / O1", 500,
         "EUR", "2026-01", "order", "Events", None, "Venue Co", "O1"],
        [posted, None, None, "Accrual 2026-01, platform spend not invoiced: Paid Search / "
         "Google Ads", 200, "EUR", "2026-01", "platform", "Paid Search", "Google Ads", None,
         None],
        # a vendor that reads as a formula is text with a leading '
        [posted, None, None, "Accrual 2026-02, open order: Content / @Studio Uno / O5", 100,
         "EUR", "2026-02", "order", "Content", None, "'@Studio Uno", "O5"],
        [posted, None, None, "Accrual 2026-02, open order: Display / DV360 / US Ads Inc / O3",
         545, "EUR", "2026-02", "order", "Display", "DV360", "US Ads Inc", "O3"],
        [posted, None, None, "Accrual 2026-02, platform spend not invoiced: Paid Social / "
         "Meta Ads", 120, "EUR", "2026-02", "platform", "Paid Social", "Meta Ads", None, None],
        [posted, None, None, "Accrual 2026-03, platform spend not invoiced: Paid Search / "
         "Google Ads", 300, "EUR", "2026-03", "platform", "Paid Search", "Google Ads", None,
         None],
    ]
    # one line per accrual, adding up to the list; no formula anywhere
    assert sum(D(str(r[4])) for r in got[1:]) == D("1765.00")
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert sheet["A2"].number_format == "yyyy-mm-dd"
    assert sheet["E2"].number_format == "#,##0.00"
    assert accruals.journal_filename(AS_OF) == "accruals_journal_2026-03-31.xlsx"


def test_nothing_to_accrue_is_a_journal_of_just_its_header():
    nothing = pa.table({c: pa.array([], pa.string()) for c in COLUMNS["accruals"][:6]}
                       | {c: pa.array([], accruals.MONEY) for c in COLUMNS["accruals"][6:]})
    book = openpyxl.load_workbook(BytesIO(accruals.journal_workbook(nothing, AS_OF, "USD")))
    assert book["Journal"].max_row == 1
    assert accruals.total(nothing) == D("0.00")
    assert accruals.total_by_source(nothing) == {"platform": D("0.00"), "order": D("0.00")}
    assert accruals.totals(nothing, "month").num_rows == 0


def test_the_command_line_export(store, capsys):
    db = getattr(store, "url", None) or str(store.path)
    assert main(["export", "accruals", "--db", db, "--as-of", "2026-03-15"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "month,source,channel,platform,vendor,document_id,reported_or_ordered,invoiced,"
        "to_accrue",
        "2026-01,order,Events,,Venue Co,O1,1000.00,500.00,500.00",
        "2026-01,platform,Paid Search,Google Ads,,,1000.00,800.00,200.00",
        "2026-02,order,Content,,'@Studio Uno,O5,100.00,0.00,100.00",
        "2026-02,order,Display,DV360,US Ads Inc,O3,800.00,255.00,545.00",
        "2026-02,platform,Paid Social,Meta Ads,,,200.00,80.00,120.00",
        "2026-03,platform,Paid Search,Google Ads,,,300.00,0.00,300.00",
    ]
    assert main(["export", "accruals", "--db", db, "--as-of", "2026-03-15",
                 "--channel", "Display"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "2026-02,order,Display,DV360,US Ads Inc,O3,800.00,255.00,545.00"]
