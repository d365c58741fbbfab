"""The fast .xlsx reader (loaders.fastread: fastexcel, typed columns, pieces read in
parallel) gives what the slow path (python-calamine, a Python object per cell) gives: the
same frames, the same problems, the same row and column numbers as the user sees them."""

from __future__ import annotations

import io
from datetime import datetime, time
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pytest
import xlsxwriter

from loaders import fastread, intake, worker
from loaders.intake import UploadedFile, read_upload
from tests.helpers import xlsx

DEMO = Path(__file__).parent.parent / "data" / "demo"
HOSTILE = Path(__file__).parent / "hostile" / "files"


@pytest.fixture(autouse=True)
def in_process(monkeypatch):
    """These tests watch fastread at work: read in this process, not in the worker."""
    monkeypatch.setattr(intake, "parse_upload", worker.parse_here)


def both_ways(monkeypatch, name: str, data: bytes):
    """(fast, slow) intakes of one file; fails when the fast path was not taken."""
    taken = []
    real = fastread.read

    def watch(*args, **kwargs):
        result = real(*args, **kwargs)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(fastread, "read", watch)
    fast = read_upload([UploadedFile(name, data)])
    monkeypatch.setattr(fastread, "read", lambda *a, **k: None)
    slow = read_upload([UploadedFile(name, data)])
    return fast, slow, taken == [True]


def assert_same(fast, slow):
    pd.testing.assert_frame_equal(fast.problem_table(), slow.problem_table())
    assert [(s.sheet, s.kind) for s in fast.sheets] == [(s.sheet, s.kind) for s in slow.sheets]
    for f, s in zip(fast.sheets, slow.sheets, strict=True):
        assert (f.frame is None) == (s.frame is None)
        if f.frame is not None:
            assert f.frame.columns.tolist() == s.frame.columns.tolist()
            for column in f.frame.columns:
                left = f.frame[column].astype(object).where(f.frame[column].notna(), None)
                right = s.frame[column].astype(object).where(s.frame[column].notna(), None)
                assert left.tolist() == right.tolist(), column
        if f.table is not None:
            assert f.table.row_numbers.tolist() == s.table.row_numbers.tolist()
            assert f.table.headers == s.table.headers
            assert f.preview().astype(str).equals(s.preview().astype(str))


