"""Blank, ready-to-fill .xlsx templates, one per canonical sheet kind (SPEC §2).

Each template has the canonical headers (so the loaders recognise the sheet at once), a
comment on every header saying what the column holds, one example row, drop-down lists for
the closed value sets and number formats for money, rates, dates and months. A second sheet,
"How to fill", lists the columns in plain words.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from loaders.template_notes import EXAMPLES, closed_set, describe
from spendline import kinds
from spendline.kinds import Column, Kind

TEMPLATE_KINDS: list[str] = list(kinds.KINDS)

AUTHOR = "Spendline"

VALIDATION_LAST_ROW = 5000  # drop-down lists and checks reach down to this row
FORMAT_LAST_ROW = 1000  # number formats are set on the cells down to this row

MONEY_FORMAT = "#,##0.00"
VAT_RATE_FORMAT = "0.00"
FX_RATE_FORMAT = "0.000000"
INTEGER_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"

# Columns kept as text so that Excel does not turn "2026-03" into a date or "00123" into 123.
TEXT_COLUMNS = ("period", "month", "document_id", "po_number", "budget_line", "phone")

REQUIRED_FILL = PatternFill("solid", fgColor="1F4E78")
REQUIRED_FONT = Font(bold=True, color="FFFFFF")
OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
OPTIONAL_FONT = Font(bold=True, color="1F3864")


def _number_format(col: Column) -> str | None:
    if col.type == kinds.MONEY:
        return MONEY_FORMAT
    if col.type == kinds.RATE:
        return VAT_RATE_FORMAT if col.name == "vat_rate" else FX_RATE_FORMAT
    if col.type == kinds.DATE:
        return DATE_FORMAT
    if col.type == kinds.INTEGER:
        return INTEGER_FORMAT
    if col.type in (kinds.PERIOD, kinds.MONTH) or col.name in TEXT_COLUMNS:
        return TEXT_FORMAT
    return None


def _header_comment(kind: Kind, col: Column) -> Comment:
    head = "Required." if col.required else "Optional."
    text = f"{head}\n{describe(kind, col)}"
    lines = max(3, len(text) // 38 + text.count("\n") + 1)
    return Comment(text, AUTHOR, height=min(16 * lines + 10, 260), width=260)


def _validation(kind: Kind, col: Column, letter: str) -> DataValidation | None:
    cells = f"{letter}2:{letter}{VALIDATION_LAST_ROW}"
    allowed = closed_set(kind, col)
    if allowed:
        strict = col.type != kinds.CURRENCY  # other ISO codes are fine, just not listed
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(allowed) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if strict else "information",
            errorTitle=col.name,
            error=(f"Choose one of: {', '.join(allowed)}." if strict
                   else "Not in the list; any ISO 4217 code is accepted."),
        )
    elif col.name == "rating":
        dv = DataValidation(
            type="whole", operator="between", formula1="1", formula2="5",
            allow_blank=True, showErrorMessage=True, errorStyle="stop",
            errorTitle="rating", error="A whole number from 1 to 5.",
        )
    else:
        return None
    dv.add(cells)
    return dv


def _width(col: Column, example: object) -> float:
    if isinstance(example, dt.date):
        shown = 10
    elif isinstance(example, float):
        shown = len(f"{example:,.2f}")
    else:
        shown = len(str(example)) if example is not None else 0
    return float(min(max(len(col.name) + 4, shown + 2, 10), 40))


def _fill_data_sheet(ws: Worksheet, kind: Kind) -> None:
    example = EXAMPLES.get(kind.name, {})
    for idx, col in enumerate(kind.columns, start=1):
        letter = get_column_letter(idx)
        head = ws.cell(row=1, column=idx, value=col.name)
        head.font = REQUIRED_FONT if col.required else OPTIONAL_FONT
        head.fill = REQUIRED_FILL if col.required else OPTIONAL_FILL
        head.alignment = Alignment(vertical="center")
        head.comment = _header_comment(kind, col)

        fmt = _number_format(col)
        if fmt is not None:
            for row in range(2, FORMAT_LAST_ROW + 1):
                ws.cell(row=row, column=idx).number_format = fmt
        value = example.get(col.name)
        if value is not None:
            ws.cell(row=2, column=idx, value=value)

        dv = _validation(kind, col, letter)
        if dv is not None:
            ws.add_data_validation(dv)
        ws.column_dimensions[letter].width = _width(col, value)

    last = get_column_letter(len(kind.columns))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}2"
    ws.row_dimensions[1].height = 20


def _fill_help_sheet(ws: Worksheet, kind: Kind) -> None:
    lines = [
        f"How to fill the {kind.label} sheet",
        "",
        "One row per record, from row 2 down. Keep the headers in row 1 as they are.",
        "Row 2 is an example: replace it with your own data or delete it before uploading.",
        "Dark headers are required; light headers are optional and may be left empty.",
        "Hover over a header to see what it holds; drop-down lists show the allowed words.",
        "Money: plain numbers, no currency symbol (put the code in the currency column).",
    ]
    if kind.key and set(kind.key) <= set(kind.names):
        lines.append("Each row is identified by: " + ", ".join(kind.key) + ".")
    for text in lines:
        ws.append([text])
    ws["A1"].font = Font(bold=True, size=14)

    header_row = ws.max_row + 2
    for idx, title in enumerate(("column", "required", "what it holds"), start=1):
        cell = ws.cell(row=header_row, column=idx, value=title)
        cell.font = Font(bold=True)
        cell.fill = OPTIONAL_FILL
    for offset, col in enumerate(kind.columns, start=1):
        row = header_row + offset
        ws.cell(row=row, column=1, value=col.name).font = Font(bold=col.required)
        ws.cell(row=row, column=2, value="required" if col.required else "optional")
        ws.cell(row=row, column=3, value=describe(kind, col)).alignment = Alignment(
            wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 11
    ws.column_dimensions["C"].width = 100


def template_workbook(kind: str) -> bytes:
    """The .xlsx template for one kind of kinds.KINDS; ValueError for an unknown kind."""
    if kind not in kinds.KINDS:
        raise ValueError(f"Unknown sheet kind {kind!r}; known: {', '.join(kinds.KINDS)}")
    spec = kinds.KINDS[kind]
    wb = Workbook()
    data = wb.active
    data.title = spec.label
    _fill_data_sheet(data, spec)
    _fill_help_sheet(wb.create_sheet("How to fill"), spec)
    wb.active = 0
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def template_filename(kind: str) -> str:
    """Download name of a kind's template, e.g. "spendline_template_spend.xlsx"."""
    if kind not in kinds.KINDS:
        raise ValueError(f"Unknown sheet kind {kind!r}")
    return f"spendline_template_{kind}.xlsx"
