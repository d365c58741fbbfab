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

from spendline import kinds
from spendline.kinds import Column, Kind

TEMPLATE_KINDS: list[str] = list(kinds.KINDS)

AUTHOR = "Spendline"
CURRENCIES = ("EUR", "USD", "GBP", "CNY", "CHF", "SEK")
YES_NO = ("yes", "no")

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

# What each column holds, in plain words; the type, allowed values and default are added.
DESCRIPTIONS: dict[str, str] = {
    "period": "The month (2026-03), quarter (2026-Q2) or year (2026) the money is planned for. "
              "A quarter or year is spread evenly over its months.",
    "channel": "Marketing channel, e.g. Paid social, Search, Events, Print.",
    "platform": "Platform or medium, e.g. Meta, Google Ads, LinkedIn.",
    "category": "Cost category, e.g. Media, Production, Agency fees.",
    "campaign": "Campaign name, spelled the same way in every sheet.",
    "account": "Client or account the money belongs to.",
    "amount": "Planned amount, a number of zero or more.",
    "currency": "Currency of the amounts on this row.",
    "version": "Whether the row is the approved budget or a later forecast.",
    "budget_line": "Your own code for the budget line.",
    "document_id": "Quote, purchase order or invoice number; kept as text.",
    "vendor": "Supplier name, spelled as in the Vendors sheet.",
    "status": "Where the document stands.",
    "amount_net": "Amount without VAT. Negative only for a credit note "
                  "(status invoiced or paid).",
    "vat_amount": "VAT amount of the document.",
    "vat_rate": "VAT rate as a fraction (0.22 for 22%).",
    "description": "What was bought.",
    "po_number": "For an invoice: the document_id of the order it draws on.",
    "quote_date": "Date of the quote.",
    "order_date": "Date of the order.",
    "invoice_date": "Invoice date; needed when status is invoiced or paid.",
    "due_date": "Payment due date; not before the invoice date.",
    "paid_date": "Date paid; needed when status is paid, not before the invoice date.",
    "has_contract": "Is there a signed contract?",
    "has_invoice": "Has the invoice been received?",
    "has_receipt": "Is there a proof of payment or delivery?",
    "approved_by": "Who approved the spend.",
    "approval_level": "Level that approved it: below 5,000 manager, below 25,000 finance, "
                      "from 25,000 executive (default thresholds).",
    "date": "Day, week start or month the results belong to.",
    "impressions": "Impressions, a whole number of zero or more.",
    "clicks": "Clicks, a whole number of zero or more.",
    "leads": "Leads, a whole number of zero or more.",
    "opportunities": "Sales opportunities, a whole number of zero or more.",
    "customers": "New customers won, a whole number of zero or more.",
    "revenue": "Revenue attributed to the campaign, zero or more.",
    "platform_spend": "Spend as the ad platform reports it (for reconciliation only).",
    "services": "What the vendor does for you.",
    "contact": "Contact person.",
    "email": "Contact e-mail address.",
    "phone": "Contact phone number; kept as text.",
    "city": "City.",
    "country": "Country.",
    "website": "Web site address.",
    "rating": "Your rating of the vendor, a whole number from 1 to 5.",
    "notes": "Anything else worth knowing.",
    "month": "The month the rate applies to, as 2026-03.",
    "rate": "Units of base currency for one unit of this currency (e.g. 0.92 EUR per USD).",
}

VENDOR_CATEGORY_HINT = ("One of agency, production, media, venue, photographer, staffing, "
                        "influencer, software, print, or your own word.")

TYPE_WORDS: dict[str, str] = {
    kinds.TEXT: "text",
    kinds.MONEY: "money: a number with at most two decimals",
    kinds.RATE: "number",
    kinds.DATE: "date (yyyy-mm-dd)",
    kinds.PERIOD: "month, quarter or year, typed as text",
    kinds.MONTH: "month as text, yyyy-mm",
    kinds.INTEGER: "whole number",
    kinds.BOOL: "yes or no",
    kinds.STATUS: "one of the listed words",
    kinds.VERSION: "one of the listed words",
    kinds.CURRENCY: "currency code (ISO 4217)",
}

