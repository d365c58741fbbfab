"""The user's workbook handed back with its problems marked in place."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from loaders.highlight import highlight_workbook, highlighted_filename
from loaders.problems import ERROR, WARNING, Problem, problem_frame

RED = "FFC7CE"
YELLOW = "FFEB9C"


def _rgb(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill.fill_type == "solid" else ""


def _user_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Ledger 2026"
    ws["A1"] = "Marketing spend 2026"
    ws.merge_cells("A1:C1")
    ws.append([])
    ws.append(["Numero fattura", "Fornitore", "Importo", "Stato", "Totale lordo"])  # row 3
    ws.append(["F-001", "Acme", 1200, "pagato", "=C4*1.22"])  # row 4
    ws.append(["F-002", "Acme", "abc", "fatturato", "=C5*1.22"])  # row 5
    ws.append(["F-002", "Beta", -50, "ordine", "=C6*1.22"])  # row 6
    ws.append(["Totale", None, "=SUM(C4:C6)"])  # row 7
    ws["B4"].comment = Comment("checked by Anna", "Anna")
    notes = wb.create_sheet("Notes")
    notes["A1"] = "nothing here"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _problems():
    return problem_frame([
        Problem("Ledger 2026", 5, "Importo", "abc", "Not a number.", ERROR, col_index=3),
        Problem("Ledger 2026", 5, "Importo", "abc", "Amount is required.", ERROR, col_index=3),
        Problem("Ledger 2026", 6, "Importo", "-50", "Negative amount on an ordered row.",
                ERROR, col_index=3),
        Problem("Ledger 2026", 6, None, None, "Duplicate document F-002 of Beta.", ERROR),
        Problem("Ledger 2026", 7, None, "Totale", "Totals row skipped.", WARNING),
        Problem("Ledger 2026", None, "due_date", None, "Required column due_date is missing.",
                ERROR),
        Problem("Notes", None, None, None, "Sheet of no known kind, skipped.", WARNING),
        Problem("Gone", 3, "x", "=cmd|' /C calc'!A0", "Sheet not in this file.", ERROR,
                col_index=1),
    ])


def _reopen(data: bytes):
    return load_workbook(BytesIO(data))


def test_filename():
    assert highlighted_filename("budget.xlsx") == "budget_problems.xlsx"
    assert highlighted_filename("spend.csv") == "spend_problems.xlsx"
    assert highlighted_filename("Q1.budget.XLSM") == "Q1.budget_problems.xlsx"
    assert highlighted_filename("noext") == "noext_problems.xlsx"


def test_cell_row_and_sheet_problems_are_marked():
    out = highlight_workbook("ledger.xlsx", _user_workbook(), _problems())
    wb = _reopen(out)
    assert wb.sheetnames == ["Problems", "Ledger 2026", "Notes"]
    assert wb.active.title == "Problems"
    ws = wb["Ledger 2026"]

    # a cell with two problems: red, dark red font, one comment with both lines
    c5 = ws["C5"]
    assert _rgb(c5) == RED
    assert c5.font.color.rgb.endswith("9C0006")
    assert c5.comment.author == "Spendline"
    assert "Not a number." in c5.comment.text
    assert "Amount is required." in c5.comment.text
    assert c5.value == "abc"  # the user's data is untouched
    assert _rgb(ws["A5"]) == "" and ws["A5"].comment is None

    # a row problem: the row is lightly marked, its first cell carries the comment,
    # and the cell problem on the same row keeps its stronger red
    assert "Duplicate document F-002 of Beta." in ws["A6"].comment.text
    assert _rgb(ws["A6"]) not in ("", RED) and _rgb(ws["E6"]) == _rgb(ws["A6"])
    assert _rgb(ws["C6"]) == RED
    assert "Negative amount" in ws["C6"].comment.text

    # a warning row is yellowish, not red
    assert "Totals row skipped." in ws["A7"].comment.text
    assert _rgb(ws["B7"]) not in ("", RED)

    # a sheet problem lands on A1 (top-left of the merged title), next to nothing else
    assert "Required column due_date is missing." in ws["A1"].comment.text
    assert "due_date" in ws["A1"].comment.text
    assert "Sheet of no known kind" in wb["Notes"]["A1"].comment.text

    # formulas, values and the user's own comment survive
    assert ws["E4"].value == "=C4*1.22"
    assert ws["C7"].value == "=SUM(C4:C6)"
    assert ws["A1"].value == "Marketing spend 2026"
    assert "A1:C1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["B4"].comment.text == "checked by Anna"
    assert _rgb(ws["B4"]) == ""


def test_problems_sheet_lists_every_problem():
    frame = _problems()
    wb = _reopen(highlight_workbook("ledger.xlsx", _user_workbook(), frame))
    ws = wb["Problems"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("level", "sheet", "row", "column", "value", "problem")
    assert len(rows) == len(frame) + 1
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:F")
    assert ws["A1"].font.b
    body = list(rows[1:])
    assert {r[5] for r in body} == set(frame["problem"])
    dup = next(r for r in body if r[5].startswith("Duplicate"))
    assert dup[:4] == ("error", "Ledger 2026", 6, None)
    whole_sheet = next(r for r in body if r[5].startswith("Required column"))
    assert whole_sheet[2] is None
    # a link to the place of each problem in a sheet that exists
    link = ws.cell(row=body.index(dup) + 2, column=2).hyperlink
    assert link is not None and link.location == "'Ledger 2026'!A6"
    # the sheet that is not in the file is listed but links nowhere
    gone = body.index(next(r for r in body if r[1] == "Gone")) + 2
    assert ws.cell(row=gone, column=2).hyperlink is None


def test_formula_like_values_stay_text_in_problems_sheet():
    wb = _reopen(highlight_workbook("ledger.xlsx", _user_workbook(), _problems()))
    ws = wb["Problems"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    evil = [c for c in cells if str(c.value).startswith("=")]
    assert evil and all(c.data_type == "s" for c in evil)
    negative = [c for c in cells if c.value == "-50"]
    assert negative and negative[0].data_type == "s"
    # and no cell anywhere in the Problems sheet is a formula
    assert not any(c.data_type == "f" for c in cells)
    with zipfile.ZipFile(BytesIO(highlight_workbook("l.xlsx", _user_workbook(),
                                                    _problems()))) as zf:
        sheet1 = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet1


def test_csv_input_is_rebuilt_from_raw_rows():
    raw = {"spend": [
        ["Spend export"],
        [],
        ["document_id", "vendor", "amount_net", "note"],
        ["00123", "Acme", "1.200,00", "=HYPERLINK(\"http://x\")"],
        ["00124", "Beta", "abc", "+1 555"],
        ["00125", None, "10", "@SUM(1)"],
    ]}
    problems = problem_frame([
        Problem("spend", 5, "amount_net", "abc", "Not a number.", ERROR, col_index=3),
        Problem("spend", 6, "vendor", None, "Vendor is required.", ERROR, col_index=2),
        Problem("spend", 3, None, None, "Header row found on row 3.", WARNING),
    ])
    out = highlight_workbook("spend.csv", b"ignored", problems, raw_sheets=raw)
    wb = _reopen(out)
    assert wb.sheetnames == ["Problems", "spend"]
    ws = wb["spend"]
    assert ws["A1"].value == "Spend export"
    assert ws["A4"].value == "00123"  # leading zeros kept, as read
    assert ws["C4"].value == "1.200,00"
    assert _rgb(ws["C5"]) == RED and "Not a number." in ws["C5"].comment.text
    assert _rgb(ws["B6"]) == RED and "Vendor is required." in ws["B6"].comment.text
    assert "Header row found" in ws["A3"].comment.text
    for coord in ("D4", "D5", "D6"):
        assert ws[coord].data_type == "s", coord
    assert ws["D4"].value == '=HYPERLINK("http://x")'


def test_csv_single_sheet_takes_problems_under_another_name():
    raw = {"data": [["vendor", "amount"], ["Acme", "x"]]}
    problems = problem_frame([
        Problem("export.csv", 2, "amount", "x", "Not a number.", ERROR, col_index=2)])
    wb = _reopen(highlight_workbook("export.csv", b"", problems, raw_sheets=raw))
    assert "Not a number." in wb["data"]["B2"].comment.text
    assert wb["Problems"]["B2"].value == "data"


def test_rebuilt_sheet_names_are_made_valid_and_values_typed():
    long_name = "Budget/2026: [draft] * version? with a very long name"
    raw = {
        long_name: [["period", "amount"], [dt.date(2026, 3, 1), 12.5], [None, float("nan")]],
        "Problems": [["a"], ["b"]],
    }
    problems = problem_frame([
        Problem(long_name, 2, "amount", "12.5", "Too small.", WARNING, col_index=2),
        Problem("Problems", 2, "a", "b", "Bad b.", ERROR, col_index=1),
    ])
    wb = _reopen(highlight_workbook("budget.ods", b"", problems, raw_sheets=raw))
    assert wb.sheetnames[0] == "Problems"
    assert len(wb.sheetnames) == 3
    fixed = wb.sheetnames[1]
    assert len(fixed) <= 31 and not set(fixed) & set("[]:*?/\\")
    ws = wb[fixed]
    assert ws["A2"].value == dt.datetime(2026, 3, 1) and ws["B2"].value == 12.5
    assert ws["B3"].value is None
    assert _rgb(ws["B2"]) == YELLOW and "Too small." in ws["B2"].comment.text
    # the user's own sheet called "Problems" was renamed, and still gets its mark
    user_problems = wb[wb.sheetnames[2]]
    assert user_problems.title != "Problems" and user_problems["A1"].value == "a"
    assert "Bad b." in user_problems["A2"].comment.text


def test_xls_without_raw_rows_is_refused():
    with pytest.raises(ValueError):
        highlight_workbook("old.xls", b"\xd0\xcf\x11\xe0", problem_frame([]))
    with pytest.raises(ValueError):
        highlight_workbook("broken.xlsx", b"not a zip", problem_frame([]))


def _as_xlsm(xlsx: bytes) -> bytes:
    """The same workbook dressed as a macro-enabled one, with a (dummy) VBA project."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(xlsx)) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            text = zin.read(name)
            if name == "[Content_Types].xml":
                text = text.decode().replace(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    "</Types>",
                    '<Override PartName="/xl/vbaProject.bin" '
                    'ContentType="application/vnd.ms-office.vbaProject" /></Types>',
                ).encode()
            elif name == "xl/_rels/workbook.xml.rels":
                text = text.decode().replace(
                    "</Relationships>",
                    '<Relationship Type="http://schemas.microsoft.com/office/2006/'
                    'relationships/vbaProject" Target="vbaProject.bin" Id="rId99" />'
                    "</Relationships>",
                ).encode()
            zout.writestr(name, text)
        zout.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really vba")
    return out.getvalue()


