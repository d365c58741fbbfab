"""The spend-lifecycle pages through app.py (AppTest) on the demo data: each renders, its
figures are the store's, and a channel filter changes them."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from spendline import clock
from spendline import formats as fmt
from spendline.config import ROOT
from spendline.store import Store
from spendline.views import Filters, run_view
from ui.navigation import page_files
from ui.safe_text import plain

PAGES = page_files("Spend lifecycle")
TODAY = clock.today()  # the suite's pinned day (tests/conftest.py)
YEAR = {"fy": "2026"}


def open_page(page: str, query: dict) -> AppTest:
    """A page opened through app.py's navigation, with the filters in the URL."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run().switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def filters(**chosen) -> Filters:
    """The page's filters for fiscal year 2026 as of today, as the sidebar makes them."""
    return Filters(from_month=date(2026, 1, 1), to_month=date(2026, 12, 1), as_of=TODAY,
                   **chosen)


def query(db, view: str, f: Filters):
    return Store(db).query(f"select * from {view}", variables=f.variables())


def tiles(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_lifecycle_page_renders_on_the_demo_data(demo_db, page):
    at = open_page(page, YEAR)
    assert at.title[0].value
    assert len(at.dataframe) >= 3
    assert not at.error


def test_the_pages_are_in_the_spend_lifecycle_section(demo_db):
    at = open_page("pages/invoices.py", YEAR)
    assert at.title[0].value == "Invoices & payments"
    assert at.switch_page("pages/approvals.py").run().title[0].value == "Approvals & documents"
    assert at.switch_page("pages/vendors.py").run().title[0].value == "Vendors"


def test_invoices_page_figures_are_the_stores(demo_db):
    shown = tiles(open_page("pages/invoices.py", YEAR))
    due = {r["bucket"]: r for r in query(demo_db, "payments_due", filters()).to_pylist()}
    assert shown["Overdue invoices"] == f"{due['overdue']['invoices']:,}"
    assert int(shown["Overdue invoices"].replace(",", "")) == query(
        demo_db, "overdue_invoices", filters()).num_rows > 0
    aging = run_view(Store(demo_db), "aging", filters()).to_pylist()
    assert shown["Open invoices"] == f"{sum(b['invoices'] for b in aging):,}"
    share = query(demo_db, "month_end_share", filters()).to_pylist()[0]
    assert shown["Month-end share, count"] == fmt.pct(share["share"])
    stages = {r["stage"]: r for r in query(demo_db, "pipeline", filters()).to_pylist()}
    assert shown["Paid"] == fmt.compact_money(stages["paid"]["amount"])


def test_a_channel_filter_changes_the_invoices_page(demo_db):
    everything = tiles(open_page("pages/invoices.py", YEAR))
    at = open_page("pages/invoices.py", {**YEAR, "channel": "Events"})
    events = tiles(at)
    overdue = query(demo_db, "overdue_invoices", filters(channels=("Events",)))
    assert events["Overdue invoices"] == f"{overdue.num_rows:,}"
    assert events["Overdue invoices"] != everything["Overdue invoices"]
    # the overdue list shows exactly those rows
    listed = next(d.value for d in at.dataframe if "days_overdue" in d.value.columns)
    assert set(listed["channel"]) == {"Events"}
    assert len(listed) == overdue.num_rows


def test_approvals_page_figures_are_the_stores(demo_db):
    at = open_page("pages/approvals.py", YEAR)
    shown = tiles(at)
    flags = run_view(Store(demo_db), "approval_flags", filters())
    assert shown["Rows flagged"] == f"{flags.num_rows:,}"
    assert (shown["Manager"], shown["Executive"]) == ("below €5,000.00", "from €25,000.00")
    readiness = query(demo_db, "payment_readiness", filters()).to_pandas()
    ready = readiness["waiting_for"].isna().sum()
    assert shown["Ready to pay"] == f"{ready:,}"
    assert shown["Waiting"] == f"{len(readiness) - ready:,}"
    # the flag table is the view, column for column
    table = next(d.value for d in at.dataframe if "required_level" in d.value.columns)
    assert list(table.columns) == flags.column_names
    assert len(table) == flags.num_rows


def test_a_channel_filter_changes_the_approvals_page(demo_db):
    everything = tiles(open_page("pages/approvals.py", YEAR))
    pr = tiles(open_page("pages/approvals.py", {**YEAR, "channel": "PR"}))
    flags = run_view(Store(demo_db), "approval_flags", filters(channels=("PR",)))
    assert pr["Rows flagged"] == f"{flags.num_rows:,}"
    assert pr["Rows flagged"] != everything["Rows flagged"]


def test_vendors_page_figures_are_the_stores(demo_db):
    at = open_page("pages/vendors.py", YEAR)
    shown = tiles(at)
    archive = query(demo_db, "vendor_archive", filters()).to_pandas()
    gaps = query(demo_db, "vendor_gaps", filters())
    assert shown["Vendors in the archive"] == f"{len(archive):,}"
    assert shown["Blocked"] == f"{(archive['status'] == 'blocked').sum():,}"
    assert shown["Missing from the archive"] == f"{gaps.num_rows:,}" != "0"
    # the blocked ones stand out: a warning names them, the table marks them
    blocked = set(archive.loc[archive["status"] == "blocked", "vendor"])
    assert all(plain(name) in at.warning[0].value for name in blocked)  # as text
    table = next(d.value for d in at.dataframe if {"blocked", "vendor"} <= set(d.value.columns))
    assert set(table.loc[table["blocked"] == "BLOCKED", "vendor"]) == blocked
    # one vendor's page opens on the largest spender, with its own figures
    top = run_view(Store(demo_db), "spend_by_vendor", filters()).to_pylist()[0]
    assert at.selectbox(key="vendor_page").value == top["vendor"]
    assert shown["Actual"] == fmt.compact_money(top["actual"])
    assert shown["Documents"] == f"{top['documents']:,}"


def test_a_channel_filter_changes_the_vendors_page(demo_db):
    everything = tiles(open_page("pages/vendors.py", YEAR))
    email = tiles(open_page("pages/vendors.py", {**YEAR, "channel": "Email"}))
    used = query(demo_db, "vendor_archive", filters(channels=("Email",))).to_pandas()
    assert email["Used under these filters"] == f"{(used['documents'] > 0).sum():,}"
    assert email["Used under these filters"] != everything["Used under these filters"]
    gaps = query(demo_db, "vendor_gaps", filters(channels=("Email",)))
    assert email["Missing from the archive"] == f"{gaps.num_rows:,}"


def test_vendor_search_and_a_vendor_missing_from_the_archive(demo_db):
    at = open_page("pages/vendors.py", YEAR)
    at.text_input(key="vendor_search").set_value("FOTOGRAF").run()
    archive = next(d.value for d in at.dataframe if {"blocked", "vendor"} <= set(d.value.columns))
    expected = query(demo_db, "vendor_archive", filters()).to_pandas()
    hits = expected[[any("fotograf" in str(v).casefold() for v in (r.vendor, r.services,
                                                                    r.city, r.notes))
                     for r in expected.itertuples()]]
    assert 0 < len(archive) == len(hits) < len(expected)
    gap = query(demo_db, "vendor_gaps", filters()).column("vendor")[0].as_py()
    at.selectbox(key="vendor_page").set_value(gap).run()
    assert not at.exception
    assert any("Not in the supplier archive" in w.value for w in at.warning)
    documents = next(d.value for d in at.dataframe if "document_amount" in d.value.columns)
    assert set(documents["vendor"]) == {gap}
    assert len(documents) == query(demo_db, "vendor_documents",
                                   filters(vendors=(gap,))).num_rows
