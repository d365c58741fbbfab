"""The global filters: pure helpers, and the sidebar driven through AppTest.

AppTest and bound widgets (Streamlit 1.67), as observed here:
- `at.query_params` set before the first run seeds bound widgets, like opening a shared link;
  values that are not options are dropped, values equal to the default leave the URL.
- Params added after the first run seed nothing (the URL only seeds on first load), and a
  widget changed with `set_value` does not show up in `at.query_params` (the browser
  writes the URL). A programmatic change (Reset) does: it clears the params.
- A second `run()` of app.py runs pages/upload.py alone: the pages/ folder makes AppTest
  wrap app.py in a v1 multipage app whose pages/upload.py has the same URL path as the
  Upload page app.py registers. So app.py is tested on first runs; interactions run the
  sidebar in a small script of its own.
"""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from loaders.intake import UploadedFile
from spendline import clock
from spendline.config import ROOT
from spendline.demo import load_demo_if_empty
from spendline.store import Store
from spendline.uploads import import_files
from spendline.views import Filters
from tests.helpers import xlsx
from ui.filters import (
    default_fiscal_year,
    filters_caption,
    fiscal_months,
    fiscal_year_of,
    month_label,
    to_filters,
)

D = date


# -- pure helpers -------------------------------------------------------------------------------
def test_fiscal_months_of_a_calendar_and_a_shifted_year():
    assert fiscal_months(2026) == [D(2026, m, 1) for m in range(1, 13)]
    assert fiscal_months(2026, first_month=4) == (
        [D(2026, m, 1) for m in range(4, 13)] + [D(2027, m, 1) for m in range(1, 4)])


def test_fiscal_year_is_named_after_the_year_it_starts_in():
    assert fiscal_year_of(D(2026, 11, 23)) == 2026
    assert fiscal_year_of(D(2027, 3, 31), first_month=4) == 2026
    assert fiscal_year_of(D(2027, 4, 1), first_month=4) == 2027


def test_default_fiscal_year_is_todays_when_present_else_the_newest():
    assert default_fiscal_year([2027, 2026, 2025], D(2026, 11, 23)) == 2026
    assert default_fiscal_year([2025, 2024], D(2026, 11, 23)) == 2025
    assert default_fiscal_year([], D(2026, 11, 23)) == 2026


def test_month_range_and_choices_become_filters():
    got = to_filters((D(2026, 1, 1), D(2026, 6, 1)), D(2026, 11, 23),
                     channels=["Paid Social", "Email"], accounts=["Aurora Foods"], vendors=[])
    assert got == Filters(from_month=D(2026, 1, 1), to_month=D(2026, 6, 1),
                          as_of=D(2026, 11, 23), channels=("Email", "Paid Social"),
                          accounts=("Aurora Foods",))


def test_months_become_first_days_in_order():
    got = to_filters((D(2026, 6, 15), D(2026, 2, 28)))
    assert (got.from_month, got.to_month, got.as_of) == (D(2026, 2, 1), D(2026, 6, 1), None)


def test_caption_says_what_is_filtered():
    filters = Filters(from_month=D(2026, 1, 1), to_month=D(2026, 6, 1), as_of=D(2026, 11, 23),
                      channels=("Email", "Display"))
    assert filters_caption(filters) == "FY2026 · Jan–Jun · 2 channels · as of 23 Nov 2026"


def test_caption_names_a_single_choice_and_the_compare_date():
    filters = Filters(from_month=D(2026, 3, 1), to_month=D(2026, 3, 1),
                      accounts=("Lumen Travel",), categories=("Media", "Print"),
                      vendors=("Cision Ltd",))
    assert filters_caption(filters, compare=D(2026, 10, 1)) == (
        "FY2026 · Mar · account: Lumen Travel · 2 categories · vendor: Cision Ltd · "
        "as of today · compared with 1 Oct 2026 (on the Overview)")


def test_caption_of_a_fiscal_year_across_two_calendar_years():
    filters = Filters(from_month=D(2026, 4, 1), to_month=D(2027, 3, 1), as_of=D(2027, 1, 5))
    assert filters_caption(filters, first_month=4) == (
        "FY2026 · Apr 2026–Mar 2027 · as of 5 Jan 2027")


