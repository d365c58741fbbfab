"""The corpus of hostile and broken files (tests/hostile/files, made by make_corpus.py): each
is refused or read correctly, with the exact message a user gets, and none leaves anything
half-stored."""

from decimal import Decimal as D
from pathlib import Path

import pandas as pd
import pytest

from loaders.intake import UploadedFile
from spendline.store import Store
from spendline.uploads import import_files

FILES = Path(__file__).parent / "hostile" / "files"
EXCEL_ERROR = "the cell holds the Excel error {}: fix the formula or type the value"
MEMORY = ("needs more memory to read than the 2,048 MB Spendline allows for one file: it is "
          "too large or not a genuine workbook (a decompression bomb). Split it into smaller "
          "files.")
BOMBS = ["far_cell.xlsx", "far_cell_no_dimension.xlsx", "styles_bomb.xlsx",
         "strings_bomb.xlsx", "repeated_rows.ods"]

REFUSED = {
    "renamed_text.xlsx": [(None, None, "renamed_text.xlsx is not a real .xlsx workbook (it may "
                                       "be renamed).")],
    "truncated.xlsx": [(None, None, "truncated.xlsx is damaged and cannot be opened: save it "
                                    "again from Excel and upload the new file.")],
    "empty_workbook.xlsx": [(None, None, "empty_workbook.xlsx holds no data (the workbook is "
                                         "empty).")],
    "headers_only.xlsx": [(None, None, "headers_only.xlsx has headers but no rows to store.")],
    "password.xlsx": [(None, None, "password.xlsx is password-protected or encrypted: save it "
                                   "without a password and upload it again.")],
    "bomb.xlsx": [(None, None, "bomb.xlsx unpacks to more than 512 MB: it is too large or not "
                               "a genuine workbook.")],
    # its last cell is on row 1,000,002 (<dimension ref="A1:G1000002"/>, checked before
    # reading; python-calamine's total_height, which the message used to quote, is one less)
    "too_many_rows.xlsx": [(None, None, "Sheet 'Ledger' of too_many_rows.xlsx has 1,000,002 "
                                        "rows, over the limit of 1,000,000: split it into "
                                        "smaller files.")],
    # issue 17 §1: memory bombs, refused before any reader allocates
    "far_cell.xlsx": [(None, None, "Sheet 'Ledger' of far_cell.xlsx uses cells up to "
                                   "XFD999999, 16,383,983,616 cells, over the limit of "
                                   "40,000,000: delete what lies outside the table (or split "
                                   "it) and upload it again.")],
    # no <dimension> to check: the parse worker runs out of its memory and dies, alone
    "far_cell_no_dimension.xlsx": [(None, None, f"far_cell_no_dimension.xlsx {MEMORY}")],
    "styles_bomb.xlsx": [(None, None, "styles_bomb.xlsx has more than 64 MB of cell formats "
                                      "(styles), the limit: it is not a genuine workbook. Save "
                                      "it again from Excel and upload the new file.")],
    "strings_bomb.xlsx": [(None, None, "strings_bomb.xlsx holds more than 5,000,000 different "
                                       "texts (shared strings), the limit: split it into "
                                       "smaller files.")],
    "repeated_rows.ods": [(None, None, "Sheet 'Ledger' of repeated_rows.ods has 50,000,001 "
                                       "rows, over the limit of 1,000,000: split it into "
                                       "smaller files.")],
    # issue 17 §5: plain words instead of tracebacks
    "entities_and_error.xlsx": [(None, None, "entities_and_error.xlsx declares XML entities, "
                                             "which Spendline refuses (a known way to attack "
                                             "XML readers): save it again from Excel and "
                                             "upload the new file.")],
    "old_office.xlsx": [(None, None, "old_office.xlsx is an old-format Office file (such as an "
                                     "Excel 97-2003 .xls), not a .xlsx workbook: open it in "
                                     "Excel, save it as .xlsx and upload that.")],
    "error_values.xlsx": [(2, "amount_net", EXCEL_ERROR.format("#REF!")),
                          (3, "amount_net", EXCEL_ERROR.format("#DIV/0!"))],
    "dates_1900_9999.xlsx": [
        (2, "invoice_date", "not a date: the cell holds a time of day or a date before 1900"),
        (3, "invoice_date", "date out of range")],
    # money is DECIMAL(18,6): up to 999,999,999,999.999999, so 10**15 and 10**17 are too large
    "huge_amounts.xlsx": [(2, "amount_net", "too large for an amount"),
                          (3, "amount_net", "too large for an amount")],
    "unknown_currency.xlsx": [(2, "currency", "unknown currency 'XYZ'")],
    "mixed_types.xlsx": [(4, "amount_net", "not a number"), (5, "amount_net", "not a number")],
}


