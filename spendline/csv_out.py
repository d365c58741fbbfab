"""Views as CSV, the same bytes for the command line and the page downloads (SPEC §5):
money with two decimals and a dot, ratios with four, empty for an empty ratio, and text that
a spreadsheet would run as a formula escaped with a leading ' (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pyarrow as pa

from spendline.sheet_rules import safe_text


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
