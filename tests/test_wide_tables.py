"""Wide tables fit at 1440 px (issue 16): the columns a reader needs first, all of them on
demand, the CSV always whole."""

from tests.test_pages import open_page
from ui.wide import FIRST_COLUMNS, first_columns


def test_first_columns_only_for_wide_tables():
    columns = ["campaign", "channel", "actual", "leads", "opportunities", "customers",
               "revenue", "cpl", "cost_per_opportunity", "cac", "roas", "roi",
               "lead_to_customer"]
    assert first_columns("roi_by_campaign", columns) == FIRST_COLUMNS["roi_by_campaign"]
    assert first_columns("aging", ["bucket", "invoices", "amount"]) is None
    # a table that already shows no more than its first columns has no toggle
    assert first_columns("ready_to_pay", FIRST_COLUMNS["ready_to_pay"]) is None


def test_roi_table_shows_its_first_columns_then_all_on_demand(demo_db):
    at = open_page("pages/roi.py", {"fy": "2026"})
    table = at.dataframe[0]
    assert list(table.proto.column_order) == FIRST_COLUMNS["roi_by_channel"]
    assert "cost_per_opportunity" in table.value.columns  # the data (and CSV) stay whole
    toggle = at.toggle(key="all_columns_roi_channel")
    assert toggle.label == "All columns (12)"
    toggle.set_value(True).run()
    assert list(at.dataframe[0].proto.column_order) == []  # every column