def load(tmp_path, name):
    store = Store(tmp_path / "s.duckdb")
    intake, ids = import_files(store, [UploadedFile(name, (FILES / name).read_bytes())])
    return store, intake, ids


def test_every_corpus_file_is_covered():
    covered = set(REFUSED) | {"formulas_and_links.xlsx", "lookalike_headers.xlsx",
                              "long_text.xlsx", *SILENT_BEFORE}
    assert {p.name for p in FILES.iterdir()} == covered


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_a_plain_message_and_nothing_stored(tmp_path, name):
    store, intake, ids = load(tmp_path, name)
    errors = intake.problem_table().query("level == 'error'")
    got = [(None if pd.isna(r.row) else int(r.row), None if pd.isna(r.column) else r.column,
            r.problem)
           for r in errors.itertuples()]
    assert got == REFUSED[name]
    assert ids == []
    assert store.is_empty()
    assert store.query("select count(*) from spend_rows").column(0)[0].as_py() == 0


def test_formulas_and_external_links_use_the_saved_values(tmp_path):
    store, _intake, ids = load(tmp_path, "formulas_and_links.xlsx")
    assert ids
    amounts = store.query("select document_id, amount_net from spend order by 1").to_pylist()
    # =100*1.5 saved as 150; ='[budget.xlsx]Sheet1'!A1 saved as 42.5: never evaluated
    assert amounts == [{"document_id": "F1", "amount_net": D("150.00")},
                       {"document_id": "F2", "amount_net": D("42.50")}]


def test_lookalike_and_invisible_characters_in_headers_are_read(tmp_path):
    store, _intake, ids = load(tmp_path, "lookalike_headers.xlsx")
    assert ids
    assert store.query("select vendor, channel, amount_net from spend").to_pylist() == [
        {"vendor": "Acme", "channel": "Email", "amount_net": D("100.00")}]


def test_very_long_text_is_kept_whole(tmp_path):
    store, _intake, ids = load(tmp_path, "long_text.xlsx")
    assert ids
    [description] = store.query("select description from spend").column(0).to_pylist()
    assert description == ("Lorem ipsum " * 2730).strip()


def test_huge_but_valid_amount_is_exact(tmp_path):
    from tests.helpers import xlsx

    data = xlsx({"L": [["document_id", "vendor", "channel", "status", "amount_net",
                        "invoice_date"], ["A", "V", "Email", "invoiced", "999999999999.999999",
                                          "2026-01-01"]]})
    store = Store(tmp_path / "s.duckdb")
    _, ids = import_files(store, [UploadedFile("l.xlsx", data)])
    assert ids
    assert store.query("select amount_net from spend").column(0)[0].as_py() == \
        D("999999999999.999999")


# -- CSV: the row limit, and a cell no spreadsheet holds ------------------------------------
CSV_HEADER = "document_id,vendor,channel,status,amount_net,invoice_date\n"


def csv_refused(tmp_path, name: str, data: bytes) -> list:
    store = Store(tmp_path / "s.duckdb")
    intake, ids = import_files(store, [UploadedFile(name, data)])
    assert ids == [] and store.is_empty()
    return [p.problem for p in intake.problems]


def test_a_csv_over_the_row_limit_is_refused(tmp_path):
    rows = "A,V,Email,invoiced,1,2026-03-01\n" * 1_200_000
    assert csv_refused(tmp_path, "big.csv", (CSV_HEADER + rows).encode()) == [
        "big.csv has 1,200,001 rows, over the limit of 1,000,000: split it into smaller files."]


def test_a_csv_at_the_row_limit_is_read(tmp_path):
    from loaders.csv_read import read_csv_rows

    rows = read_csv_rows((CSV_HEADER + "A,V,Email,invoiced,1,2026-03-01\n" * 999_999).encode())
    assert len(rows) == 1_000_000


def test_a_csv_cell_over_200_kb_is_refused_plainly(tmp_path):
    data = (CSV_HEADER + "A1,V,Email,invoiced,1,2026-03-01\n"
            + "A2," + "x" * 200_000 + ",Email,invoiced,1,2026-03-01\n").encode()
    assert csv_refused(tmp_path, "long.csv", data) == [
        "Line 3 of long.csv has a cell longer than 131,072 characters, the limit (a "
        "spreadsheet cell holds at most 32,767): check that the file is a table saved as CSV."]


