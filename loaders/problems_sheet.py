"""The "Problems" sheet put first in the marked-up workbook: the problem table, each row
linked to the place it is about."""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink

from loaders.markup_workbook import (
    EXCEL_MAX_COL,
    EXCEL_MAX_ROW,
    PROBLEMS_SHEET,
    put_value,
)
from loaders.problem_marks import ERROR_FONT_COLOR, Sheets, cell_text, int_or_none, problem_records
from loaders.problems import COLUMNS, ERROR
from spendline.sheet_rules import sheet_title

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def add_problems_sheet(wb: Workbook, problems: pd.DataFrame, sheets: Sheets) -> None:
    existing = {ws.title.casefold() for ws in wb.worksheets}
    title = PROBLEMS_SHEET
    if title.casefold() in existing:
        title = sheet_title("Spendline problems", existing)
    ws = wb.create_sheet(title, 0)

    for c, name in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=c, value=name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL

    for r, rec in enumerate(problem_records(problems), start=2):
        sheet_name = cell_text(rec.get("sheet"))
        target = sheets.find(sheet_name)
        shown_sheet = target.title if target is not None else sheet_name
        row = int_or_none(rec.get("row"), EXCEL_MAX_ROW)
        col = int_or_none(rec.get("col_index"), EXCEL_MAX_COL)
        level = cell_text(rec.get("level"))
        values = {
            "level": level,
            "sheet": shown_sheet,
            "row": row,
            "column": cell_text(rec.get("column")),
            "value": cell_text(rec.get("value")),
            "problem": cell_text(rec.get("problem")),
        }
        for c, name in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=c)
            put_value(cell, values[name] if values[name] != "" else None)
            if name == "level" and level.casefold() == ERROR:
                cell.font = Font(bold=True, color=ERROR_FONT_COLOR)
        if target is not None:  # a link from the problem to its place
            coord = f"{get_column_letter(col or 1)}{row or 1}"
            link = ws.cell(row=r, column=COLUMNS.index("sheet") + 1)
            link.hyperlink = Hyperlink(ref=link.coordinate,
                                       location=f"{quote_sheetname(target.title)}!{coord}")
            link.font = Font(color="0563C1", underline="single")

    widths = {"level": 9, "sheet": 18, "row": 7, "column": 20, "value": 24, "problem": 70}
    for c, name in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = widths.get(name, 15)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(ws.max_row, 2)}"

    for other in wb.worksheets:  # only the Problems tab selected, so sheets are not grouped
        view = getattr(other, "sheet_view", None)
        if view is not None:
            view.tabSelected = False
    wb.active = 0
    ws.sheet_view.tabSelected = True
