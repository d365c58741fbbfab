"""The account_summary and scorecard views on a tiny store worked out by hand.

Store (base currency EUR, fiscal year = calendar year, as of 15 Feb 2026, as-of month Feb):
  budget   A Email  Jan 1,000.00, Apr 1,000.00;  A Search Jan 2,000.00;  B Email Jan 500.00
           (no forecast rows: forecast = the budget version)
  ledger   A Email  E1 invoiced   600.00 Jan  due 31 Jan (15 days overdue)
           A Email  E2 paid       300.00 Apr  (after the as-of month)
           A Search S1 ordered  1,000.00 Jan  (open: no invoice draws on it)
           A Search S2 invoiced   800.00 Feb  due 01 Mar (not due)
           B Email  B1 invoiced   250.00 Jan  due 10 Jan (36 days overdue)
           B Email  B2 invoiced   -50.00 Feb  credit note due 01 Feb (14 days overdue)
  results  A Email  Jan: 10 leads, 3 opportunities, 2 customers, revenue 1,500.00
           A Search Feb: 20 leads, 5 opportunities, 4 customers, revenue 1,000.00
           B Email  Jan:  5 leads, 1 opportunity,   1 customer,  revenue   100.00
           A Email  Apr:  8 leads, 2 opportunities, 1 customer,  revenue   900.00
"""

from datetime import date
from decimal import Decimal as D

import pandas as pd
import pytest

from loaders.intake import UploadedFile
from spendline import planning
from spendline.store import Store
from spendline.uploads import import_files
from spendline.views import Filters, run_other
from tests.helpers import xlsx
from ui.account_charts import quarter_trend

BUDGET = [
    ["period", "account", "channel", "amount"],
    ["2026-01", "A", "Email", "1000.00"],
    ["2026-04", "A", "Email", "1000.00"],
    ["2026-01", "A", "Search", "2000.00"],
    ["2026-01", "B", "Email", "500.00"],
]
LEDGER = [
    ["document_id", "vendor", "account", "channel", "status", "amount_net", "order_date",
     "invoice_date", "due_date", "paid_date"],
    ["E1", "V", "A", "Email", "invoiced", "600.00", None, "2026-01-10", "2026-01-31", None],
    ["E2", "V", "A", "Email", "paid", "300.00", None, "2026-04-10", "2026-04-30",
     "2026-04-20"],
    ["S1", "V", "A", "Search", "ordered", "1000.00", "2026-01-05", None, None, None],
    ["S2", "V", "A", "Search", "invoiced", "800.00", None, "2026-02-01", "2026-03-01", None],
    ["B1", "W", "B", "Email", "invoiced", "250.00", None, "2026-01-05", "2026-01-10", None],
    ["B2", "W", "B", "Email", "invoiced", "-50.00", None, "2026-02-01", "2026-02-01", None],
]
RESULTS = [
    ["date", "campaign", "account", "channel", "leads", "opportunities", "customers",
     "revenue"],
    ["2026-01-10", "Winter", "A", "Email", 10, 3, 2, "1500.00"],
    ["2026-02-10", "Winter", "A", "Search", 20, 5, 4, "1000.00"],
    ["2026-01-10", "Winter B", "B", "Email", 5, 1, 1, "100.00"],
    ["2026-04-10", "Spring", "A", "Email", 8, 2, 1, "900.00"],
]
AS_OF = date(2026, 2, 15)
YEAR = {"from_month": date(2026, 1, 1), "to_month": date(2026, 12, 1), "as_of": AS_OF}


def build(path) -> Store:
    store = Store(path)
    data = xlsx({"Budget": BUDGET, "Ledger": LEDGER, "Results": RESULTS})
    intake, ids = import_files(store, [UploadedFile("fixture.xlsx", data)])
    assert ids, intake.problem_table().to_string()
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build(tmp_path_factory.mktemp("accounts") / "accounts.duckdb")


def rows(table) -> list[tuple]:
    return [tuple(r.values()) for r in table.to_pylist()]