# -- the parse worker: a bomb costs the worker, never the server ----------------------------
PEAK = """
import resource, sys
from pathlib import Path
from loaders.intake import UploadedFile, read_upload
for name in sys.argv[1:]:
    read_upload([UploadedFile(name, (Path(%r) / name).read_bytes())])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def test_the_bombs_leave_the_server_under_1_gb(tmp_path):
    """Every bomb read by one process (a server's part: the page's read_upload), under an
    8 GB address-space cap so that a failure cannot take the machine down: its peak
    resident memory stays under 1 GB (the worker's are its own, limited to 2 GB)."""
    import subprocess
    import sys

    from spendline.config import ROOT

    limit = 8 << 30
    done = subprocess.run(
        [sys.executable, "-c", "import resource; resource.setrlimit(resource.RLIMIT_AS, "
         f"({limit}, {limit})); exec({PEAK % str(FILES)!r})", *BOMBS],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) < 1024


def test_a_worker_that_takes_too_long_is_stopped(monkeypatch):
    from loaders import worker
    from loaders.intake import read_upload

    monkeypatch.setattr(worker, "TIME_SECONDS", 0.0001)
    intake = read_upload([UploadedFile("slow.xlsx", (FILES / "mixed_types.xlsx").read_bytes())])
    assert [p.problem for p in intake.problems] == [
        "slow.xlsx took longer than 0 s to read, the limit: it is too large or not a genuine "
        "workbook. Split it into smaller files."]


# -- issue 17 §3: files whose trouble used to pass in silence ------------------------------------
SILENT_BEFORE = {"hidden_sheets.xlsx", "formulas_saved_as_zero.xlsx", "cp1252_names.csv",
                 "gbk_names.csv", "utf8_names.csv", "lookalike_names.csv",
                 "duplicate_keys.xlsx", "duplicate_keys_more.csv"}


def notes(intake, level: str = "warning") -> list[tuple]:
    """(file, sheet, row, column, value, problem) of a level, but the 'read as' notes."""
    table = intake.problem_table().query("level == @level")
    return [(r.file, r.sheet, None if pd.isna(r.row) else int(r.row),
             None if pd.isna(r.column) else r.column, r.value, r.problem)
            for r in table.itertuples() if " read as a" not in r.problem]


def test_hidden_and_very_hidden_sheets_are_skipped_with_a_warning(tmp_path):
    store, intake, ids = load(tmp_path, "hidden_sheets.xlsx")
    assert ids
    assert store.query("select document_id from spend").column(0).to_pylist() == ["V1"]
    how = ("Sheet '{}' is {} in the workbook: skipped. If it holds rows to store, pick its "
           "kind by hand (on the command line --sheet NAME --kind KIND).")
    assert notes(intake) == [
        ("hidden_sheets.xlsx", "Old", None, None, None, how.format("Old", "hidden")),
        ("hidden_sheets.xlsx", "Secret", None, None, None,
         how.format("Secret", "very hidden (Excel's menus cannot show it)"))]


def test_a_hidden_sheet_chosen_by_hand_is_read(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    data = (FILES / "hidden_sheets.xlsx").read_bytes()
    _, ids = import_files(store, [UploadedFile("hidden_sheets.xlsx", data)],
                          kind_overrides={("hidden_sheets.xlsx", "Old"): "spend"})
    assert ids
    assert store.query("select document_id from spend order by 1").column(0).to_pylist() == \
        ["O1", "V1"]


def test_formulas_saved_as_zero_are_stored_with_a_warning(tmp_path):
    store, intake, ids = load(tmp_path, "formulas_saved_as_zero.xlsx")
    assert ids
    assert store.query("select document_id, amount_net from spend order by 1").to_pylist() == [
        {"document_id": "Z1", "amount_net": D("0")}, {"document_id": "Z2", "amount_net": D("0")},
        {"document_id": "Z3", "amount_net": D("10")}]
    assert notes(intake) == [(
        "formulas_saved_as_zero.xlsx", "Ledger", 2, None, None,
        "2 formula cells of sheet 'Ledger' were saved with no value or as 0 (first: E2): Excel "
        "never calculated them (the file was written by a program), so 0 or empty is read. "
        "Open the file in Excel, save it, and upload it again.")]


NOT_UTF8 = ("The file is not UTF-8: read as {} text. Check the names in the preview; saving "
            "it from Excel as 'CSV UTF-8' avoids the guess.")


@pytest.mark.parametrize("name,vendors,warning", [
    # German, French, Italian and Finnish names saved by Excel as Windows-1252
    ("cp1252_names.csv", ["Müller GmbH", "François Père", "Città Srl", "Åbo Mäkelä Öy"],
     NOT_UTF8.format("Windows-1252")),
    ("gbk_names.csv", ["北京广告有限公司", "上海传媒"], NOT_UTF8.format("GBK")),
    ("utf8_names.csv", ["Müller GmbH", "François Père", "Città Srl", "Åbo Mäkelä Öy",
                        "北京广告有限公司", "上海传媒"], None),
])
def test_csv_names_in_every_language_keep_their_letters(tmp_path, name, vendors, warning):
    store, intake, ids = load(tmp_path, name)
    assert ids
    assert store.query("select vendor from spend order by document_id").column(0).to_pylist() \
        == vendors
    # the preview shows them right too, and says how the file was read
    [sheet] = intake.sheets
    assert sheet.preview()["vendor"].tolist() == vendors
    assert notes(intake) == ([] if warning is None else
                             [(name, name.removesuffix(".csv"), None, None, None, warning)])


def test_text_in_none_of_the_encodings_read_is_refused(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    # 0x81 is in neither Windows-1252 nor, alone at the end, GBK
    data = "vendor,category\nM\u00fcller,agency\n".encode("cp1252") + b"\x81"
    intake, ids = import_files(store, [UploadedFile("odd.csv", data)])
    assert ids == []
    assert notes(intake, "error") == [(
        "odd.csv", "odd.csv", None, None, None,
        "The file is not text in UTF-8, Windows-1252 or GBK (or mixes them): save it from "
        "Excel as 'CSV UTF-8' and upload it again.")]


INVISIBLE = ("the name holds an invisible character ({}): names may not hold control, "
             "zero-width or text-direction characters; type it again")


def test_lookalike_and_invisible_characters_in_names(tmp_path):
    store, intake, ids = load(tmp_path, "lookalike_names.csv")
    assert ids == [] and store.is_empty()
    sheet = ("lookalike_names.csv", "lookalike_names")
    assert notes(intake, "error") == [
        (*sheet, 3, "vendor", "Acme\u200b", INVISIBLE.format("U+200B ZERO WIDTH SPACE")),
        (*sheet, 4, "vendor", "Ac\x00me", INVISIBLE.format("U+0000 CONTROL CHARACTER")),
        (*sheet, 5, "vendor", "\u202eemcA", INVISIBLE.format("U+202E RIGHT-TO-LEFT OVERRIDE"))]
    assert notes(intake) == [
        (*sheet, 2, "vendor", "\u0410cme",
         "the name mixes Cyrillic and Latin letters: a look-alike of another name? Check it"),
        (*sheet, 6, "vendor", "\uff21\uff43\uff4d\uff45",
         "stored as 'Acme' (written in Unicode compatibility forms, such as full-width "
         "letters)")]


def test_full_width_names_become_the_same_vendor(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    data = ("document_id,vendor,channel,status,amount_net,invoice_date\n"
            "W1,Acme,Email,invoiced,1,2026-03-10\n"
            "W2,\uff21\uff43\uff4d\uff45,\uff25mail,invoiced,1,2026-03-10\n").encode()
    _, ids = import_files(store, [UploadedFile("w.csv", data)])
    assert ids
    assert store.query("select distinct vendor, channel from spend").to_pylist() == [
        {"vendor": "Acme", "channel": "Email"}]


TWICE = ("the key vendor 'Acme', document_id '{}' is in both {} and {}: one upload may hold a "
         "key once (the later row would replace the earlier); keep one of them")


def test_a_key_in_two_sheets_or_two_files_of_one_upload_is_an_error(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    files = [UploadedFile(n, (FILES / n).read_bytes())
             for n in ("duplicate_keys.xlsx", "duplicate_keys_more.csv")]
    intake, ids = import_files(store, files)
    assert ids == [] and store.is_empty()
    assert notes(intake, "error") == [
        ("duplicate_keys.xlsx", "February", 3, None, None,
         TWICE.format("F1", "duplicate_keys.xlsx › January row 2",
                      "duplicate_keys.xlsx › February row 3")),
        ("duplicate_keys_more.csv", "duplicate_keys_more", 2, None, None,
         TWICE.format("F2", "duplicate_keys.xlsx › January row 3",
                      "duplicate_keys_more.csv › duplicate_keys_more row 2"))]


def test_two_budget_sheets_of_one_fiscal_year_and_account_are_an_error(tmp_path):
    from tests.helpers import xlsx

    store = Store(tmp_path / "s.duckdb")
    header = ["period", "channel", "amount", "account"]
    data = xlsx({"Q1": [header, ["2026-01", "Email", "10", "Aurora"]],
                 "Q2": [header, ["2026-04", "Email", "10", "Aurora"],
                        ["2026-04", "Email", "10", "Lumen"]]})
    intake, ids = import_files(store, [UploadedFile("b.xlsx", data)])
    assert ids == []
    assert notes(intake, "error") == [(
        "b.xlsx", "Q2", 2, None, None,
        "the budget of FY2026, version 'budget', account 'Aurora' is in both b.xlsx › Q1 row "
        "2 and b.xlsx › Q2 row 2: an upload replaces a fiscal year of a version and account "
        "once, so the later sheet would replace the earlier; put these rows in one sheet")]
