"""Where the table is inside a raw sheet: the header row under a title block, the data rows,
blank and totals rows to skip, and wide month columns of a budget.

The header is looked for among the first rows (Python cells, a handful of rows). The data
under it is handled as columns (loaders.cells): blank and totals rows are found a column at
a time, testing each distinct value once, never cell by cell.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from loaders import cells as C
from loaders import date_values, headers, number_values, values, vocab, word_values
from loaders.problems import WARNING, Problem

HEADER_SEARCH_ROWS = 30
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass
class Header:
    """The header row found among a sheet's first rows."""

    index: int  # 0-based sheet row of the header
    cells: list  # raw header cells up to the last non-blank one
    title_text: str  # everything above the header, then the sheet name

    @property
    def width(self) -> int:
        return len(self.cells)


@dataclass
class Table:
    """The table found in a sheet. Row numbers are the ones the user sees in Excel."""

    header_row: int  # Excel row number of the header
    header_cells: list  # raw header cells (a wide budget's may be dates)
    headers: list[str]  # header texts as the user wrote them
    cells: pd.DataFrame  # data rows: columns 0..width-1 (sheet positions), RangeIndex
    row_numbers: np.ndarray  # Excel row number of each data row (int64)
    title_text: str  # everything above the header, for a wide budget's year
    skipped: list[Problem] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.row_numbers)

    def head(self, n: int) -> list[list]:
        part = self.cells.iloc[:n]
        columns = [C.python_cells(part[j].array) if len(part) else [] for j in part.columns]
        return [list(row) for row in zip(*columns, strict=True)] if columns else [
            [] for _ in range(len(part))]


def is_blank(cell: object) -> bool:
    return C.is_blank_cell(cell)


def header_text(cell: object) -> str:
    if is_blank(cell):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _row_score(cells: list) -> int:
    """How much a row reads like headers: the cells naming a known column, plus month
    headers when there are three or more (a wide budget). A row that reads as data (a
    number, or a date that is not a month header) scores nothing: an AP ledger's first row
    of three dates is not its header row."""
    filled = [c for c in cells if not is_blank(c)]
    if any(number_values.is_number_cell(c) for c in filled):
        return 0
    months = [c for c in filled if date_values.month_header(c) is not None]
    days = [d for c in months if (d := date_values.day_of(c)) is not None]
    # Dates head a wide budget's months when there are three or more, one per month, each
    # on its month's first or last day; an invoice, due and paid date are data.
    if days and (len({(d.year, d.month) for d in days}) < len(days) or len(months) < 3
                 or any(d.day != 1 and (d + dt.timedelta(days=1)).day != 1 for d in days)):
        return 0
    return headers.header_row_score([header_text(c) for c in cells]) + (
        len(months) if len(months) >= 3 else 0)


def find_header(sheet_name: str, top: list[list], first_nonblank: int | None = None
                ) -> Header | None:
    """The header among a sheet's first rows: the row (of the first HEADER_SEARCH_ROWS)
    naming most known columns, or, when none names two, the first non-blank row. `top`
    holds the sheet's first rows (row 1 first, at least HEADER_SEARCH_ROWS of them when
    the sheet has that many); `first_nonblank` is the sheet's first non-blank row when it
    lies below `top`. None when there is no non-blank row."""
    nonblank = [i for i, row in enumerate(top) if any(not is_blank(c) for c in row)]
    candidates = [i for i in nonblank if i < HEADER_SEARCH_ROWS]
    if not candidates:
        if first_nonblank is None and not nonblank:
            return None
        return _header(sheet_name, top, nonblank[0] if nonblank else first_nonblank)
    scores = {i: _row_score(top[i]) for i in candidates}
    best = max(candidates, key=lambda i: (scores[i], -i))
    return _header(sheet_name, top, best if scores[best] >= 2 else nonblank[0])


def _header(sheet_name: str, top: list[list], index: int) -> Header:
    row = list(top[index]) if index < len(top) else []
    width = max((j + 1 for j, c in enumerate(row) if not is_blank(c)), default=0)
    title = " ".join(header_text(c) for r in top[:index] for c in r if not is_blank(c))
    return Header(index, row[:width], f"{title} {sheet_name}")


