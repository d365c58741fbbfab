"""The Accruals page, the Overview's accrual alert and the Invoices page's month-end advice
through app.py (AppTest) on the demo data: the figures shown are the store's."""

from spendline import accruals
from spendline import formats as fmt
from spendline.store import Store
from spendline.views import run_view
from tests.test_lifecycle_pages import TODAY, YEAR, filters, open_page, query, tiles
from ui import lifecycle_charts as lc

MONTH_END = accruals.month_end(TODAY)


def test_accruals_page_figures_are_the_stores(demo_db):
    at = open_page("pages/accruals.py", YEAR)
    assert at.title[0].value == "Accruals"
    lines = run_view(Store(demo_db), "accruals", filters())
    assert lines.num_rows > 0
    by_source = accruals.total_by_source(lines)
    label = f"To accrue at {MONTH_END.day} {MONTH_END:%b %Y}"
    assert tiles(at) == {
        label: fmt.compact_money(accruals.total(lines)),
        "Platform spend not invoiced": fmt.compact_money(by_source["platform"]),
        "Open orders of past months": fmt.compact_money(by_source["order"]),
    }
    shown = {tuple(d.value.columns): d.value for d in at.dataframe}
    by_month = shown[("month", "from_platforms", "from_orders", "to_accrue", "lines")]
    assert by_month.to_dict("records") == accruals.totals(lines, "month").to_pylist()
    by_channel = shown[("channel", "from_platforms", "from_orders", "to_accrue", "lines")]
    assert sum(by_channel["to_accrue"]) == accruals.total(lines)
    listed = shown[tuple(lines.column_names)]
    assert len(listed) == min(lines.num_rows, 2_000)
    assert {b.label for b in at.get("download_button")} >= {"CSV", "Journal entry (Excel)"}


def test_a_channel_filter_changes_the_accruals_page(demo_db):
    at = open_page("pages/accruals.py", {**YEAR, "channel": "Events"})
    lines = run_view(Store(demo_db), "accruals", filters(channels=("Events",)))
    listed = next(d.value for d in at.dataframe if "document_id" in d.value.columns)
    assert set(listed["channel"]) == {"Events"}
    assert len(listed) == lines.num_rows > 0


def test_the_overview_names_what_there_is_to_accrue(demo_db):
    at = open_page("pages/overview.py", YEAR)
    total = accruals.total(run_view(Store(demo_db), "accruals", filters()))
    assert total > 0
    expected = f"{fmt.compact_money(total)} to accrue at {MONTH_END:%d %b %Y}"
    assert expected in [w.value for w in at.warning]
    assert "Accruals" in [link.label for link in at.get("page_link")]


def test_the_invoices_page_asks_month_end_vendors_to_invoice_mid_month(demo_db):
    at = open_page("pages/invoices.py", YEAR)
    vendors = query(demo_db, "month_end_vendors", filters()).to_pandas()
    assert len(vendors) > 5
    advice = next(i.value for i in at.info if "invoice mid-month" in i.value)
    assert advice.startswith(f"{len(vendors)} vendors send half or more")
    # the five with the most month-end invoices, as plain text (names are uploaded text)
    assert [t.value for t in at.text] == [f"• {line}" for line in lc.month_end_advice(vendors)]
