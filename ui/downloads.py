"""File builders for downloads: CSV with formula-like text escaped (OWASP CSV injection)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from spendline.csv_out import table_csv
from spendline.sheet_rules import safe_text


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix ' to text cells a spreadsheet would run as a formula; numbers stay numbers."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            out[name] = column.map(safe_text)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel opens accented and Chinese text right."""
    return escape_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def view_csv_bytes(table: pa.Table) -> bytes:
    """A view's CSV exactly as the command line writes it, with a BOM for Excel."""
    return table_csv(table).encode("utf-8-sig")
