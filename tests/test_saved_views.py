"""Saved views (issue 19): named filters, own or shared, on both store engines; a view is a URL
(its query string, or ?view=NAME in the sidebar); `report --view NAME` on the command line."""

from __future__ import annotations

from datetime import date

import pytest

from reports.cli import make
from spendline import clock
from spendline.cli import main
from spendline.saved_views import (
    SavedView,
    SavedViewError,
    delete_view,
    find_view,
    params_of,
    save_view,
    usable,
)
from spendline.store import Store
from spendline.views import Filters
from tests.stores import BACKENDS, open_test_store

Q2 = SavedView("Q2 · Lumen Travel · Paid Social", "ann@example.com", False,
               {"fy": "2026", "months": ["2026-04-01", "2026-06-01"],
                "account": ["Lumen Travel"], "channel": ["Paid Social"]})


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    return open_test_store(request, request.param, tmp_path / "test.duckdb")


def test_a_saved_view_round_trips(store):
    save_view(store, Q2)
    assert find_view(store, Q2.name, "ann@example.com") == Q2
    assert Q2.filters == Filters(from_month=date(2026, 4, 1), to_month=date(2026, 6, 1),
                                 accounts=("Lumen Travel",), channels=("Paid Social",))
    # another user sees it only once it is shared
    assert usable(store, "bob@example.com") == []
    with pytest.raises(KeyError, match="no saved view"):
        find_view(store, Q2.name, "bob@example.com")
    save_view(store, SavedView(Q2.name, Q2.owner, True, {**Q2.params, "channel": ["Email"]}))
    [seen] = usable(store, "bob@example.com")
    assert (seen.shared, seen.params["channel"]) == (True, ["Email"])
    # names are per owner: Bob's own view of that name comes first for Bob
    save_view(store, SavedView(Q2.name, "bob@example.com", False, {"fy": "2026"}))
    assert find_view(store, Q2.name, "bob@example.com").owner == "bob@example.com"
    delete_view(store, Q2.name, "bob@example.com")
    assert find_view(store, Q2.name, "bob@example.com").owner == "ann@example.com"
    delete_view(store, Q2.name, "ann@example.com")
    assert usable(store, "ann@example.com") == []


def test_a_view_is_a_url_and_keeps_filters_only():
    assert Q2.query_string() == ("fy=2026&months=Apr+2026&months=Jun+2026&"
                                 "account=Lumen+Travel&channel=Paid+Social")
    assert params_of(2026, Q2.filters) == Q2.params
    with pytest.raises(SavedViewError, match="name"):
        save_view(None, SavedView(" ", "ann"))
    with pytest.raises(SavedViewError, match="as_of"):
        save_view(None, SavedView("x", "ann", params={"as_of": "2026-01-01"}))


def test_report_with_a_saved_view(demo_db, monkeypatch):
    store = Store(demo_db)
    save_view(store, SavedView("Lumen social", "local", True,
                               {"account": ["Lumen Travel"], "channel": ["Paid Social"]}))
    monkeypatch.setattr(clock, "_wall", lambda: clock.datetime(2026, 12, 4, 9, 30))
    out = demo_db.parent / "finance.html"
    assert main(["report", "finance", "--month", "2026-11", "--view", "Lumen social",
                 "--db", str(demo_db), "--out", str(out)]) == 0
    made = make(store, "finance", date(2026, 11, 1),
                filters=find_view(store, "Lumen social", "local").filters)
    assert out.read_bytes() == made.html
    text = made.html.decode("utf-8")
    assert "Lumen Travel · channel Paid Social" in text
    assert "Aurora Foods" not in text and "Northwind Retail" not in text
    assert main(["report", "finance", "--month", "2026-11", "--view", "Nope",
                 "--db", str(demo_db), "--out", str(out)]) == 1


def test_the_sidebar_opens_a_view_from_the_url(demo_db):
    from tests.test_lifecycle_pages import open_page

    save_view(Store(demo_db), SavedView("Lumen Q2", "local", False, {
        "fy": "2026", "months": ["2026-04-01", "2026-06-01"], "account": ["Lumen Travel"]}))
    at = open_page("pages/overview.py", {"view": "Lumen Q2"})
    filters = at.session_state["filters"]
    assert (filters.from_month, filters.to_month, filters.accounts) == (
        date(2026, 4, 1), date(2026, 6, 1), ("Lumen Travel",))
    assert at.sidebar.selectbox(key="saved_view_pick").options == ["Lumen Q2"]


def _sidebar_alone():
    from ui.filters import sidebar
    from ui.state import get_store

    sidebar(get_store())


def test_the_sidebar_saves_the_current_filters(demo_db):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_sidebar_alone, default_timeout=120)
    at.query_params["fy"] = "2026"
    at.query_params["channel"] = "Email"
    at.run()
    at.sidebar.text_input(key="saved_view_name").set_value("Email only")
    at.sidebar.checkbox(key="saved_view_shared").check()
    at.sidebar.button(key="saved_view_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    view = find_view(Store(demo_db), "Email only", "local")
    assert (view.shared, view.params["channel"], view.params["fy"]) == (True, ["Email"], "2026")
    assert "?view=Email+only" in at.sidebar.success[0].value.replace("\\", "")
