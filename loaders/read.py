"""Bytes in, raw sheets out: the one place that knows spreadsheet and CSV file formats.

A raw sheet is a grid of cells exactly as saved (row 1 of the sheet first, so a row's index
+ 1 is the row number the user sees in Excel). Finding the header row and the data is the
job of loaders.intake.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import python_calamine
from defusedxml import ElementTree

from loaders import encoding
from loaders.cells import frame_from_rows, is_blank_cell

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv")

# Limits that refuse a decompression bomb before it fills memory: the bytes a workbook may
# unpack to (counted while unpacking, since a zip's own size fields can lie), the rows of a
# sheet and the cells of a workbook.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_CELLS = 40_000_000

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx


class FileRefused(ValueError):
    """A file that cannot be read at all; the message is for the user."""


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
        return [RawSheet(_csv_sheet_name(filename), read_csv_rows(data))]
    has_errors = _check_container(filename, suffix, data)
    return _read_workbook(filename, data, has_errors)


def read_sheets(filename: str, data: bytes, locate: Locate, top_rows: int) -> list[SheetData]:
    """Every sheet as its header and typed columns below it; FileRefused as read_file.
    .xlsx/.xlsm go through fastexcel when they can (loaders.fastread), the rest through
    read_file's cells, turned into columns."""
    suffix = _checked_suffix(filename, data)
    if suffix == ".csv":
        return [_sheet_data(_csv_sheet_name(filename), read_csv_rows(data), locate, top_rows)]
    if suffix in (".xlsx", ".xlsm") and data.startswith(ZIP_MAGIC):
        from loaders import fastread  # here: fastread imports this module

        limits = fastread.Limits(MAX_UNCOMPRESSED_BYTES, MAX_ROWS, MAX_CELLS)
        fast = fastread.read(data, locate, top_rows, limits)
        if fast is not None:
            return [SheetData(*sheet) for sheet in fast]
    has_errors = _check_container(filename, suffix, data)
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


def _check_container(filename: str, suffix: str, data: bytes) -> bool:
    """Refuse what is not a genuine workbook; True when a sheet may hold Excel error cells."""
    if suffix in (".xlsx", ".xlsm", ".ods"):
        if data.startswith(OLE_MAGIC):
            raise FileRefused(
                f"{filename} is password-protected or encrypted: save it without a password "
                "and upload it again."
            )
        if not data.startswith(ZIP_MAGIC):
            raise FileRefused(f"{filename} is not a real {suffix} workbook (it may be renamed).")
        try:
            unpacked, has_errors = _unpacked_size(data)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise FileRefused(f"{filename} is damaged and cannot be opened: save it again "
                              "from Excel and upload the new file.") from exc
        if unpacked > MAX_UNCOMPRESSED_BYTES:
            raise FileRefused(
                f"{filename} unpacks to more than {MAX_UNCOMPRESSED_BYTES // 2**20:,} MB: "
                "it is too large or not a genuine workbook."
            )
        return has_errors
    if suffix == ".xls" and not data.startswith(OLE_MAGIC):
        raise FileRefused(f"{filename} is not a real .xls workbook (it may be renamed).")
    return True


def _unpacked_size(data: bytes) -> tuple[int, bool]:
    """Bytes the archive unpacks to, counted by unpacking (stops past the limit), and
    whether any part holds an error cell (t="e"), found on the way."""
    total, has_errors = 0, False
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            with archive.open(info) as member:
                tail = b""
                while chunk := member.read(1 << 20):
                    total += len(chunk)
                    has_errors = has_errors or b't="e"' in tail + chunk[:8] or b't="e"' in chunk
                    tail = chunk[-8:]
                    if total > MAX_UNCOMPRESSED_BYTES:
                        return total, has_errors
    return total, has_errors


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
        if sheet.total_height > MAX_ROWS:
            raise FileRefused(
                f"Sheet '{meta.name}' of {filename} has {sheet.total_height:,} rows, over the "
                f"limit of {MAX_ROWS:,}: split it into smaller files."
            )
        cells += sheet.total_height * sheet.total_width
        if cells > MAX_CELLS:
            raise FileRefused(
                f"{filename} holds more than {MAX_CELLS:,} cells: split it into smaller files."
            )
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
                        (int(ref.group(2)) - 1, _column_index(ref.group(1).decode()),
                         value.group(1).decode()))
    return found


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the archive member holding it (.xlsx/.xlsm)."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for sheet in book.iterfind(".//{*}sheet"):
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        path = target.get(rid, "").lstrip("/")
        parts[sheet.get("name")] = path if path.startswith("xl/") else f"xl/{path}"
    return parts


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def decode_text(data: bytes) -> str:
    """Decode a CSV the way the user saved it: UTF-8 (with or without BOM), Windows-1252 or
    GBK, told apart by loaders.encoding; FileRefused when it is none of them."""
    return encoding.decode(data)


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon (Italian Excel) or tab, whichever splits the first lines most evenly."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t"):
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts or max(counts) < 2:
            continue
        # Prefer the delimiter that gives many columns consistently across lines.
        score = sum(1 for c in counts if c == max(counts)) * max(counts)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_rows(data: bytes) -> list[list]:
    text = decode_text(data)
    delimiter = sniff_delimiter(text)
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
