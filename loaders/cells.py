"""Columns of raw cells, handled one distinct value at a time.

A sheet reaches the loaders as columns (pandas Series): typed ones (float64, datetime64,
bool, Arrow-backed text) when every cell of the column has one type, object ones holding
the cells a reader hands over (str, float, int, bool, date, datetime, time, None) otherwise.
Per-cell Python is what made intake slow, so every test of a cell here runs once per
distinct value: pd.factorize hashes the column in C, the test runs on the uniques, and the
codes spread the answers back over the rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from itertools import zip_longest

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def distinct(column: pd.Series) -> tuple[np.ndarray, list]:
    """(codes, uniques): codes index the uniques, -1 marks a missing cell (None, NaN, NaT).
    The uniques are the Python cells a reader would have handed over."""
    if is_text(column):  # Arrow's hash kernel: twice as fast as pd.factorize on text
        text = arrow_text(column)
        if isinstance(text, pa.ChunkedArray):  # one dictionary for all chunks
            text = text.combine_chunks()
        encoded = pc.dictionary_encode(text)
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp)
        return codes, encoded.dictionary.to_pylist()
    codes, uniques = pd.factorize(column)
    return codes, python_cells(uniques)


def python_cells(values) -> list:
    """Values of a column as reader cells: a datetime64 value at midnight is a date (as
    python-calamine reads a date cell), any other a datetime."""
    if isinstance(values, pd.DatetimeIndex) or (
            hasattr(values, "dtype") and pd.api.types.is_datetime64_any_dtype(values.dtype)):
        stamps = pd.DatetimeIndex(values)
        midnight = (stamps == stamps.normalize()).tolist()
        return [s.date() if m else s.to_pydatetime() for s, m in
                zip(stamps, midnight, strict=True)]
    return list(values.tolist())


def per_distinct(column: pd.Series, test: Callable[[object], bool],
                 candidates: Callable[[list], list[bool]] | None = None) -> np.ndarray:
    """test(cell) for every cell as a bool array, run once per distinct value (missing
    cells: False). `candidates` may rule out most uniques in bulk before test runs."""
    codes, uniques = distinct(column)
    if not uniques:
        return np.zeros(len(column), bool)
    maybe = candidates(uniques) if candidates else [True] * len(uniques)
    answers = np.array([bool(m) and test(u) for u, m in zip(uniques, maybe, strict=True)]
                       + [False])
    return answers[codes]  # code -1 picks the trailing False


# What ad platforms write for "no value" (Google Ads: `--`), never a figure: two or more
# hyphens, or a dash. A lone hyphen is left alone: Excel's accounting format writes 0 as one.
_NO_VALUE = re.compile(r"\s*(?:-{2,}|[\u2013\u2014]+)\s*")


def is_no_value(cell: object) -> bool:
    """A text cell that says there is no value (`--`, `—`): read as empty, never an error."""
    return isinstance(cell, str) and _NO_VALUE.fullmatch(cell) is not None


def is_blank_cell(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip()) or cell != cell


def is_text(column: pd.Series) -> bool:
    """An Arrow-backed text column: every cell text or missing."""
    return column.dtype != object and pd.api.types.is_string_dtype(column.dtype)


def has_text(column: pd.Series) -> bool:
    """Whether the column can hold text at all (object or string dtype)."""
    return column.dtype == object or pd.api.types.is_string_dtype(column.dtype)


def arrow_text(column: pd.Series) -> pa.Array | pa.ChunkedArray:
    """A text column as Arrow (large) strings, without a copy (in chunks, as read)."""
    return pa.array(column.array)


# What str.strip() removes from ASCII text (Python counts \x1c-\x1f as whitespace).
ASCII_SPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


def blank_mask(column: pd.Series) -> np.ndarray:
    """True where a cell is None, NaN, NaT or blank text (loaders.layout.is_blank)."""
    missing = column.isna().to_numpy(bool, copy=True)
    if is_text(column):
        text = arrow_text(column)
        ascii_ = pc.string_is_ascii(text)
        empty = pc.equal(pc.utf8_length(pc.utf8_trim(text, ASCII_SPACE)), 0)
        missing |= pc.and_(ascii_, empty).fill_null(False).to_numpy(zero_copy_only=False)
        other = np.flatnonzero(pc.invert(ascii_).fill_null(False).to_numpy(zero_copy_only=False))
        if len(other):  # non-ASCII text: Python's own idea of whitespace
            missing[other] = [not t.strip() for t in text.take(other).to_pylist()]
    elif column.dtype == object:
        missing |= per_distinct(column, is_blank_cell)
    return missing


def text_matches(column: pd.Series, test: Callable[[str], bool], words: list[str]) -> np.ndarray:
    """test(text) for every text cell (False elsewhere), run once per distinct text. Text
    that is ASCII and holds none of `words` (any case) is taken to fail without a run."""
    if is_text(column):
        text = arrow_text(column)
        pattern = "|".join(re.escape(w) for w in words)
        maybe = pc.or_(pc.invert(pc.string_is_ascii(text)),
                       pc.match_substring_regex(text, pattern, ignore_case=True))
        where = np.flatnonzero(maybe.fill_null(False).to_numpy(zero_copy_only=False))
        out = np.zeros(len(column), bool)
        if len(where):
            texts = text.take(where).to_pylist()
            verdict = {t: test(t) for t in set(texts)}
            out[where] = [verdict[t] for t in texts]
        return out
    if column.dtype != object:
        return np.zeros(len(column), bool)

    def candidates(uniques: list) -> list[bool]:
        return [isinstance(u, str) and (not u.isascii() or any(w in u.lower() for w in words))
                for u in uniques]
    return per_distinct(column, test, candidates)


def frame_from_rows(rows: list[list]) -> pd.DataFrame:
    """Rows of reader cells as a frame of columns 0..width-1 (short rows padded with None),
    each column typed where that loses nothing (see typed_column)."""
    width = max((len(r) for r in rows), default=0)
    if not rows or width == 0:
        return pd.DataFrame(index=pd.RangeIndex(len(rows)), columns=pd.RangeIndex(width),
                            dtype=object)
    columns = list(zip_longest(*rows, fillvalue=None)) if any(
        len(r) != width for r in rows) else list(zip(*rows, strict=True))
    return pd.DataFrame({j: typed_column(columns[j]) for j in range(width)})


def typed_column(cells) -> pd.Series:
    """A column of reader cells, typed where that loses nothing: float64 when every cell is
    a float, Arrow-backed text when every cell is text, datetime64 when every cell is a date
    or a datetime with a time of day (python_cells gives them back as they were). The fast
    paths of the value parsers then apply. Anything else (ints, times, mixed types) stays
    object, exactly as read. Empty text ("", what python-calamine gives for an empty cell
    inside the used range) counts as missing: every reader of cells treats it so."""
    array = np.empty(len(cells), dtype=object)
    array[:] = cells
    array[array == ""] = None
    kind = pd.api.types.infer_dtype(array, skipna=True)
    if kind == "string":
        return pd.Series(array, dtype="str")
    if kind == "floating":
        return pd.Series(array, dtype="float64")
    if kind in ("date", "datetime") and all(_round_trips(v) for v in array.tolist()):
        return pd.Series(pd.to_datetime(array), dtype="datetime64[us]")
    return pd.Series(array, dtype=object)


def _round_trips(cell: object) -> bool:
    """A cell python_cells gives back unchanged from datetime64: a date, or a naive
    datetime that is not at midnight (the reader gives midnight as a date)."""
    if cell is None or type(cell) is dt.date:
        return True
    return type(cell) is dt.datetime and cell.tzinfo is None and cell.time() != dt.time()