def test_xlsm_comes_back_as_plain_xlsx():
    xlsm = _as_xlsm(_user_workbook())
    with zipfile.ZipFile(BytesIO(xlsm)) as zf:
        assert "macroEnabled" in zf.read("[Content_Types].xml").decode()
    problems = problem_frame([
        Problem("Ledger 2026", 5, "Importo", "abc", "Not a number.", ERROR, col_index=3)])
    out = highlight_workbook("macro.xlsm", xlsm, problems)
    with zipfile.ZipFile(BytesIO(out)) as zf:
        types = zf.read("[Content_Types].xml").decode()
        assert "vbaProject" not in " ".join(zf.namelist())
    assert "spreadsheetml.sheet.main+xml" in types and "macroEnabled" not in types
    wb = _reopen(out)
    assert wb.sheetnames == ["Problems", "Ledger 2026", "Notes"]
    assert wb["Ledger 2026"]["E5"].value == "=C5*1.22"
    assert _rgb(wb["Ledger 2026"]["C5"]) == RED


def test_no_problems_gives_an_empty_problems_sheet():
    out = highlight_workbook("clean.xlsx", _user_workbook(), problem_frame([]))
    wb = _reopen(out)
    wb = _reopen(out)
    assert wb.sheetnames == ["Problems", "Ledger 2026", "Notes"]
    assert list(wb["Problems"].iter_rows(values_only=True)) == [
        ("level", "sheet", "row", "column", "value", "problem")]