# -- accounts ----------------------------------------------------------------------------------
def test_accounts_side_by_side(store):
    assert rows(planning.accounts(store, Filters(**YEAR))) == [
        # account, budget, committed, actual to date, landing, vs budget, revenue to date,
        # roi, overdue, overdue invoices
        # A: budget 1,000 + 1,000 + 2,000; committed 600 + 300 + 1,000 open + 800;
        #    actual to Feb 600 + 800; landing 1,400 + April's budget 1,000 (forecast after);
        #    revenue to Feb 1,500 + 1,000; roi (2,500 - 1,400) / 1,400 = 0.785714 -> 0.7857;
        #    overdue E1 only (S2 is due 1 Mar)
        ("A", D("4000.00"), D("2700.00"), D("1400.00"), D("2400.00"), D("-1600.00"),
         D("2500.00"), D("0.7857"), D("600.00"), 1),
        # B: 250 - 50 everywhere; roi (100 - 200) / 200; the credit note is overdue too;
        #    landing: February (forecast 0, the -50 credit note) lands at least at 0, so
        #    200 + max(0, 0 - -50) = 250
        ("B", D("500.00"), D("200.00"), D("200.00"), D("250.00"), D("-250.00"), D("100.00"),
         D("-0.5000"), D("200.00"), 2),
    ]


def test_one_account_by_channel(store):
    assert rows(planning.account_channels(store, "A", Filters(**YEAR))) == [
        # Email: actual to date 600 (E2 is April); landing 600 + April's 1,000;
        #        roi (1,500 - 600) / 600
        ("Email", D("2000.00"), D("900.00"), D("600.00"), D("1600.00"), D("-400.00"),
         D("1500.00"), D("1.5000"), D("600.00"), 1),
        # Search: committed 800 + the open order 1,000; roi (1,000 - 800) / 800
        ("Search", D("2000.00"), D("1800.00"), D("800.00"), D("800.00"), D("-1200.00"),
         D("1000.00"), D("0.2500"), D("0.00"), 0),
    ]


def test_the_channels_of_an_account_add_up_to_its_total(store):
    [a] = [r for r in planning.accounts(store, Filters(**YEAR)).to_pylist() if r["account"] == "A"]
    channels = planning.account_channels(store, "A", Filters(**YEAR)).to_pylist()
    for figure in ("budget", "committed", "actual_to_date", "landing", "overdue"):
        assert sum(c[figure] for c in channels) == a[figure], figure


def test_a_channel_filter_narrows_every_account(store):
    got = rows(planning.accounts(store, Filters(**YEAR, channels=("Search",))))
    # only A has Search; B has no row at all
    assert got == [("A", D("2000.00"), D("1800.00"), D("800.00"), D("800.00"),
                    D("-1200.00"), D("1000.00"), D("0.2500"), D("0.00"), 0)]


def test_the_as_of_date_moves_actual_and_overdue(store):
    later = {**YEAR, "as_of": date(2026, 4, 30)}
    [a, b] = planning.accounts(store, Filters(**later)).to_pylist()
    # to April: A's actual adds E2's 300, revenue April's 900; S2 (due 1 Mar) is now overdue
    assert (a["actual_to_date"], a["revenue_to_date"], a["overdue"], a["overdue_invoices"]) == (
        D("1700.00"), D("3400.00"), D("1400.00"), 2)
    # landing: actual to April 1,700 + what is left of April's Email forecast (its budget
    # 1,000 - E2's 300 = 700) + nothing budgeted after April = 2,400
    assert a["landing"] == D("2400.00")
    assert b["overdue"] == D("200.00")


def test_another_fiscal_year_has_no_accounts(store):
    assert planning.accounts(store, Filters(from_month=date(2025, 1, 1),
                                            to_month=date(2025, 12, 1), as_of=AS_OF)).num_rows == 0


