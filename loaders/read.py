"""Bytes in, raw sheets out: the one place that knows spreadsheet and CSV file formats.

A raw sheet is a grid of cells exactly as saved (row 1 of the sheet first, so a row's index
+ 1 is the row number the user sees in Excel). Finding the header row and the data is the
job of loaders.intake.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import python_calamine
from defusedxml import ElementTree

from loaders.cells import frame_from_rows, is_blank_cell
from loaders.csv_read import read_csv_rows
from loaders.limits import (
    MAX_CELLS,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    ZIP_MAGIC,
    FileRefused,
    check_container,
    check_file_cells,
    check_parts,
    check_rows,
    column_index,
    sheet_parts,
)

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv")

@dataclass
class RawSheet:
    name: str
    rows: list[list]


@dataclass
class SheetData:
    """A sheet as intake takes it: the header `locate` found, and the rows below it as
    columns labelled by sheet position (0 = column A), typed where the reader could."""

    name: str
    header: Any | None  # None: the sheet holds nothing
    data: pd.DataFrame
    first_row: int  # Excel row number of data's first row


# locate(sheet name, the sheet's first rows, first non-blank row below them or None) ->
# the header (with `.index`, its 0-based row) or None; loaders.layout.find_header.
Locate = Callable[[str, list[list], int | None], Any]


def read_file(filename: str, data: bytes) -> list[RawSheet]:
    """Every sheet of a spreadsheet or CSV file as raw cells; FileRefused with a plain reason.
    Every cell becomes a Python object: for highlighting the user's file, not for intake."""
    suffix = _checked_suffix(filename, data)
    if suffix == ".csv":
        return [RawSheet(_csv_sheet_name(filename), read_csv_rows(data, filename))]
    has_errors = check_container(filename, suffix, data)
    return _read_workbook(filename, data, has_errors)


def fast_sheets(filename: str, data: bytes, locate: Locate, top_rows: int
                ) -> tuple[list[SheetData], dict] | None:
    """An .xlsx/.xlsm file's sheets through fastexcel (loaders.fastread), with the formulas
    saved without a value found on the way (loaders.file_notes.unsaved_formulas); None when
    read_sheets must read it (another format, or anything fastread does not take)."""
    suffix = _checked_suffix(filename, data)
    if suffix not in (".xlsx", ".xlsm") or not data.startswith(ZIP_MAGIC):
        return None
    from loaders import fastread  # here: fastread imports this module

    check_parts(filename, suffix, data)
    limits = fastread.Limits(MAX_UNCOMPRESSED_BYTES, MAX_ROWS, MAX_CELLS)
    fast = fastread.read(data, locate, top_rows, limits)
    if fast is None:
        return None
    sheets, unsaved = fast
    return [SheetData(*sheet) for sheet in sheets], unsaved


def read_sheets(filename: str, data: bytes, locate: Locate, top_rows: int) -> list[SheetData]:
    """Every sheet as its header and the columns below it, from read_file's cells (every
    format; the same sheets fast_sheets gives, slower); FileRefused as read_file."""
    suffix = _checked_suffix(filename, data)
    if suffix == ".csv":
        return [_sheet_data(_csv_sheet_name(filename), read_csv_rows(data, filename), locate,
                            top_rows)]
    has_errors = check_container(filename, suffix, data)
    return [_sheet_data(s.name, s.rows, locate, top_rows)
            for s in _read_workbook(filename, data, has_errors)]


def _sheet_data(name: str, rows: list[list], locate: Locate, top_rows: int) -> SheetData:
    below = next((top_rows + i for i, row in enumerate(rows[top_rows:])
                  if any(not is_blank_cell(c) for c in row)), None)
    header = locate(name, rows[:top_rows], below)
    if header is None:
        return SheetData(name, None, pd.DataFrame(), 0)
    rest = rows[header.index + 1:]
    return SheetData(name, header, frame_from_rows(rest), header.index + 2)


def _checked_suffix(filename: str, data: bytes) -> str:
    suffix = _suffix(filename)
    if not data:
        raise FileRefused(f"{filename} is empty.")
    if suffix != ".csv" and suffix not in SPREADSHEET_SUFFIXES:
        raise FileRefused(
            f"{filename} is not a file Spendline reads: upload "
            + ", ".join(SUFFIXES)
            + " files."
        )
    return suffix


def _suffix(filename: str) -> str:
    name = filename.lower()
    return name[name.rfind(".") :] if "." in name else ""


def _csv_sheet_name(filename: str) -> str:
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] or "CSV"


def _read_workbook(filename: str, data: bytes, has_errors: bool = True) -> list[RawSheet]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise FileRefused(
            f"{filename} is password-protected: save it without a password and upload it again."
        ) from exc
    except Exception as exc:  # calamine raises several types for damaged files
        raise FileRefused(f"{filename} cannot be read as a spreadsheet: save it again from "
                          "Excel and upload the new file.") from exc
    errors = _error_cells(data) if has_errors and _suffix(filename) in (".xlsx", ".xlsm") else {}
    sheets = []
    cells = 0
    for meta in workbook.sheets_metadata:
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue  # chart sheets and macro sheets hold no data
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
        except Exception as exc:
            raise FileRefused(f"Sheet '{meta.name}' of {filename} cannot be read.") from exc
        check_rows(f"Sheet '{meta.name}' of {filename}", sheet.total_height)
        cells += sheet.total_height * sheet.total_width
        check_file_cells(filename, cells)
        rows = sheet.to_python(skip_empty_area=False)
        for row, col, error in errors.get(meta.name, ()):
            if row < len(rows) and col < len(rows[row]):
                rows[row][col] = error  # calamine reads an error cell as empty
        sheets.append(RawSheet(meta.name, rows))
    return sheets


_ERROR_CELL = re.compile(rb'<c [^>]*t="e"[^>]*>')
_CELL_REF = re.compile(rb'r="([A-Z]+)(\d+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")


def _error_cells(data: bytes) -> dict[str, list[tuple[int, int, str]]]:
    """Cells holding an Excel error (#REF!, #DIV/0!…) per sheet name, as (row, col, text),
    0-based. python-calamine reads them as empty cells, which would hide them."""
    found: dict[str, list[tuple[int, int, str]]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            parts = sheet_parts(archive)
        except (KeyError, ElementTree.ParseError):
            return found
        for name, path in parts.items():
            try:
                xml = archive.read(path)
            except KeyError:
                continue
            for match in _ERROR_CELL.finditer(xml):
                ref = _CELL_REF.search(match.group(0))
                value = _VALUE.search(xml, match.end(), match.end() + 400)
                if ref and value:
                    found.setdefault(name, []).append(
                        (int(ref.group(2)) - 1, column_index(ref.group(1).decode()),
                         value.group(1).decode()))
    return found


