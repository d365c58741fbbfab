"""Writes the hostile and broken files of tests/hostile/files/ (committed; run again only to
change them; name files to write only those). The password-protected workbook needs
msoffcrypto-tool, a tool for this script only:
    .venv/bin/pip install msoffcrypto-tool && .venv/bin/python tests/hostile/make_corpus.py
The memory bombs are small on disk and ask a reader for gigabytes (issue 17): each is refused
before it is read (loaders.read) or, failing that, by the parse worker's memory limit.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import xlsxwriter

OUT = Path(__file__).parent / "files"
HEADER = ["document_id", "vendor", "channel", "status", "amount_net", "currency",
          "invoice_date"]
DAY = dt.datetime(2026, 3, 10)


def book(rows: list[list], sheet: str = "Ledger", formulas: dict | None = None) -> bytes:
    """A workbook of one sheet; `formulas` maps (row, col) -> (formula, saved value)."""
    return sheets_book({sheet: rows}, formulas=formulas)


def ledger_row(doc: str, amount: object = 100, **change) -> list:
    row = dict(zip(HEADER, [doc, "Acme", "Email", "invoiced", amount, "EUR", DAY]))
    row.update(change)
    return list(row.values())


def bomb() -> bytes:
    """A 600 MB sheet that zips to well under a megabyte."""
    out = io.BytesIO()
    good = zipfile.ZipFile(io.BytesIO(book([HEADER, ledger_row("A1")])))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in good.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info.filename, good.read(info.filename))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats'
                        b'.org/spreadsheetml/2006/main"><sheetData>')
            row = b'<row><c t="inlineStr"><is><t>' + b"A" * 1000 + b"</t></is></c></row>"
            for _ in range(600_000):
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def encrypted(data: bytes) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile  # only this script needs it

    out = io.BytesIO()
    office = OOXMLFile(io.BytesIO(data))
    office.encrypt("secret", out)
    return out.getvalue()


def far_cell(dimension: bool = True) -> bytes:
    """One cell at XFD999999, the last column: readers allocate the whole used range,
    16,384 x 999,999 cells (524 GB). Without <dimension>, only the worker's limit stops it."""
    data = book([HEADER, ledger_row("A1")] + [[]] * 999_996 + [[None] * 16_383 + ["x"]])
    if dimension:
        return data
    return _rewritten(data, "xl/worksheets/sheet1.xml",
                      lambda xml: re.sub(rb"<dimension[^>]*/>", b"", xml))


