"""What a file holds beyond its cells that the user must hear about (issue 17 §3):
- a CSV read as Windows-1252 or GBK, not UTF-8 (loaders/encoding.py): a warning naming it;
- hidden and very hidden sheets: skipped with a warning naming them, unless the user picks
  their kind by hand or an import profile is chosen for them (then read like any sheet);
- formulas saved without a value or as 0 (written by a program, never calculated in Excel:
  STACK.md): readers take the saved value, so a warning counts them and names the first.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

import numpy as np
import python_calamine
from defusedxml import ElementTree

from loaders.problems import WARNING, Problem

_STATE = {"hidden": "hidden", "veryHidden": "very hidden"}
_CELL = re.compile(rb"<c\b([^>]*?)(?<!/)>(.*?)</c>", re.DOTALL)
_REF = re.compile(rb'r="([A-Z]+)(\d+)"')
_SAVED = re.compile(rb"<v>([^<]*)</v>")


@dataclass(frozen=True)
class FileFacts:
    """What a file holds beyond its cells, found by scan() (in the parse worker)."""

    encoding: str | None = None  # a CSV's encoding as read ("UTF-8", "Windows-1252", "GBK")
    hidden: dict[str, str] = field(default_factory=dict)  # sheet -> "hidden" | "very hidden"
    # sheet -> (how many formulas were saved with no value or as 0, the first's cell, its row)
    unsaved: dict[str, tuple[int, str, int]] = field(default_factory=dict)


def scan(file_name: str, data: bytes, formulas: bool = True) -> FileFacts:
    """The file's encoding, hidden sheets and (unless `formulas` is False: the reader found
    them on its way) formulas saved without a value. Reads the workbook's parts as streams,
    a megabyte at a time: a sheet's XML may unpack to hundreds of megabytes, which neither
    this process nor the server should hold at once."""
    name = file_name.lower()
    if name.endswith(".csv"):
        return FileFacts(encoding=_encoding_label(data))
    unsaved = unsaved_formulas(file_name, data) if formulas else {}
    return FileFacts(hidden=_hidden_sheets(name, data), unsaved=unsaved)


def file_notes(facts: FileFacts, results: list, explicit=None) -> None:
    """Add the file's notes to its sheets' results (in place). `explicit(sheet)` says whether
    the user chose the sheet's kind or profile by hand."""
    if facts.encoding not in (None, "UTF-8"):
        _encoding_note(facts.encoding, results)
    for result in results:
        state = facts.hidden.get(result.sheet)
        if state and result.table is not None and not (explicit and explicit(result.sheet)):
            _skip_hidden(result, state)
    for sheet, (count, ref, row) in facts.unsaved.items():
        result = next((r for r in results if r.sheet == sheet and r.table is not None), None)
        if result is not None and result.kind:  # a sheet read as data
            result.problems.append(Problem(
                sheet, row, None, None,
                f"{count:,} formula cell{'s' if count > 1 else ''} of sheet '{sheet}' "
                f"{'were' if count > 1 else 'was'} saved with no value or as 0 (first: "
                f"{ref}): Excel never calculated {'them' if count > 1 else 'it'} (the "
                "file was written by a program), so 0 or empty is read. Open the file in "
                "Excel, save it, and upload it again.", WARNING))


def _encoding_label(data: bytes) -> str | None:
    from loaders import encoding

    try:
        return encoding.label(data)
    except ValueError:  # refused: the reader has said so
        return None


def _encoding_note(label: str, results: list) -> None:
    for result in results:
        result.problems.insert(0, Problem(
            result.sheet, None, None, None,
            f"The file is not UTF-8: read as {label} text. Check the names in the preview; "
            "saving it from Excel as 'CSV UTF-8' avoids the guess.", WARNING))


def _skip_hidden(result, state: str) -> None:
    """The sheet left out, with the reason; its cells stay for the page's preview."""
    how = ("very hidden (Excel's menus cannot show it)" if state == "very hidden"
           else "hidden")
    result.kind, result.frame, result.mapping = None, None, {}
    result.problems = [Problem(
        result.sheet, None, None, None,
        f"Sheet '{result.sheet}' is {how} in the workbook: skipped. If it holds rows to "
        "store, pick its kind by hand (on the command line --sheet NAME --kind KIND).",
        WARNING)]


