"""Views as CSV, the same bytes for the command line and the page downloads (SPEC §5):
money with two decimals and a dot, ratios with four, empty for an empty ratio, and text that
a spreadsheet would run as a formula escaped with a leading ' (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pyarrow as pa

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_text(value: object) -> object:
    """Text a spreadsheet would evaluate gets a leading '; a carriage return inside text
    becomes a line feed (Python's csv module quotes a field for \n but not for a lone \r,
    which would break the row); anything else is unchanged."""
    if not isinstance(value, str):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value)  # the view's DECIMAL scale: 2 for money, 4 for ratios
    return str(safe_text(value))


def table_csv(table: pa.Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        writer.writerow([_cell(v) for v in row.values()])
    return out.getvalue()
