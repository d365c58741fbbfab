"""A sheet's mapped columns parsed into the canonical frame of its kind, each problem
located in the user's row and cell; a wide budget (a column per month) made long first."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from loaders import cells as C
from loaders import date_values, headers, number_values, values, word_values
from loaders.layout import Table, is_blank, year_in
from loaders.problems import ERROR, WARNING, Problem, rows_text
from spendline import kinds
from spendline.kinds import KINDS

if TYPE_CHECKING:
    from loaders.intake_types import Options

VENDOR_STATUS_WORDS = {
    "active": "active", "attivo": "active", "aktiivinen": "active", "启用": "active",
    "啟用": "active", "blocked": "blocked", "bloccato": "blocked", "estetty": "blocked",
    "停用": "blocked", "已停用": "blocked",
}


def parse_sheet(sheet: str, kind: str, table: Table, mapping: dict[int, str], options: Options):
    """Parse every mapped column; returns the frame (RangeIndex, `source_row` = Excel row)."""
    spec = KINDS[kind]
    cells = table.cells
    source_row = pd.Series(table.row_numbers, dtype="int64")
    position = {name: pos for pos, name in mapping.items()}
    raw = {name: cells[pos] for name, pos in position.items()}
    col_of: dict[str, int | pd.Series] = {name: pos + 1 for name, pos in position.items()}
    header_of = {name: table.headers[pos] for name, pos in position.items()}

    if kind == "budget" and "period" not in raw:
        wide = melt_wide_budget(sheet, table, cells, raw, options)
        if isinstance(wide, Problem):
            return None, [wide], None
        raw, source_row, col_of["amount"] = wide
        col_of["period"] = col_of["amount"]
        # each amount's own month header, as the user wrote it
        month = np.array(table.headers, dtype=object)[col_of["amount"].to_numpy() - 1]
        header_of["period"] = header_of["amount"] = pd.Series(month)

    missing = [c for c in spec.required if c not in raw]
    if missing:
        found = ", ".join(h for h in table.headers if h)
        return None, [
            Problem(sheet, table.header_row, headers.label(name), None,
                    f"required column '{headers.label(name)}' is missing (headers found: {found})")
            for name in missing
        ], None

    problems: list[Problem] = []
    where = Locator(sheet, source_row, col_of, header_of, raw)
    numeric = [raw[c.name] for c in spec.columns
               if c.name in raw and c.type in NUMERIC and C.has_text(raw[c.name])]
    hint = (number_values.guess_decimal_comma(pd.concat(numeric, ignore_index=True))
            if numeric else None)
    parsed: dict[str, pd.Series] = {}
    for column in spec.columns:
        if column.name not in raw:
            parsed[column.name] = pd.Series([column.default] * len(source_row), dtype=object)
            continue
        result = parse_column(column, raw[column.name], hint)
        errors = result.errors
        problems += [where.problem(column.name, i, errors[i]) for i in errors.index[errors.notna()]]
        if column.required:
            empty = values.is_empty(raw[column.name])
            problems += [where.problem(column.name, i, "is empty but required", value=False)
                         for i in empty.index[empty]]
        if column.type == kinds.MONEY and result.rounded is not None and result.rounded.any():
            problems.append(rounded_warning(where, column.name, result.rounded))
        parsed[column.name] = with_default(result.values, column.default)
        if column.type == kinds.PERIOD:
            parsed["_months"] = result.months
        if column.type == kinds.MONEY and result.currency is not None:
            # A cell's own currency (€ 12), else its header's unit (Amount (USD)): the
            # currency of a row whose currency column (if any) is empty.
            currency = result.currency
            header = header_of.get(column.name)  # a wide budget's months: no one header
            if isinstance(header, str) and (unit := headers.header_currency(header)):
                currency = currency.where(currency.notna(), unit)
            known = parsed.get("_cell_currency")
            parsed["_cell_currency"] = currency if known is None else known.where(
                known.notna(), currency)
    frame = assemble(kind, parsed, options)
    frame.insert(0, "source_row", source_row.to_numpy())
    return frame, problems, where


def rounded_warning(where: Locator, column: str, rounded: pd.Series) -> Problem:
    """One warning per column, at its first rounded cell: an ad export may have thousands."""
    first = int(np.flatnonzero(rounded.to_numpy(bool))[0])
    n = int(rounded.sum())
    return where.problem(column, first, f"{rows_text(n)} with more than six decimals rounded to "
                         "six (half away from zero); money is kept to six decimals",
                         level=WARNING)


class Locator:
    """Turns a frame position and a canonical column back into the user's row and cell."""

    def __init__(self, sheet, source_row, col_of, header_of, raw):
        self.sheet, self.source_row, self.col_of = sheet, source_row, col_of
        self.header_of, self.raw = header_of, raw
        self.bad: set[tuple[int, str]] = set()  # (position, column) of cells in error

    def problem(self, column: str, i: int, message: str, value: bool = True,
                level: str = ERROR) -> Problem:
        col = self.col_of.get(column)
        col = int(col.iloc[i]) if isinstance(col, pd.Series) else col
        header = self.header_of.get(column, headers.label(column))
        header = header.iloc[i] if isinstance(header, pd.Series) else header
        cell = self.raw[column].iloc[i] if value and column in self.raw else None
        if isinstance(cell, pd.Timestamp):  # a typed date column: the cell as it was read
            cell = C.python_cells(pd.DatetimeIndex([cell]))[0]
        if level == ERROR:
            self.bad.add((i, column))
        return Problem(self.sheet, int(self.source_row.iloc[i]), header,
                       None if cell is None else cell_text(cell), message, level, col)


