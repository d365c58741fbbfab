"""Parsers for raw spreadsheet cells (SPEC §1), in English, Italian, Finnish and Chinese: what
they share (Parsed, fold, per_cell), and text. Numbers and money are in number_values, dates,
months and periods in date_values, the closed word sets in word_values.

Every parser takes a Series of raw cells (str, int, float, bool, date, datetime, Timestamp,
None/NaN) and returns a `Parsed`: the values and, per cell, None or a plain-English error.
Empty cells are never errors here: whether a column is required is checked by the caller.

Speed: `per_cell` hashes a column in C (pd.factorize) and parses each distinct value once, so
repeated dates, months and words cost little. Text columns, datetime columns, the usual
number text (1234.56, 1.234,56 €) and ISO dates are parsed vectorized; only the messy rest
cell by cell.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders import cells as C


@dataclass
class Parsed:
    """Parsed values and per-cell errors, both on the raw Series' index."""

    values: pd.Series
    errors: pd.Series
    currency: pd.Series | None = None  # parse_money only: the ISO code written in the cell
    rounded: pd.Series | None = None  # parse_money only: True where a cell had > 6 decimals


Result = tuple[object, str | None, object]  # one cell: (value, error, extra)
EMPTY: Result = (None, None, None)
_ASCII = str.maketrans({"\u2019": "'", "\u2212": "-"})  # typographic apostrophe and minus
_ACCENTS = re.compile(r"[\u0300-\u036f]")  # combining marks left by NFKD: "ä" -> "a" + mark


def is_empty(raw: pd.Series) -> pd.Series:
    """True where a cell is None, NaN, NaT or text that is blank after strip."""
    return pd.Series(C.blank_mask(raw), index=raw.index)


def fold(text: str) -> str:
    """Lookup key: casefolded, accents and fullwidth forms undone, whitespace collapsed
    (NBSP and U+202F become plain spaces)."""
    if not text.isascii():
        text = _ACCENTS.sub("", unicodedata.normalize("NFKD", text)).translate(_ASCII)
    return " ".join(text.casefold().split())


def is_number(v: object) -> bool:
    """A real number that is not a bool (bools are numbers to Python)."""
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))


def text_cells(raw: pd.Series) -> set[str]:
    """The distinct non-blank text cells of a column, as written."""
    if not C.has_text(raw):
        return set()  # a typed column (numbers, dates) holds no text
    if C.is_text(raw):
        return {v for v in C.arrow_text(raw).unique().to_pylist() if v is not None and v.strip()}
    return {v for v in raw.tolist() if isinstance(v, str) and v.strip()}


# What Excel saves in a cell whose formula failed (loaders.read passes them on as text).
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                          "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!",
                          "#CONNECT!", "#BUSY!", "#UNKNOWN!"})


def excel_error(v: object) -> Result | None:
    if isinstance(v, str) and v.strip().upper() in EXCEL_ERRORS:
        return None, (f"the cell holds the Excel error {v.strip()}: fix the formula or type "
                      "the value"), None
    return None


def per_cell(raw: pd.Series, parse_one: Callable[[object], Result]) -> list[np.ndarray]:
    """parse_one applied once per distinct non-empty value (hashed in C, loaders.cells);
    returns the cells' values, errors and extras as object arrays. A cell holding an Excel
    error value (#REF!, #DIV/0!) is an error in every column."""
    keys = raw
    if raw.dtype == object and pd.api.types.infer_dtype(raw, skipna=True) in (
            "mixed", "mixed-integer"):
        # True == 1 to a hash table: give bools keys of their own
        keys = raw.map(lambda v: (v,) if isinstance(v, (bool, np.bool_)) else v)
    codes, uniques = C.distinct(keys)
    results = [EMPTY if C.is_blank_cell(v) else (excel_error(v) or parse_one(v))
               for v in (u[0] if type(u) is tuple else u for u in uniques)] + [EMPTY]
    columns = [np.empty(len(results), dtype=object) for _ in range(3)]
    for column, part in zip(columns, zip(*results, strict=True), strict=True):
        column[:] = part
    return [column[codes] for column in columns]  # code -1 (empty) picks the trailing EMPTY


