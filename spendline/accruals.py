"""Month-end accruals for finance (SPEC §4 "Accruals"): the `accruals` view's lines added up
per month or channel, and the same lines laid out as a journal entry workbook.

Totals add up the lines as the view rounds them (cents): an accrual is booked line by line,
so a journal's total must be the sum of its lines, to the cent.
"""

from __future__ import annotations

import calendar
import io
from datetime import date, datetime
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc
import xlsxwriter

from spendline.sheet_rules import safe_text

MONEY = pa.decimal128(18, 2)
SOURCES = {"platform": "platform spend not invoiced", "order": "open order"}
# The journal's columns: what finance posts, then where each line comes from. Account and
# cost centre are left empty for finance, who know the chart of accounts.
JOURNAL_COLUMNS = ["Posting date", "Account", "Cost centre", "Description", "Amount",
                   "Currency", "Month", "Source", "Channel", "Platform", "Vendor", "Document"]


def month_end(day: date) -> date:
    """The last day of `day`'s month: the accruals' posting date."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def total(lines: pa.Table) -> Decimal:
    """What there is to accrue: the sum of the lines' to_accrue, exactly."""
    return pc.sum(lines.column("to_accrue")).as_py() or Decimal("0.00")


def total_by_source(lines: pa.Table) -> dict[str, Decimal]:
    """What each source adds to the total: {'platform': ..., 'order': ...}."""
    out = dict.fromkeys(SOURCES, Decimal("0.00"))
    for row in lines.group_by("source").aggregate([("to_accrue", "sum")]).to_pylist():
        out[row["source"]] = row["to_accrue_sum"]
    return out


def totals(lines: pa.Table, by: str) -> pa.Table:
    """The lines added up per `by` (month or channel): from_platforms, from_orders,
    to_accrue (their sum) and the number of lines, in the order of `by`."""
    grouped = lines.select([by, "source", "to_accrue"]).group_by([by, "source"]).aggregate(
        [("to_accrue", "sum"), ("to_accrue", "count")])
    out: dict[str, dict] = {}
    for row in grouped.to_pylist():
        entry = out.setdefault(row[by], {by: row[by], "from_platforms": Decimal("0.00"),
                                         "from_orders": Decimal("0.00"), "lines": 0})
        entry["from_platforms" if row["source"] == "platform" else "from_orders"] += row[
            "to_accrue_sum"]
        entry["lines"] += row["to_accrue_count"]
    rows = [{**e, "to_accrue": e["from_platforms"] + e["from_orders"]}
            for _, e in sorted(out.items())]
    return pa.Table.from_pylist(rows, schema=pa.schema([
        (by, pa.string()), ("from_platforms", MONEY), ("from_orders", MONEY),
        ("to_accrue", MONEY), ("lines", pa.int64())]))


def description(line: dict) -> str:
    """'Accrual 2026-10, open order: Events / Venues / Acme / PO-17' (empty parts left out)."""
    parts = [line[k] for k in ("channel", "platform", "vendor", "document_id") if line[k]]
    return f"Accrual {line['month']}, {SOURCES[line['source']]}: {' / '.join(parts)}"


def journal_workbook(lines: pa.Table, as_of: date, currency: str) -> bytes:
    """The accruals as a journal entry (.xlsx): one line per accrual, dated the as-of
    month's last day, account and cost centre empty for finance, the amount a number.
    Text is written as text (strings_to_formulas off) and text a spreadsheet would run as
    a formula gets a leading ' as in every download."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False,
                                        "strings_to_numbers": False})
    sheet = book.add_worksheet("Journal")
    bold = book.add_format({"bold": True})
    day_format = book.add_format({"num_format": "yyyy-mm-dd"})
    money_format = book.add_format({"num_format": "#,##0.00"})
    posting = datetime.combine(month_end(as_of), datetime.min.time())
    for col, name in enumerate(JOURNAL_COLUMNS):
        sheet.write_string(0, col, name, bold)
    for row, line in enumerate(lines.to_pylist(), start=1):
        sheet.write_datetime(row, 0, posting, day_format)
        sheet.write_blank(row, 1, None)
        sheet.write_blank(row, 2, None)
        sheet.write_string(row, 3, safe_text(description(line)))
        # Cents as a float is the value Excel holds and shows (the view rounds to cents).
        sheet.write_number(row, 4, float(line["to_accrue"]), money_format)
        for col, value in enumerate((currency, line["month"], line["source"], line["channel"],
                                     line["platform"], line["vendor"], line["document_id"]),
                                    start=5):
            if value:
                sheet.write_string(row, col, safe_text(value))
    for col, width in enumerate((12, 12, 12, 60, 14, 9, 9, 9, 16, 24, 28, 16)):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def journal_filename(as_of: date) -> str:
    return f"accruals_journal_{month_end(as_of):%Y-%m-%d}.xlsx"
