"""Views as CSV, the same bytes for the command line and the page downloads (SPEC §5):
money with two decimals and a dot, ratios with four, empty for an empty ratio, and text that
a spreadsheet would run as a formula escaped with a leading ' (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pyarrow as pa

from spendline.sheet_rules import safe_text


def plain_number(value: Decimal, decimal: str = ".") -> str:
    """A number as a machine reads it: no thousands separator, no currency, an ASCII minus,
    the view's DECIMAL scale (2 for money, 4 for ratios), `decimal` as the decimal mark."""
    text = str(value)
    return text if decimal == "." else text.replace(".", decimal)


def _cell(value: object, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_number(value, decimal)
    if isinstance(value, float) and decimal != ".":
        return repr(value).replace(".", decimal)
    return str(safe_text(value))


def table_csv(table: pa.Table, delimiter: str = ",", decimal: str = ".") -> str:
    """SPEC §5 by default (the command line); a reader's Excel with a decimal comma reads
    `;` between fields and `,` in numbers (the page downloads, ui/downloads.py)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", delimiter=delimiter)
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        writer.writerow([_cell(v, decimal) for v in row.values()])
    return out.getvalue()
