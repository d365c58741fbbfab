"""What a file may be before any reader allocates for it (issue 17): refused plainly, by
looking at its container, never by reading it. A zip that unpacks (or says it unpacks) to
too much, too many styles or shared strings, a used range over the row or cell limits, an
.ods repeating rows, renamed non-spreadsheets, damaged zips, password-protected and
old-format (OLE) files, and workbooks declaring XML entities."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from defusedxml import DefusedXmlException, ElementTree

# Limits that refuse a decompression bomb before it fills memory: the bytes a workbook may
# unpack to (counted while unpacking, since a zip's own size fields can lie), the rows of a
# sheet and the cells of a workbook.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_CELLS = 40_000_000
# Parts a reader turns into many small allocations (issue 17: a 500 MB styles.xml peaked at
# 2.8 GB, 25 million shared strings at 3.1 GB), checked before any reader sees them.
MAX_STYLES_BYTES = 64 * 1024 * 1024
MAX_SHARED_STRINGS = 5_000_000

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # what makes an OLE file encrypted


class FileRefused(ValueError):
    """A file that cannot be read at all; the message is for the user."""


def check_container(filename: str, suffix: str, data: bytes) -> bool:
    """Refuse what is not a genuine workbook; True when a sheet may hold Excel error cells."""
    if suffix in (".xlsx", ".xlsm", ".ods"):
        if data.startswith(OLE_MAGIC) and ENCRYPTED_STREAM in data:
            raise FileRefused(
                f"{filename} is password-protected or encrypted: save it without a password "
                "and upload it again."
            )
        if data.startswith(OLE_MAGIC):  # an .xls or another Office file, renamed
            raise FileRefused(
                f"{filename} is an old-format Office file (such as an Excel 97-2003 .xls), "
                f"not a {suffix} workbook: open it in Excel, save it as .xlsx and upload that.")
        if not data.startswith(ZIP_MAGIC):
            raise FileRefused(f"{filename} is not a real {suffix} workbook (it may be renamed).")
        check_parts(filename, suffix, data)
        try:
            unpacked, has_errors = _unpacked_size(data)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise _damaged(filename) from exc
        if unpacked > MAX_UNCOMPRESSED_BYTES:
            raise _too_large(filename)
        return has_errors
    if suffix == ".xls" and not data.startswith(OLE_MAGIC):
        raise FileRefused(f"{filename} is not a real .xls workbook (it may be renamed).")
    return True


def _damaged(filename: str) -> FileRefused:
    return FileRefused(f"{filename} is damaged and cannot be opened: save it again from Excel "
                       "and upload the new file.")


def check_parts(filename: str, suffix: str, data: bytes) -> None:
    """Refuse a zip workbook whose parts would make a reader allocate gigabytes, before any
    reader sees it: the declared sizes, styles, shared strings, each sheet's used range
    (<dimension>; .ods: rows as repeated), against the limits above. What this cannot see
    (a sheet without <dimension>, sizes that lie) the parse worker's memory limit stops."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise _damaged(filename) from exc
    try:
        with archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
                raise _too_large(filename)
            if suffix == ".ods":
                _check_ods(filename, archive)
                return
            for info in infos:
                if info.filename.endswith("styles.xml"):
                    _check_styles(filename, archive, info.filename)
                elif info.filename.endswith("sharedStrings.xml"):
                    _check_strings(filename, archive, info.filename)
            _check_dimensions(filename, archive)
    except FileRefused:
        raise
    except DefusedXmlException as exc:
        raise FileRefused(f"{filename} declares XML entities, which Spendline refuses (a known "
                          "way to attack XML readers): save it again from Excel and upload "
                          "the new file.") from exc
    except (zipfile.BadZipFile, EOFError, ValueError, zlib.error) as exc:
        raise _damaged(filename) from exc


def _too_large(filename: str) -> FileRefused:
    return FileRefused(f"{filename} unpacks to more than {MAX_UNCOMPRESSED_BYTES // 2**20:,} "
                       "MB: it is too large or not a genuine workbook.")


def _chunks(archive: zipfile.ZipFile, name: str, limit: int = MAX_UNCOMPRESSED_BYTES):
    """A part's bytes a MB at a time, counted (a zip's size fields can lie): the chunk that
    passes `limit` is the last."""
    total = 0
    with archive.open(name) as member:
        while chunk := member.read(1 << 20):
            total += len(chunk)
            yield chunk
            if total > limit:
                return


def _check_styles(filename: str, archive: zipfile.ZipFile, name: str) -> None:
    if sum(len(c) for c in _chunks(archive, name, MAX_STYLES_BYTES + 1)) > MAX_STYLES_BYTES:
        raise FileRefused(
            f"{filename} has more than {MAX_STYLES_BYTES // 2**20} MB of cell formats "
            "(styles), the limit: it is not a genuine workbook. Save it again from Excel "
            "and upload the new file.")