def as_parsed(raw: pd.Series, cells: list[np.ndarray], dtype: str = "object") -> Parsed:
    errors = pd.Series(cells[1], index=raw.index, dtype=object)
    return Parsed(pd.Series(cells[0], index=raw.index, dtype=dtype), errors)


def parse_each(raw: pd.Series, parse_one: Callable[[object], Result],
               dtype: str = "object") -> Parsed:
    """A column parsed cell by cell with parse_one (once per distinct value: per_cell)."""
    return as_parsed(raw, per_cell(raw, parse_one), dtype)


def _text_one(v: object) -> Result:
    if isinstance(v, str):
        return v.strip(), None, None
    if isinstance(v, dt.datetime):
        return (v.date().isoformat() if v.time() == dt.time() else v.isoformat(" ")), None, None
    if isinstance(v, dt.date):
        return v.isoformat(), None, None
    if is_number(v) and float(v).is_integer():
        return str(int(v)), None, None  # a document number typed into Excel: 123.0 -> "123"
    return str(v), None, None


def parse_text(raw: pd.Series) -> Parsed:
    """Cells as stripped text; whole floats lose their ".0", dates become ISO. Never errors
    (but for Excel error values). A text column (Arrow-backed) gives text values (str
    dtype, NaN where empty) without a Python string per cell."""
    if C.is_text(raw):
        return _text_column(raw)
    return parse_each(raw, _text_one)


def _text_column(raw: pd.Series) -> Parsed:
    """parse_text of an all-text column, vectorized: str.strip() is exact for ASCII
    (loaders.cells.ASCII_SPACE); other text is stripped by Python, cell by cell. A column
    with nothing to strip and no Excel error comes back as it is, without a copy."""
    text = stripped = C.arrow_text(raw)  # in chunks as read: no copy unless something changes
    edges = f"^[{_RE2_SPACE}]|[{_RE2_SPACE}]$"
    if pc.any(pc.match_substring_regex(text, edges)).as_py():
        stripped = pc.utf8_trim(text, C.ASCII_SPACE)
    other = np.flatnonzero(pc.invert(pc.string_is_ascii(text)).fill_null(False)
                           .to_numpy(zero_copy_only=False))
    if len(other):
        before = text.take(other).to_pylist()
        after = [t.strip() for t in before]
        if after != before:
            stripped = pc.replace_with_mask(one_array(stripped), mask_at(other, len(text)),
                                            pa.array(after, stripped.type))
    if stripped is not text and pc.any(pc.equal(stripped, "")).as_py():
        stripped = pc.if_else(pc.equal(stripped, ""), pa.scalar(None, stripped.type), stripped)
    errors = np.full(len(text), None, dtype=object)
    hashed = np.flatnonzero(pc.starts_with(stripped, "#").fill_null(False)
                            .to_numpy(zero_copy_only=False))
    found = [excel_error(t) for t in stripped.take(hashed).to_pylist()]
    if any(found):  # Excel error values (#REF!…) are the only text that is an error
        errors[hashed] = [None if f is None else f[1] for f in found]
        stripped = pc.replace_with_mask(
            one_array(stripped), mask_at(hashed[[f is not None for f in found]], len(text)),
            pa.nulls(sum(f is not None for f in found), stripped.type))
    values = raw if stripped is text else pd.Series(
        pd.arrays.ArrowStringArray(stripped.cast(pa.large_string())), index=raw.index
    ).astype("str")
    return Parsed(values, pd.Series(errors, index=raw.index, dtype=object))


# ASCII whitespace as Python's str.strip() sees it, for an RE2 character class.
_RE2_SPACE = r" \t\n\r\x0b\x0c\x1c-\x1f"


def one_array(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One array (replace_with_mask takes no chunks); only for the rare column it changes."""
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def mask_at(positions: np.ndarray, size: int) -> pa.Array:
    mask = np.zeros(size, bool)
    mask[positions] = True
    return pa.array(mask)
