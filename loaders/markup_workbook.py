"""The workbook to mark up: the user's .xlsx opened as it is (within the size limits), or a
new one rebuilt from the rows of any other file; Excel's limits; one cell written safely."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
import warnings
import zipfile
from io import BytesIO

import numpy as np
import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

from loaders.limits import MAX_UNCOMPRESSED_BYTES
from spendline.sheet_rules import FORMULA_STARTS, sheet_title

PROBLEMS_SHEET = "Problems"
EXCEL_MAX_ROW = 1_048_576
EXCEL_MAX_COL = 16_384
EXCEL_MAX_TEXT = 32_767


def suffix_of(filename: str) -> str:
    name = re.split(r"[/\\]", filename or "")[-1].strip()
    return "." + name.rsplit(".", 1)[1].lower() if "." in name else ""


def open_xlsx(data: bytes) -> Workbook:
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


def rebuild(raw_sheets: dict[str, list[list]]) -> tuple[Workbook, dict[str, str]]:
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
                put_value(ws.cell(row=r, column=c), value)
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


def put_value(cell: Cell, value: object) -> None:
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
