"""Budget adjustments: requests routed by amount, approval through the batch history, rollback,
a budget re-upload, the original / adjusted / current budget and the 90% and 100% alerts.

Store (base currency EUR, account Default):
  budget  EML-1 Email    Jan, Feb, Mar 2026: 1,000.00 each
          SEA-1 Search   Jan 2026: 2,000.00
"""

import re
from datetime import date
from decimal import Decimal as D

import pytest

from loaders.intake import UploadedFile, read_upload
from spendline import clock
from spendline.adjustments import ADD, MOVE, AdjustmentError, BudgetLine, Request
from spendline.metrics import ratio
from spendline.uploads import batches, import_files, intake_options
from spendline.views import Filters, run_other, run_view
from tests.helpers import xlsx
from tests.stores import backend_of, both_stores, open_test_store

BUDGET = [["period", "channel", "amount", "budget_line"],
          ["2026-01", "Email", "1000.00", "EML-1"],
          ["2026-02", "Email", "1000.00", "EML-1"],
          ["2026-03", "Email", "1000.00", "EML-1"],
          ["2026-01", "Search", "2000.00", "SEA-1"]]
EMAIL = BudgetLine("Default", "Email", budget_line="EML-1")
SEARCH = BudgetLine("Default", "Search", budget_line="SEA-1")
JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


def upload(store, **sheets) -> list[int]:
    intake, ids = import_files(store, [UploadedFile("upload.xlsx", xlsx(sheets))])
    assert ids, intake.problem_table().to_string()
    return ids


@pytest.fixture
def store(request, tmp_path):
    """The DuckDB file; on PostgreSQL too for the tests marked both_stores."""
    store = open_test_store(request, backend_of(request), tmp_path / "adjustments.duckdb")
    upload(store, Budget=BUDGET)
    return store


def budgets(store, **filters) -> dict[tuple[str, str], D]:
    """(month, channel) -> budget, from budget_vs_actual."""
    return {(r["month"], r["channel"]): r["budget"]
            for r in run_view(store, "budget_vs_actual", Filters(**filters)).to_pylist()}


BEFORE = {("2026-01", "Email"): D("1000.00"), ("2026-01", "Search"): D("2000.00"),
          ("2026-02", "Email"): D("1000.00"), ("2026-03", "Email"): D("1000.00")}


def add(amount, line=EMAIL, month=MAR, reason="launch") -> Request:
    return Request(ADD, D(amount), reason, line, month)


def move(amount, source=EMAIL, source_month=JAN, to=EMAIL, to_month=MAR) -> Request:
    return Request(MOVE, D(amount), "shift", to, to_month, source, source_month)


def ask(store, request: Request, user: str = "maria") -> int:
    """A request by someone other than the approver (nobody decides their own request)."""
    return store.request_adjustment(request, user=user)


def request_row(store, adjustment_id) -> dict:
    [row] = run_other(store, "budget_adjustment_requests", where="adjustment_id = $id",
                         params={"id": adjustment_id}).to_pylist()
    return row


# -- routing -----------------------------------------------------------------------------------
@pytest.mark.parametrize("amount,level", [
    ("4999.99", "manager"), ("5000.00", "finance"), ("24999.99", "finance"),
    ("25000.00", "executive"),
])
def test_a_request_is_routed_to_the_level_its_amount_needs(store, amount, level):
    adjustment = ask(store, add(amount), user="maria")
    row = request_row(store, adjustment)
    assert (row["status"], row["required_level"], row["amount"], row["requested_by"]) == (
        "pending", level, D(amount), "maria")


def test_routing_follows_the_thresholds_in_force(store):
    adjustment = ask(store, add("5000.00"))
    assert request_row(store, adjustment)["required_level"] == "finance"
    store.change_settings({"threshold_finance": "6000"})
    assert request_row(store, adjustment)["required_level"] == "manager"


