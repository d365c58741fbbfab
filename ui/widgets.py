"""Pieces every page draws the same way: money tables with their CSV, charts with their data,
KPI tiles and the Export-all workbook."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from spendline import clock
from spendline import formats as fmt
from spendline.views import VIEWS, Filters
from ui import data, print_view, safe_text, state, table_format, wide
from ui.downloads import csv_bytes, view_csv_bytes
from ui.exports import XLSX_MIME, export_workbook, filter_rows
from ui.filters import fiscal_months, fiscal_year_of

MAX_ROWS_ON_SCREEN = 2_000


def base_currency() -> str:
    return state.settings()["base_currency"]


def fiscal_year(filters: Filters) -> Filters:
    """The filters widened to the whole fiscal year of their month range (KPIs, landing)."""
    start = filters.from_month or filters.as_of or clock.today()
    first = state.first_month()
    months = fiscal_months(fiscal_year_of(start, first), first)
    return replace(filters, from_month=months[0], to_month=months[-1])


# One rounding of the exact sum (README "Rounding"): said under every table whose rows are
# shown beside a total of them (tiles, an account's row), where the two may differ by cents.
ROUNDING_NOTE = ("Each figure is its source rows added up exactly and rounded once to the cent, "
                 "so rows may differ from their total by a cent.")


def show(data_: pa.Table | pd.DataFrame, *, key: str | None = None,
         height: int | str = "auto", in_row_currency: bool = False,
         column_order: list[str] | None = None) -> None:
    """A table on screen: headers in words, figures in the reader's number style
    (ui/table_format.py), sorted by value; `column_order` the columns shown (None: all)."""
    columns = list(data_.column_names if isinstance(data_, pa.Table) else data_.columns)
    st.dataframe(table_format.styled(data_, base_currency(), in_row_currency=in_row_currency),
                 hide_index=True, height=height, placeholder=fmt.MISSING,
                 column_config=table_format.column_config([str(c) for c in columns]),
                 column_order=column_order, key=None if key is None else f"table_{key}")


def csv_download(column, data_: pa.Table | pd.DataFrame, *, key: str, file_name: str,
                 label: str = "CSV") -> None:
    """A CSV of every row (SPEC §5 columns for a view), for the reader's Excel: the style is
    taken now, as Streamlit builds the file later, outside this page run."""
    style = fmt.current()
    column.download_button(
        label, data=lambda: view_csv_bytes(data_, style) if isinstance(data_, pa.Table)
        else csv_bytes(data_, style), file_name=f"{file_name}.csv", mime="text/csv",
        on_click="ignore", key=f"csv_{key}", icon=":material/download:", width="stretch")


def table(data_: pa.Table | pd.DataFrame, *, key: str, file_name: str, caption: str = "",
          height: int | str = "auto", max_rows: int = MAX_ROWS_ON_SCREEN) -> None:
    """A table with a CSV download of every row (SPEC §5 columns for a view). At most
    `max_rows` rows are drawn: a browser table of 100k rows costs seconds to send and
    nobody reads it on screen; the CSV keeps them all, and the caption says so."""
    rows = data_.num_rows if isinstance(data_, pa.Table) else len(data_)
    shown = data_
    if rows > max_rows:
        shown = data_.slice(0, max_rows) if isinstance(data_, pa.Table) else data_.head(max_rows)
        note = (f"The first {fmt.integer(max_rows)} of {fmt.integer(rows)} rows; the CSV has "
                "every row.")
        caption = f"{caption} {note}" if caption else note
    columns = list(data_.column_names if isinstance(data_, pa.Table) else data_.columns)
    show(shown, key=key, height=height,
         column_order=wide.column_order(key, file_name, columns))  # ui/wide.py
    print_view.table(shown, base_currency())  # whole when printed (the canvas is not)
    cols = st.columns([3, 1])
    if caption:
        cols[0].caption(caption)
    csv_download(cols[1], data_, key=key, file_name=file_name)


def chart(fig: go.Figure, chart_data: pd.DataFrame, *, key: str, file_name: str) -> None:
    """A Plotly chart with its data as CSV; uploaded names in it shown as text."""
    st.plotly_chart(safe_text.figure(fig), key=f"chart_{key}", config={"displaylogo": False})
    style = fmt.current()
    st.download_button("Chart data (CSV)", data=lambda: csv_bytes(chart_data, style),
                       file_name=f"{file_name}.csv", mime="text/csv", on_click="ignore",
                       key=f"chart_csv_{key}", icon=":material/download:")


def export_all(filters: Filters) -> None:
    """One workbook: the filters it was made with, then a sheet per view for them."""
    rows = filter_rows(filters, clock.today())
    st.download_button(
        "Export all (Excel)", data=lambda: export_workbook(
            {name: data.view_frame(name, filters) for name in VIEWS}, rows),
        file_name=f"spendline_{clock.today():%Y%m%d}.xlsx", mime=XLSX_MIME, on_click="ignore",
        key="export_all", icon=":material/table_view:")


def _delta(text: str | None) -> str | None:
    """Streamlit reads a change as a fall only when it starts with an ASCII '-': the screen's
    true minus sign (−) would show a fall as a green rise."""
    return None if text is None else text.replace(fmt.MINUS, "-", 1)


def money_tile(column, label: str, now, before=None, *, help: str | None = None,
               inverse: bool = False) -> None:
    """A KPI tile: the figure now and its change since `before` (None: no change shown)."""
    currency = base_currency()
    # No change shows no arrow (Streamlit would draw a rise for "€0").
    delta = None if before is None or now == before else _delta(
        fmt.compact_money(now - before, currency, signed=True))
    column.metric(label, fmt.compact_money(now, currency), delta,
                  delta_color="inverse" if inverse else "normal", help=help, border=True)


def ratio_tile(column, label: str, now, before=None, *, money: bool = False,
               help: str | None = None, inverse: bool = False) -> None:
    if money:
        text = fmt.money(now, base_currency())
        delta = (None if now is None or before is None or now == before
                 else fmt.money(now - before, base_currency(), signed=True))
    else:
        text = fmt.pct(now)
        delta = (None if now is None or before is None or now == before
                 else fmt.points(now - before))  # a change of a percentage: points
    column.metric(label, text, _delta(delta), delta_color="inverse" if inverse else "normal",
                  help=help, border=True)


def _variance_shade(value) -> str:
    """Background by how far actual is off budget: red over, green under, deeper further."""
    if value is None or pd.isna(value):
        return ""
    share = min(abs(float(value)), 0.5) / 0.5
    color = "213, 94, 0" if value > 0 else "0, 158, 115"
    return f"background-color: rgba({color}, {0.08 + 0.42 * share:.2f})"


def variance_table(bva: pa.Table, *, key: str, file_name: str) -> None:
    """budget_vs_actual coloured by variance_pct, with the view's CSV."""
    styled = table_format.styled(bva, base_currency())
    styled = styled.map(_variance_shade, subset=["variance_pct"])
    st.dataframe(styled, hide_index=True, key=f"table_{key}", placeholder=fmt.MISSING,
                 column_config=table_format.column_config(bva.column_names))
    csv_download(st, bva, key=key, file_name=file_name)