def _rewritten(data: bytes, member: str, change) -> bytes:
    """The workbook with one part changed, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            dst.writestr(info, change(part) if info.filename == member else part,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _streamed(data: bytes, member: str, head: bytes, repeat: bytes, times: int,
              tail: bytes) -> bytes:
    """The workbook with `member` replaced by head + repeat * times + tail, written in
    pieces (the part is hundreds of MB; the zip well under one)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info, src.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
        with dst.open(member, "w", force_zip64=True) as part:
            part.write(head)
            block = repeat * 10_000
            for _ in range(times // 10_000):
                part.write(block)
            part.write(tail)
    return out.getvalue()


def styles_bomb() -> bytes:
    """A 500 MB styles.xml (7 million cell formats) in a half-megabyte workbook."""
    return _streamed(book([HEADER, ledger_row("A1")]), "xl/styles.xml",
                     b'<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats'
                     b'.org/spreadsheetml/2006/main"><cellXfs>',
                     b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
                     8_000_000, b"</cellXfs></styleSheet>")


def strings_bomb() -> bytes:
    """25 million shared strings (no count given) in a workbook of one megabyte."""
    good = book([HEADER, ledger_row("A1")])
    return _streamed(good, "xl/sharedStrings.xml",
                     b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org'
                     b'/spreadsheetml/2006/main">', b"<si><t>x</t></si>", 25_000_000,
                     b"</sst>")


def ods(content_rows: bytes) -> bytes:
    """An OpenDocument spreadsheet of one sheet 'Ledger' whose rows are `content_rows`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
            'vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
            '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>'))
        archive.writestr("content.xml", (
            b'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
            b'"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names'
            b':tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:'
            b'xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>'
            b'<table:table table:name="Ledger">' + content_rows
            + b"</table:table></office:spreadsheet></office:body></office:document-content>"))
    return out.getvalue()


def ods_row(cells: list[str], repeated: int = 1) -> bytes:
    attr = f' table:number-rows-repeated="{repeated}"' if repeated > 1 else ""
    return (f"<table:table-row{attr}>" + "".join(
        f'<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>'
        for c in cells) + "</table:table-row>").encode()


def entities_and_error() -> bytes:
    """An entity declared in workbook.xml (an XML attack's first step) and an error cell."""
    data = book([HEADER, ledger_row("E1", None)], formulas={(1, 4): ("=1/0", "#DIV/0!")})
    return _rewritten(data, "xl/workbook.xml", lambda xml: xml.replace(
        b"?>", b'?><!DOCTYPE workbook [<!ENTITY name "Ledger">]>', 1))


def old_office(ole: bytes) -> bytes:
    """An OLE compound file that is not an encrypted workbook (an old Office file saved as
    .xlsx): the encrypted one with its two encryption streams renamed."""
    for name in ("EncryptedPackage", "EncryptionInfo"):
        wide = name.encode("utf-16-le")
        other = "Workbook".encode("utf-16-le").ljust(len(wide), b"\0")
        at = ole.index(wide)  # the directory entry first; then any mention elsewhere
        ole = ole[:at] + other + ole[at + len(wide):]
        # the entry's name length (bytes, with the terminating NUL) sits at offset 64
        ole = ole[:at + 64] + (len("Workbook") * 2 + 2).to_bytes(2, "little") + ole[at + 66:]
        ole = ole.replace(wide, other)
    return ole


def corpus() -> dict:
    """Each file's name -> the function that makes it."""
    good = book([HEADER, ledger_row("A1")])
    return {
        "renamed_text.xlsx": lambda: b"Budget notes for Q3\nnot a spreadsheet at all\n",
        "truncated.xlsx": lambda: good[: len(good) * 6 // 10],
        "empty_workbook.xlsx": lambda: book([], sheet="Sheet1"),
        "headers_only.xlsx": lambda: book([HEADER]),
        "password.xlsx": lambda: encrypted(good),
        "old_office.xlsx": lambda: old_office((OUT / "password.xlsx").read_bytes()),
        "bomb.xlsx": bomb,
        "far_cell.xlsx": far_cell,
        "far_cell_no_dimension.xlsx": lambda: far_cell(dimension=False),
        "styles_bomb.xlsx": styles_bomb,
        "strings_bomb.xlsx": strings_bomb,
        "repeated_rows.ods": lambda: ods(ods_row(HEADER) + ods_row(
            ["R", "Acme", "Email", "invoiced", "1", "EUR", "2026-03-10"], 50_000_000)),
        "entities_and_error.xlsx": entities_and_error,
        "too_many_rows.xlsx": lambda: book([HEADER, ledger_row("A1")] + [[]] * 999_999
                                           + [["x"]]),
        "formulas_and_links.xlsx": lambda: book(
            [HEADER, ledger_row("F1", None), ledger_row("F2", None)],
            formulas={(1, 4): ("=100*1.5", 150), (2, 4): ("=[budget.xlsx]Sheet1!A1", 42.5)}),
        "error_values.xlsx": lambda: book(
            [HEADER, ledger_row("E1", None), ledger_row("E2", None)],
            formulas={(1, 4): ("=#REF!", "#REF!"), (2, 4): ("=1/0", "#DIV/0!")}),
        "dates_1900_9999.xlsx": lambda: book([HEADER, ledger_row("D1", invoice_date=dt.datetime(
            1900, 1, 1)), ledger_row("D2", invoice_date=dt.datetime(9999, 12, 31))]),
        "huge_amounts.xlsx": lambda: book([HEADER, ledger_row("H1", 10**15),
                                           ledger_row("H2", "100000000000000000")]),
        "unknown_currency.xlsx": lambda: book([HEADER, ledger_row("C1", currency="XYZ")]),
        "mixed_types.xlsx": lambda: book([HEADER, ledger_row("M1", 12.5),
                                          ledger_row("M2", "1.234,56"),
                                          ledger_row("M3", "abc"), ledger_row("M4", DAY)]),
        "lookalike_headers.xlsx": lambda: book([
            ["document_id", "V\u0435ndor", "ＣＨＡＮＮＥＬ", "status", "amount\u200b_net",
             "currency", "invoice_date"], ledger_row("L1")]),
        "long_text.xlsx": lambda: book([[*HEADER, "description"],
                                        [*ledger_row("T1"), "Lorem ipsum " * 2730]]),
        # cheap to make: made together, handed out one by one
        **{name: (lambda data=data: data) for name, data in extra_corpus().items()},
    }


def sheets_book(sheets: dict[str, list[list]], hidden: dict[str, str] | None = None,
                formulas: dict | None = None) -> bytes:
    """A workbook made with xlsxwriter: sheet name -> rows; `hidden` maps a sheet to 'hidden'
    or 'very hidden'; `formulas` ((row, col) -> (formula, saved value)) go in the first."""
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"strings_to_formulas": False})
    workbook.set_properties({"created": dt.datetime(2026, 1, 1)})
    dates = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for number, (name, rows) in enumerate(sheets.items()):
        ws = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.datetime):
                    ws.write_datetime(r, c, value, dates)
                elif value is not None:
                    ws.write(r, c, value)
        for (r, c), (formula, value) in (formulas or {}).items() if number == 0 else ():
            ws.write_formula(r, c, formula, None, value)
        state = (hidden or {}).get(name)
        if state == "hidden":
            ws.hide()
        elif state == "very hidden":
            ws.very_hidden()
    workbook.close()
    return out.getvalue()


