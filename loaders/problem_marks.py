"""Each problem marked where it is: a red or yellow fill and a comment on a bad cell, a light
fill on a bad row, a comment on A1 for a whole sheet, and the sheet's tab coloured."""

from __future__ import annotations

from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Color, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from loaders.markup_workbook import EXCEL_MAX_COL, EXCEL_MAX_ROW, EXCEL_MAX_TEXT
from loaders.problems import ERROR, WARNING

AUTHOR = "Spendline"
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
ERROR_FONT_COLOR = "9C0006"
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
WARNING_FONT_COLOR = "9C5700"
ROW_ERROR_FILL = PatternFill("solid", fgColor="FDE9EC")  # lighter: a whole row is wrong
ROW_WARNING_FILL = PatternFill("solid", fgColor="FFF7DB")
ERROR_TAB = "FFFFC7CE"
WARNING_TAB = "FFFFEB9C"
MAX_ROW_HIGHLIGHT_COLUMNS = 256  # a row problem colours at most this many used columns


@dataclass
class _Mark:
    """Everything to do to one cell: its fill and the lines of its comment."""

    level: str | None = None  # strongest level of a cell problem on this cell
    row_level: str | None = None  # strongest level of a row problem on this cell's row
    lines: list[str] = field(default_factory=list)


def _stronger(a: str | None, b: str) -> str:
    return ERROR if ERROR in (a, b) else b


def int_or_none(value: object, limit: int) -> int | None:
    if value is None or pd.isna(value):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= limit else None


def cell_text(value: object) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


class Sheets:
    """Finds the output sheet a problem's `sheet` names."""

    def __init__(self, wb: Workbook, titles: dict[str, str], only: str | None = None):
        self.wb = wb
        self.titles = titles  # the name the loader used -> the sheet's title in the output
        self.only = only  # the one sheet of a CSV file, whatever the problem calls it

    def find(self, sheet: str) -> Worksheet | None:
        title = self.titles.get(sheet, sheet)
        sheets = [ws for ws in self.wb.worksheets if isinstance(ws, Worksheet)]
        if title:
            for ws in sheets:
                if ws.title == title:
                    return ws
            for ws in sheets:  # Excel sheet names are unique regardless of case
                if ws.title.casefold() == title.strip().casefold():
                    return ws
        if self.only is not None:
            return next((ws for ws in sheets if ws.title == self.only), None)
        return None


def _anchor(ws: Worksheet, row: int, col: int) -> tuple[int, int]:
    """The cell that can hold a comment: the top-left one of a merged range."""
    if isinstance(ws.cell(row=row, column=col), MergedCell):
        for rng in ws.merged_cells.ranges:
            if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
                return rng.min_row, rng.min_col
    return row, col


def collect_marks(
    problems: pd.DataFrame, sheets: Sheets
) -> dict[Worksheet, dict[tuple[int, int], _Mark]]:
    marks: dict[Worksheet, dict[tuple[int, int], _Mark]] = {}
    used: dict[Worksheet, tuple[int, int]] = {}  # the used columns, before any mark adds cells
    for rec in problem_records(problems):
        ws = sheets.find(cell_text(rec.get("sheet")))
        if ws is None:
            continue
        if ws not in used:
            first = ws.min_column or 1
            used[ws] = (first, min(max(ws.max_column or 1, first),
                                   first + MAX_ROW_HIGHLIGHT_COLUMNS - 1))
        level = WARNING if cell_text(rec.get("level")).casefold() == WARNING else ERROR
        row = int_or_none(rec.get("row"), EXCEL_MAX_ROW)
        col = int_or_none(rec.get("col_index"), EXCEL_MAX_COL)
        column = cell_text(rec.get("column"))
        problem = cell_text(rec.get("problem")) or "Something is wrong here."
        word = "Error" if level == ERROR else "Warning"
        sheet_marks = marks.setdefault(ws, {})

        if row is not None and col is not None:
            key = _anchor(ws, row, col)
            mark = sheet_marks.setdefault(key, _Mark())
            mark.level = _stronger(mark.level, level)
            mark.lines.append(f"{word}: {problem}")
            continue
        where = f" ({column})" if column else ""
        if row is not None:
            first, last = used[ws]
            for c in range(first, last + 1):
                mark = sheet_marks.setdefault((row, c), _Mark())
                mark.row_level = _stronger(mark.row_level, level)
            key = _anchor(ws, row, first)
            sheet_marks.setdefault(key, _Mark()).lines.append(f"{word} in row {row}{where}: "
                                                              f"{problem}")
        else:
            sheet_marks.setdefault((1, 1), _Mark()).lines.append(f"{word}{where}: {problem}")
    return marks


def problem_records(problems: pd.DataFrame | None) -> Iterable[dict]:
    if problems is None or len(problems) == 0:
        return []
    return problems.to_dict("records")


def apply_marks(marks: dict[Worksheet, dict[tuple[int, int], _Mark]]) -> None:
    for ws, cells in marks.items():
        worst: str | None = None
        for (row, col), mark in cells.items():
            cell = ws.cell(row=row, column=col)
            if mark.level is not None:
                cell.fill = ERROR_FILL if mark.level == ERROR else WARNING_FILL
                font = copy(cell.font)
                font.color = Color(ERROR_FONT_COLOR if mark.level == ERROR
                                   else WARNING_FONT_COLOR)
                cell.font = font
            elif mark.row_level is not None:
                cell.fill = ROW_ERROR_FILL if mark.row_level == ERROR else ROW_WARNING_FILL
            for level in (mark.level, mark.row_level):
                if level is not None:
                    worst = _stronger(worst, level)
            if mark.lines and not isinstance(cell, MergedCell):
                cell.comment = _comment(mark.lines, cell.comment)
            if mark.lines and mark.level is None and mark.row_level is None:
                worst = _stronger(worst, ERROR if any(
                    line.startswith("Error") for line in mark.lines) else WARNING)
        if worst is not None:
            ws.sheet_properties.tabColor = ERROR_TAB if worst == ERROR else WARNING_TAB


def _comment(lines: list[str], old: Comment | None) -> Comment:
    text = "\n".join(lines)
    if old is not None and old.text:
        text += "\n---\n" + old.text
    text = ILLEGAL_CHARACTERS_RE.sub("", text)[:EXCEL_MAX_TEXT]
    wrapped = sum(len(line) // 45 + 1 for line in text.split("\n"))
    return Comment(text, AUTHOR, height=min(15 * wrapped + 12, 400), width=320)

