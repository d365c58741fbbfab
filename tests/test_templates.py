"""The downloadable templates: canonical headers, drop-downs, formats and an example row."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from loaders.template_notes import CURRENCIES
from loaders.templates import TEMPLATE_KINDS, template_filename, template_workbook
from spendline import kinds


def _open(kind: str):
    wb = load_workbook(BytesIO(template_workbook(kind)))
    return wb, wb.worksheets[0]


def _validations(ws) -> dict[str, object]:
    """column letter -> the data validation covering that column from row 2."""
    found = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            assert rng.min_col == rng.max_col
            assert rng.min_row == 2 and rng.max_row >= 1000
            found[get_column_letter(rng.min_col)] = dv
    return found


def _list_of(dv) -> list[str]:
    assert dv.type == "list"
    assert dv.formula1.startswith('"') and dv.formula1.endswith('"')
    return dv.formula1.strip('"').split(",")


def test_every_kind_has_a_template():
    assert TEMPLATE_KINDS == list(kinds.KINDS)
    assert template_filename("spend") == "spendline_template_spend.xlsx"
    with pytest.raises(ValueError):
        template_workbook("nope")


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_headers_layout_and_help_sheet(kind):
    spec = kinds.KINDS[kind]
    wb, ws = _open(kind)
    assert ws.title == spec.label
    headers = [c.value for c in ws[1]]
    assert headers == spec.names
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    for idx, col in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=idx)
        assert cell.font.b
        assert cell.fill.fill_type == "solid"
        assert cell.comment is not None
        assert cell.comment.text.startswith("Required." if col.required else "Optional.")
        assert ws.column_dimensions[get_column_letter(idx)].width >= len(col.name)
    # required and optional headers look different
    fills = {col.required: ws.cell(row=1, column=i).fill.fgColor.rgb
             for i, col in enumerate(spec.columns, start=1)}
    if len(fills) == 2:
        assert fills[True] != fills[False]

    help_ws = wb["How to fill"]
    rows = list(help_ws.iter_rows(values_only=True))
    listed = {r[0]: r for r in rows if r[0] in spec.names}
    assert set(listed) == set(spec.names)
    for col in spec.columns:
        assert listed[col.name][1] == ("required" if col.required else "optional")
        assert listed[col.name][2]


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_example_row_fills_every_required_column(kind):
    spec = kinds.KINDS[kind]
    _, ws = _open(kind)
    example = {name: ws.cell(row=2, column=i).value for i, name in enumerate(spec.names, 1)}
    for name in spec.required:
        assert example[name] not in (None, ""), name
    dvs = _validations(ws)
    for i, col in enumerate(spec.columns, start=1):  # the example obeys its own drop-downs
        dv = dvs.get(get_column_letter(i))
        if dv is not None and dv.type == "list" and example[col.name] is not None:
            assert example[col.name] in _list_of(dv)


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_drop_down_lists(kind):
    spec = kinds.KINDS[kind]
    _, ws = _open(kind)
    dvs = _validations(ws)
    expected: dict[str, list[str]] = {}
    for i, col in enumerate(spec.columns, start=1):
        letter = get_column_letter(i)
        if col.type == kinds.STATUS:
            expected[letter] = list(kinds.STATUSES)
        elif col.type == kinds.VERSION:
            expected[letter] = list(kinds.VERSIONS)
        elif col.type == kinds.BOOL:
            expected[letter] = ["yes", "no"]
        elif col.type == kinds.CURRENCY:
            expected[letter] = list(CURRENCIES)
        elif kind == "vendors" and col.name == "status":
            expected[letter] = list(kinds.VENDOR_STATUSES)
        elif col.name == "approval_level":
            expected[letter] = list(kinds.APPROVAL_LEVELS)
    for letter, words in expected.items():
        assert letter in dvs, letter
        assert _list_of(dvs[letter]) == words
    lists = {letter for letter, dv in dvs.items() if dv.type == "list"}
    assert lists == set(expected)


def test_spend_has_status_yes_no_and_approval_lists():
    _, ws = _open("spend")
    dvs = _validations(ws)
    names = kinds.SPEND.names
    letter = {n: get_column_letter(names.index(n) + 1) for n in names}
    assert _list_of(dvs[letter["status"]]) == [
        "quoted", "ordered", "invoiced", "paid", "cancelled"]
    for name in ("has_contract", "has_invoice", "has_receipt"):
        assert _list_of(dvs[letter[name]]) == ["yes", "no"]
    assert dvs[letter["status"]].errorStyle in (None, "stop")  # a wrong word is refused


def test_budget_version_and_vendor_rating():
    _, ws = _open("budget")
    col = get_column_letter(kinds.BUDGET.names.index("version") + 1)
    assert _list_of(_validations(ws)[col]) == ["budget", "forecast"]

    _, ws = _open("vendors")
    dvs = _validations(ws)
    rating = dvs[get_column_letter(kinds.VENDORS.names.index("rating") + 1)]
    assert (rating.type, rating.operator, rating.formula1, rating.formula2) == (
        "whole", "between", "1", "5")
    status = dvs[get_column_letter(kinds.VENDORS.names.index("status") + 1)]
    assert _list_of(status) == ["active", "blocked"]


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_number_formats(kind):
    spec = kinds.KINDS[kind]
    _, ws = _open(kind)
    for i, col in enumerate(spec.columns, start=1):
        for row in (2, 500, 1000):
            fmt = ws.cell(row=row, column=i).number_format
            if col.type == kinds.DATE:
                assert fmt == "yyyy-mm-dd", (col.name, row)
            elif col.type == kinds.MONEY:
                assert fmt == "#,##0.00", (col.name, row)
            elif col.type in (kinds.PERIOD, kinds.MONTH):
                assert fmt == "@", (col.name, row)
            elif col.name == "vat_rate":
                assert fmt == "0.00"


def test_dates_are_real_dates_and_months_stay_text():
    _, ws = _open("spend")
    idx = kinds.SPEND.names.index("invoice_date") + 1
    cell = ws.cell(row=2, column=idx)
    assert isinstance(cell.value, dt.datetime) and cell.is_date
    _, ws = _open("results")
    assert ws.cell(row=2, column=1).number_format == "yyyy-mm-dd"
    _, ws = _open("fx_rates")
    month = ws.cell(row=2, column=kinds.FX_RATES.names.index("month") + 1)
    assert month.value == "2026-03" and month.data_type == "s"
    _, ws = _open("budget")
    period = ws.cell(row=2, column=1)
    assert isinstance(period.value, str) and period.number_format == "@"
