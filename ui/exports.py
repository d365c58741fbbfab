"""'Export all': every view of SPEC §5, with the current filters, in one Excel workbook."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pandas as pd

from spendline import column_kinds as ck
from spendline.labels import column_label
from spendline.sheet_rules import safe_text, sheet_title
from spendline.views import VIEWS, Filters, run_view
from ui.downloads import escape_formulas

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel shows these in the reader's own locale (1.234,56 in Italy): no format per style.
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
TIMES_FORMAT = '0.00"×"'
POINTS_FORMAT = '+0.0" pp";"−"0.0" pp";0.0" pp"'
COUNT_FORMAT = "#,##0"
MONTH_FORMAT = "mmm yyyy"
DATE_FORMAT = "yyyy-mm-dd"
RATIO_FORMAT = "0.0000"  # a figure of no known kind with more than two decimals
FILTERS_SHEET = "Filters"

# One kind of figure, one format (spendline/column_kinds.py is the rule for both the screen
# and this workbook). Ratios stay exact fractions in the cells (0.1805 shows as 18.1%).
_FORMATS = {ck.MONEY: MONEY_FORMAT, ck.PERCENT: PERCENT_FORMAT, ck.TIMES: TIMES_FORMAT,
            ck.POINTS: POINTS_FORMAT, ck.COUNT: COUNT_FORMAT, ck.MONTH: MONTH_FORMAT}

_MAX_WIDTH = 60


def all_views(store, filters: Filters | None = None) -> dict[str, pd.DataFrame]:
    """Every view, filtered, as pandas (money stays Decimal until the workbook is written)."""
    return {name: run_view(store, name, filters).to_pandas() for name in VIEWS}


def column_format(name: str, column: pd.Series) -> str | None:
    """The number format of a column: by its kind of figure (name, else Decimal scale)."""
    kind = ck.kind_of(name, column)
    if kind == ck.NUMBER:
        return RATIO_FORMAT
    return _FORMATS.get(kind)


def _number(value: object) -> object:
    # The views round money to cents and ratios to four places, so a float keeps the value
    # Excel shows; whole Decimals (counts) become ints.
    if isinstance(value, Decimal):
        return int(value) if value.as_tuple().exponent >= 0 else float(value)
    return value


def _month(value: object) -> object:
    """The views' 'YYYY-MM' as the month's first day, a real date Excel can sort and filter."""
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        try:
            return date(int(value[:4]), int(value[5:]), 1)
        except ValueError:
            return value
    return value


def _for_excel(frame: pd.DataFrame) -> pd.DataFrame:
    out = escape_formulas(frame)
    for name in out.columns:
        column = out[name]
        if ck.kind_of(str(name)) == ck.MONTH:
            out[name] = column.map(_month).astype(object)
        elif column.dtype == object and column.map(lambda v: isinstance(v, Decimal)).any():
            out[name] = column.map(_number).astype(object)
    return out


def sheet_names(names: list[str]) -> list[str]:
    """Valid, distinct Excel sheet names (spendline.sheet_rules.sheet_title)."""
    used: set[str] = set()
    return [sheet_title(name, used) for name in names]


def _width(name: str, column: pd.Series) -> int:
    # A list, not .str: an empty view's column may be typed int (no rows to infer text from).
    sample = ["" if v is None or v != v else str(v) for v in column.head(500)]
    longest = max([len(name), *map(len, sample)])
    return min(longest + 2, _MAX_WIDTH)


def filter_rows(filters: Filters | None, made: date) -> list[tuple[str, object]]:
    """What the workbook was made with, for its first sheet: the as-of date, the months and
    each filter ("All" when unset). Names from the data are escaped like any other cell."""
    filters = filters or Filters()
    rows: list[tuple[str, object]] = [("Made on", made), ("As of", filters.as_of or made)]
    if filters.from_month or filters.to_month:
        rows += [("From month", filters.from_month), ("To month", filters.to_month)]
    else:
        rows.append(("Months", "All"))
    for label, field in (("Accounts", "accounts"), ("Channels", "channels"),
                         ("Platforms", "platforms"), ("Categories", "categories"),
                         ("Campaigns", "campaigns"), ("Vendors", "vendors")):
        values = getattr(filters, field)
        rows.append((label, ", ".join(values) if values else "All"))
    if filters.as_at is not None:
        rows.append(("As stood at", filters.as_at))
    return [(label, safe_text(value)) for label, value in rows]


def _filters_sheet(book, rows: list[tuple[str, object]], bold) -> None:
    sheet = book.add_worksheet(FILTERS_SHEET)
    day = book.add_format({"num_format": DATE_FORMAT, "align": "left"})
    month = book.add_format({"num_format": MONTH_FORMAT, "align": "left"})
    sheet.write_string(0, 0, "Filter", bold)
    sheet.write_string(0, 1, "Value", bold)
    for i, (label, value) in enumerate(rows, start=1):
        sheet.write_string(i, 0, label)
        if isinstance(value, datetime):
            sheet.write_datetime(i, 1, value, day)
        elif isinstance(value, date):
            sheet.write_datetime(i, 1, datetime.combine(value, datetime.min.time()),
                                 month if label.endswith("month") else day)
        else:
            sheet.write_string(i, 1, str(value))
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 40)


def export_workbook(tables: dict[str, pd.DataFrame],
                    filters: list[tuple[str, object]] | None = None) -> bytes:
    """One .xlsx: first the filters it was made with (filter_rows), when given, then a sheet
    per view: headers in words (spendline.labels), bold and frozen; money, percent, multiple
    and count formats by kind of figure; months as dates; numbers as numbers, empty ratios
    as empty cells, formula-like text escaped."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter",
                        engine_kwargs={"options": options}) as writer:
        book = writer.book
        bold = book.add_format({"bold": True})
        formats = {f: book.add_format({"num_format": f})
                   for f in (*_FORMATS.values(), RATIO_FORMAT)}
        taken = [FILTERS_SHEET] if filters is not None else []
        if filters is not None:
            _filters_sheet(book, filters, bold)
        names = sheet_names(taken + list(tables))[len(taken):]
        for sheet_name, frame in zip(names, tables.values(), strict=True):
            data = _for_excel(frame)
            data.to_excel(writer, sheet_name=sheet_name, index=False, header=False, startrow=1)
            sheet = writer.sheets[sheet_name]
            for i, name in enumerate(data.columns):
                if ck.kind_of(str(name)) == ck.MONTH:  # pandas would give them its own format
                    for row, value in enumerate(data[name], start=1):
                        if isinstance(value, date):
                            sheet.write_datetime(row, i, datetime.combine(
                                value, datetime.min.time()), formats[MONTH_FORMAT])
                label = column_label(str(name))
                sheet.write_string(0, i, label, bold)
                number_format = column_format(str(name), frame[name])
                sheet.set_column(i, i, max(_width(str(name), data[name]), len(label) + 2),
                                 formats.get(number_format))
            sheet.freeze_panes(1, 0)
    return buffer.getvalue()


def export_filename(filters: Filters | None = None) -> str:
    """'spendline_2026-01_2026-06.xlsx', or 'spendline_views.xlsx' without a month range."""
    filters = filters or Filters()
    if filters.from_month and filters.to_month:
        return f"spendline_{filters.from_month:%Y-%m}_{filters.to_month:%Y-%m}.xlsx"
    return "spendline_views.xlsx"
