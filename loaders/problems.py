"""The problem table of SPEC §1: one row per thing wrong, in the user's own terms."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

ERROR = "error"
WARNING = "warning"

# Columns shown to the user, in this order; `col_index` (1-based Excel column, None when the
# problem is about a whole row or sheet) is kept for highlighting the user's workbook.
COLUMNS = ["level", "sheet", "row", "column", "value", "problem"]


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None  # row number as the user sees it in Excel (1-based), None for the sheet
    column: str | None  # the header as the user wrote it
    value: str | None  # the offending cell, as text
    problem: str  # what is wrong, in plain words
    level: str = ERROR
    col_index: int | None = None
    file: str | None = None  # the uploaded file, when an upload holds several


def problem_frame(problems: list[Problem]) -> pd.DataFrame:
    """The problems as a DataFrame with COLUMNS plus `col_index` and `file`, errors first."""
    frame = pd.DataFrame([asdict(p) for p in problems], columns=[*COLUMNS, "col_index", "file"])
    frame["row"] = frame["row"].astype("Int64")
    frame["col_index"] = frame["col_index"].astype("Int64")
    order = frame["level"].map({ERROR: 0, WARNING: 1})
    return (
        frame.assign(_order=order)
        .sort_values(["_order", "sheet", "row"], kind="stable", na_position="first")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def rows_text(n: int) -> str:
    """"1 row", "1,234 rows"."""
    return f"{n:,} row" if n == 1 else f"{n:,} rows"