# -- made in the parse worker (issue 17): openpyxl holds a whole workbook in memory ---------
def _bad_upload():
    from loaders.intake import UploadedFile, read_upload
    from spendline.store import Store
    from spendline.uploads import intake_options

    csv = b"date,channel,platform,campaign,spend\n2026-03-01,Search,Google Ads,Brand,abc\n"
    file = UploadedFile("spend.csv", csv)
    return file, read_upload([file], intake_options(Store(":memory:")))


def test_the_marked_file_is_made_in_the_worker_not_in_the_server(monkeypatch):
    from loaders import highlight
    from ui import upload_flow

    file, intake = _bad_upload()
    assert not intake.problem_table().empty

    def not_here(*args, **kwargs):
        raise AssertionError("marked up in the server's process")

    monkeypatch.setattr(highlight, "highlight_workbook", not_here)
    name, data = upload_flow.highlighted(intake, file)
    wb = _reopen(data)
    assert name == "spend_problems.xlsx"
    assert wb.sheetnames[0] == "Problems"
    bad = wb["spend"]["E2"]
    assert bad.value == "abc" and _rgb(bad) == RED


def test_a_file_too_large_to_mark_up_gives_the_problems_alone(monkeypatch):
    from loaders import worker
    from loaders.read import FileRefused
    from ui import upload_flow

    file, intake = _bad_upload()

    def refused(filename, data, problems):
        raise FileRefused(f"{filename} needs more memory to read than allowed")

    monkeypatch.setattr(worker, "highlight", refused)
    name, data = upload_flow.highlighted(intake, file)
    wb = _reopen(data)
    assert name == "spend_problems.xlsx"
    assert wb.sheetnames == ["Problems"]
    messages = [row[0].value for row in wb["Problems"].iter_rows(min_row=2)]
    assert len(messages) == len(intake.problem_table())
