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

import datetime as dt
import decimal
import math
import re
import warnings
import zipfile
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass, field
from io import BytesIO

import numpy as np
import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Color, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from loaders.limits import MAX_UNCOMPRESSED_BYTES
from loaders.problems import COLUMNS, ERROR, WARNING
from spendline.sheet_rules import FORMULA_STARTS, sheet_title

AUTHOR = "Spendline"
PROBLEMS_SHEET = "Problems"

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
ERROR_FONT_COLOR = "9C0006"
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
WARNING_FONT_COLOR = "9C5700"
ROW_ERROR_FILL = PatternFill("solid", fgColor="FDE9EC")  # lighter: a whole row is wrong
ROW_WARNING_FILL = PatternFill("solid", fgColor="FFF7DB")
ERROR_TAB = "FFFFC7CE"
WARNING_TAB = "FFFFEB9C"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

OPENPYXL_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
MAX_ROW_HIGHLIGHT_COLUMNS = 256  # a row problem colours at most this many used columns
EXCEL_MAX_ROW = 1_048_576
EXCEL_MAX_COL = 16_384
EXCEL_MAX_TEXT = 32_767

# Text starting with one of these is a formula to Excel or LibreOffice (OWASP CSV injection).


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
    suffix = _suffix(filename)
    wb: Workbook | None = None
    titles: dict[str, str] = {}  # the problem's sheet name -> the sheet's title in the output
    if suffix in OPENPYXL_SUFFIXES:
        try:
            wb = _open_xlsx(data)
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
        wb, titles = _rebuild(raw_sheets)
    # a CSV file has one sheet: whatever name the loader gave it, it is this one
    only = next(iter(titles.values())) if suffix == ".csv" and len(titles) == 1 else None
    sheets = _Sheets(wb, titles, only)

    marks = _collect(problems, sheets)
    _apply(marks)
    _add_problems_sheet(wb, problems, sheets)

    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def problems_workbook(problems: pd.DataFrame) -> bytes:
    """The problems alone as a workbook: for a file too large to be marked up."""
    wb = Workbook()
    wb.remove(wb.active)
    _add_problems_sheet(wb, problems, _Sheets(wb, {}, None))
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


# --- opening and rebuilding -------------------------------------------------------------


def _suffix(filename: str) -> str:
    name = re.split(r"[/\\]", filename or "")[-1].strip()
    return "." + name.rsplit(".", 1)[1].lower() if "." in name else ""