def test_caption_without_a_period():
    assert filters_caption(Filters()) == "all months · as of today"


def test_month_label_does_not_depend_on_the_locale():
    assert [month_label(D(2026, m, 1)) for m in (1, 12)] == ["Jan 2026", "Dec 2026"]


# -- app.py on its first run (demo data) --------------------------------------------------------
@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("filters") / "demo.duckdb"
    load_demo_if_empty(Store(path))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SPENDLINE_DB", str(path))
        yield path


def demo_defaults(db) -> tuple[int, Filters]:
    years = [r["fiscal_year"] for r in Store(db).query(
        "select distinct fiscal_year from ledger union "
        "select distinct fiscal_year from budget_base").to_pylist()]
    fy = default_fiscal_year(years, clock.today())
    months = fiscal_months(fy)
    return fy, Filters(from_month=months[0], to_month=months[-1], as_of=clock.today())


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def test_app_draws_the_filters_with_their_defaults(demo_db):
    at = app().run()
    assert not at.exception
    fy, expected = demo_defaults(demo_db)
    assert at.session_state["filters"] == expected
    assert at.selectbox(key="fy").value == fy
    assert [m.label for m in at.sidebar.multiselect] == [
        "Account", "Channel", "Platform", "Category", "Campaign", "Vendor"]
    assert "Email" in at.multiselect(key="channel").options
    assert "Aurora Foods" in at.multiselect(key="account").options
    assert at.date_input(key="compare").value is None
    assert at.sidebar.caption[0].value == (
        f"FY{fy} · Jan–Dec · as of {clock.today().day} {month_label(clock.today())}")
    assert at.query_params == {}


def test_a_shared_link_seeds_the_filters(demo_db):
    fy, _ = demo_defaults(demo_db)
    at = app()
    at.query_params.update({
        "fy": str(fy),  # the default: dropped from the URL
        "months": [f"Mar {fy}", f"Jun {fy}"],
        "as_of": f"{fy}-05-31",
        "channel": ["Email", "Paid Search", "No such channel"],
        "compare": f"{fy}-04-30",
    })
    at.run()
    assert not at.exception
    assert at.multiselect(key="channel").value == ["Email", "Paid Search"]
    assert at.session_state["filters"] == Filters(
        from_month=D(fy, 3, 1), to_month=D(fy, 6, 1), as_of=D(fy, 5, 31),
        channels=("Email", "Paid Search"))
    assert at.session_state["filters_compare"] == D(fy, 4, 30)
    assert at.sidebar.caption[0].value == (
        f"FY{fy} · Mar–Jun · 2 channels · as of 31 May {fy} · compared with 30 Apr {fy} "
        "(on the Overview)")
    # The URL is corrected: the default fiscal year and the unknown channel leave it.
    assert at.query_params == {"months": [f"Mar {fy}", f"Jun {fy}"], "as_of": f"{fy}-05-31",
                               "channel": ["Email", "Paid Search"], "compare": f"{fy}-04-30"}


# -- the sidebar on its own, for interactions (small store, two fiscal years) -------------------
BUDGET = xlsx({"Budget": [
    ["period", "channel", "amount", "account"],
    ["2025-03", "Email", "1.000,00", "Acme"],
    ["2026-01", "Display", "500,00", "Acme"],
    ["2026-02", "Email", "250,00", "Beta"],
]})


@pytest.fixture
def small_db(tmp_path, monkeypatch):
    path = tmp_path / "small.duckdb"
    store = Store(path)
    import_files(store, [UploadedFile("budget.xlsx", BUDGET)], user="test")
    monkeypatch.setenv("SPENDLINE_DB", str(path))
    return store


def _sidebar_app():
    import streamlit as st

    from ui.filters import current, current_compare, sidebar
    from ui.state import get_store

    returned = sidebar(get_store())
    st.session_state["returned"] = returned
    st.session_state["seen_by_page"] = (current(), current_compare())