def with_default(series: pd.Series, default: object) -> pd.Series:
    if default is None:
        return series
    if C.is_text(series):
        return series.fillna(default)
    return series.astype(object).where(series.notna(), default)


NUMERIC = (kinds.MONEY, kinds.RATE, kinds.INTEGER)


def parse_column(column: kinds.Column, series: pd.Series, hint: bool | None):
    kind = column.type
    if kind == kinds.TEXT:
        return values.parse_text(series)
    if kind == kinds.MONEY:
        return number_values.parse_money(series, decimal_comma=hint)
    if kind == kinds.RATE:
        result = number_values.parse_decimal(series, decimal_comma=hint)
        # A VAT rate typed as 22 means 22 %.
        if column.name == "vat_rate":
            result.values = percent_as_fraction(result.values)
        return result
    if kind == kinds.INTEGER:
        return number_values.parse_integer(series, decimal_comma=hint)
    if kind == kinds.DATE:
        return date_values.parse_date(series)
    if kind == kinds.MONTH:
        return date_values.parse_month(series)
    if kind == kinds.PERIOD:
        result, months = date_values.parse_period(series)
        result.months = months
        return result
    if kind == kinds.BOOL:
        return word_values.parse_bool(series)
    if kind == kinds.STATUS:
        return word_values.parse_status(series)
    if kind == kinds.VERSION:
        return word_values.parse_version(series)
    if kind == kinds.CURRENCY:
        return word_values.parse_currency(series)
    raise AssertionError(f"no parser for column type {kind}")


def percent_as_fraction(rates: pd.Series) -> pd.Series:
    """Rates over 1 divided by 100, once per distinct value (Decimals, None where empty)."""
    codes, uniques = pd.factorize(rates)
    fractions = [v / 100 if v > 1 else v for v in uniques.tolist()]
    return pd.Series(np.array([*fractions, None], dtype=object)[codes], index=rates.index,
                     dtype=object)