def _open_xlsx(data: bytes) -> Workbook:
    if not data.startswith(b"PK\x03\x04"):
        raise ValueError("The file is not an Excel workbook (.xlsx).")
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except zipfile.BadZipFile as exc:
        raise ValueError("The file is not a readable Excel workbook.") from exc
    if total > MAX_UNCOMPRESSED_BYTES:  # a zip bomb: refused before openpyxl parses
        raise ValueError("The workbook is too large to mark up.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions, data validation etc.
            wb = load_workbook(BytesIO(data), keep_vba=False, data_only=False,
                               keep_links=True, rich_text=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValueError(f"The workbook could not be opened: {exc}") from exc
    wb.template = False  # always written as a plain .xlsx workbook
    return wb


def _rebuild(raw_sheets: dict[str, list[list]]) -> tuple[Workbook, dict[str, str]]:
    wb = Workbook()
    wb.remove(wb.active)
    used = {PROBLEMS_SHEET.casefold()}
    titles: dict[str, str] = {}
    for name, rows in raw_sheets.items():
        ws = wb.create_sheet(sheet_title(name, used))
        titles[str(name)] = ws.title
        for r, row in enumerate(rows or [], start=1):
            for c, value in enumerate(row or [], start=1):
                if r > EXCEL_MAX_ROW or c > EXCEL_MAX_COL:
                    break
                _put(ws.cell(row=r, column=c), value)
    if not wb.worksheets:
        wb.create_sheet("Sheet")
    return wb, titles


def _plain(value: object) -> object:
    """A raw cell value as something openpyxl can write, or None for an empty cell."""
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    elif isinstance(value, np.generic):
        value = value.item()  # numpy scalars
        if value is None:
            return None
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else str(value)
    if isinstance(value, decimal.Decimal) and not value.is_finite():
        return None if value.is_nan() else str(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, (bool, int, float, decimal.Decimal, dt.date, dt.time, dt.timedelta)):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _put(cell: Cell, value: object) -> None:
    """Write a value; text that Excel would take for a formula stays text."""
    value = _plain(value)
    if value is None:
        return
    if not isinstance(value, str):
        cell.value = value
        return
    text = ILLEGAL_CHARACTERS_RE.sub("", value)[:EXCEL_MAX_TEXT]
    cell.value = text
    if text.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # never a live formula
        cell.quotePrefix = True  # and Excel keeps it text when the user edits the cell


# --- marking ----------------------------------------------------------------------------


@dataclass
class _Mark:
    """Everything to do to one cell: its fill and the lines of its comment."""

    level: str | None = None  # strongest level of a cell problem on this cell
    row_level: str | None = None  # strongest level of a row problem on this cell's row
    lines: list[str] = field(default_factory=list)


def _stronger(a: str | None, b: str) -> str:
    return ERROR if ERROR in (a, b) else b


def _int_or_none(value: object, limit: int) -> int | None:
    if value is None or pd.isna(value):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= limit else None


def _text(value: object) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


class _Sheets:
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


def _collect(
    problems: pd.DataFrame, sheets: _Sheets
) -> dict[Worksheet, dict[tuple[int, int], _Mark]]:
    marks: dict[Worksheet, dict[tuple[int, int], _Mark]] = {}
    used: dict[Worksheet, tuple[int, int]] = {}  # the used columns, before any mark adds cells
    for rec in _records(problems):
        ws = sheets.find(_text(rec.get("sheet")))
        if ws is None:
            continue
        if ws not in used:
            first = ws.min_column or 1
            used[ws] = (first, min(max(ws.max_column or 1, first),
                                   first + MAX_ROW_HIGHLIGHT_COLUMNS - 1))
        level = WARNING if _text(rec.get("level")).casefold() == WARNING else ERROR
        row = _int_or_none(rec.get("row"), EXCEL_MAX_ROW)
        col = _int_or_none(rec.get("col_index"), EXCEL_MAX_COL)
        column = _text(rec.get("column"))
        problem = _text(rec.get("problem")) or "Something is wrong here."
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


def _records(problems: pd.DataFrame | None) -> Iterable[dict]:
    if problems is None or len(problems) == 0:
        return []
    return problems.to_dict("records")


def _apply(marks: dict[Worksheet, dict[tuple[int, int], _Mark]]) -> None:
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


# --- the Problems sheet -----------------------------------------------------------------


def _add_problems_sheet(wb: Workbook, problems: pd.DataFrame, sheets: _Sheets) -> None:
    existing = {ws.title.casefold() for ws in wb.worksheets}
    title = PROBLEMS_SHEET
    if title.casefold() in existing:
        title = sheet_title("Spendline problems", existing)
    ws = wb.create_sheet(title, 0)

    for c, name in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=c, value=name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL

    for r, rec in enumerate(_records(problems), start=2):
        sheet_name = _text(rec.get("sheet"))
        target = sheets.find(sheet_name)
        shown_sheet = target.title if target is not None else sheet_name
        row = _int_or_none(rec.get("row"), EXCEL_MAX_ROW)
        col = _int_or_none(rec.get("col_index"), EXCEL_MAX_COL)
        level = _text(rec.get("level"))
        values = {
            "level": level,
            "sheet": shown_sheet,
            "row": row,
            "column": _text(rec.get("column")),
            "value": _text(rec.get("value")),
            "problem": _text(rec.get("problem")),
        }
        for c, name in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=c)
            _put(cell, values[name] if values[name] != "" else None)
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
