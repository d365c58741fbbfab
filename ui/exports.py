"""'Export all': every view of SPEC §5, with the current filters, in one Excel workbook."""

from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd

from spendline.sheet_rules import sheet_title
from spendline.views import VIEWS, Filters, run_view
from ui.downloads import escape_formulas

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0.00"
RATIO_FORMAT = "0.0000"

# SPEC §4: ratios have four decimals, money (cpl, cac included) two.
RATIO_COLUMNS = frozenset({"variance_pct", "roas", "roi", "lead_to_customer", "ctr",
                           "media_roas"})
MONEY_COLUMNS = frozenset({
    "budget", "forecast", "quoted", "committed", "actual", "paid", "variance",
    "actual_to_date", "forecast_after", "landing", "landing_vs_budget", "revenue", "cpl",
    "cost_per_opportunity", "cac", "unpaid", "amount", "amount_base", "platform_spend",
    "difference", "cpc", "cpm", "media_cpl",
})

_MAX_WIDTH = 60


def all_views(store, filters: Filters | None = None) -> dict[str, pd.DataFrame]:
    """Every view, filtered, as pandas (money stays Decimal until the workbook is written)."""
    return {name: run_view(store, name, filters).to_pandas() for name in VIEWS}


def column_format(name: str, column: pd.Series) -> str | None:
    """The number format of a column: by its SPEC name, else by its Decimal scale."""
    if name in RATIO_COLUMNS:
        return RATIO_FORMAT
    if name in MONEY_COLUMNS:
        return MONEY_FORMAT
    exponents = [v.as_tuple().exponent for v in column if isinstance(v, Decimal)]
    if exponents and min(exponents) <= -3:
        return RATIO_FORMAT
    if exponents and min(exponents) < 0:
        return MONEY_FORMAT
    return None


def _number(value: object) -> object:
    # The views round money to cents and ratios to four places, so a float keeps the value
    # Excel shows; whole Decimals (counts) become ints.
    if isinstance(value, Decimal):
        return int(value) if value.as_tuple().exponent >= 0 else float(value)
    return value


def _for_excel(frame: pd.DataFrame) -> pd.DataFrame:
    out = escape_formulas(frame)
    for name in out.columns:
        column = out[name]
        if column.dtype == object and column.map(lambda v: isinstance(v, Decimal)).any():
            out[name] = column.map(_number).astype(object)
    return out


def sheet_names(names: list[str]) -> list[str]:
    """Valid, distinct Excel sheet names (spendline.sheet_rules.sheet_title)."""
    used: set[str] = set()
    return [sheet_title(name, used) for name in names]


def _width(name: str, column: pd.Series) -> int:
    sample = column.head(500).map(lambda v: "" if v is None or v != v else str(v))
    longest = max([len(name), *sample.str.len().tolist()])
    return min(longest + 2, _MAX_WIDTH)


def export_workbook(tables: dict[str, pd.DataFrame]) -> bytes:
    """One .xlsx with a sheet per view: bold frozen header, money '#,##0.00', ratios
    '0.0000', numbers as numbers, empty ratios as empty cells, formula-like text escaped."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter",
                        engine_kwargs={"options": options}) as writer:
        book = writer.book
        bold = book.add_format({"bold": True})
        formats = {f: book.add_format({"num_format": f}) for f in (MONEY_FORMAT, RATIO_FORMAT)}
        for sheet_name, frame in zip(sheet_names(list(tables)), tables.values()):
            data = _for_excel(frame)
            data.to_excel(writer, sheet_name=sheet_name, index=False, header=False, startrow=1)
            sheet = writer.sheets[sheet_name]
            for i, name in enumerate(data.columns):
                sheet.write_string(0, i, str(name), bold)
                number_format = column_format(str(name), frame[name])
                sheet.set_column(i, i, _width(str(name), data[name]),
                                 formats.get(number_format))
            sheet.freeze_panes(1, 0)
    return buffer.getvalue()


def export_filename(filters: Filters | None = None) -> str:
    """'spendline_2026-01_2026-06.xlsx', or 'spendline_views.xlsx' without a month range."""
    filters = filters or Filters()
    if filters.from_month and filters.to_month:
        return f"spendline_{filters.from_month:%Y-%m}_{filters.to_month:%Y-%m}.xlsx"
    return "spendline_views.xlsx"