def assemble(kind: str, parsed: dict[str, pd.Series], options: Options) -> pd.DataFrame:
    """The stored columns of a kind, with defaults and canonical words filled in. Each column
    gets its stored type before the frame is made: a frame made of object columns first
    copies them all into one block, only to convert them one by one after."""
    spec = KINDS[kind]
    frame = pd.DataFrame({c.name: stored(c, parsed[c.name].reset_index(drop=True))
                          for c in spec.columns})
    if "currency" in frame:
        cell = parsed.get("_cell_currency")
        currency = frame["currency"]
        if cell is not None:
            currency = currency.where(currency.notna(), cell.reset_index(drop=True))
        frame["currency"] = stored(spec.column("currency"),
                                   currency.where(currency.notna(), options.base_currency))
    if kind == "vendors":
        status = frame["status"].astype(object).map(
            lambda v: VENDOR_STATUS_WORDS.get(str(v).strip().casefold(), v))
        frame["status"] = stored(spec.column("status"), status)
    if kind == "budget":
        frame = frame.rename(columns={"period": "month"})
        frame["_months"] = parsed["_months"].reset_index(drop=True)
    return frame


def stored(column: kinds.Column, series: pd.Series) -> pd.Series:
    """A parsed column in the type the frame keeps for its kind of column."""
    if column.type in (kinds.TEXT, kinds.STATUS, kinds.VERSION, kinds.CURRENCY):
        if C.is_text(series):  # already text (NaN where empty): no copy
            return series
        return series.astype("str").where(series.notna(), None)
    if column.type in (kinds.DATE, kinds.MONTH, kinds.PERIOD):
        return series if series.dtype == "datetime64[us]" else pd.to_datetime(series)
    if column.type == kinds.INTEGER:
        return series.astype("Int64")
    if column.type == kinds.MONEY:
        return number_values.as_money(series)
    if column.type == kinds.BOOL:
        return series.astype(bool)
    return series


def melt_wide_budget(sheet: str, table: Table, cells: pd.DataFrame, raw: dict, options: Options):
    """A wide budget (one column per month) as long rows: one per line and non-empty month."""
    months = {}
    for pos, cell in enumerate(table.header_cells):
        found = None if is_blank(cell) else date_values.month_header(cell)
        if found is not None:
            months[pos] = found
    if len(months) < 1 or "channel" not in raw:
        return Problem(sheet, table.header_row, "period", None,
                       "a budget needs a period column or one column per month")
    year = year_in(table.title_text) or options.year
    if any(y is None for _, y in months.values()) and year is None:
        return Problem(sheet, table.header_row, "month columns", None,
                       "the month columns name no year, and neither does the title or the "
                       "sheet name: add the year to the title (for example 'Budget 2026') "
                       "or give it (--year on the command line)")
    pieces = []
    for pos, (month, month_year) in months.items():
        filled = ~values.is_empty(cells[pos])
        piece = pd.DataFrame({name: series[filled] for name, series in raw.items()})
        piece["amount"] = cells[pos][filled]
        piece["period"] = pd.Timestamp(year=month_year or year, month=month, day=1)
        piece["_row"] = pd.Series(table.row_numbers, index=cells.index)[filled]
        piece["_col"] = pos + 1
        pieces.append(piece)
    long = pd.concat(pieces).sort_values(["_row", "_col"], kind="stable").reset_index(drop=True)
    long_raw = {name: long[name].astype(object) for name in [*raw, "amount", "period"]}
    return long_raw, long["_row"].astype("int64"), long["_col"].astype("int64")


def is_missing(value: object) -> bool:
    return value is None or (not isinstance(value, (list, dict)) and pd.isna(value))


def cell_text(cell: object) -> str:
    if is_missing(cell) or (isinstance(cell, str) and not cell.strip()):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, pd.Timestamp):
        return cell.strftime("%Y-%m-%d")
    if isinstance(cell, Decimal):  # money kept to six decimals, shown as typed: -5.00, 1.429999
        whole, _, frac = format(cell, "f").partition(".")
        return f"{whole}.{frac.rstrip('0').ljust(2, '0')}"
    return str(cell)