def _hidden_sheets(name: str, data: bytes) -> dict[str, str]:
    """Sheet name -> 'hidden' or 'very hidden', for the sheets that are."""
    try:
        if name.endswith((".xlsx", ".xlsm")):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            return {s.get("name"): _STATE[s.get("state")] for s in book.iterfind(".//{*}sheet")
                    if s.get("state") in _STATE}
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        hidden = {python_calamine.SheetVisibleEnum.Hidden: "hidden",
                  python_calamine.SheetVisibleEnum.VeryHidden: "very hidden"}
        return {m.name: hidden[m.visible] for m in workbook.sheets_metadata
                if m.visible in hidden}
    except Exception:  # a file the reader refused or read otherwise: nothing more to say
        return {}


_CHUNK = 1 << 20
_CELL_END = b"</c>"


class FormulaScan:
    """Formula cells saved with no value or as 0 in one sheet's XML, fed as it is unpacked:
    by unsaved_formulas here, or by loaders.fastread on its way through the sheet (which
    spares a second unzipping). Only a chunk holding `<f` is searched cell by cell; the
    bytes after its last whole cell are carried into the next."""

    def __init__(self):
        self.count, self._first, self._carry = 0, None, b""

    def feed(self, chunk: bytes) -> None:
        cut = chunk.rfind(_CELL_END)
        if cut < 0:  # no cell ends here: all of it waits for its end
            carry = self._carry + chunk
            self._carry = carry[-_CHUNK:] if len(carry) > _CHUNK else carry
            return
        cut += len(_CELL_END)
        if b"<f" in self._carry + chunk[:1] or _has_formula_tag(chunk, cut):
            n, ref = _formulas_unsaved(self._carry + chunk[:cut])
            self.count, self._first = self.count + n, self._first or ref
        self._carry = chunk[cut:]

    def found(self) -> tuple[int, str, int] | None:
        """(how many, the first one's cell, its row), or None when there are none."""
        if not self.count or self._first is None:
            return None
        return (self.count, (self._first.group(1) + self._first.group(2)).decode(),
                int(self._first.group(2)))


def _has_formula_tag(chunk: bytes, end: int) -> bool:
    """Whether `<f` occurs in chunk[:end]. bytes.find spends 1 ms a megabyte on it ('<' is in
    every tenth byte of sheet XML): 'f' is rare (none at all in cells of shared strings),
    so its places are found first (memchr, then numpy) and the byte before each checked."""
    start = chunk.find(b"f", 1, end)
    if start < 0:
        return False
    cells = np.frombuffer(chunk, np.uint8, count=end)
    after = np.flatnonzero(cells[start:] == ord("f")) + start
    return bool((cells[after - 1] == ord("<")).any())


def unsaved_formulas(file_name: str, data: bytes) -> dict[str, tuple[int, str, int]]:
    """Per sheet of an .xlsx/.xlsm: how many formula cells have no saved value or a saved 0,
    and the first one's reference and row (other formats: none). Each sheet's XML is read a
    megabyte at a time."""
    from loaders.limits import sheet_parts

    found: dict[str, tuple[int, str, int]] = {}
    if not file_name.lower().endswith((".xlsx", ".xlsm")):
        return found
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for sheet, path in sheet_parts(archive).items():
                scan = FormulaScan()
                with archive.open(path) as part:
                    while chunk := part.read(_CHUNK):
                        scan.feed(chunk)
                if scan.found():
                    found[sheet] = scan.found()
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, zlib.error):
        return found
    return found


def _formulas_unsaved(xml: bytes):
    """(how many formula cells in these whole cells have no saved value or a saved 0, the
    first one's reference match)."""
    count, first = 0, None
    for cell in _CELL.finditer(xml):
        body = cell.group(2)
        if b"<f" not in body:
            continue
        saved = _SAVED.search(body)
        if saved is None or saved.group(1).strip() in (b"", b"0"):
            count += 1
            first = first or _REF.search(cell.group(1))
    return count, first