# -- scorecard ---------------------------------------------------------------------------------
SCORECARD_2026 = [
    # fiscal_year, quarter, channel, actual, leads, opps, customers, revenue, cac, roi,
    # lead_to_customer, then the changes: revenue, customers, opps, cac, roi, l2c
    # Q1 all: actual 600 + 250 - 50 + 800 = 1,600; 35 leads, 9 opps, 7 customers, 2,600;
    #   cac 1,600 / 7 = 228.571 -> 228.57; roi 1,000 / 1,600 = 0.625; 7 / 35 = 0.2.
    #   No figures for Q4 2025: no change.
    (2026, "Q1", "All channels", D("1600.00"), 35, 9, 7, D("2600.00"), D("228.57"),
     D("0.6250"), D("0.2000"), None, None, None, None, None, None),
    # Q1 Email: 850 - 50 = 800; 15 leads, 4 opps, 3 customers, 1,600;
    #   cac 800 / 3 = 266.667 -> 266.67; roi (1,600 - 800) / 800 = 1; 3 / 15 = 0.2
    (2026, "Q1", "Email", D("800.00"), 15, 4, 3, D("1600.00"), D("266.67"), D("1.0000"),
     D("0.2000"), None, None, None, None, None, None),
    (2026, "Q1", "Search", D("800.00"), 20, 5, 4, D("1000.00"), D("200.00"), D("0.2500"),
     D("0.2000"), None, None, None, None, None, None),
    # Q2 is Email alone: E2 300; 8 leads, 2 opps, 1 customer, 900; cac 300; roi 600 / 300 = 2;
    #   1 / 8 = 0.125. Against Q1 all: 900 - 2,600; 1 - 7; 2 - 9; 300 - 228.57;
    #   2 - 0.625; 0.125 - 0.2
    (2026, "Q2", "All channels", D("300.00"), 8, 2, 1, D("900.00"), D("300.00"), D("2.0000"),
     D("0.1250"), D("-1700.00"), -6, -7, D("71.43"), D("1.3750"), D("-0.0750")),
    # against Q1 Email: 900 - 1,600; 1 - 3; 2 - 4; 300 - 266.67; 2 - 1; 0.125 - 0.2
    (2026, "Q2", "Email", D("300.00"), 8, 2, 1, D("900.00"), D("300.00"), D("2.0000"),
     D("0.1250"), D("-700.00"), -2, -2, D("33.33"), D("1.0000"), D("-0.0750")),
]


def test_scorecard_per_quarter_and_channel_with_the_trend(store):
    assert rows(run_other(store, "scorecard", Filters(**YEAR))) == SCORECARD_2026


def test_a_month_range_picks_quarters_but_the_trend_still_compares_the_whole_quarter(store):
    got = rows(run_other(store, "scorecard", Filters(from_month=date(2026, 5, 1),
                                                       to_month=date(2026, 5, 1))))
    # May lies in Q2: Q2 whole, compared with Q1 whole although Q1 is outside the range
    assert got == SCORECARD_2026[3:]


def test_a_channel_filter_makes_all_channels_that_channel(store):
    got = rows(run_other(store, "scorecard", Filters(**YEAR, channels=("Search",))))
    assert [r[:4] for r in got] == [(2026, "Q1", "All channels", D("800.00")),
                                     (2026, "Q1", "Search", D("800.00"))]


def test_scorecard_quarters_follow_the_fiscal_year(tmp_path):
    store = build(tmp_path / "april.duckdb")
    store.change_settings({"fiscal_first_month": "4"})
    got = rows(run_other(store, "scorecard"))
    # Jan-Mar 2026 is the last quarter of FY2025, Apr-Jun 2026 the first of FY2026; the
    # figures and the trend are those of the calendar quarters above
    assert [r[:3] for r in got] == [(2025, "Q4", "All channels"), (2025, "Q4", "Email"),
                                    (2025, "Q4", "Search"), (2026, "Q1", "All channels"),
                                    (2026, "Q1", "Email")]
    assert [r[3:] for r in got] == [r[3:] for r in SCORECARD_2026]


def test_budget_used_names_a_line_without_code_by_its_channel():
    from decimal import Decimal

    import pandas as pd

    from ui.account_charts import budget_used

    alerts = pd.DataFrame({"budget_line": ["BL-7", float("nan")],
                           "channel": ["Email", "PR"],
                           "committed_pct": [Decimal("0.95"), Decimal("1.10")]})
    bars = budget_used(alerts).data[0]
    assert list(bars.y) == ["BL-7", "PR"]
    assert list(bars.x) == [0.95, 1.1]


def test_the_running_quarter_is_labelled_to_date_in_the_trend():
    frame = pd.DataFrame({"fiscal_year": [2026, 2026], "quarter": ["Q3", "Q4"],
                          "channel": ["Email", "Email"], "revenue": [100, 20]})
    fig = quarter_trend(frame, "revenue", running=(2026, "Q4"))
    assert list(fig.data[0].x) == ["FY2026 Q3", "FY2026 Q4 (to date)"]
    assert list(quarter_trend(frame, "revenue").data[0].x) == ["FY2026 Q3", "FY2026 Q4"]
