"""'Export all': one workbook, a sheet per view, numbers as numbers, formula text escaped."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal as D

import openpyxl
import pandas as pd
import pytest

from spendline.demo import load_demo_if_empty
from spendline.labels import column_label
from spendline.store import Store
from spendline.views import COLUMNS, VIEWS, Filters
from ui.exports import all_views, export_filename, export_workbook, filter_rows, sheet_names

ATTACKS = ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)", "\tTab", "plain"]


def open_workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(sheet) -> list[list]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "channel": pd.array(ATTACKS, dtype="str"),
        "actual": [D("1234.50"), D("-2.00"), D("0.00"), None, D("10.10"), D("7.00")],
        "leads": [D(3), D(0), None, D(1), D(2), D(4)],
        "roas": [D("1.2345"), None, D("-0.5000"), D("0.0000"), None, D("2.0000")],
    })


def test_cells_keep_their_types_and_formula_text_stays_text(frame):
    book = open_workbook(export_workbook({"roi_by_channel": frame}))
    sheet = book["roi_by_channel"]
    assert rows(sheet) == [
        ["Channel", "Actual", "Leads", "ROAS"],
        ['\'=HYPERLINK("x")', 1234.5, 3, 1.2345],
        ["'+1", -2, 0, None],
        ["'-2+3", 0, None, -0.5],
        ["'@SUM(A1)", None, 1, 0],
        ["'\tTab", 10.1, 2, None],
        ["plain", 7, 4, 2],
    ]
    text = [sheet.cell(row, 1) for row in range(2, 8)]
    assert {c.data_type for c in text} == {"s"}  # strings, never formulas ("f")
    assert {sheet.cell(row, 2).data_type for row in (2, 3, 4, 6, 7)} == {"n"}


def test_an_empty_ratio_is_an_empty_cell(frame):
    sheet = open_workbook(export_workbook({"v": frame}))["v"]
    empty = sheet.cell(3, 4)  # roas of the second row
    assert empty.value is None
    assert empty.data_type == "n"  # blank, not an empty string


def test_formats_bold_frozen_header(frame):
    sheet = open_workbook(export_workbook({"v": frame}))["v"]
    assert sheet.freeze_panes == "A2"
    assert all(sheet.cell(1, col).font.b for col in range(1, 5))
    assert sheet.cell(2, 2).number_format == "#,##0.00"  # money
    assert sheet.cell(2, 4).number_format == '0.00"×"'  # a multiple
    assert sheet.cell(2, 3).number_format == "#,##0"  # count
    assert not sheet.cell(2, 1).font.b


def test_sheet_names_are_valid_and_distinct():
    long = "a_view_with_a_name_longer_than_thirty_one"
    assert sheet_names([long, long, "money/[EUR]"]) == [
        long[:31], long[:27] + " (2)", "money__EUR_"]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("exports") / "demo.duckdb")
    load_demo_if_empty(store)
    return store


def test_export_all_has_one_sheet_per_view_with_its_columns(demo_store):
    filters = Filters(from_month=date(2026, 1, 1), to_month=date(2026, 6, 1),
                      as_of=date(2026, 11, 23), channels=("Email",))
    tables = all_views(demo_store, filters)
    assert list(tables) == list(VIEWS)
    book = open_workbook(export_workbook(tables))
    assert book.sheetnames == list(VIEWS)
    for name in VIEWS:
        sheet = book[name]
        assert rows(sheet)[0] == [column_label(c) for c in COLUMNS[name]]
        assert sheet.max_row == len(tables[name]) + 1
    # The filters reached the views: one channel, months January to June (real dates).
    budget = rows(book["budget_vs_actual"])[1:]
    assert {r[1] for r in budget} == {"Email"}
    assert {r[0].date() for r in budget} <= {date(2026, m, 1) for m in range(1, 7)}


def test_export_all_money_equals_the_views_to_the_cent(demo_store):
    tables = all_views(demo_store, Filters(as_of=date(2026, 11, 23)))
    sheet = open_workbook(export_workbook(tables))["budget_vs_actual"]
    frame = tables["budget_vs_actual"]
    written = [[sheet.cell(r, c).value for c in (3, 7, 10)] for r in range(2, sheet.max_row + 1)]
    assert all(isinstance(v, int | float) for row in written for v in row[:2])
    expected = frame[["budget", "actual", "variance_pct"]].map(
        lambda v: None if v is None else float(v)).values.tolist()
    assert written == expected


def test_export_filename_names_the_months():
    assert export_filename(Filters(from_month=date(2026, 1, 1), to_month=date(2026, 6, 1))) \
        == "spendline_2026-01_2026-06.xlsx"
    assert export_filename(Filters()) == "spendline_views.xlsx"


def test_export_all_starts_with_the_filters_and_as_of_date_it_was_made_with(demo_store):
    filters = Filters(from_month=date(2026, 4, 1), to_month=date(2026, 6, 1),
                      as_of=date(2026, 11, 23), channels=("=cmd()",))
    tables = all_views(demo_store, filters)
    book = open_workbook(export_workbook(tables, filter_rows(filters, date(2026, 12, 4))))
    assert book.sheetnames == ["Filters", *VIEWS]
    about = {r[0]: r[1] for r in rows(book["Filters"])[1:]}
    assert about["As of"].date() == date(2026, 11, 23)
    assert about["Made on"].date() == date(2026, 12, 4)
    assert about["From month"].date() == date(2026, 4, 1)
    assert about["To month"].date() == date(2026, 6, 1)
    assert about["Channels"] == "'=cmd()"  # a name that reads as a formula stays text
    assert about["Vendors"] == "All"
    assert book["Filters"]["B2"].data_type != "f"


def test_export_all_money_percent_and_months_have_their_formats(demo_store):
    tables = all_views(demo_store, Filters(as_of=date(2026, 11, 23)))
    book = open_workbook(export_workbook(tables))
    bva = book["budget_vs_actual"]
    header = [c.value for c in bva[1]]
    cell = {name: bva.cell(2, header.index(name) + 1)
            for name in ("Month", "Budget", "Variance %")}
    assert cell["Month"].is_date and cell["Month"].number_format == "mmm yyyy"
    assert cell["Budget"].number_format == "#,##0.00"
    assert cell["Variance %"].number_format == "0.0%"
    roi = book["roi_by_channel"]
    header = [c.value for c in roi[1]]
    assert roi.cell(2, header.index("ROI") + 1).number_format == "0.0%"
    assert roi.cell(2, header.index("ROAS") + 1).number_format == '0.00"×"'
    assert roi.cell(2, header.index("CPL") + 1).number_format == "#,##0.00"