# Names in each language the product serves (SPEC §1): German, French, Italian, Finnish
# (Windows-1252 covers them all) and Chinese (GBK).
LATIN_NAMES = ["Müller GmbH", "François Père", "Città Srl", "Åbo Mäkelä Öy"]
CHINESE_NAMES = ["北京广告有限公司", "上海传媒"]
CSV_HEADER = "document_id,vendor,channel,status,amount_net,invoice_date"


def names_csv(names: list[str], encoding: str) -> bytes:
    rows = [f"N{i},{name},Email,invoiced,10.00,2026-03-10" for i, name in enumerate(names, 1)]
    return "\n".join([CSV_HEADER, *rows, ""]).encode(encoding)


def extra_corpus() -> dict[str, bytes]:
    """Issue 17 §3: files whose trouble was silent."""
    return {
        "hidden_sheets.xlsx": sheets_book(
            {"Ledger": [HEADER, ledger_row("V1")], "Old": [HEADER, ledger_row("O1")],
             "Secret": [HEADER, ledger_row("S1", 999999)]},
            {"Old": "hidden", "Secret": "very hidden"}),
        "formulas_saved_as_zero.xlsx": book(
            [HEADER, ledger_row("Z1", None), ledger_row("Z2", None), ledger_row("Z3", 10)],
            formulas={(1, 4): ("=100*1.5", 0), (2, 4): ("=B9*2", 0)}),
        "cp1252_names.csv": names_csv(LATIN_NAMES, "cp1252"),
        "gbk_names.csv": names_csv(CHINESE_NAMES, "gbk"),
        "utf8_names.csv": names_csv(LATIN_NAMES + CHINESE_NAMES, "utf-8"),
        "lookalike_names.csv": "\n".join([
            CSV_HEADER,
            "K1,\u0410cme,Email,invoiced,1,2026-03-10",      # Cyrillic А: mixed scripts
            "K2,Acme\u200b,Email,invoiced,1,2026-03-10",     # zero-width space
            "K3,Ac\x00me,Email,invoiced,1,2026-03-10",       # NUL
            "K4,\u202eemcA,Email,invoiced,1,2026-03-10",     # right-to-left override
            "K5,\uff21\uff43\uff4d\uff45,Email,invoiced,1,2026-03-10",  # full-width Ａｃｍｅ
            ""]).encode("utf-8"),
        "duplicate_keys.xlsx": sheets_book({"January": [HEADER, ledger_row("F1"),
                                                        ledger_row("F2")],
                                            "February": [HEADER, ledger_row("F3"),
                                                         ledger_row("F1", 999999)]}),
        "duplicate_keys_more.csv": names_csv(["Acme"], "utf-8").replace(b"N1,", b"F2,"),
    }


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, make in corpus().items():
        if sys.argv[1:] and name not in sys.argv[1:]:
            continue
        data = make()
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")
