"""File builders for downloads: CSV with formula-like text escaped (OWASP CSV injection), in
the reader's delimiter and decimal mark (README, data section: "CSV for the reader's Excel")."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pyarrow as pa

from spendline import formats as fmt
from spendline.csv_out import plain_number, table_csv
from spendline.sheet_rules import safe_text


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix ' to text cells a spreadsheet would run as a formula; numbers stay numbers."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            out[name] = column.map(safe_text)
    return out


def csv_bytes(frame: pd.DataFrame, style: fmt.Style | None = None) -> bytes:
    """UTF-8 with BOM so Excel opens accented and Chinese text right; `;` and a decimal
    comma for a reader whose numbers have one (the current style unless given)."""
    numbers = (style or fmt.current()).numbers
    out = escape_formulas(frame)
    # After the escaping: a number written as text ("-5,00") is still a number, not a formula.
    for name in out.columns:
        if out[name].dtype == object:
            out[name] = out[name].map(lambda v: plain_number(v, numbers.decimal)
                                      if isinstance(v, Decimal) else v)
    return out.to_csv(index=False, sep=numbers.csv_delimiter,
                      decimal=numbers.decimal).encode("utf-8-sig")


def view_csv_bytes(table: pa.Table, style: fmt.Style | None = None) -> bytes:
    """A view's CSV as the command line writes it (SPEC §5), with a BOM for Excel; for a
    reader whose decimal mark is a comma, `;` between fields and a comma in numbers."""
    numbers = (style or fmt.current()).numbers
    return table_csv(table, delimiter=numbers.csv_delimiter,
                     decimal=numbers.decimal).encode("utf-8-sig")
