"""The fast way to read .xlsx/.xlsm sheets: typed Arrow columns from fastexcel, in parallel.

python-calamine hands over every cell as a Python object (two million objects for 100k
ledger rows, and as many type checks after); fastexcel parses the same XML with the same
Rust library into Arrow columns of one type each. What it cannot do is done here:
- find the header row under a title block: the first rows of a sheet are read with
  python-calamine from a copy of the workbook cut after them (the very cells the slow path
  sees), and the caller's `locate` picks the header;
- keep every cell's type: the rows under the header are read with dtype_coercion="strict",
  so a column mixing types (numbers and text) refuses, as do cells python-calamine reads as
  something with no Arrow column type here (times of day, durations);
- use both cores and little memory: the sheet's XML is unpacked here, cut at row boundaries
  into pieces of a few MB, and each piece is parsed as a workbook of its own on a worker
  thread (fastexcel releases the GIL); the bytes unpacked are counted on the way against
  the decompression-bomb limit, and no piece is parsed before it is counted.
Whenever anything is not as expected, `read` returns None and the caller takes the slow path
(loaders.read), which gives the same cells, messages and limits, only slower.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from loaders import memory
from loaders.cells import is_blank_cell
from loaders.fastcolumns import Piece, frame_of
from loaders.file_notes import FormulaScan
from loaders.limits import sheet_parts

_ROW = re.compile(rb"<row[\s>/]")
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
_SHEET_DATA = re.compile(rb"<sheetData\b[^>]*?(/?)>")
_DIMENSION = re.compile(rb"<dimension\b[^>]*/>")
_SHARED_CELL = re.compile(rb'<c\b[^>]*\bt="s"[^>]*>\s*<v>(\d+)</v>')
_UNPACK = 1 << 20
_PIECE = 16 << 20  # XML bytes per piece: a few pieces per 100k rows, two in flight
_LEFT_OUT = ("xl/worksheets/", "xl/media/", "xl/drawings/", "xl/charts/", "xl/pivot",
             "xl/externalLinks/", "customXml/", "docProps/", "xl/printerSettings/",
             "xl/vbaProject")


class _Slow(Exception):
    """Something the fast path does not handle: read the slow way."""


@dataclass
class Limits:
    """The refusal limits of loaders.read (the slow path words the refusal)."""

    unpacked_bytes: int
    max_rows: int
    max_cells: int


def read(data: bytes, locate: Callable, top_rows: int, limits: Limits):
    """([(sheet, header, data frame, Excel row of its first row)] for every worksheet, the
    formulas saved without a value as loaders.file_notes.unsaved_formulas finds them), or
    None when the slow path must read the file. `locate(name, top, None)` returns the
    header (`.index`: its 0-based row) among the first `top_rows` rows."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _Reader(archive, limits).sheets(locate, top_rows)
    except Exception:  # odd files, damage, mixed columns: the slow path decides
        return None
    finally:
        memory.give_back()  # what the workers' parsing freed


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, limits: Limits):
        self.archive, self.limits = archive, limits
        self.names = _worksheets(archive)
        self.parts = sheet_parts(archive)
        if not all(name in self.parts for name in self.names):
            raise _Slow
        self.unpacked = 0
        self.base = self._base_members()  # every other part a piece's workbook needs

    def _base_members(self) -> dict[str, bytes]:
        base = {}
        sheets = set(self.parts.values())
        for info in self.archive.infolist():
            if info.filename in sheets:
                continue  # unpacked (and counted) piece by piece
            data = self._unpack(info.filename)  # counted, like every byte unpacked
            if not info.filename.startswith(_LEFT_OUT):
                base[info.filename] = data
        return base

    def _unpack(self, name: str) -> bytes:
        chunks = []
        with self.archive.open(name) as member:
            while chunk := member.read(_UNPACK):
                self._count(len(chunk))
                chunks.append(chunk)
        return b"".join(chunks)

    def _count(self, size: int) -> None:
        self.unpacked += size
        if self.unpacked > self.limits.unpacked_bytes:
            raise _Slow  # a bomb: the slow path refuses it in its words

    def sheets(self, locate: Callable, top_rows: int) -> tuple[list[tuple], dict]:
        out, cells, unsaved = [], 0, {}
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="xlsx") as pool:
            for name in self.names:
                top = self._top(name, top_rows)
                if not any(not is_blank_cell(c) for row in top for c in row):
                    raise _Slow  # no header in the first rows: the slow path looks further
                header = locate(name, top, None)
                formulas = FormulaScan()
                frame, height, width = self._data(pool, name, header.index + 1, formulas)
                if formulas.found():
                    unsaved[name] = formulas.found()
                width = max(width, max(len(row) for row in top) - 1)
                cells += height * width
                if height > self.limits.max_rows or cells > self.limits.max_cells:
                    raise _Slow  # refused: the slow path says so in its words
                out.append((name, header, frame, header.index + 2))
        return out, unsaved

    # -- the first rows, through python-calamine ----------------------------------------------
    def _top(self, name: str, top_rows: int) -> list[list]:
        import python_calamine  # here: the slow path's reader, for the same cells

        head = _head(self.archive, self.parts[name], top_rows)
        if b't="e"' in head:
            raise _Slow  # an error cell, which python-calamine reads as empty: read.py finds it
        book = python_calamine.CalamineWorkbook.from_filelike(
            io.BytesIO(self._workbook(self.parts[name], [head], _shared_used(head))))
        return book.get_sheet_by_name(name).to_python(skip_empty_area=False)[:top_rows]

    def _workbook(self, path: str, sheet_xml: list, strings: int | None = None) -> bytes:
        """A workbook of the base parts and one sheet, whose XML comes in parts (written one
        after the other: no copy to join them); with `strings`, the shared strings are cut
        after that number (the first rows use few of them)."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as book:
            for member, data in self.base.items():
                if strings is not None and member.endswith("sharedStrings.xml"):
                    data = _strings_head(data, strings)
                book.writestr(member, data)
            with book.open(path, "w", force_zip64=True) as sheet:
                for part in sheet_xml:
                    sheet.write(part)
        return out.getvalue()

    # -- the data, through fastexcel, a piece at a time ---------------------------------------
    def _data(self, pool: ThreadPoolExecutor, name: str, first: int, formulas: FormulaScan):
        path = self.parts[name]
        pending: list[Future] = []
        pieces: list[Piece] = []
        for n, (xml, start) in enumerate(self._pieces(path, formulas)):
            if len(pending) == 2:  # at most two pieces in memory besides the one being cut
                pieces.append(pending.pop(0).result())
            if n and start < first:
                raise _Slow  # the header below the first piece: rows too large to be a table
            pending.append(pool.submit(self._parse_piece, path, xml, name,
                                       first if n == 0 else None, start))
        pieces += [f.result() for f in pending]
        return frame_of(pieces, first)

    def _parse_piece(self, path: str, xml: list, *args) -> Piece:
        """On a worker thread: the piece's workbook made (copying and checksumming some MB
        off the main thread, which unpacks the next piece meanwhile), then parsed."""
        return _parse_piece(self._workbook(path, xml), *args)

    def _pieces(self, path: str, formulas: FormulaScan) -> Iterator[tuple[list, int]]:
        """The sheet's XML as workbooks' worth of whole rows (in parts, to be written one
        after the other), with the 0-based index of each piece's first row; every byte
        counted, and searched for formulas saved without a value."""
        prologue, parts, size = None, [], 0
        with self.archive.open(path) as member:
            while True:
                chunk = member.read(_UNPACK)
                self._count(len(chunk))
                formulas.feed(chunk)
                ended = not chunk  # the rest (rows, </sheetData>, what follows) is one piece
                parts.append(chunk)
                size += len(chunk)
                if prologue is None:
                    buffer = b"".join(parts)
                    opened = _SHEET_DATA.search(buffer)
                    if opened is None or opened.group(1):  # not yet, or <sheetData/>
                        if ended:
                            return
                        parts, size = [buffer], len(buffer)
                        continue
                    prologue = _DIMENSION.sub(b"", buffer[:opened.end()])
                    parts = [buffer[opened.end():]]
                    size = len(parts[0])
                if ended:
                    buffer = b"".join(parts)
                    if _ROW.search(buffer):
                        yield [prologue, buffer], _first_row(buffer)
                    return
                if size >= _PIECE:
                    buffer = b"".join(parts)
                    cut = _last_filled_row_start(buffer)
                    if cut > 0:
                        yield [prologue, memoryview(buffer)[:cut],
                               b"</sheetData></worksheet>"], _first_row(buffer)
                        buffer = buffer[cut:]
                    elif len(buffer) > 4 * _PIECE:
                        raise _Slow  # rows we cannot find (a prefixed namespace?)
                    parts, size = [buffer], len(buffer)


def _parse_piece(workbook: bytes, name: str, skip: int | None, start: int) -> Piece:
    """One piece of a sheet as Arrow (on a worker thread: fastexcel releases the GIL).
    The first piece is read from 0-based row `skip` (under the header); a later one from
    its first row, `start`, which holds a cell (_last_filled_row_start cut it so):
    fastexcel then starts there instead of filling every row above it with nothing."""
    import fastexcel  # only this path needs it

    logging.getLogger("fastexcel").setLevel(logging.ERROR)  # "falling back to string"…
    reader = fastexcel.read_excel(workbook)
    del workbook
    try:
        sheet = reader.load_sheet(name, header_row=None, schema_sample_rows=None,
                                  dtype_coercion="strict",
                                  **({} if skip is None else {"skip_rows": skip}))
    except Exception as exc:
        if skip is not None and "Too many rows skipped" in str(exc):
            return Piece(skip, None, {})  # no cell at or below `skip` in this piece
        raise _Slow from exc  # a column of mixed types, or something odd
    columns = sheet.available_columns()
    first = start if skip is None else skip
    end = first + sheet.height - 1  # the last row holding a cell
    batch, errors = sheet.to_arrow_with_errors()
    if errors is not None:
        raise _Slow  # Excel error cells (#REF!): read.py reports them, naming each
    return Piece(first, end, {c.absolute_index: batch.column(i) for i, c in enumerate(columns)})


def _worksheets(archive: zipfile.ZipFile) -> list[str]:
    """The workbook's worksheets (not chart sheets), as python-calamine lists them."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(
        io.BytesIO(_small_workbook(archive)))
    return [m.name for m in book.sheets_metadata
            if m.typ == python_calamine.SheetTypeEnum.WorkSheet]