@both_stores
def test_approval_below_the_level_needed_is_refused(store):
    adjustment = ask(store, add("5000.00"))
    with pytest.raises(AdjustmentError, match="needs finance approval; manager is not enough"):
        store.decide_adjustment(adjustment, approve=True, level="manager")
    assert request_row(store, adjustment)["status"] == "pending"
    assert budgets(store) == BEFORE


@pytest.mark.parametrize("request_,message", [
    (add("0"), "The amount must be above 0"),
    (add("10.001"), "more than two decimals"),
    (add("10", reason=" "), "Give a reason"),
    (move("10", to_month=JAN), "another line or another month"),
    (move("1000.01"), "has 1,000.00 of budget in Jan 2026: a move can take at most that"),
    (move("1", source_month=date(2026, 5, 1)), "has 0.00 of budget in May 2026"),
])
def test_an_impossible_request_is_refused(store, request_, message):
    with pytest.raises(AdjustmentError, match=re.escape(message)):
        ask(store, request_)
    assert run_other(store, "budget_adjustment_requests").num_rows == 0


# -- approval ----------------------------------------------------------------------------------
def test_an_approved_addition_raises_the_budget_by_exactly_its_amount(store):
    adjustment = ask(store, add("250.50"))
    batch = store.decide_adjustment(adjustment, approve=True, user="fin", level="Finance")
    # March 1,000.00 + 250.50; nothing else moves
    assert budgets(store) == {**BEFORE, ("2026-03", "Email"): D("1250.50")}
    row = request_row(store, adjustment)
    assert (row["status"], row["decided_by"], row["decided_level"], row["batch_id"]) == (
        "approved", "fin", "Finance", batch)
    history = store.history().set_index("batch_id")
    assert (history.loc[batch, "kind"], history.loc[batch, "rows"]) == ("budget_adjustment", 1)
    assert history.loc[batch, "note"] == "add 250.50 to EML-1 · Email · Unassigned (Default) " \
                                         "Mar 2026: launch"


def test_a_move_between_months_keeps_the_total_and_shifts_the_months(store):
    adjustment = ask(store, move("400.00"))
    store.decide_adjustment(adjustment, approve=True, level="manager")
    after = budgets(store)
    # January 1,000 - 400, March 1,000 + 400
    assert after == {**BEFORE, ("2026-01", "Email"): D("600.00"),
                     ("2026-03", "Email"): D("1400.00")}
    assert sum(after.values()) == sum(BEFORE.values())


@both_stores
def test_a_move_between_lines(store):
    adjustment = ask(store, move("500.00", source=SEARCH, to_month=JAN))
    store.decide_adjustment(adjustment, approve=True, level="manager")
    # Search 2,000 - 500, Email January 1,000 + 500
    assert budgets(store) == {**BEFORE, ("2026-01", "Search"): D("1500.00"),
                              ("2026-01", "Email"): D("1500.00")}


def test_a_move_is_checked_again_when_approved(store):
    first = ask(store, move("700.00"))
    second = ask(store, move("700.00"))
    store.decide_adjustment(first, approve=True, level="manager")
    # January has 300.00 left
    with pytest.raises(AdjustmentError, match=re.escape("has 300.00 of budget in Jan 2026")):
        store.decide_adjustment(second, approve=True, level="manager")


@both_stores
def test_a_rejection_changes_no_budget(store):
    adjustment = ask(store, add("100.00"))
    version = store.data_version()
    assert store.decide_adjustment(adjustment, approve=False, user="fin",
                                   note="not this year") is None
    assert budgets(store) == BEFORE
    row = request_row(store, adjustment)
    assert (row["status"], row["decision_note"], row["batch_id"]) == (
        "rejected", "not this year", None)
    assert store.history()["kind"].tolist() == ["budget"]
    assert store.data_version() == version + 1
    with pytest.raises(AdjustmentError, match="already rejected"):
        store.decide_adjustment(adjustment, approve=True, level="executive")


