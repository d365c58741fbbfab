"""Small workbooks and CSV files built in code for the tests."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
from streamlit.testing.v1 import AppTest

from loaders.intake import Intake, Options, UploadedFile, read_upload
from spendline.access import User
from spendline.config import ROOT


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook: sheet name -> rows (row 1 first); None leaves a cell empty."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    text = "\n".join(delimiter.join("" if c is None else str(c) for c in row) for row in rows)
    return (text + "\n").encode(encoding)


def read(name: str, data: bytes, **options) -> Intake:
    return read_upload([UploadedFile(name, data)], Options(**options))


def only_frame(intake: Intake):
    """The one stored sheet's frame; fails with the problem table when there is none."""
    assert not intake.has_errors, intake.problem_table().to_string()
    [sheet] = intake.stored_sheets
    return sheet.frame


def problems(intake: Intake, level: str = "error") -> list[tuple]:
    """(row, column, value, problem) of every problem of a level, in table order."""
    table = intake.problem_table()
    table = table[table["level"] == level]
    return [(None if pd.isna(r.row) else int(r.row), r.column,
             None if pd.isna(r.value) else r.value, r.problem) for r in table.itertuples()]


SPEND_HEADER = ["document_id", "vendor", "channel", "status", "amount_net", "currency",
                "invoice_date", "due_date", "paid_date"]


def page_as(page: str, email: str, role: str) -> AppTest:
    """One page run on its own (not through app.py) with this user signed in."""
    at = AppTest.from_file(str(ROOT / page), default_timeout=120)
    at.session_state["user"] = User(email, role)
    return at.run()
