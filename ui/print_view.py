"""Whole tables in a page printed from the browser (the print style sheet is ui/style.py).

Streamlit's tables (st.dataframe) draw on a canvas that scrolls inside a fixed height, so a
printout would show the rows in view only. Each table therefore also carries a plain HTML
copy that the screen never shows and print shows instead of the canvas (`table`)."""

from __future__ import annotations

import html

import pandas as pd
import pyarrow as pa
import streamlit as st

from spendline import column_kinds as ck
from spendline import formats as fmt
from spendline.labels import column_label
from ui import table_format

PRINT_ROWS = 1_000  # a printed table longer than this is 20+ pages: the CSV is the better copy

def table_html(data: pa.Table | pd.DataFrame, currency: str = "EUR",
               max_rows: int = PRINT_ROWS) -> str:
    """The rows as a plain HTML table, written as the screen writes them (headers in words,
    figures in the reader's style: ui/table_format.py), every text escaped (uploaded names
    are text)."""
    kinds = ck.kinds(data)
    frame = data.to_pandas() if isinstance(data, pa.Table) else data.reset_index(drop=True)
    shown = frame.head(max_rows)
    writers = table_format.formatters(shown, kinds, currency)
    numeric = {name for name, kind in kinds.items()
               if kind in (ck.MONEY, ck.PERCENT, ck.TIMES, ck.POINTS, ck.COUNT, ck.NUMBER)}
    head = "".join(f"<th>{html.escape(column_label(str(c)))}</th>" for c in frame.columns)
    rows = []
    for i in shown.index:
        cells = []
        for name in shown.columns:
            text = _cell(writers.get(str(name)), shown, i, name)
            attribute = ' class="n"' if name in numeric else ""
            cells.append(f"<td{attribute}>{html.escape(text)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    more = (f"<p>The first {fmt.integer(max_rows)} of {fmt.integer(len(frame))} rows; the CSV "
            "has every row.</p>" if len(frame) > max_rows else "")
    return (f"<div class='spendline-print'><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{more}</div>")


def _cell(write, frame: pd.DataFrame, i, name) -> str:
    value = frame.loc[i, name]
    if isinstance(write, dict):  # money in the row's own currency
        write = write.get(str(frame.loc[i, "currency"]))
    if write is None:  # a yes/no column (a tick box on screen), or no writer for its currency
        if isinstance(value, bool):
            return "yes" if value else "no"
        return fmt.MISSING if value is None or value != value else str(value)
    return write(value)


def table(data: pa.Table | pd.DataFrame, currency: str = "EUR") -> None:
    """The print-only copy of a table shown on screen with st.dataframe."""
    st.html(table_html(data, currency))