# -- rollback and re-upload --------------------------------------------------------------------
@both_stores
def test_rolling_back_the_adjustment_batch_restores_the_budget_exactly(store):
    before = run_view(store, "budget_vs_actual").to_pylist()
    adjustment = ask(store, move("400.00"))
    batch = store.decide_adjustment(adjustment, approve=True, level="manager")
    store.rollback(batch)
    assert run_view(store, "budget_vs_actual").to_pylist() == before
    assert request_row(store, adjustment)["status"] == "rolled back"


@both_stores
def test_a_budget_re_upload_of_the_same_scope_keeps_approved_adjustments(store):
    adjustment = ask(store, move("400.00"))
    store.decide_adjustment(adjustment, approve=True, level="manager")
    sheet = [["period", "channel", "amount", "budget_line"],
             ["2026-01", "Email", "2000.00", "EML-1"], ["2026-03", "Email", "2000.00", "EML-1"]]
    intake = read_upload(
        [UploadedFile("new.xlsx", xlsx({"Budget": sheet}))], intake_options(store))
    [preview] = store.preview(batches(intake))
    # the whole FY2026 of Default is replaced (4 rows), the adjustment stays
    assert (preview.replaced, preview.adjustments_kept) == (4, 1)
    upload(store, Budget=sheet)
    # January 2,000 - 400, March 2,000 + 400; Search and February are gone with the old budget
    assert budgets(store) == {("2026-01", "Email"): D("1600.00"),
                              ("2026-03", "Email"): D("2400.00")}


def test_the_budget_as_it_stood_before_the_approval(store):
    adjustment = ask(store, add("100.00"))
    before = clock.now()
    store.decide_adjustment(adjustment, approve=True, level="manager")
    sql = "select sum(amount) from budget"
    assert store.query(sql, variables={"as_at": before}).column(0)[0].as_py() == D("5000.00")
    assert store.query(sql).column(0)[0].as_py() == D("5100.00")


@both_stores
def test_adjustment_lines_follow_a_new_fiscal_first_month(store):
    adjustment = ask(store, add("100.00", month=FEB))
    store.decide_adjustment(adjustment, approve=True, level="manager")
    store.change_settings({"fiscal_first_month": "4"})
    # February 2026 belongs to FY2025 when the year starts in April
    assert store.query("select fiscal_year from budget_adjustment_rows").column(0)[0].as_py() \
        == 2025


# -- original, adjustments and current budget --------------------------------------------------
def test_original_budget_adjustments_and_current_budget_per_channel(store):
    store.decide_adjustment(ask(store, move("500.00", source=SEARCH, to_month=FEB)),
                            approve=True, level="manager")
    store.decide_adjustment(ask(store, add("99.99", month=MAR)), approve=True,
                            level="manager")
    ask(store, add("1000.00"))  # pending: counts nowhere
    rows = [tuple(r.values()) for r in run_other(store, "budget_adjustment_summary")
            .to_pylist()]
    assert rows == [
        # Email 3,000 + 500 moved in + 99.99 added
        ("Email", D("3000.00"), D("599.99"), D("3599.99")),
        # Search 2,000 - 500 moved out
        ("Search", D("2000.00"), D("-500.00"), D("1500.00")),
    ]
    march = run_other(store, "budget_adjustment_summary",
                         Filters(from_month=MAR, to_month=MAR)).to_pylist()
    assert [(r["channel"], r["adjustments"]) for r in march] == [("Email", D("99.99"))]


# -- alerts ------------------------------------------------------------------------------------
def alerts(store, **filters) -> list[tuple]:
    return [(r["level"], r["account"], r["channel"], r["budget_line"], r["committed"],
             r["committed_pct"], r["alert"])
            for r in run_other(store, "budget_alerts", Filters(**filters)).to_pylist()]


LEDGER = ["document_id", "vendor", "channel", "budget_line", "status", "amount_net",
          "order_date", "invoice_date"]


