"""The Accounts, Scorecard, Budget adjustments and Settings pages through AppTest on the demo
data: they render, their figures are the store's, and filters and choices change them."""

from datetime import date
from decimal import Decimal as D

import pytest
from streamlit.proto.Metric_pb2 import Metric
from streamlit.testing.v1 import AppTest

from spendline import access, clock, planning
from spendline import formats as fmt
from spendline.adjustments import ADD, Request
from spendline.config import ROOT
from spendline.metrics import kpis, money
from spendline.store import Store
from spendline.views import OTHER_COLUMNS, Filters, run_breakdown, run_other, run_outcomes, run_view
from tests.helpers import page_as
from tests.test_access import signed_in
from ui.navigation import page_files
from ui.safe_text import plain

PAGES = page_files("Accounts and planning")
TODAY = clock.today()  # the suite's pinned day (tests/conftest.py)
FY2026 = {"from_month": date(2026, 1, 1), "to_month": date(2026, 12, 1), "as_of": TODAY}


def open_page(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in {"fy": "2026", **(query or {})}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def clicks(monkeypatch):
    """Button clicks that reach the page. AppTest resets Streamlit's pages-directory flag on
    every run, so ui.navigation.ensure_app_navigation reruns each page once and the click (a
    one-shot trigger) is spent on the discarded run; in a real server the flag stays off
    after the first run. The pages import the function at every run, so a no-op here holds."""
    monkeypatch.setattr("ui.navigation.ensure_app_navigation", lambda: None)


def tiles(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def button(at: AppTest, label: str):
    [found] = [b for b in at.button if b.label == label]
    return found


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_demo_data(demo_db, page):
    at = open_page(page)
    assert at.title[0].value
    assert not at.error


# -- accounts ----------------------------------------------------------------------------------
def test_accounts_table_and_tiles_are_the_stores_figures(demo_db):
    at = open_page("pages/accounts.py")
    expected = planning.accounts(Store(demo_db), Filters(**FY2026)).to_pylist()
    shown = at.dataframe[0].value
    assert list(shown["account"]) == [r["account"] for r in expected]
    assert [str(v) for v in shown["landing"]] == [str(r["landing"]) for r in expected]
    first = expected[0]
    assert tiles(at)["Budget"] == fmt.compact_money(first["budget"])
    assert tiles(at)["Overdue"] == fmt.compact_money(first["overdue"])


def test_choosing_another_account_shows_its_figures_and_channels(demo_db):
    at = open_page("pages/accounts.py")
    at.selectbox(key="account_one").set_value("Lumen Travel").run()
    assert not at.exception
    store = Store(demo_db)
    [lumen] = [r for r in planning.accounts(store, Filters(**FY2026)).to_pylist()
               if r["account"] == "Lumen Travel"]
    assert tiles(at)["Actual to date"] == fmt.compact_money(lumen["actual_to_date"])
    channels = at.dataframe[1].value
    expected = planning.account_channels(store, "Lumen Travel", Filters(**FY2026)).to_pylist()
    assert [str(v) for v in channels["budget"]] == [str(r["budget"]) for r in expected]


def test_an_account_equals_the_overview_figures_for_that_account(demo_db):
    # One rounding of the exact sum (README "Rounding"): the Accounts page's total for an
    # account is the Overview's tile with that account chosen, to the cent; the landing view's
    # rows, each rounded on its own, may differ from it by half a cent per row at most.
    store = Store(demo_db)
    filters = Filters(**FY2026, accounts=("Aurora Foods",))
    overview = kpis(run_breakdown(store, filters).to_pandas(),
                    run_outcomes(store, filters).to_pandas(), TODAY)
    [aurora] = [r for r in planning.accounts(store, Filters(**FY2026)).to_pylist()
                if r["account"] == "Aurora Foods"]
    for figure in ("budget", "actual_to_date", "landing", "landing_vs_budget"):
        assert aurora[figure] == money(getattr(overview, figure)), figure
    rows = run_view(store, "landing", filters).to_pylist()
    assert abs(sum(r["landing"] for r in rows) - aurora["landing"]) <= D("0.005") * len(rows)


def test_a_channel_filter_changes_the_accounts(demo_db):
    everything = open_page("pages/accounts.py").dataframe[0].value
    email = open_page("pages/accounts.py", {"channel": "Email"}).dataframe[0].value
    expected = planning.accounts(Store(demo_db), Filters(**FY2026, channels=("Email",)))
    assert [str(v) for v in email["budget"]] == [str(v) for v in
                                                  expected.column("budget").to_pylist()]
    assert list(email["budget"]) != list(everything["budget"])


# -- scorecard ---------------------------------------------------------------------------------
def scorecard_row(db, quarter: str, channel: str, **filters) -> dict:
    rows = run_other(Store(db), "scorecard", Filters(**{**FY2026, **filters})).to_pylist()
    [row] = [r for r in rows if (r["fiscal_year"], r["quarter"], r["channel"]) ==
             (2026, quarter, channel)]
    return row


def test_scorecard_tiles_are_the_stores_figures_with_their_trend(demo_db):
    at = open_page("pages/scorecard.py")
    at.selectbox(key="scorecard_quarter").set_value("FY2026 Q2").run()
    row = scorecard_row(demo_db, "Q2", "All channels")
    shown = {m.label: m for m in at.metric}
    assert shown["Revenue"].value == fmt.compact_money(row["revenue"])
    assert shown["Customers"].value == fmt.integer(row["customers"])
    assert shown["CAC"].value == fmt.money(row["cac"])
    # the arrow follows the sign of the change; a lower CAC is good (green)
    for label, change, inverse in (("Revenue", row["revenue_change"], False),
                                   ("CAC", row["cac_change"], True)):
        direction = Metric.MetricDirection.UP if change > 0 else Metric.MetricDirection.DOWN
        assert shown[label].proto.direction == direction, label
        good = (change > 0) != inverse
        color = Metric.MetricColor.GREEN if good else Metric.MetricColor.RED
        assert shown[label].proto.color == color, label


def test_scorecard_channel_choice_and_filter(demo_db):
    at = open_page("pages/scorecard.py")
    at.selectbox(key="scorecard_quarter").set_value("FY2026 Q1").run()
    at.selectbox(key="scorecard_channel").set_value("Email").run()
    email = scorecard_row(demo_db, "Q1", "Email")
    assert tiles(at)["Revenue"] == fmt.compact_money(email["revenue"])
    # with the sidebar's channel filter, All channels is that channel
    filtered = open_page("pages/scorecard.py", {"channel": "Email"})
    filtered.selectbox(key="scorecard_quarter").set_value("FY2026 Q1").run()
    assert tiles(filtered)["Revenue"] == fmt.compact_money(email["revenue"])
    assert scorecard_row(demo_db, "Q1", "All channels")["revenue"] != email["revenue"]


def test_scorecard_table_is_the_view(demo_db):
    at = open_page("pages/scorecard.py")
    table = at.dataframe[0].value
    expected = run_other(Store(demo_db), "scorecard", Filters(**FY2026))
    assert list(table.columns) == OTHER_COLUMNS["scorecard"]
    assert len(table) == expected.num_rows


# -- budget adjustments ------------------------------------------------------------------------
def test_request_and_approve_an_addition(demo_db, clicks):
    store = Store(demo_db)
    line = next(x for x in store.budget_lines() if x.budget_line == "AUF-EML-AGY")
    march = date(2026, 3, 1)
    before = store.line_budget(line, march)
    at = open_page("pages/adjustments.py")
    at.radio(key="adj_kind").set_value("add")
    at.selectbox(key="adj_to").set_value(line.label())
    at.selectbox(key="adj_to_month").set_value(march)
    at.number_input(key="adj_amount").set_value(6000.5)
    at.text_area(key="adj_reason").set_value("spring push")
    button(at, "Request").click().run()
    assert not at.exception and not at.error
    assert at.success[0].value == "Request 1 recorded."
    # nobody approves their own request
    button(at, "Approve").click().run()
    assert at.error[0].value == plain(
        "You requested this adjustment: someone else must decide it. Without sign-in everyone "
        "is the local user: set up sign-in (README, Users and roles) so that a second person "
        "can.")
    # an editor approves at manager level (their role): 6,000.50 needs finance
    access.set_user(store, "ed@example.com", "editor")
    editor = signed_in("ed@example.com", "pages/adjustments.py")
    assert "adj_level" not in editor.session_state  # no level to type any more
    button(editor, "Approve").click().run()
    assert "needs finance approval; manager is not enough" in editor.error[0].value
    # an admin (named in secrets) approves at executive level
    boss = signed_in("boss@example.com", "pages/adjustments.py")
    button(boss, "Approve").click().run()
    assert boss.success[0].value == "Request 1 approved."
    assert store.line_budget(line, march) == before + D("6000.50")
    summary = {r["channel"]: r for r in run_other(store, "budget_adjustment_summary",
                                                     Filters(**FY2026)).to_pylist()}
    assert summary["Email"]["adjustments"] == D("6000.50")
    # the approved adjustment is a batch of the history: an admin rolls it back, confirmed
    batch = int(store.history().query("kind == 'budget_adjustment'")["batch_id"].iloc[0])
    boss.selectbox(key="adjustment_history_rollback").set_value(batch).run()
    button(boss, "Roll back").click().run()
    button(boss, "Yes, roll back").click().run()
    assert store.line_budget(line, march) == before


def test_a_move_needs_the_line_it_takes_from(demo_db, clicks):
    at = open_page("pages/adjustments.py")
    line = Store(demo_db).budget_lines()[0]
    at.selectbox(key="adj_to").set_value(line.label())
    at.number_input(key="adj_amount").set_value(10.0)
    at.text_area(key="adj_reason").set_value("x")
    button(at, "Request").click().run()
    assert at.error[0].value == plain("Choose the line the budget is taken from.")


# -- settings ----------------------------------------------------------------------------------
def test_changing_a_threshold_on_the_settings_page(demo_db, clicks):
    at = open_page("pages/settings.py")
    at.number_input(key="set_finance").set_value(4000.0)
    button(at, "Save").click().run()
    assert not at.error
    store = Store(demo_db)
    assert store.settings()["threshold_finance"] == "4000.00"
    assert at.success[0].value.startswith("Saved as batch")
    history = at.dataframe[-1].value
    assert list(history["note"]) == ["finance approves from: 5000.00 → 4000.00"]
    # and back, from the page's own history: named, confirmed, and re-applied the same way
    batch = int(history["batch_id"].iloc[0])
    at.selectbox(key="settings_history_rollback").set_value(batch).run()
    button(at, "Roll back").click().run()
    assert store.settings()["threshold_finance"] == "4000.00"  # not before the second click
    assert at.warning[-1].value.startswith(f"Roll back Batch {batch} · ")
    button(at, "Yes, roll back").click().run()
    assert store.settings()["threshold_finance"] == "5000.00"
    at.selectbox(key="settings_history_reapply").set_value(batch).run()
    button(at, "Re-apply").click().run()
    button(at, "Yes, re-apply").click().run()
    assert store.settings()["threshold_finance"] == "4000.00"


def test_an_impossible_threshold_is_explained(demo_db, clicks):
    at = open_page("pages/settings.py")
    at.number_input(key="set_finance").set_value(30000.0)
    button(at, "Save").click().run()
    assert "must be below the executive threshold" in at.error[0].value
    assert Store(demo_db).settings()["threshold_finance"] == "5000.00"


def test_adding_a_channel_mapping_on_the_settings_page(demo_db, clicks):
    at = open_page("pages/settings.py")
    at.text_input(key="set_aliases").set_value("FB, Facebook Ads")
    at.text_input(key="set_channel").set_value("Paid Social")
    button(at, "Add").click().run()
    assert Store(demo_db).channel_mapping() == {"FB": "Paid Social",
                                                 "Facebook Ads": "Paid Social"}
    shown = at.dataframe[0].value
    # in the order the mapping matches them: "facebook ads" before "fb"
    assert list(shown["alias"]) == ["Facebook Ads", "FB"]


# -- roles -------------------------------------------------------------------------------------
def test_settings_are_for_admins_only(demo_db):
    access.set_user(Store(demo_db), "editor@example.com", "editor")
    at = signed_in("editor@example.com")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/settings.py")
    # run on its own, the page refuses too
    page = page_as("pages/settings.py", "editor@example.com", "editor")
    assert not page.number_input
    assert "cannot settings" in page.info[0].value
    admin = signed_in("boss@example.com", "pages/settings.py")
    assert admin.title[0].value == "Settings" and admin.number_input


def test_a_viewer_sees_requests_but_cannot_request_or_decide(demo_db):
    store = Store(demo_db)
    line = store.budget_lines()[0]
    store.request_adjustment(Request(ADD, D("10.00"), "test", line, date(2026, 3, 1)))
    access.set_user(store, "viewer@example.com", "viewer")
    at = signed_in("viewer@example.com", "pages/adjustments.py", {"fy": "2026"})
    assert "cannot request adjustments" in at.info[0].value
    assert not [b for b in at.button if b.label in ("Request", "Approve", "Reject")]
    assert len(at.dataframe[-1].value) == 1  # the request is listed


def test_a_client_sees_only_its_own_account_and_requests(demo_db):
    store = Store(demo_db)
    aurora, lumen = (next(x for x in store.budget_lines() if x.account == name)
                     for name in ("Aurora Foods", "Lumen Travel"))
    for line in (aurora, lumen):
        store.request_adjustment(Request(ADD, D("10.00"), "test", line, date(2026, 3, 1)))
    access.set_user(store, "client@aurora.example", "editor", ("Aurora Foods",))
    at = signed_in("client@aurora.example", "pages/accounts.py", {"fy": "2026"})
    assert list(at.dataframe[0].value["account"]) == ["Aurora Foods"]
    at.switch_page("pages/adjustments.py").run()
    assert list(at.dataframe[-1].value["to_account"]) == ["Aurora Foods"]
    offered = at.selectbox(key="adj_to").options
    assert offered and all(o.endswith("(Aurora Foods)") for o in offered)


def test_an_orphaned_adjustment_shows_as_orphaned_and_counts_nowhere(demo_db):
    store = Store(demo_db)
    line = next(x for x in store.budget_lines() if x.budget_line == "AUF-EML-AGY")
    march = date(2026, 3, 1)
    before = store.line_budget(line, march)
    adjustment = store.request_adjustment(Request(ADD, D("10.00"), "test", line, march),
                                          user="maria@example.com")
    store.decide_adjustment(adjustment, True)  # the local admin, not the requester
    assert store.line_budget(line, march) == before + D("10.00")
    budget_batches = store.history().query("kind == 'budget' and rolled_back_at.isna()")
    store.rollback_batches([int(b) for b in budget_batches["batch_id"]])
    assert store.line_budget(line, march) == D("0.00")  # not 10.00: the line is gone
    at = open_page("pages/adjustments.py")
    [requests] = [d.value for d in at.dataframe if "adjustment_id" in d.value.columns
                  and "status" in d.value.columns and len(d.value)]
    assert requests.set_index("adjustment_id").loc[adjustment, "status"] == "orphaned"
