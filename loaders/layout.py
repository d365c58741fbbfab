"""Where the table is inside a raw sheet: the header row under a title block, the data rows,
blank and totals rows to skip, and wide month columns of a budget."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders import headers, values
from loaders.problems import WARNING, Problem

HEADER_SEARCH_ROWS = 30
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass
class Table:
    """The table found in a sheet. Row numbers are the ones the user sees in Excel."""

    header_row: int  # Excel row number of the header
    header_cells: list  # raw header cells (a wide budget's may be dates)
    headers: list[str]  # header texts as the user wrote them
    rows: list[list]  # data rows, padded to the header's width
    row_numbers: list[int]
    title_text: str  # everything above the header, for a wide budget's year
    skipped: list[Problem] = field(default_factory=list)


def is_blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip()) or cell != cell


def header_text(cell: object) -> str:
    if is_blank(cell):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _row_score(cells: list) -> int:
    months = sum(1 for c in cells if not is_blank(c) and values.month_header(c) is not None)
    return headers.header_row_score([header_text(c) for c in cells]) + (months if months >= 3
                                                                         else 0)


def find_table(sheet_name: str, rows: list[list]) -> Table | None:
    """The header row (the row among the first ones naming most known columns) and the data
    under it; None when the sheet holds nothing."""
    nonblank = [i for i, row in enumerate(rows) if any(not is_blank(c) for c in row)]
    if not nonblank:
        return None
    candidates = [i for i in nonblank if i < HEADER_SEARCH_ROWS]
    scores = {i: _row_score(rows[i]) for i in candidates}
    best = max(candidates, key=lambda i: (scores[i], -i))
    header_idx = best if scores[best] >= 2 else nonblank[0]

    header_cells = list(rows[header_idx])
    width = max((j + 1 for j, c in enumerate(header_cells) if not is_blank(c)), default=0)
    header_cells = header_cells[:width]
    title = " ".join(
        header_text(c) for row in rows[:header_idx] for c in row if not is_blank(c)
    )
    table = Table(
        header_row=header_idx + 1,
        header_cells=header_cells,
        headers=[header_text(c) for c in header_cells],
        rows=[],
        row_numbers=[],
        title_text=f"{title} {sheet_name}",
    )
    last_data = max(nonblank)
    for idx in range(header_idx + 1, last_data + 1):
        row = list(rows[idx][:width]) + [""] * max(0, width - len(rows[idx]))
        excel_row = idx + 1
        if all(is_blank(c) for c in row):
            table.skipped.append(Problem(sheet_name, excel_row, None, None,
                                         "blank row skipped", WARNING))
            continue
        if _is_totals_row(row):
            table.skipped.append(Problem(sheet_name, excel_row, None, _row_label(row),
                                         "totals row skipped", WARNING))
            continue
        table.rows.append(row)
        table.row_numbers.append(excel_row)
    return table


def _is_totals_row(row: list) -> bool:
    """A row labelled as a total in its first filled cell, with few cells filled (the label
    and some sums). A data row that merely holds the word, such as a channel "Yhteensä" or a
    campaign "Total Brand Push" with every column filled, is data."""
    filled = [c for c in row if not is_blank(c)]
    return (bool(filled) and isinstance(filled[0], str) and values.is_total_label(filled[0])
            and len(filled) <= max(2, len(row) // 2))


def _row_label(row: list) -> str:
    return next((str(c) for c in row if isinstance(c, str) and c.strip()), "")


def year_in(text: str) -> int | None:
    """A 20xx year named in a title block or sheet name, when exactly one is named."""
    years = set(YEAR.findall(text))
    return int(years.pop()) if len(years) == 1 else None