def table_from_columns(sheet_name: str, header: Header, data: pd.DataFrame,
                       first_row: int) -> Table:
    """The table under a header. `data` holds the sheet's rows below the header as columns
    labelled by sheet position (0 = column A), every column of the used range; `first_row`
    is the Excel row number of its first row."""
    width = header.width
    columns = [data[j] if j in data else pd.Series([None] * len(data), dtype=object)
               for j in range(width)]
    filled = np.stack([~C.blank_mask(column) for column in columns], axis=1) if columns \
        else np.zeros((len(data), 0), bool)
    blank_in_table = ~filled.any(axis=1)
    anywhere = blank_in_table.copy()
    for j in data.columns:
        if j >= width:
            anywhere &= C.blank_mask(data[j])
    used = np.flatnonzero(~anywhere)
    end = used[-1] + 1 if len(used) else 0  # blank rows after the last data row: unnamed
    totals = _totals_rows(columns, filled)
    blank, totals = blank_in_table[:end], totals[:end] & ~blank_in_table[:end]
    keep = np.flatnonzero(~blank & ~totals)
    table = Table(
        header_row=header.index + 1,
        header_cells=header.cells,
        headers=[header_text(c) for c in header.cells],
        cells=pd.DataFrame({j: _rows(columns[j], keep) for j in range(width)},
                           index=pd.RangeIndex(len(keep))),
        row_numbers=(keep + first_row).astype(np.int64),
        title_text=header.title_text,
    )
    for i in np.flatnonzero(blank | totals).tolist():
        if blank[i]:
            table.skipped.append(Problem(sheet_name, first_row + i, None, None,
                                         "blank row skipped", WARNING))
        else:
            label = _row_label([column.iloc[i] for column in columns])
            table.skipped.append(Problem(sheet_name, first_row + i, None, label,
                                         "totals row skipped", WARNING))
    return table


def _totals_rows(columns: list[pd.Series], filled: np.ndarray) -> np.ndarray:
    """Rows whose first filled cell is a totals label and whose other filled cells are all
    sums (numbers, or text that reads as one), however many: a wide budget's Totale row has
    one under every month. A row holding the word among other text (a channel "Yhteensä"
    with its vendor and dates, a campaign "Total Brand Push") is data. `filled` is the
    rows × columns of cells that are not blank."""
    none = np.zeros(len(filled), bool)
    if not columns:
        return none
    first = filled.argmax(axis=1)  # the first filled cell of each row (0 when none is)
    first[~filled.any(axis=1)] = -1
    # Only a row's first filled cell can label it: each column is tested on the rows it
    # starts (in a ledger, column A starts them all and the other columns are not read).
    labelled = np.zeros(len(filled), bool)
    for j, column in enumerate(columns):
        starts = np.flatnonzero(first == j)
        if len(starts):
            cells = column if len(starts) == len(column) else column.iloc[starts]
            labelled[starts] = C.text_matches(cells, word_values.is_total_label,
                                              _TOTAL_WORDS)
    rows = np.flatnonzero(labelled)
    if not len(rows):
        return none
    # Only the labelled rows (a few, as a rule) are tested, a distinct value at a time.
    others = filled[rows]
    others[np.arange(len(rows)), first[rows]] = False
    sums = np.stack([C.per_distinct(column.iloc[rows], _sum_cell) for column in columns],
                    axis=1)
    none[rows] = ~(others & ~sums).any(axis=1)
    return none


def _sum_cell(value: object) -> bool:
    """What a totals row holds beside its label: sums, and the currency and "no value"
    marks an ad platform's totals carry (Google Ads: `Total: Account,--,--,CAD,1,035.94`)."""
    return (number_values.is_number_cell(value) or C.is_no_value(value)
            or word_values.is_currency_code(value))


def _rows(column: pd.Series, keep: np.ndarray) -> pd.Series:
    """The kept rows of a column; a slice (no copy) when they follow one another, as they do
    unless blank or totals rows sit between data rows."""
    if len(keep) and keep[-1] - keep[0] + 1 == len(keep):
        return column.iloc[keep[0]:keep[-1] + 1].reset_index(drop=True)
    return column.iloc[keep].reset_index(drop=True)


# A totals label folds (values.fold) to text holding one of these words: text that is
# ASCII and holds none of them is not one, so only the rest is checked in full.
_TOTAL_WORDS = sorted({values.fold(label).split()[0].rstrip(":")
                       for label in (*vocab.TOTAL_LABELS, *vocab.TOTAL_PREFIXES,
                                     *vocab.TOTAL_SUFFIXES)
                       if values.fold(label).isascii()})


def _row_label(row: list) -> str:
    return next((str(c) for c in row if isinstance(c, str) and c.strip()), "")


def year_in(text: str) -> int | None:
    """A 20xx year named in a title block or sheet name, when exactly one is named."""
    years = set(YEAR.findall(text))
    return int(years.pop()) if len(years) == 1 else None