def sidebar_app() -> AppTest:
    return AppTest.from_function(_sidebar_app, default_timeout=60)


def small_defaults() -> tuple[int, Filters]:
    fy = default_fiscal_year([2026, 2025], clock.today())
    months = fiscal_months(fy)
    return fy, Filters(from_month=months[0], to_month=months[-1], as_of=clock.today())


def test_options_come_from_the_store(small_db):
    at = sidebar_app().run()
    assert not at.exception
    assert at.selectbox(key="fy").options == ["2026", "2025"]
    assert at.multiselect(key="channel").options == ["Display", "Email"]
    assert at.multiselect(key="account").options == ["Acme", "Beta"]
    # Budget rows without a campaign count as Unallocated in the views.
    assert at.multiselect(key="campaign").options == ["Unallocated"]
    assert at.multiselect(key="vendor").options == []


def test_changing_a_multiselect_changes_the_filters(small_db):
    at = sidebar_app().run()
    _, defaults = small_defaults()
    assert at.session_state["returned"] == defaults
    at.multiselect(key="channel").set_value(["Email"]).run()
    assert not at.exception
    expected = Filters(from_month=defaults.from_month, to_month=defaults.to_month,
                       as_of=defaults.as_of, channels=("Email",))
    assert at.session_state["returned"] == expected
    assert at.session_state["seen_by_page"] == (expected, None)


def test_changing_the_fiscal_year_selects_its_whole_year(small_db):
    at = sidebar_app()
    at.query_params["fy"] = "2026"
    at.query_params["months"] = ["Feb 2026", "Apr 2026"]
    at.run()
    assert at.session_state["returned"].from_month == D(2026, 2, 1)
    at.selectbox(key="fy").set_value(2025).run()
    assert not at.exception
    got = at.session_state["returned"]
    assert (got.from_month, got.to_month) == (D(2025, 1, 1), D(2025, 12, 1))
    assert at.select_slider(key="months").options[0] == "Jan 2025"
    # The old year's months leave the URL (the slider alone would keep them there).
    assert "months" not in at.query_params


def test_reset_returns_every_filter_to_its_default_and_clears_the_url(small_db):
    at = sidebar_app()
    at.query_params.update({"months": ["Feb 2026", "Apr 2026"], "channel": "Email",
                            "as_of": "2026-03-31", "compare": "2026-02-28"})
    at.run()
    at.multiselect(key="account").set_value(["Beta"]).run()
    assert at.session_state["returned"].accounts == ("Beta",)
    assert at.session_state["returned"].channels == ("Email",)
    at.button(key="filters_reset").click().run()
    assert not at.exception
    fy, defaults = small_defaults()
    assert at.session_state["returned"] == defaults
    assert at.session_state["seen_by_page"] == (defaults, None)
    assert at.multiselect(key="channel").value == []
    assert at.multiselect(key="account").value == []
    assert at.date_input(key="compare").value is None
    assert at.selectbox(key="fy").value == fy
    assert at.query_params == {}
    # And it stays reset on the next run.
    at.run()
    assert at.session_state["returned"] == defaults


def test_a_new_upload_refreshes_the_choices(small_db):
    at = sidebar_app().run()
    assert "Radio" not in at.multiselect(key="channel").options
    more = xlsx({"Budget": [["period", "channel", "amount", "account"],
                            ["2026-05", "Radio", "100,00", "Gamma"]]})
    import_files(small_db, [UploadedFile("more.xlsx", more)], user="test")
    at.run()
    assert at.multiselect(key="channel").options == ["Display", "Email", "Radio"]
    assert at.multiselect(key="account").options == ["Acme", "Beta", "Gamma"]


def _page_alone():
    import streamlit as st

    from ui.filters import current

    st.session_state["seen_by_page"] = current()


def test_a_page_run_on_its_own_draws_the_filters(small_db):
    at = AppTest.from_function(_page_alone, default_timeout=60).run()
    assert not at.exception
    assert at.session_state["seen_by_page"] == small_defaults()[1]
    assert at.sidebar.selectbox(key="fy").label == "Fiscal year"