@pytest.mark.parametrize("amount,alert", [
    ("899.99", None), ("900.00", "reached 90%"), ("999.99", "reached 90%"),
    ("1000.00", "reached 100%"), ("1500.00", "reached 100%"),
])
def test_a_line_alerts_at_90_and_100_percent(store, amount, alert):
    upload(store, Ledger=[LEDGER, ["X", "V", "Email", "EML-1", "invoiced", amount, None,
                                   "2026-01-10"]])
    got = alerts(store, from_month=JAN, to_month=JAN)
    # the alert judges the exact amounts: 999.99 shows as 1.0000 but has not reached 100%
    used = ratio(D(amount), D("1000.00"))
    expected = [] if alert is None else [
        ("budget_line", "Default", "Email", "EML-1", D(amount), used, alert),
        ("channel", None, "Email", None, D(amount), used, alert)]
    assert got == expected


def test_alerts_count_committed_and_spend_without_a_budget(store):
    upload(store, Ledger=[LEDGER,
                          # an open order of 1,900 on Search: committed 95% of 2,000
                          ["O", "V", "Search", "SEA-1", "ordered", "1900.00", "2026-01-05", None],
                          # spend on a channel with no budget at all
                          ["P", "V", "PR", None, "invoiced", "10.00", None, "2026-01-10"]])
    assert alerts(store) == [
        ("budget_line", "Default", "Search", "SEA-1", D("1900.00"), D("0.9500"),
         "reached 90%"),
        ("channel", None, "PR", None, D("10.00"), None, "no budget"),
        ("channel", None, "Search", None, D("1900.00"), D("0.9500"), "reached 90%"),
    ]


def test_an_approved_addition_clears_an_alert(store):
    upload(store, Ledger=[LEDGER, ["X", "V", "Email", "EML-1", "invoiced", "950.00", None,
                                   "2026-01-10"]])
    assert len(alerts(store, from_month=JAN, to_month=JAN)) == 2
    store.decide_adjustment(ask(store, add("100.00", month=JAN)),
                            approve=True, level="manager")
    # 950 / 1,100 = 0.8636: below 90%
    assert alerts(store, from_month=JAN, to_month=JAN) == []


# -- orphaned adjustments (issue 17 §3) ---------------------------------------------------------
@both_stores
def test_an_adjustment_whose_budget_is_rolled_back_is_orphaned_and_counts_nowhere(store):
    adjustment = ask(store, move("400.00"))
    store.decide_adjustment(adjustment, approve=True)
    [budget_batch] = store.history().query("kind == 'budget'")["batch_id"].tolist()
    store.rollback(int(budget_batch))
    # the line is gone: the adjustment's -400 / +400 count nowhere, not as a budget of its own
    assert budgets(store) == {}
    assert store.line_budget(EMAIL, MAR) == D("0.00")
    assert run_other(store, "budget_adjustment_summary", Filters()).num_rows == 0
    assert request_row(store, adjustment)["status"] == "orphaned"
    # the budget uploaded again brings the line back, and the adjustment with it
    upload(store, Budget=BUDGET)
    assert request_row(store, adjustment)["status"] == "approved"
    assert budgets(store) == {**BEFORE, ("2026-01", "Email"): D("600.00"),
                              ("2026-03", "Email"): D("1400.00")}


@both_stores
def test_a_move_whose_source_line_is_gone_is_orphaned_whole(store):
    adjustment = ask(store, move("500.00", source=SEARCH, to_month=JAN))
    store.decide_adjustment(adjustment, approve=True)
    # a new FY2026 budget without the Search line
    email_only = [row for row in BUDGET if row[1] != "Search"]
    upload(store, Budget=email_only)
    # Email keeps exactly its uploaded budget: the +500 is not counted without its -500
    assert budgets(store) == {("2026-01", "Email"): D("1000.00"),
                              ("2026-02", "Email"): D("1000.00"),
                              ("2026-03", "Email"): D("1000.00")}
    assert request_row(store, adjustment)["status"] == "orphaned"
