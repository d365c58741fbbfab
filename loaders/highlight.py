"""The user's own workbook handed back with every problem marked where it is (SPEC §1).

Each bad cell gets a red (error) or yellow (warning) fill and a comment saying what is wrong;
a problem about a whole row marks the row lightly and comments its first cell; a problem about
a whole sheet is commented on A1. A first sheet, "Problems", lists the problem table with a
link to each place. The user fixes the file in place and uploads it again.

.xlsx/.xlsm files are opened with openpyxl and keep their content (formulas stay formulas);
.csv/.xls/.ods files cannot be opened by openpyxl, so the caller passes the rows as it read
them (`raw_sheets`) and a new workbook is built from those. The result is always .xlsx.
"""

from __future__ import annotations

import re
from io import BytesIO

import pandas as pd
from openpyxl import Workbook

from loaders.markup_workbook import open_xlsx, rebuild, suffix_of
from loaders.problem_marks import Sheets, apply_marks, collect_marks
from loaders.problems_sheet import add_problems_sheet

OPENPYXL_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")


def highlighted_filename(filename: str) -> str:
    """"budget.xlsx" -> "budget_problems.xlsx"; "spend.csv" -> "spend_problems.xlsx"."""
    name = re.split(r"[/\\]", filename or "")[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    stem = stem.strip() or "spendline"
    return f"{stem}_problems.xlsx"


def highlight_workbook(
    filename: str,
    data: bytes,
    problems: pd.DataFrame,
    raw_sheets: dict[str, list[list]] | None = None,
) -> bytes:
    """The uploaded workbook as .xlsx bytes, with each problem marked and commented.

    `problems` is a frame of loaders.problems.problem_frame (`row` is the Excel row number,
    `col_index` the 1-based Excel column). For .xlsx/.xlsm `data` is opened as it is; for any
    other file `raw_sheets` (sheet name -> rows as read, row 1 first, blank rows included so
    that row numbers line up) is required, else ValueError.
    """
    suffix = suffix_of(filename)
    wb: Workbook | None = None
    titles: dict[str, str] = {}  # the problem's sheet name -> the sheet's title in the output
    if suffix in OPENPYXL_SUFFIXES:
        try:
            wb = open_xlsx(data)
        except ValueError:
            if raw_sheets is None:
                raise
        if wb is not None:
            titles = {ws.title: ws.title for ws in wb.worksheets}
    if wb is None:
        if raw_sheets is None:
            raise ValueError(
                f"Cannot mark up {filename!r}: a {suffix or 'file without extension'} file "
                "needs its rows passed as raw_sheets."
            )
        wb, titles = rebuild(raw_sheets)
    # a CSV file has one sheet: whatever name the loader gave it, it is this one
    only = next(iter(titles.values())) if suffix == ".csv" and len(titles) == 1 else None
    sheets = Sheets(wb, titles, only)

    marks = collect_marks(problems, sheets)
    apply_marks(marks)
    add_problems_sheet(wb, problems, sheets)

    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def problems_workbook(problems: pd.DataFrame) -> bytes:
    """The problems alone as a workbook: for a file too large to be marked up."""
    wb = Workbook()
    wb.remove(wb.active)
    add_problems_sheet(wb, problems, Sheets(wb, {}, None))
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
