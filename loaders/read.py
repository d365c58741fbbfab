"""Bytes in, raw sheets out: the one place that knows spreadsheet and CSV file formats.

A raw sheet is a grid of cells exactly as saved (row 1 of the sheet first, so a row's index
+ 1 is the row number the user sees in Excel). Finding the header row and the data is the
job of loaders.intake.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

import python_calamine

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv")

# Limits that refuse a decompression bomb before it fills memory.
MAX_UNCOMPRESSED_BYTES = 1_000_000_000
MAX_CELLS = 60_000_000

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx


class FileRefused(ValueError):
    """A file that cannot be read at all; the message is for the user."""


@dataclass
class RawSheet:
    name: str
    rows: list[list]


def read_file(filename: str, data: bytes) -> list[RawSheet]:
    """Every sheet of a spreadsheet or CSV file as raw cells; FileRefused with a plain reason."""
    suffix = _suffix(filename)
    if not data:
        raise FileRefused(f"{filename} is empty.")
    if suffix == ".csv":
        return [RawSheet(_csv_sheet_name(filename), read_csv_rows(data))]
    if suffix not in SPREADSHEET_SUFFIXES:
        raise FileRefused(
            f"{filename} is not a file Spendline reads: upload "
            + ", ".join(SUFFIXES)
            + " files."
        )
    _check_container(filename, suffix, data)
    return _read_workbook(filename, data)


def _suffix(filename: str) -> str:
    name = filename.lower()
    return name[name.rfind(".") :] if "." in name else ""


def _csv_sheet_name(filename: str) -> str:
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] or "CSV"


def _check_container(filename: str, suffix: str, data: bytes) -> None:
    if suffix in (".xlsx", ".xlsm", ".ods"):
        if data.startswith(OLE_MAGIC):
            raise FileRefused(
                f"{filename} is password-protected or encrypted: save it without a password "
                "and upload it again."
            )
        if not data.startswith(ZIP_MAGIC):
            raise FileRefused(f"{filename} is not a real {suffix} workbook (it may be renamed).")
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                total = sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile as exc:
            raise FileRefused(f"{filename} is damaged and cannot be opened ({exc}).") from exc
        if total > MAX_UNCOMPRESSED_BYTES:
            raise FileRefused(
                f"{filename} unpacks to {total / 1e9:.1f} GB, over the "
                f"{MAX_UNCOMPRESSED_BYTES / 1e9:.0f} GB limit."
            )
    elif suffix == ".xls" and not data.startswith(OLE_MAGIC):
        raise FileRefused(f"{filename} is not a real .xls workbook (it may be renamed).")


def _read_workbook(filename: str, data: bytes) -> list[RawSheet]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise FileRefused(
            f"{filename} is password-protected: save it without a password and upload it again."
        ) from exc
    except Exception as exc:  # calamine raises several types for damaged files
        raise FileRefused(f"{filename} cannot be read as a spreadsheet ({exc}).") from exc
    sheets = []
    cells = 0
    for meta in workbook.sheets_metadata:
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue  # chart sheets and macro sheets hold no data
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
            cells += sheet.total_height * sheet.total_width
            if cells > MAX_CELLS:
                raise FileRefused(
                    f"{filename} holds more than {MAX_CELLS:,} cells; split it into smaller files."
                )
            rows = sheet.to_python(skip_empty_area=False)
        except FileRefused:
            raise
        except Exception as exc:
            raise FileRefused(f"Sheet '{meta.name}' of {filename} cannot be read ({exc}).") from exc
        sheets.append(RawSheet(meta.name, rows))
    return sheets


def decode_text(data: bytes) -> str:
    """Decode a CSV the way the user saved it: UTF-8 (with or without BOM), GBK or Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gbk")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
    # Windows-1252 bytes often decode as GBK too; real GBK text is mostly CJK characters.
    non_ascii = [ch for ch in text if ord(ch) > 127]
    cjk = sum(1 for ch in non_ascii if "\u4e00" <= ch <= "\u9fff")
    if non_ascii and cjk / len(non_ascii) > 0.8:
        return text
    return data.decode("cp1252", errors="replace")


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
