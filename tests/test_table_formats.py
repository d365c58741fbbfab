"""Table formats on screen: money by name or by its DECIMAL(18,2) type, shares as percent,
whole counts with thousands separators, and ids and years left alone."""

from decimal import Decimal as D

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from ui.widgets import _kinds, column_config


def _formats(table) -> dict[str, str]:
    config = column_config(list(table.column_names if isinstance(table, pa.Table)
                                else table.columns), "EUR", _kinds(table))
    return {name: column["type_config"]["format"] for name, column in config.items()}


def test_money_counts_and_shares_from_an_arrow_table():
    table = pa.table({
        "account": ["Aurora Foods"],
        "revenue_to_date": pa.array([D("1234.50")], pa.decimal128(18, 2)),
        "overdue": pa.array([D("10.00")], pa.decimal128(18, 2)),
        "overdue_invoices": pa.array([1234], pa.int64()),
        "leads": pa.array([D("35441")], pa.decimal128(38, 0)),
        "fiscal_year": pa.array([2026], pa.int32()),
        "batch_id": pa.array([7], pa.int32()),
        "roi": pa.array([D("0.1234")], pa.decimal128(18, 4)),
        "actual_pct": pa.array([D("0.5000")], pa.decimal128(18, 4)),
    })
    assert _formats(table) == {"revenue_to_date": "euro", "overdue": "euro",
                               "overdue_invoices": "localized", "leads": "localized",
                               "roi": "percent"}


def test_a_dataframe_counts_by_dtype_and_money_by_name():
    frame = pd.DataFrame({"leads": [1200], "original_budget": [D("5.00")],
                          "budget": [D("5.00")], "has_invoice": [True]})
    assert _formats(frame) == {"leads": "localized", "budget": "euro"}


def test_a_long_table_draws_its_first_rows_and_says_the_csv_has_them_all(demo_db):
    def script():
        import pyarrow as pa

        from ui import widgets

        widgets.table(pa.table({"n": list(range(2_500))}), key="long", file_name="long",
                      max_rows=2_000)
        widgets.table(pa.table({"n": [1, 2]}), key="short", file_name="short", caption="Two.")

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    assert not at.exception
    long, short = at.dataframe
    assert len(long.value) == 2_000 and len(short.value) == 2
    captions = [c.value for c in at.caption]
    assert "The first 2,000 of 2,500 rows; the CSV has every row." in captions
    assert "Two." in captions