def _check_strings(filename: str, archive: zipfile.ZipFile, name: str) -> None:
    count, tail = 0, b""
    for chunk in _chunks(archive, name):
        count += (tail + chunk[:3]).count(b"<si") + chunk.count(b"<si")
        tail = chunk[-3:]
        if count > MAX_SHARED_STRINGS:
            raise FileRefused(
                f"{filename} holds more than {MAX_SHARED_STRINGS:,} different texts (shared "
                "strings), the limit: split it into smaller files.")


_DIMENSION_REF = re.compile(rb'<dimension\b[^>]*?\bref="\$?[A-Z]+\$?\d+(?::\$?([A-Z]+)\$?(\d+))?"')


def _check_dimensions(filename: str, archive: zipfile.ZipFile) -> None:
    """Each sheet's used range as it declares it, from A1 (the readers fill every cell of
    it): rows and cells against the limits. Read from the part's first 64 KB."""
    try:
        parts = sheet_parts(archive)
    except (KeyError, ElementTree.ParseError):
        return  # the readers say what is wrong
    cells = 0
    for name, path in parts.items():
        try:
            with archive.open(path) as member:
                head = member.read(1 << 16)
        except KeyError:
            continue
        found = _DIMENSION_REF.search(head)
        if found is None or found.group(1) is None:
            continue
        rows, columns = int(found.group(2)), column_index(found.group(1).decode()) + 1
        _check_size(filename, name, rows, rows * columns,
                    f"uses cells up to {found.group(1).decode()}{rows}")
        cells += rows * columns
    check_file_cells(filename, cells)


def check_rows(where: str, rows: int) -> None:
    """The row limit, for every format: `where` is the file, or a sheet of it."""
    if rows > MAX_ROWS:
        raise FileRefused(f"{where} has {rows:,} rows, over the limit of {MAX_ROWS:,}: "
                          "split it into smaller files.")


def check_file_cells(filename: str, cells: int) -> None:
    """The cell limit of a whole file (its sheets together)."""
    if cells > MAX_CELLS:
        raise FileRefused(f"{filename} holds more than {MAX_CELLS:,} cells: split it into "
                          "smaller files.")


def _check_size(filename: str, sheet: str, rows: int, cells: int, used: str) -> None:
    check_rows(f"Sheet '{sheet}' of {filename}", rows)
    if cells > MAX_CELLS:
        raise FileRefused(f"Sheet '{sheet}' of {filename} {used}, {cells:,} cells, over the "
                          f"limit of {MAX_CELLS:,}: delete what lies outside the table (or "
                          "split it) and upload it again.")


_ODS_TABLE = re.compile(rb'<table:table\b[^>]*?\btable:name="([^"]*)"')
_ODS_ROW = re.compile(rb"<table:table-row\b([^>]*?)(?:/>|>(.*?)</table:table-row>)", re.S)
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(?:/>|>(.*?)"
                       rb"</table:(?:covered-)?table-cell>)", re.S)
_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="(\d+)"')
_COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="(\d+)"')


def _check_ods(filename: str, archive: zipfile.ZipFile) -> None:
    """An .ods sheet's rows and cells as its repeat counts make them (a 2 KB file can
    repeat a row fifty million times), before python-calamine expands them."""
    try:
        xml = b"".join(_chunks(archive, "content.xml", MAX_UNCOMPRESSED_BYTES + 1))
    except KeyError:
        return
    if len(xml) > MAX_UNCOMPRESSED_BYTES:
        raise _too_large(filename)
    tables = list(_ODS_TABLE.finditer(xml))
    total = 0
    for i, table in enumerate(tables):
        end = tables[i + 1].start() if i + 1 < len(tables) else len(xml)
        rows = width = 0  # the rows and columns up to the last cell holding something
        row = 0
        for match in _ODS_ROW.finditer(xml, table.end(), end):
            repeat = _repeat(_ROWS_REPEATED, match.group(1))
            used = _used_width(match.group(2) or b"")
            row += repeat
            if used:
                rows, width = row, max(width, used)
        _check_size(filename, table.group(1).decode(errors="replace"), rows, rows * width,
                    f"repeats rows and columns to {rows:,} x {width:,}")
        total += rows * width
    check_file_cells(filename, total)


def _repeat(pattern: re.Pattern, attributes: bytes) -> int:
    found = pattern.search(attributes)
    return int(found.group(1)) if found else 1


def _used_width(row: bytes) -> int:
    column = used = 0
    for cell in _ODS_CELL.finditer(row):
        column += _repeat(_COLUMNS_REPEATED, cell.group(1))
        if b"office:value-type" in cell.group(1) or b"<text:p" in (cell.group(2) or b""):
            used = column
    return used


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


def column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1
