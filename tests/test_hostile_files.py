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
    "too_many_rows.xlsx": [(None, None, "Sheet 'Ledger' of too_many_rows.xlsx has 1,000,001 "
                                        "rows, over the limit of 1,000,000: split it into "
                                        "smaller files.")],
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
                              "long_text.xlsx"}
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
