"""The calendar rules with a Python and an SQL side (spendline/periods.py, sql/helpers/macros.sql,
PostgreSQL's fiscal_year_of), run on the same inputs and held to the same answers."""

from datetime import date

import pandas as pd
import pytest

from loaders.intake import UploadedFile
from spendline import periods
from spendline.kinds import STATUSES
from spendline.uploads import import_files
from tests.helpers import xlsx
from tests.stores import backend_of, both_stores, open_test_store

MONTHS = [date(year, month, 1) for year in (2025, 2026) for month in range(1, 13)]


@pytest.fixture
def store(request, tmp_path):
    return open_test_store(request, backend_of(request), tmp_path / "periods.duckdb")


def test_fiscal_years_by_hand():
    assert periods.fiscal_year_of(date(2026, 3, 31), 4) == 2025
    assert periods.fiscal_year_of(date(2026, 4, 1), 4) == 2026
    assert periods.fiscal_year_of(date(2026, 12, 1), 1) == 2026
    assert periods.fiscal_months(2026, 4)[0] == date(2026, 4, 1)
    assert periods.fiscal_months(2026, 4)[-1] == date(2027, 3, 1)


@both_stores
@pytest.mark.parametrize("first", [1, 4, 12])
def test_sql_and_python_agree_on_the_fiscal_year_of_every_month(store, first):
    rows = [["period", "channel", "amount"]] + [[f"{m:%Y-%m}", "Email", "10.00"] for m in MONTHS]
    intake, ids = import_files(store, [UploadedFile("b.xlsx", xlsx({"Budget": rows}))])
    assert ids, intake.problem_table().to_string()
    if first != 1:  # the PostgreSQL store re-derives stored fiscal years with its function
        store.change_settings({"fiscal_first_month": str(first)})
    stored = store.query("select month, fiscal_year, fiscal_year_of(month) as by_macro "
                         "from budget_rows order by month").to_pandas()
    expected = [periods.fiscal_year_of(m, first) for m in MONTHS]
    assert stored["fiscal_year"].tolist() == expected
    assert stored["by_macro"].tolist() == expected
    assert periods.fiscal_years(pd.Series(MONTHS), first).tolist() == expected


DAYS = {"quote_date": date(2026, 1, 20), "order_date": date(2026, 2, 20),
        "invoice_date": date(2026, 3, 20)}


def _ledger_cases() -> pd.DataFrame:
    """Every status with each combination of the three dates present or missing."""
    rows = []
    for status in ("quoted", "ordered", "invoiced", "paid"):
        for mask in range(8):
            row = {"status": status}
            for bit, column in enumerate(DAYS):
                row[column] = DAYS[column] if mask >> bit & 1 else None
            rows.append(row)
    frame = pd.DataFrame(rows)
    for column in DAYS:
        frame[column] = pd.to_datetime(frame[column])
    return frame


def test_sql_and_python_agree_on_the_day_and_month_a_ledger_row_counts_in(store):
    frame = _ledger_cases()
    with store.connect() as con:
        con.register("cases", frame)
        by_sql = con.execute(
            "select ledger_day(status, cast(invoice_date as date), cast(order_date as date), "
            "cast(quote_date as date)) from cases").fetchall()
    expected = periods.ledger_day(frame)
    assert [d for (d,) in by_sql] == [None if pd.isna(d) else d.date() for d in expected]
    # by hand: an invoiced row counts on its invoice date, an ordered one on its order date
    # or, without one, its quote date
    invoiced = frame.index[(frame["status"] == "invoiced") & frame["invoice_date"].notna()][0]
    quoted = frame.index[(frame["status"] == "ordered") & frame["order_date"].isna()
                         & frame["quote_date"].notna()][0]
    assert periods.ledger_month(frame)[invoiced] == pd.Timestamp("2026-03-01")
    assert periods.ledger_month(frame)[quoted] == pd.Timestamp("2026-01-01")


def test_sql_and_python_agree_on_which_ledger_rows_are_actuals(store):
    with store.connect() as con:
        by_sql = dict(con.execute("select s, is_invoiced(s) from unnest($statuses) t(s)",
                                  {"statuses": list(STATUSES)}).fetchall())
    assert by_sql == {s: s in periods.INVOICED for s in STATUSES}
    assert sorted(s for s, actual in by_sql.items() if actual) == ["invoiced", "paid"]  # SPEC §4