def title_block_workbook() -> bytes:
    """A ledger under a title, with blank rows above and inside, a leading empty column A,
    a totals row, and bad cells whose row and column numbers the user must be told."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Ledger 2026"
    ws["C2"] = "Marketing ledger 2026"
    ws["C3"] = "Prepared by finance"
    header = ["document_id", "vendor", "channel", "status", "amount_net", "invoice_date",
              "paid_date"]
    for j, text in enumerate(header):
        ws.cell(row=6, column=2 + j, value=text)  # the header on row 6, from column B
    rows = {7: ["A1", "Acme", "Email", "paid", 100.5, datetime(2026, 3, 1),
                datetime(2026, 3, 5)],
            8: ["A2", "Acme", "Email", "invoiced", -3, datetime(2026, 3, 2), None],
            10: ["A3", "Beta", "Display", "paid", 12.25, datetime(2026, 4, 1), None],
            11: ["Total", None, None, None, 109.75, None, None]}
    for r, values in rows.items():
        for j, value in enumerate(values):
            if value is not None:
                ws.cell(row=r, column=2 + j, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_title_block_blank_rows_and_a_leading_empty_column_keep_the_users_numbers(
        monkeypatch):
    fast, slow, taken = both_ways(monkeypatch, "ledger.xlsx", title_block_workbook())
    assert taken
    assert_same(fast, slow)
    table = fast.problem_table()
    errors = table[table["level"] == "error"]
    # row 10's paid date is missing (row as in Excel); column F is the 5th of the table,
    # the 6th of the sheet (A is empty): col_index counts the sheet's columns
    assert errors[["row", "column", "problem", "col_index"]].values.tolist() == [
        [10, "paid_date", "paid rows need a paid date", 8],
    ]
    warnings = table[(table["level"] == "warning") & table["row"].notna()]
    assert warnings[["row", "problem"]].values.tolist() == [
        [9, "blank row skipped"], [11, "totals row skipped"]]
    [sheet] = fast.sheets
    assert sheet.table.header_row == 6
    assert sheet.table.row_numbers.tolist() == [7, 8, 10]


def test_a_bad_cell_is_named_by_its_excel_row_and_column(monkeypatch):
    data = title_block_workbook()
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.active["F8"] = "abc"  # amount_net of row 8: text in a number column
    out = io.BytesIO()
    book.save(out)
    fast, slow, _ = both_ways(monkeypatch, "ledger.xlsx", out.getvalue())
    assert_same(fast, slow)
    table = fast.problem_table()
    bad = table[table["problem"] == "not a number"]
    assert bad[["row", "column", "value", "col_index"]].values.tolist() == [
        [8, "amount_net", "abc", 6]]


@pytest.mark.parametrize("path", sorted(DEMO.glob("*.xlsx")), ids=lambda p: p.name)
def test_the_demo_workbooks_read_the_same_both_ways(monkeypatch, path):
    fast, slow, taken = both_ways(monkeypatch, path.name, path.read_bytes())
    assert taken
    assert_same(fast, slow)


# Read here in this process: files that only the parse worker's memory limit can stop (the
# far cell without a <dimension> asks the reader for 524 GB and aborts the process) are left
# to tests/test_hostile_files.py, which reads them through the worker.
ONLY_THROUGH_THE_WORKER = {"bomb.xlsx", "far_cell_no_dimension.xlsx"}


@pytest.mark.parametrize("path", sorted(p for p in HOSTILE.glob("*.xlsx")
                                        if p.name not in ONLY_THROUGH_THE_WORKER),
                         ids=lambda p: p.name)
def test_hostile_workbooks_read_the_same_both_ways(monkeypatch, path):
    fast, slow, _ = both_ways(monkeypatch, path.name, path.read_bytes())
    assert_same(fast, slow)


CASES = {
    "numbers typed and as text in one column": [
        ["document_id", "vendor", "channel", "status", "amount_net", "invoice_date"],
        ["A", "V", "Email", "invoiced", 10.5, datetime(2026, 1, 1)],
        ["B", "V", "Email", "invoiced", "1.234,50", datetime(2026, 1, 2)]],
    "whole numbers as document ids, dates with a time, bools": [
        ["document_id", "vendor", "channel", "status", "amount_net", "invoice_date",
         "has_contract"],
        [1001, "V", "Email", "invoiced", 10, datetime(2026, 1, 1, 13, 30), True],
        [1002.0, " V ", "Email", "invoiced", 0.1, datetime(2026, 1, 2), False]],
    "a time of day in a date column": [
        ["document_id", "vendor", "channel", "status", "amount_net", "invoice_date"],
        ["A", "V", "Email", "invoiced", 1, time(12, 0)]],
    "an empty column between columns, text with spaces": [
        ["document_id", None, "vendor", "channel", "status", "amount_net", "invoice_date"],
        ["A", None, "  V\u3000", "Email", "invoiced", 1, "2026-01-01"],
        ["   ", None, None, None, None, None, None],
        ["B", None, "W", "Email", "invoiced", 2, "2026-01-02"]],
    "too many decimals and a negative zero": [
        ["document_id", "vendor", "channel", "status", "amount_net", "invoice_date"],
        ["A", "V", "Email", "invoiced", 1.005, "2026-01-01"],
        ["B", "V", "Email", "invoiced", -0.0, "2026-01-01"],
        ["C", "V", "Email", "invoiced", 1e17, "2026-01-01"]],
    "a header below thirty blank rows": [[None]] * 32 + [
        ["document_id", "vendor", "channel", "status", "amount_net", "invoice_date"],
        ["A", "V", "Email", "invoiced", 1, "2026-01-01"]],
    "results with counts": [
        ["date", "campaign", "channel", "leads", "revenue", "clicks"],
        [datetime(2026, 1, 1), "C", "Email", 3, 100, 40.0],
        [datetime(2026, 1, 1), "D", "Email", 2.5, 100, None]],
}


@pytest.mark.parametrize("rows", CASES.values(), ids=CASES.keys())
def test_odd_sheets_read_the_same_both_ways(monkeypatch, rows):
    fast, slow, _ = both_ways(monkeypatch, "s.xlsx", xlsx({"S": rows}))
    assert_same(fast, slow)


def big_ledger(rows: int) -> bytes:
    """A ledger of some size with blank rows and a totals row at the end, from xlsxwriter
    (inline strings, like the benchmark's), for reading in several pieces."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = book.add_worksheet("Ledger")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, ["Ledger"])
    ws.write_row(2, 0, ["document_id", "vendor", "channel", "status", "amount_net",
                        "invoice_date", "paid_date"])
    r = 3
    for i in range(rows):
        if i % 97 == 0:
            r += 1  # a blank row now and then
        ws.write_row(r, 0, [f"D{i}", f"Vendor {i % 7}", "Email", "paid", 10 + i / 100])
        ws.write_datetime(r, 5, datetime(2026, 1, 1 + i % 28), day)
        ws.write_datetime(r, 6, datetime(2026, 2, 1 + i % 28), day)
        r += 1
    ws.write_row(r, 0, ["Total", None, None, None, 1.0])
    book.close()
    return out.getvalue()


def test_a_sheet_read_in_many_pieces_is_read_whole(monkeypatch):
    monkeypatch.setattr(fastread, "_PIECE", 20_000)  # some 100 rows a piece
    monkeypatch.setattr(fastread, "_UNPACK", 4_096)
    pieces = []
    real = fastread._parse_piece
    monkeypatch.setattr(fastread, "_parse_piece", lambda *a: pieces.append(a[2:]) or real(*a))
    fast, slow, taken = both_ways(monkeypatch, "big.xlsx", big_ledger(2_000))
    assert taken
    assert_same(fast, slow)
    [sheet] = fast.sheets
    assert len(sheet.frame) == 2_000
    assert sum(p.problem == "blank row skipped" for p in fast.problems) == 21
    assert len(pieces) > 10


def test_the_worker_answers_with_the_columns_in_their_pieces():
    """The worker's answer carries an Arrow-backed column chunk by chunk (pandas' own pickle
    joins them, a copy of every text column); the parent gets the same frames."""
    import pickle

    from loaders import answer_pickle
    from loaders.layout import HEADER_SEARCH_ROWS, find_header

    data = big_ledger(500)
    sheets, facts = worker.parse_here("big.xlsx", data, find_header, HEADER_SEARCH_ROWS)
    text = sheets[0].data[0].array._pa_array
    chunked = pa.chunked_array([text.slice(0, 200), text.slice(200)])
    column = sheets[0].data[0]
    sheets[0].data[0] = pd.Series(pd.arrays.ArrowStringArray(chunked), dtype=column.dtype)
    buffers = []
    payload = answer_pickle.dumps(("ok", (sheets, facts)), buffers)
    assert buffers  # out of band
    status, (back, back_facts) = pickle.loads(payload, buffers=[b.raw() for b in buffers])
    assert status == "ok" and back_facts == facts
    assert back[0].data[0].array._pa_array.num_chunks == 2
    for mine, theirs in zip(sheets, back, strict=True):
        pd.testing.assert_frame_equal(mine.data, theirs.data)
    # and through the worker itself: the frames the parse in this process gives
    through = worker.parse_upload("big.xlsx", data, find_header, HEADER_SEARCH_ROWS)
    pd.testing.assert_frame_equal(through[0][0].data, worker.parse_here(
        "big.xlsx", data, find_header, HEADER_SEARCH_ROWS)[0][0].data)