def _small_workbook(archive: zipfile.ZipFile) -> bytes:
    """The workbook without its sheets' contents: enough to list them."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as book:
        for info in archive.infolist():
            if info.filename.startswith(("xl/workbook", "xl/_rels/", "_rels/",
                                         "[Content_Types]")):
                book.writestr(info.filename, archive.read(info.filename))
    return out.getvalue()


def _first_row(xml: bytes) -> int:
    """0-based index of the first row element in a piece of sheet XML."""
    found = _ROW_NUMBER.search(xml)
    if found is None:
        raise _Slow  # rows without numbers: positions only the slow path knows
    return int(found.group(1)) - 1


def _last_filled_row_start(buffer: bytes) -> int:
    """Where the buffer's last complete row holding a cell value starts (-1: none in its
    last MB). A piece starting there starts with a cell, so fastexcel's rows start there."""
    starts = [m.start() for m in _ROW.finditer(buffer, max(0, len(buffer) - (1 << 20)))]
    for i in range(len(starts) - 2, 0, -1):  # the last row may be cut short: not that one
        row = buffer[starts[i]:starts[i + 1]]
        if b"<v>" in row or b"<v " in row or b"<is>" in row:
            return starts[i]
    return -1


def _head(archive: zipfile.ZipFile, path: str, top_rows: int) -> bytes:
    """A sheet's XML cut before its first row numbered above top_rows."""
    buffer, searched = b"", 0
    with archive.open(path) as member:
        while True:
            chunk = member.read(1 << 16)
            buffer += chunk
            for match in _ROW_NUMBER.finditer(buffer, searched):
                if int(match.group(1)) > top_rows:
                    return _DIMENSION.sub(b"", buffer[:match.start()]) + \
                        b"</sheetData></worksheet>"
            if not chunk:
                return _DIMENSION.sub(b"", buffer)
            if len(buffer) > 8 << 20:
                raise _Slow
            searched = max(0, len(buffer) - 1000)  # a row tag may straddle two chunks


def _shared_used(head: bytes) -> int:
    return max((int(m.group(1)) for m in _SHARED_CELL.finditer(head)), default=-1)


def _strings_head(xml: bytes, last: int) -> bytes:
    """The shared strings up to number `last` (all of them if that cannot be cut cleanly)."""
    start = 0
    for _ in range(last + 1):
        end = xml.find(b"</si>", start)
        if end < 0:
            return xml
        start = end + len(b"</si>")
    return xml[:start] + b"</sst>"