EXAMPLES: dict[str, dict[str, object]] = {
    "budget": {
        "period": "2026-03",
        "channel": "Paid social",
        "platform": "Meta",
        "category": "Media",
        "campaign": "Spring launch",
        "account": "Default",
        "amount": 12000.00,
        "currency": "EUR",
        "version": "budget",
        "budget_line": "MKT-001",
    },
    "spend": {
        "document_id": "INV-2026-0042",
        "vendor": "Northwind Media",
        "channel": "Paid social",
        "status": "paid",
        "amount_net": 4500.00,
        "vat_amount": 990.00,
        "vat_rate": 0.22,
        "currency": "EUR",
        "platform": "Meta",
        "category": "Media",
        "campaign": "Spring launch",
        "account": "Default",
        "budget_line": "MKT-001",
        "description": "March ad placements",
        "po_number": "PO-2026-0007",
        "quote_date": dt.date(2026, 2, 10),
        "order_date": dt.date(2026, 2, 16),
        "invoice_date": dt.date(2026, 3, 31),
        "due_date": dt.date(2026, 4, 30),
        "paid_date": dt.date(2026, 4, 28),
        "has_contract": "yes",
        "has_invoice": "yes",
        "has_receipt": "yes",
        "approved_by": "Anna Rossi",
        "approval_level": "manager",
    },
    "results": {
        "date": dt.date(2026, 3, 1),
        "campaign": "Spring launch",
        "channel": "Paid social",
        "platform": "Meta",
        "account": "Default",
        "impressions": 250000,
        "clicks": 3100,
        "leads": 140,
        "opportunities": 32,
        "customers": 9,
        "revenue": 27000.00,
        "platform_spend": 4480.50,
        "currency": "EUR",
    },
    "vendors": {
        "vendor": "Northwind Media",
        "category": "media",
        "services": "Social media buying",
        "contact": "Mikko Virtanen",
        "email": "mikko@northwind.example",
        "phone": "+358 40 123 4567",
        "city": "Helsinki",
        "country": "Finland",
        "website": "https://northwind.example",
        "rating": 4,
        "status": "active",
        "notes": "Framework agreement until 2027",
    },
    "fx_rates": {
        "currency": "USD",
        "month": "2026-03",
        "rate": 0.92,
    },
}


def _closed_set(kind: Kind, col: Column) -> tuple[str, ...] | None:
    """The words allowed in a column, when it has a fixed list."""
    if col.type == kinds.STATUS:
        return kinds.STATUSES
    if col.type == kinds.VERSION:
        return kinds.VERSIONS
    if col.type == kinds.BOOL:
        return YES_NO
    if col.type == kinds.CURRENCY:
        return CURRENCIES
    if kind.name == "vendors" and col.name == "status":
        return kinds.VENDOR_STATUSES
    if col.name == "approval_level":
        return kinds.APPROVAL_LEVELS
    return None


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


def _default_words(col: Column) -> str | None:
    if col.default is None:
        if col.type == kinds.CURRENCY and not col.required:
            return "the base currency"
        return None
    if isinstance(col.default, bool):
        return "yes" if col.default else "no"
    return str(col.default)


def describe(kind: Kind, col: Column) -> str:
    """One plain sentence or two on what a column holds: meaning, type, values, default."""
    parts = [DESCRIPTIONS.get(col.name, col.name.replace("_", " ").capitalize() + ".")]
    if kind.name == "vendors" and col.name == "category":
        parts = [VENDOR_CATEGORY_HINT]
    if kind.name == "vendors" and col.name == "status":
        parts = ["Whether you still work with the vendor."]
    parts.append(f"Type: {TYPE_WORDS.get(col.type, col.type)}.")
    allowed = _closed_set(kind, col)
    if allowed:
        if col.type == kinds.CURRENCY:
            parts.append(f"Common codes: {', '.join(allowed)}; any ISO code is accepted.")
        else:
            parts.append(f"Allowed: {', '.join(allowed)}.")
    if col.name == "rating":
        parts.append("Allowed: 1 to 5.")
    default = _default_words(col)
    if default is not None:
        parts.append(f"If empty: {default}.")
    return " ".join(parts)


def _header_comment(kind: Kind, col: Column) -> Comment:
    head = "Required." if col.required else "Optional."
    text = f"{head}\n{describe(kind, col)}"
    lines = max(3, len(text) // 38 + text.count("\n") + 1)
    return Comment(text, AUTHOR, height=min(16 * lines + 10, 260), width=260)


def _validation(kind: Kind, col: Column, letter: str) -> DataValidation | None:
    cells = f"{letter}2:{letter}{VALIDATION_LAST_ROW}"
    allowed = _closed_set(kind, col)
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
