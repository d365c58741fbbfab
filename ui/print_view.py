"""Whole tables in a page printed from the browser (the print style sheet is ui/style.py).

Streamlit's tables (st.dataframe) draw on a canvas that scrolls inside a fixed height, so a
printout would show the rows in view only. Each table therefore also carries a plain HTML
copy that the screen never shows and print shows instead of the canvas (`table`)."""

from __future__ import annotations

import html
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import streamlit as st

PRINT_ROWS = 1_000  # a printed table longer than this is 20+ pages: the CSV is the better copy

def _cell(value) -> tuple[str, bool]:
    """A value as printed text, and whether it is a number (right-aligned)."""
    if value is None or (not isinstance(value, str | list | dict) and pd.isna(value)):
        return "—", False
    if isinstance(value, Decimal | float):
        return f"{value:,.2f}".replace("-", "−"), True
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, int):
        return f"{value:,}".replace("-", "−"), True
    return str(value), False


def table_html(data: pa.Table | pd.DataFrame, max_rows: int = PRINT_ROWS) -> str:
    """The rows as a plain HTML table, every text escaped (uploaded names are text)."""
    frame = data.to_pandas() if isinstance(data, pa.Table) else data
    head = "".join(f"<th>{html.escape(str(c).replace('_', ' '))}</th>" for c in frame.columns)
    rows = []
    for record in frame.head(max_rows).itertuples(index=False, name=None):
        cells = []
        for value in record:
            text, number = _cell(value)
            attribute = ' class="n"' if number else ""
            cells.append(f"<td{attribute}>{html.escape(text)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    more = (f"<p>The first {max_rows:,} of {len(frame):,} rows; the CSV has every row.</p>"
            if len(frame) > max_rows else "")
    return (f"<div class='spendline-print'><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{more}</div>")


def table(data: pa.Table | pd.DataFrame) -> None:
    """The print-only copy of a table shown on screen with st.dataframe."""
    st.html(table_html(data))
