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
from ui import data, print_view, safe_text, wide
from ui.downloads import csv_bytes, view_csv_bytes
from ui.exports import MONEY_COLUMNS, XLSX_MIME, export_workbook
from ui.filters import fiscal_months, fiscal_year_of
from ui.state import get_store

PERCENT_COLUMNS = {"variance_pct", "roi", "lead_to_customer", "share", "share_of_amount",
                   "ctr"}
TIMES_COLUMNS = {"roas", "media_roas"}
MAX_ROWS_ON_SCREEN = 2_000
_NOT_COUNTS = ("_id", "year", "row", "rating", "level")  # numbers, but no "2,026"


def base_currency() -> str:
    return get_store().settings()["base_currency"]


def first_month() -> int:
    return int(get_store().settings()["fiscal_first_month"])


def fiscal_year(filters: Filters) -> Filters:
    """The filters widened to the whole fiscal year of their month range (KPIs, landing)."""
    start = filters.from_month or filters.as_of or clock.today()
    months = fiscal_months(fiscal_year_of(start, first_month()), first_month())
    return replace(filters, from_month=months[0], to_month=months[-1])


def column_config(columns: list[str], currency: str,
                  kinds: dict[str, str] | None = None) -> dict:
    """Formats by column: money (by name, or a DECIMAL of two places: the views' money()),
    shares, ratios and whole counts (thousands separated). `kinds` comes from _kinds."""
    money_format = "euro" if currency == "EUR" else "accounting"
    kinds = kinds or {}
    config = {}
    for name in columns:
        if name in PERCENT_COLUMNS:
            config[name] = st.column_config.NumberColumn(name, format="percent")
        elif name in TIMES_COLUMNS:
            config[name] = st.column_config.NumberColumn(name, format="%.2f×")
        # Money by name; a share such as actual_pct is a ratio, not money.
        elif kinds.get(name) == "money" or name in MONEY_COLUMNS or (
                name.startswith(("amount", "budget", "actual"))
                and not name.endswith(("_pct", "_share"))):
            config[name] = st.column_config.NumberColumn(name, format=money_format)
        elif kinds.get(name) == "count" and not name.endswith(_NOT_COUNTS):
            config[name] = st.column_config.NumberColumn(name, format="localized")
    return config


def _kinds(data_: pa.Table | pd.DataFrame) -> dict[str, str]:
    """Which columns hold money (DECIMAL with two places) and which whole counts."""
    if isinstance(data_, pa.Table):
        types = {f.name: f.type for f in data_.schema}
        # Sums of counts come out of DuckDB as HUGEINT, in Arrow a DECIMAL of no places.
        return {name: "money" if pa.types.is_decimal(t) and t.scale == 2
                else "count" if pa.types.is_integer(t) or (pa.types.is_decimal(t) and t.scale == 0)
                else "" for name, t in types.items()}
    return {name: "count" for name in data_.columns
            if pd.api.types.is_integer_dtype(data_[name]) and not pd.api.types.is_bool_dtype(
                data_[name])}


# One rounding of the exact sum (README "Rounding"): said under every table whose rows are
# shown beside a total of them (tiles, an account's row), where the two may differ by cents.
ROUNDING_NOTE = ("Each figure is its source rows added up exactly and rounded once to the cent, "
                 "so rows may differ from their total by a cent.")


def table(data_: pa.Table | pd.DataFrame, *, key: str, file_name: str, caption: str = "",
          height: int | str = "auto", max_rows: int = MAX_ROWS_ON_SCREEN) -> None:
    """A table with a CSV download of every row (SPEC §5 columns for a view). At most
    `max_rows` rows are drawn: a browser table of 100k rows costs seconds to send and
    nobody reads it on screen; the CSV keeps them all, and the caption says so."""
    columns = list(data_.column_names if isinstance(data_, pa.Table) else data_.columns)
    rows = data_.num_rows if isinstance(data_, pa.Table) else len(data_)
    shown = data_
    if rows > max_rows:
        shown = data_.slice(0, max_rows) if isinstance(data_, pa.Table) else data_.head(max_rows)
        note = f"The first {max_rows:,} of {rows:,} rows; the CSV has every row."
        caption = f"{caption} {note}" if caption else note
    st.dataframe(shown, hide_index=True, height=height, placeholder="—",
                 column_config=column_config(columns, base_currency(), _kinds(data_)),
                 column_order=wide.column_order(key, file_name, columns),  # ui/wide.py
                 key=f"table_{key}")
    print_view.table(shown)  # the whole table when printed (the canvas above is not)
    cols = st.columns([3, 1])
    if caption:
        cols[0].caption(caption)
    cols[1].download_button(
        "CSV", data=lambda: view_csv_bytes(data_) if isinstance(data_, pa.Table)
        else csv_bytes(data_), file_name=f"{file_name}.csv", mime="text/csv",
        on_click="ignore", key=f"csv_{key}", icon=":material/download:", width="stretch")


def chart(fig: go.Figure, chart_data: pd.DataFrame, *, key: str, file_name: str) -> None:
    """A Plotly chart with its data as CSV; uploaded names in it shown as text."""
    st.plotly_chart(safe_text.figure(fig), key=f"chart_{key}", config={"displaylogo": False})
    st.download_button("Chart data (CSV)", data=lambda: csv_bytes(chart_data),
                       file_name=f"{file_name}.csv", mime="text/csv", on_click="ignore",
                       key=f"chart_csv_{key}", icon=":material/download:")


def export_all(filters: Filters) -> None:
    """One workbook, a sheet per view, for the current filters."""
    st.download_button(
        "Export all (Excel)", data=lambda: export_workbook(
            {name: data.view_frame(name, filters) for name in VIEWS}),
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
                 else fmt.pct(now - before, signed=True))
    column.metric(label, text, _delta(delta), delta_color="inverse" if inverse else "normal",
                  help=help, border=True)


MONEY_FIGURES = ["budget", "forecast", "quoted", "committed", "actual", "paid", "variance"]


def _variance_shade(value) -> str:
    """Background by how far actual is off budget: red over, green under, deeper further."""
    if value is None or pd.isna(value):
        return ""
    share = min(abs(float(value)), 0.5) / 0.5
    color = "213, 94, 0" if value > 0 else "0, 158, 115"
    return f"background-color: rgba({color}, {0.08 + 0.42 * share:.2f})"


def variance_table(bva: pa.Table, *, key: str, file_name: str) -> None:
    """budget_vs_actual coloured by variance_pct, with the view's CSV."""
    frame = bva.to_pandas()
    formats = dict.fromkeys([c for c in MONEY_FIGURES if c in frame], "{:,.2f}")
    formats["variance_pct"] = lambda v: fmt.pct(v)
    styled = frame.style.map(_variance_shade, subset=["variance_pct"]).format(formats)
    st.dataframe(styled, hide_index=True, key=f"table_{key}")
    st.download_button("CSV", data=lambda: view_csv_bytes(bva), file_name=f"{file_name}.csv",
                       mime="text/csv", on_click="ignore", key=f"csv_{key}",
                       icon=":material/download:")
