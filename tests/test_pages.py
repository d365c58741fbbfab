"""Every page through AppTest on the demo data: it renders, its figures are the store's, and
the filters (also from the URL) change them."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from spendline import clock
from spendline import formats as fmt
from spendline.config import ROOT
from spendline.csv_out import table_csv
from spendline.metrics import kpis
from spendline.store import Store
from spendline.views import Filters, run_breakdown, run_outcomes, run_view
from ui.navigation import page_files

PAGES = page_files("Dashboard", "Data")
TODAY = clock.today()  # the suite's pinned day (tests/conftest.py)


def app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at


def open_page(page: str, query: dict | None = None) -> AppTest:
    at = app(query).run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def tiles(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def expected_tiles(db, filters: Filters) -> dict[str, str]:
    store = db if hasattr(db, "query") else Store(db)  # a store, or a DuckDB file's path
    year = Filters(**{**filters.__dict__, "from_month": date(2026, 1, 1),
                      "to_month": date(2026, 12, 1), "as_of": TODAY})
    k = kpis(run_breakdown(store, year).to_pandas(), run_outcomes(store, year).to_pandas(),
             TODAY)
    return {"Budget": fmt.compact_money(k.budget), "Actual to date":
            fmt.compact_money(k.actual_to_date), "Paid": fmt.compact_money(k.paid)}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_demo_data(demo_db, page):
    at = open_page(page)
    assert at.title[0].value


def test_overview_tiles_are_the_stores_figures(demo_db):
    at = open_page("pages/overview.py", {"fy": "2026"})
    shown = tiles(at)
    for label, value in expected_tiles(demo_db, Filters()).items():
        assert shown[label] == value, label


def test_a_channel_filter_from_the_url_changes_the_figures(demo_db):
    everything = tiles(open_page("pages/overview.py", {"fy": "2026"}))
    email = tiles(open_page("pages/overview.py", {"fy": "2026", "channel": "Email"}))
    assert email["Budget"] != everything["Budget"]
    for label, value in expected_tiles(demo_db, Filters(channels=("Email",))).items():
        assert email[label] == value, label


def test_changing_a_filter_in_the_sidebar_changes_the_figures(demo_db):
    at = open_page("pages/overview.py", {"fy": "2026"})
    before = tiles(at)["Budget"]
    at.multiselect(key="channel").set_value(["PR"]).run()
    assert not at.exception
    assert tiles(at)["Budget"] == expected_tiles(demo_db, Filters(channels=("PR",)))["Budget"]
    assert tiles(at)["Budget"] != before


def test_roi_table_matches_the_command_line_export(demo_db):
    at = open_page("pages/roi.py", {"fy": "2026", "channel": ["Email", "PR"]})
    shown = at.dataframe[0].value
    assert sorted(shown["channel"]) == ["Email", "PR"]
    filters = Filters(from_month=date(2026, 1, 1), to_month=date(2026, 12, 1), as_of=TODAY,
                      channels=("Email", "PR"))
    exported = table_csv(run_view(Store(demo_db), "roi_by_channel", filters))
    lines = exported.splitlines()
    assert lines[0].split(",") == list(shown.columns)
    first = dict(zip(lines[0].split(","), lines[1].split(",")))
    row = shown.iloc[0]
    assert (first["channel"], first["actual"], first["cpl"]) == (
        row["channel"], str(row["actual"]), str(row["cpl"]))


def test_month_range_and_unallocated_on_the_roi_page(demo_db):
    at = open_page("pages/roi.py", {"fy": "2026", "months": ["Mar 2026", "Mar 2026"]})
    campaigns = at.dataframe[1].value
    assert "Unallocated" in set(campaigns["campaign"])
    march = run_view(Store(demo_db), "roi_by_campaign", Filters(
        from_month=date(2026, 3, 1), to_month=date(2026, 3, 1), as_of=TODAY)).num_rows
    assert len(campaigns) == march


def test_compare_with_lists_what_changed(demo_db):
    at = open_page("pages/overview.py", {"fy": "2026", "compare": "2020-01-01"})
    # before any upload the store was empty: every ledger document is new
    captions = " ".join(c.value for c in at.caption)
    documents = Store(demo_db).query("select count(*) from spend").column(0)[0].as_py()
    assert f"{documents:,} ledger documents changed since then." in captions


def test_a_fall_reads_as_a_fall_on_the_tiles():
    from decimal import Decimal

    from ui.widgets import _delta

    # Streamlit colours and points the arrow by a leading ASCII '-'
    assert _delta(fmt.compact_money(Decimal("-181700"), signed=True)) == "-€181.7K"
    assert _delta(fmt.compact_money(Decimal("5"), signed=True)) == "+€5"


def test_the_settings_are_read_once_per_page_run(demo_db, monkeypatch):
    """Every widget asking for the base currency or the first month reads ui.state's copy."""
    from spendline.stores.reads import StoreReads

    reads = []
    real = StoreReads.settings
    monkeypatch.setattr(StoreReads, "settings", lambda self: reads.append(1) or real(self))
    at = open_page("pages/overview.py")
    reads.clear()
    at.run()  # a rerun: the filters' choices are cached, the settings read once
    assert len(reads) == 1
    assert at.metric  # the page drew its money tiles with them
