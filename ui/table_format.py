"""A table as people read it: headers in words, every figure in the reader's number style
(spendline.formats), coded values in words and an em dash for nothing.

Streamlit's own NumberColumn formats ("euro", "localized") follow the browser's locale, not
the user's preference, so the figures are written here, as a pandas Styler's display text.
The cells keep their numbers: Streamlit 1.67 shows a Styler's text in a number column only
when the column has no format of its own, and sorts that column by its values, so €9.00
still sorts before €10.00 (checked in its frontend, DataFrame.js: `displayData` is set only
when `columnTypeOptions.format` is empty). The column configs below therefore set labels
only, never a number format.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime

import pandas as pd
import pyarrow as pa
import streamlit as st
from pandas.io.formats.style import Styler

from spendline import column_kinds as ck
from spendline import formats as fmt
from spendline.labels import column_label, value_label
from ui.filters import month_label


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _month(value) -> str:
    """A month as 'Jan 2026', from a date or the views' 'YYYY-MM' text."""
    if _missing(value):
        return fmt.MISSING
    if isinstance(value, date):
        return month_label(value)
    text = str(value)
    try:
        return month_label(date(int(text[:4]), int(text[5:7]), 1))
    except ValueError:
        return text


def _text(column: str, value) -> str:
    if _missing(value):
        return fmt.MISSING
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value_label(column, value))


def _figure(kind: str, signed: bool, currency: str) -> Callable[[object], str]:
    if kind == ck.MONEY:
        return functools.partial(fmt.money, currency=currency, signed=signed)
    if kind == ck.PERCENT:
        return functools.partial(fmt.pct, decimals=ck.DECIMALS[kind], signed=signed)
    if kind == ck.TIMES:
        return functools.partial(fmt.times, decimals=ck.DECIMALS[kind])
    if kind == ck.POINTS:
        return functools.partial(fmt.points, decimals=ck.DECIMALS[kind])
    if kind == ck.COUNT:
        return lambda v: fmt.number(v, 0, signed=signed)
    return functools.partial(fmt.number, signed=signed)


def formatters(frame: pd.DataFrame, kinds: dict[str, str], currency: str, *,
               in_row_currency: bool = False) -> dict[str, Callable | dict[str, Callable]]:
    """Per column, the function writing its cells; for money in each row's own currency, a
    function per currency (`{"CNY": ..., "EUR": ...}`). Pure: the tests read them."""
    columns = [str(c) for c in frame.columns]
    own = (({c for c in columns if kinds.get(c) == ck.MONEY} if "currency" in columns
            else set()) if in_row_currency else ck.row_currency_columns(columns))
    out: dict[str, Callable | dict[str, Callable]] = {}
    for name in columns:
        kind = kinds.get(name, ck.OTHER)
        if pd.api.types.is_bool_dtype(frame[name]):
            continue  # Streamlit draws a tick box
        if kind == ck.MONTH:
            out[name] = _month
        elif kind in (ck.OTHER,):
            out[name] = functools.partial(_text, name)
        elif kind == ck.MONEY and name in own:
            out[name] = {str(c): _figure(kind, ck.signed(name), str(c))
                         for c in frame["currency"].dropna().unique()}
        else:
            out[name] = _figure(kind, ck.signed(name), currency)
    return out


def styled(data: pa.Table | pd.DataFrame, currency: str, *,
           in_row_currency: bool = False) -> Styler:
    """The table as a Styler whose display text is written in the current number style."""
    kinds = ck.kinds(data)
    frame = data.to_pandas() if isinstance(data, pa.Table) else data.reset_index(drop=True)
    styler = frame.style
    for name, write in formatters(frame, kinds, currency,
                                  in_row_currency=in_row_currency).items():
        if isinstance(write, dict):
            styler = styler.format(_missing_text, subset=[name])
            for code, by_currency in write.items():
                rows = frame.index[frame["currency"] == code]
                styler = styler.format(by_currency, subset=pd.IndexSlice[rows, [name]])
        else:
            styler = styler.format(write, subset=[name])
    return styler


def _missing_text(value) -> str:
    return fmt.MISSING if _missing(value) else fmt.number(value)


def column_config(columns: list[str]) -> dict:
    """Each column's header in words (spendline.labels); no number formats (see above)."""
    return {name: st.column_config.Column(column_label(name)) for name in columns}

