"""Parsers for raw spreadsheet cells (SPEC §1): numbers, money, dates, months, periods and the
closed word sets, in English, Italian, Finnish and Chinese.

Every parser takes a Series of raw cells (str, int, float, bool, date, datetime, Timestamp,
None/NaN) and returns a `Parsed`: the values and, per cell, None or a plain-English error.
Empty cells are never errors here: whether a column is required is checked by the caller.
Dates and months come back as datetime64[us] (the pandas 3 default), at midnight.

Speed: `_cells` hashes a column in C (pd.factorize) and parses each distinct value once, so
repeated dates, months and words cost little. Datetime columns, the usual number text
(1234.56, 1.234,56 €) and ISO dates are parsed vectorized; only the messy rest cell by cell.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders import cells as C
from loaders import vocab
from loaders.kinds import STATUSES, VERSIONS


@dataclass
class Parsed:
    """Parsed values and per-cell errors, both on the raw Series' index."""

    values: pd.Series
    errors: pd.Series
    currency: pd.Series | None = None  # parse_money only: the ISO code written in the cell
    rounded: pd.Series | None = None  # parse_money only: True where a cell had > 6 decimals


Result = tuple[object, str | None, object]  # one cell: (value, error, extra)
_EMPTY: Result = (None, None, None)
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


def _is_number(v: object) -> bool:
    """A real number that is not a bool (bools are numbers to Python)."""
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))


def _texts(raw: pd.Series) -> set[str]:
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


def _excel_error(v: object) -> Result | None:
    if isinstance(v, str) and v.strip().upper() in EXCEL_ERRORS:
        return None, (f"the cell holds the Excel error {v.strip()}: fix the formula or type "
                      "the value"), None
    return None


def _cells(raw: pd.Series, parse_one: Callable[[object], Result]) -> list[np.ndarray]:
    """parse_one applied once per distinct non-empty value (hashed in C, loaders.cells);
    returns the cells' values, errors and extras as object arrays. A cell holding an Excel
    error value (#REF!, #DIV/0!) is an error in every column."""
    keys = raw
    if raw.dtype == object and pd.api.types.infer_dtype(raw, skipna=True) in (
            "mixed", "mixed-integer"):
        # True == 1 to a hash table: give bools keys of their own
        keys = raw.map(lambda v: (v,) if isinstance(v, (bool, np.bool_)) else v)
    codes, uniques = C.distinct(keys)
    results = [_EMPTY if C.is_blank_cell(v) else (_excel_error(v) or parse_one(v))
               for v in (u[0] if type(u) is tuple else u for u in uniques)] + [_EMPTY]
    columns = [np.empty(len(results), dtype=object) for _ in range(3)]
    for column, part in zip(columns, zip(*results, strict=True), strict=True):
        column[:] = part
    return [column[codes] for column in columns]  # code -1 (empty) picks the trailing _EMPTY


def _parsed(raw: pd.Series, cells: list[np.ndarray], dtype: str = "object") -> Parsed:
    errors = pd.Series(cells[1], index=raw.index, dtype=object)
    return Parsed(pd.Series(cells[0], index=raw.index, dtype=dtype), errors)


def _text_one(v: object) -> Result:
    if isinstance(v, str):
        return v.strip(), None, None
    if isinstance(v, dt.datetime):
        return (v.date().isoformat() if v.time() == dt.time() else v.isoformat(" ")), None, None
    if isinstance(v, dt.date):
        return v.isoformat(), None, None
    if _is_number(v) and float(v).is_integer():
        return str(int(v)), None, None  # a document number typed into Excel: 123.0 -> "123"
    return str(v), None, None


def parse_text(raw: pd.Series) -> Parsed:
    """Cells as stripped text; whole floats lose their ".0", dates become ISO. Never errors
    (but for Excel error values). A text column (Arrow-backed) gives text values (str
    dtype, NaN where empty) without a Python string per cell."""
    if C.is_text(raw):
        return _text_column(raw)
    return _parsed(raw, _cells(raw, _text_one))


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
            stripped = pc.replace_with_mask(_one_array(stripped), _mask_at(other, len(text)),
                                            pa.array(after, stripped.type))
    if stripped is not text and pc.any(pc.equal(stripped, "")).as_py():
        stripped = pc.if_else(pc.equal(stripped, ""), pa.scalar(None, stripped.type), stripped)
    errors = np.full(len(text), None, dtype=object)
    hashed = np.flatnonzero(pc.starts_with(stripped, "#").fill_null(False)
                            .to_numpy(zero_copy_only=False))
    found = [_excel_error(t) for t in stripped.take(hashed).to_pylist()]
    if any(found):  # Excel error values (#REF!…) are the only text that is an error
        errors[hashed] = [None if f is None else f[1] for f in found]
        stripped = pc.replace_with_mask(
            _one_array(stripped), _mask_at(hashed[[f is not None for f in found]], len(text)),
            pa.nulls(sum(f is not None for f in found), stripped.type))
    values = raw if stripped is text else pd.Series(
        pd.arrays.ArrowStringArray(stripped.cast(pa.large_string())), index=raw.index
    ).astype("str")
    return Parsed(values, pd.Series(errors, index=raw.index, dtype=object))


# ASCII whitespace as Python's str.strip() sees it, for an RE2 character class.
_RE2_SPACE = r" \t\n\r\x0b\x0c\x1c-\x1f"


def _one_array(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One array (replace_with_mask takes no chunks); only for the rare column it changes."""
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _mask_at(positions: np.ndarray, size: int) -> pa.Array:
    mask = np.zeros(size, bool)
    mask[positions] = True
    return pa.array(mask)


# --- numbers ----------------------------------------------------------------------------

_CUR = r"euros?|us\$|cn¥|[€$£¥元]|人民[币幣]|[a-z]{3}"
_NUMBER = re.compile(
    rf"(?P<s1>[-+]?) ?(?P<p1>\(?) ?(?:(?P<c1>{_CUR}) ?)?(?P<s2>[-+]?) ?(?P<p2>\(?) ?"
    r"(?P<num>\d[\d.,' ]*\d|\d) ?(?P<pct>%?) ?"
    rf"(?:(?P<c2>{_CUR}) ?)?(?P<p3>\)?) ?(?P<s3>-?)"
)
_WHOLE = re.compile(r"\d{1,3}(?:[ .,']\d{3})+|\d+")  # digits, optionally grouped by three
# a single separator that could group thousands: 1.234, 12 345,678
_THOUSANDS = {sep: re.compile(rf"[1-9]\d{{0,2}}(?:[ ']\d{{3}})*\{sep}\d{{3}}") for sep in ".,"}
_NO_GROUPS = str.maketrans("", "", " .,'")
_MONEY_LIMIT = Decimal(10) ** 12  # the store keeps amounts as DECIMAL(18,6)
MONEY_PLACES = 6  # money is kept to six decimals (SPEC §1: ad platforms bill fractions of a cent)
_MICRO = Decimal(1).scaleb(-MONEY_PLACES)
# The vectorized path (re2 regexes): 1234, -1234.5, 1.234,5, 1,234.5, 1 234,5 …
_PLAIN = (r"-?(?:\d+(?:[.,]\d+)?|\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:,\d{3})+\.\d+"
          r"|\d{1,3}(?: \d{3})+(?:[.,]\d+)?)")
_AMBIGUOUS = r"-?[1-9]\d{0,2}(?: \d{3})*[.,]\d{3}"  # … but not 1.234: the convention decides
_TOKEN = r"(€|\$|£|¥|元|[a-z]{3})"
_SPLIT = rf"^(?:{_TOKEN} ?)?(.*?)(?: ?{_TOKEN})?$"  # currency before, number, currency after
_CURRENCIES = {code.casefold(): code for code in vocab.ISO_CURRENCIES} | {
    fold(k): v for k, v in vocab.CURRENCY_SYMBOLS.items()
}


class _Num(NamedTuple):
    """A number written as text, taken apart."""

    num: str  # digits and separators, "1.234,56"
    negative: bool
    currency: str | None
    percent: bool
    seps: dict[bool | None, str | None]  # the decimal separator, by decimal_comma
    vote: str | None  # the decimal separator this text settles on by itself


def _decimal_sep(num: str, decimal_comma: bool) -> str | None:
    """Which of '.' and ',' is num's decimal separator under a convention; None if none."""
    last = max(num.rfind("."), num.rfind(","))
    if last < 0:
        return None
    sep = num[last]
    if ("," if sep == "." else ".") in num:
        return sep  # 1.234,56 / 1,234.56: the last one
    if num.count(sep) > 1:
        return None  # 1.234.567: they group
    if not _THOUSANDS[sep].fullmatch(num):
        return sep  # 12,5  1.2345  0.500: can only be decimals
    return sep if (sep == ",") == decimal_comma else None  # 1.234: the convention decides


def _number_text(text: str) -> _Num | str:
    """A number written as text taken apart, or what is wrong with it."""
    m = _NUMBER.fullmatch(fold(text))
    opened = m and len(m["p1"] + m["p2"])
    if m is None or opened > 1 or opened != len(m["p3"]) or (m["c1"] and m["c2"]):
        return "not a number"  # abc, 12a, (1,200, "$1 $"
    minus = [m["s1"], m["s2"], m["s3"]].count("-") + opened  # (1,200.00) is negative
    token = m["c1"] or m["c2"]
    if minus > 1 or (token and token not in _CURRENCIES):
        return "not a number" if minus > 1 else f"unknown currency '{token.upper()}'"
    num = m["num"]
    comma, dot = _decimal_sep(num, True), _decimal_sep(num, False)
    vote = comma if comma == dot else None  # 12,5 votes comma; 1.234 reads either way
    if comma is None and dot is None and ("." in num) != ("," in num):
        vote = "," if "." in num else "."  # 1.234.567: the dots group, so commas are decimal
    seps = {True: comma, False: dot, None: comma if comma == dot else None}  # 1.234 -> 1234
    return _Num(num, minus == 1, _CURRENCIES.get(token), bool(m["pct"]), seps, vote)


def _vote(texts: Iterable[_Num | str], votes: Counter[str | None]) -> bool | None:
    """Add the self-deciding texts to votes; the majority convention, None on a tie."""
    votes = votes + Counter(t.vote for t in texts if isinstance(t, _Num))
    return None if votes[","] == votes["."] else votes[","] > votes["."]


def guess_decimal_comma(raw: pd.Series) -> bool | None:
    """A column's number convention from its text cells: True for decimal comma
    (1.234,56  1 234,56  12,5), False for decimal dot (1,234.56  12.5), None when nothing
    decides (only 1.234, 1,234 or integers). A mixed column goes with the majority."""
    return _vote((_number_text(t) for t in _texts(raw)), Counter())


def _too_many(max_decimals: int) -> str:
    return f"more than {'two' if max_decimals == 2 else max_decimals} decimals"


def _text_value(t: _Num | str, decimal_comma: bool | None, max_decimals: int | None,
                percent: bool) -> Result:
    if isinstance(t, str):
        return None, t, None
    dec = t.seps[decimal_comma]
    whole, frac = t.num.rsplit(dec, 1) if dec else (t.num, "")
    if (dec and dec in whole) or not _WHOLE.fullmatch(whole) or (dec and not frac.isdigit()):
        return None, "not a number", None  # 1,2,3.4.5  12 5
    if t.percent and not percent:
        return None, "a percentage, not an amount", None
    if max_decimals is not None and len(frac.rstrip("0")) + 2 * t.percent > max_decimals:
        return None, _too_many(max_decimals), None
    value = Decimal(("-" if t.negative else "") + whole.translate(_NO_GROUPS) + "." + frac)
    return (value.scaleb(-2) if t.percent else value), None, t.currency


def _fast_texts(texts: set[str], max_decimals: int | None) -> tuple[dict, Counter]:
    """Vectorized path for the usual number text: an optional currency before or after, a
    sign, digits grouped by . , or space, decimals that no convention could misread. Returns
    the results by text, and the conventions these texts vote for; the rest is left over."""
    keys = pd.Series(list(texts), dtype="str")
    s = keys.str.lower().str.replace("\u00a0", " ").str.replace("\u202f", " ").str.strip()
    token = pd.Series("", index=s.index, dtype="str")
    decorated = ~s.str.fullmatch(_PLAIN).to_numpy(bool)  # split a currency off these
    token[decorated] = s[decorated].str.replace(_SPLIT, r"\1\3", regex=True)
    s[decorated] = s[decorated].str.replace(_SPLIT, r"\2", regex=True)
    currency = token.map(_CURRENCIES)
    known = token.eq("") | currency.notna()
    fast = (s.str.fullmatch(_PLAIN) & ~s.str.fullmatch(_AMBIGUOUS) & known).to_numpy(bool)
    s, currency = s[fast], currency[fast].tolist()
    votes = Counter({",": int(s.str.contains(r",\d+$").sum()),
                     ".": int(s.str.contains(r"\.\d+$").sum())})
    # the last separator before the final digits is the decimal one, the others group
    s = s.str.replace(r"[.,](\d+)$", r"#\1", regex=True).str.replace(r"[., ]", "", regex=True)
    s = s.str.replace("#", ".")
    fits = s.str.fullmatch(rf"-?\d+(?:\.\d{{0,{max_decimals}}}0*)?").to_numpy(bool) \
        if max_decimals is not None else np.ones(len(s), bool)
    bad = (None, _too_many(max_decimals or 0), None)
    results = [(Decimal(x), None, c if isinstance(c, str) else None) if ok else bad
               for x, c, ok in zip(s.tolist(), currency, fits, strict=True)]
    return dict(zip(keys[fast].tolist(), results)), votes


def _number_one(v: object, max_decimals: int | None) -> Result:
    """A cell that is not text: real numbers are fine, bools, dates and inf are not."""
    if isinstance(v, (float, np.floating)) and math.isfinite(v):
        # repr is the shortest text that round-trips: 0.1 -> Decimal("0.1"), not 0.1000000…
        value = Decimal(repr(float(v)))
    elif isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)):
        value = Decimal(int(v))
    else:
        return None, "not a number", None
    if max_decimals is not None and -value.as_tuple().exponent > max_decimals:
        return None, _too_many(max_decimals), None  # repr has no trailing zeros to strip
    return value, None, None


def _number_parser(raw: pd.Series, decimal_comma: bool | None, max_decimals: int | None,
                   percent: bool) -> Callable[[object], Result]:
    """The parser of one cell of this column, once its text convention is settled."""
    texts = _texts(raw)
    done, votes = _fast_texts(texts, max_decimals)
    parts = {t: _number_text(t) for t in texts - done.keys()}
    if decimal_comma is None:
        decimal_comma = _vote(parts.values(), votes)
    done |= {t: _text_value(p, decimal_comma, max_decimals, percent) for t, p in parts.items()}
    return lambda v: done[v] if isinstance(v, str) else _number_one(v, max_decimals)


def parse_decimal(raw: pd.Series, *, decimal_comma: bool | None = None,
                  max_decimals: int | None = None) -> Parsed:
    """Numbers and number text in either convention, with currency, sign, accounting
    brackets, trailing minus or percent ("22%" -> 0.22), as Decimal. An ambiguous 1.234 or
    1,234 follows decimal_comma, else the column's convention (guess_decimal_comma), else it
    is read as thousands (1234). Too many decimals is an error, never rounded."""
    return _parsed(raw, _cells(raw, _number_parser(raw, decimal_comma, max_decimals, True)))


def parse_money(raw: pd.Series, *, decimal_comma: bool | None = None) -> Parsed:
    """parse_decimal kept to six decimals, plus the ISO currency written in the cell
    ("€ 1.200,00" -> EUR, "$" -> USD, "¥"/"元"/"RMB" -> CNY). A value with more decimals
    (1.4299999485, a float an ad platform computed) is rounded half away from zero to six
    and marked in `rounded`, for the caller to warn about: refusing it would refuse most ad
    exports, and the lost part is far below a cent."""
    one = _number_parser(raw, decimal_comma, None, percent=False)

    def money(v: object) -> Result:
        value, error, currency = one(v)
        if value is None:
            return value, error, (currency, False)
        if value.copy_abs() >= _MONEY_LIMIT:  # before quantize: 1E+30 has no 6 decimals
            return None, "too large for an amount", (None, False)
        kept = value.quantize(_MICRO, rounding=ROUND_HALF_UP)
        if kept.copy_abs() >= _MONEY_LIMIT:  # 999999999999.9999995 rounds up to 10**12
            return None, "too large for an amount", (None, False)
        return kept, error, (currency, kept != value)
    if raw.dtype == np.float64:
        return _money_floats(raw, money)
    cells = _cells(raw, money)
    parsed = _parsed(raw, cells)
    extras = [(None, False) if e is None else e for e in cells[2].tolist()]
    parsed.currency = pd.Series([e[0] for e in extras], index=raw.index, dtype=object)
    parsed.rounded = pd.Series([e[1] for e in extras], index=raw.index, dtype=bool)
    return parsed


MONEY = pd.ArrowDtype(pa.decimal128(18, MONEY_PLACES))  # what the store keeps: DECIMAL(18,6)


def as_money(values: pd.Series) -> pd.Series:
    """Money values (Decimals with at most six decimals, None) as Arrow DECIMAL(18,6)."""
    if values.dtype == MONEY:
        return values
    cells = values.astype(object).where(values.notna(), None).tolist()
    return pd.Series(pa.array(cells, MONEY.pyarrow_dtype), index=values.index, dtype=MONEY)


def _money_floats(raw: pd.Series, money: Callable[[object], Result]) -> Parsed:
    """parse_money of a float64 column (numbers typed into Excel) without a Python Decimal
    per cell: whole millionths are counted in numpy (_micros), the odd cells (more decimals,
    too large) go through `money` one by one, and the values come back as Arrow
    DECIMAL(18,6) (the store's type; each value reads back as the same Decimal)."""
    x = raw.to_numpy()
    settled = _micros(x)
    micros = np.zeros(len(x), dtype=np.int64)
    with np.errstate(invalid="ignore"):
        micros[settled] = np.rint(x[settled] * 10**MONEY_PLACES)
    errors = np.full(len(x), None, dtype=object)
    rounded = np.zeros(len(x), dtype=bool)
    rest = np.flatnonzero(~settled & ~np.isnan(x))
    if len(rest):
        values, errors[rest], extras = _cells(raw.iloc[rest], money)
        for i, value, extra in zip(rest.tolist(), values.tolist(), extras.tolist(),
                                   strict=True):
            if value is not None:
                micros[i], settled[i] = int(value.scaleb(MONEY_PLACES)), True
                rounded[i] = extra[1]
    words = np.zeros((len(x), 2), dtype=np.int64)  # 128-bit little-endian two's complement
    words[:, 0], words[:, 1] = micros, np.where(micros < 0, -1, 0)
    array = pa.Array.from_buffers(MONEY.pyarrow_dtype, len(x),
                                  [pa.array(settled).buffers()[1], pa.py_buffer(words)])
    return Parsed(pd.Series(array, index=raw.index, dtype=MONEY),
                  pd.Series(errors, index=raw.index, dtype=object),
                  pd.Series(np.full(len(x), None, dtype=object), index=raw.index),
                  pd.Series(rounded, index=raw.index))


def _float_cells(raw: pd.Series, fast: Callable[[np.ndarray], tuple[np.ndarray, list]],
                 parse_one: Callable[[object], Result]) -> list[np.ndarray]:
    """_cells, with a vectorized path for a float64 column: `fast` takes the floats and
    returns which it settles and their values; the other cells go through parse_one."""
    if raw.dtype != np.float64:
        return _cells(raw, parse_one)
    x = raw.to_numpy()
    settled, settled_values = fast(x)
    rest = np.flatnonzero(~settled & ~np.isnan(x))
    out = [np.full(len(x), None, dtype=object) for _ in range(3)]
    out[0][settled] = settled_values
    if len(rest):
        for column, part in zip(out, _cells(raw.iloc[rest], parse_one), strict=True):
            column[rest] = part
    return out


def _micros(x: np.ndarray) -> np.ndarray:
    """Where floats are an amount of whole millionths, as they would parse one by one
    (Decimal(repr(x))): repr(x) has at most six decimals exactly when x is the double nearest
    to round(x, 6); below 1e9 (x * 1e6 under 2**53) that test is exact in floating point.
    Negative zero (repr "-0.0", which quantizes to -0.000000) is left to the cell parser."""
    with np.errstate(invalid="ignore"):
        return (np.abs(x) < 1e9) & (np.round(x, MONEY_PLACES) == x) & \
            ~((x == 0) & np.signbit(x))


def _whole_floats(x: np.ndarray) -> tuple[np.ndarray, list]:
    """Floats that are whole numbers, as parse_integer reads them one by one (12.0 -> 12)."""
    with np.errstate(invalid="ignore"):
        settled = (np.abs(x) < 2.0**53) & (np.trunc(x) == x)
    return settled, x[settled].astype(np.int64).tolist()


def _whole(result: Result) -> Result:
    value, error, currency = result
    if error or value is None:
        return result
    if currency or value != value.to_integral_value():
        return None, "not a number" if currency else "not a whole number", None
    return (int(value), None, None) if abs(value) < 2**63 else (None, "too large", None)


def parse_integer(raw: pd.Series, *, decimal_comma: bool | None = None) -> Parsed:
    """Whole numbers as Int64; "1.234", "1,234", "1 234" and 12.0 are fine, 12.5 is not."""
    one = _number_parser(raw, decimal_comma, None, percent=False)
    return _parsed(raw, _float_cells(raw, _whole_floats, lambda v: _whole(one(v))),
                   dtype="Int64")


# --- dates, months, periods -------------------------------------------------------------

_TIME = r"(?:[t ] ?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(rf"(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}")
_DMY = re.compile(rf"(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}|\d{{2}}){_TIME}")
_ZH_DATE = re.compile(r"(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号號]?")
_DAY_NAME = re.compile(r"(\d{1,2})\.? ?[-/]? ?([^\W\d_]+)\.?,? ?[-/]? ?(\d{4}|\d{2})")
_NAME_DAY = re.compile(r"([^\W\d_]+)\.? ?(\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")
_ZH_NUM = r"\d{1,2}|[一二三四五六七八九十]+"
_ZH_MONTH = re.compile(rf"({_ZH_NUM}) ?月份?")
_ZH_YM = re.compile(rf"(\d{{4}}) ?年 ?({_ZH_NUM}) ?月份?")
_YM = re.compile(r"(\d{4}) ?[-/.] ?(\d{1,2})")
_MY = re.compile(r"(\d{1,2}) ?[-/.] ?(\d{4})")
_NAME_YEAR = re.compile(r"([^\W\d_]+)\.? ?[-/']? ?(\d{4}|\d{2})")
_YEAR_NAME = re.compile(r"(\d{4}) ?[-/]? ?([^\W\d_]+)\.?")  # 2026 Jan
_ISO_PLAIN = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # vectorized path
_MONTHS = {fold(name): n for name, n in vocab.MONTH_BY_NAME.items()}
_FIRST_DAY, _LAST_DAY = dt.datetime(1970, 1, 1), dt.datetime(2100, 12, 31)
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_NO_SUCH_DATE = (None, "no such date", None)
_OUT_OF_RANGE = (None, "date out of range", None)


def _year(text: str) -> int:
    """Two-digit years pivot at 70: 26 -> 2026, 85 -> 1985."""
    y = int(text)
    return y if len(text) > 2 else y + (2000 if y < 70 else 1900)


def _zh_number(text: str) -> int:
    return int(text) if text.isdigit() else vocab.CHINESE_DIGITS.get(text, 0)


def _day(y: int, m: int, d: int) -> Result:
    """A checked calendar day, as a datetime at midnight."""
    try:
        day = dt.datetime(y, m, d)
    except ValueError:
        return _NO_SUCH_DATE
    return (day, None, None) if _FIRST_DAY <= day <= _LAST_DAY else _OUT_OF_RANGE


def _month_text(text: str) -> tuple[int, int] | None:
    """(year, month) of a folded month text; the month may be out of 1..12."""
    if m := _ZH_YM.fullmatch(text):
        return int(m[1]), _zh_number(m[2])
    if m := _YM.fullmatch(text) or _MY.fullmatch(text):
        a, b = int(m[1]), int(m[2])
        return (a, b) if a > 31 else (b, a)
    if (m := _NAME_YEAR.fullmatch(text)) and m[1] in _MONTHS:
        return _year(m[2]), _MONTHS[m[1]]
    if (m := _YEAR_NAME.fullmatch(text)) and m[2] in _MONTHS:
        return int(m[1]), _MONTHS[m[2]]
    return None


def _date_text(text: str, day_first: DayFirst) -> tuple[int, int, int] | None:
    """(year, month, day) of a folded date text, unchecked; None if it is not one. A d/m/y
    text that reads only one way is read that way, whatever `day_first` says."""
    if m := _ISO.fullmatch(text) or _ZH_DATE.fullmatch(text):
        return int(m[1]), int(m[2]), int(m[3])
    if m := _DMY.fullmatch(text):
        a, b = int(m[1]), int(m[2])
        first = _order(a, b, day_first)
        return (_year(m[3]), b, a) if first in (True, None) else (_year(m[3]), a, b)
    if (m := _DAY_NAME.fullmatch(text)) and m[2] in _MONTHS:
        return _year(m[3]), _MONTHS[m[2]], int(m[1])
    if (m := _NAME_DAY.fullmatch(text)) and m[1] in _MONTHS:
        return int(m[3]), _MONTHS[m[1]], int(m[2])
    return None


# A column's d/m/y order: day first, month first, or BOTH_ORDERS when its unambiguous dates
# disagree (13/02/2026 and 02/13/2026): then a date that reads both ways is an error.
BOTH_ORDERS = "both"
DayFirst = bool | str


def _order(a: int, b: int, day_first: DayFirst | None) -> bool | None:
    """Whether d/m/y parts a, b are read day first: the only way they can be read (13/02
    day first, 02/13 month first), else the column's order; None when the column holds both
    orders and a, b read both ways (01/02)."""
    if a > 12 >= b:
        return True
    if b > 12 >= a:
        return False
    if day_first == BOTH_ORDERS and a != b and a <= 12:  # 05/05 is one day either way
        return None
    return day_first is not False


def _infer_day_first(texts: Iterable[str]) -> DayFirst:
    """Day first, unless some d/m/y text reads only month first (02/13/2026) and none only
    day first; BOTH_ORDERS when some read only one way and some only the other."""
    pairs = [(int(m[1]), int(m[2])) for t in texts if (m := _DMY.fullmatch(fold(t)))]
    day_only = any(a > 12 >= b for a, b in pairs)
    month_only = any(b > 12 >= a for a, b in pairs)
    return BOTH_ORDERS if day_only and month_only else day_only or not month_only


def _dmy_one(m: re.Match, day_first: DayFirst) -> Result:
    """A d/m/y text as a day; its error says which reading was tried, and for an ambiguous
    date in a column of both orders, both readings."""
    a, b, y = int(m[1]), int(m[2]), _year(m[3])
    first = _order(a, b, day_first)
    if first is None:
        readings = [_day(y, b, a)[0], _day(y, a, b)[0]]
        if all(readings):
            shown = [f"{r:%Y-%m-%d}" for r in readings]
            return None, (f"ambiguous date: {shown[0]} read day first, {shown[1]} month first "
                          "(the column has dates written both ways)"), None
        first = True  # out of range either way: say so, as for any other date
    value, error, _ = _day(y, b, a) if first else _day(y, a, b)
    if error == _NO_SUCH_DATE[1]:
        sep, yy = m[0][len(m[1])], "yyyy" if len(m[3]) == 4 else "yy"
        shape = sep.join(["dd", "mm", yy] if first else ["mm", "dd", yy])
        how = "day first" if first else "month first"
        error = f"no such date (read {how}, as {shape})"
    return value, error, None


def _date_one(v: object, day_first: DayFirst) -> Result:
    """A cell as a day: a date, an Excel serial or date text."""
    if isinstance(v, dt.date):  # datetime and Timestamp too
        return _day(v.year, v.month, v.day)
    if _is_number(v) and 20000 <= v <= 80000:  # Excel serials: days since 1899-12-30
        return _day(*(_EXCEL_EPOCH + dt.timedelta(days=int(v))).timetuple()[:3])
    if isinstance(v, str) and (m := _DMY.fullmatch(fold(v))):
        return _dmy_one(m, day_first)
    if isinstance(v, str) and (ymd := _date_text(fold(v), True)):
        return _day(*ymd)
    if isinstance(v, dt.time):  # what a reader makes of Excel's day 0 and 1 (1900-01-01)
        return None, "not a date: the cell holds a time of day or a date before 1900", None
    return None, "not a date", None


def _iso_dates(texts: set[str]) -> dict[str, Result]:
    """Vectorized path for ISO date text (2026-03-31, optionally with a time), by text."""
    keys = pd.Series(list(texts), dtype="str")
    keys = keys[keys.str.strip().str.fullmatch(_ISO_PLAIN).to_numpy(bool)]
    days = pd.to_datetime(keys.str.strip().str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    fits = days.between(_FIRST_DAY, _LAST_DAY).tolist()
    return {t: (d, None, None) if ok else _OUT_OF_RANGE if d == d else _NO_SUCH_DATE
            for t, d, ok in zip(keys.tolist(), days.tolist(), fits, strict=True)}


def parse_date(raw: pd.Series, *, day_first: DayFirst | None = None) -> Parsed:
    """Days: datetimes, Excel serials (20000..80000), ISO, d/m/y with / . or -, 2026年3月31日,
    "31 marzo 2026", "March 31, 2026", two-digit years (pivot 70), month text (its first
    day). A d/m/y date that reads only one way is read that way (11/16/2024: 16 November);
    the others follow the column: day_first=None infers it (_infer_day_first), and where
    the column's unambiguous dates disagree, each date that reads both ways is an error
    naming both. Only 1970-01-01..2100-12-31 is accepted."""
    try:  # vectorized path: datetimes already, normalized to midnight and range-checked
        days = pd.to_datetime(raw) if pd.api.types.infer_dtype(raw, skipna=True) in (
            "datetime", "datetime64", "date") else None
    except (ValueError, TypeError):  # mixed time zones, years beyond pandas' range
        days = None
    if days is not None:
        days = (days.dt.tz_localize(None) if days.dt.tz else days).dt.normalize()
        outside = days.notna() & ~days.between(_FIRST_DAY, _LAST_DAY)
        errors = np.where(outside, _OUT_OF_RANGE[1], None)
        return Parsed(days.mask(outside).astype("datetime64[us]"),
                      pd.Series(errors, raw.index, dtype=object))
    texts = _texts(raw)
    done = _iso_dates(texts)
    first = _infer_day_first(texts - done.keys()) if day_first is None else day_first
    return _parsed(raw, _cells(raw, lambda v: done.get(v) or _month_one(v, first, as_date=True)),
                   "datetime64[us]")


def _month_one(v: object, day_first: DayFirst, *, as_date: bool = False) -> Result:
    """A cell's month, on its first day; with as_date a date text keeps its day."""
    if isinstance(v, str) and (ym := _month_text(fold(v))):
        bad = (None, "not a date" if as_date else "not a month", None)
        return _day(*ym, 1) if 1 <= ym[1] <= 12 else bad
    day, error, _ = _date_one(v, day_first)
    if error or as_date:
        return day, (error if as_date or error != "not a date" else "not a month"), None
    return day.replace(day=1), None, None


def parse_month(raw: pd.Series) -> Parsed:
    """Months as their first day: 2026-03, 03/2026, Mar 2026, marzo 2026, maaliskuuta 2026,
    mar-26, 2026年3月; a date, date text or Excel serial gives its month."""
    first = _infer_day_first(_texts(raw))
    return _parsed(raw, _cells(raw, lambda v: _month_one(v, first)), "datetime64[us]")


_QUARTER_WORDS = r"(?:trimestre|quarter|qtr|vuosineljannes|neljannes)"
_QUARTERS = [re.compile(p) for p in (
    r"(?P<y>\d{4}) ?[-/]? ?[qt](?P<q>[1-4])",  # 2026-Q2, 2026 Q2, 2026/T2
    r"[qt](?P<q>[1-4]) ?[-/]? ?(?P<y>\d{4}|\d{2})",  # Q2 2026, Q2/2026, T2 2026, Q2-26
    rf"(?P<q>[1-4]) ?[.°o]? ?{_QUARTER_WORDS} (?P<y>\d{{4}})",  # 2° trimestre 2026
    rf"(?P<y>\d{{4}}) {_QUARTER_WORDS} (?P<q>[1-4])",  # 2026 neljännes 2
    r"(?P<y>\d{4}) ?年 ?(?:第 ?)?(?P<q>[1-4一二三四]) ?季度?",  # 2026年第二季度
    r"(?P<y>\d{4}) ?年 ?q(?P<q>[1-4])",  # 2026年Q2
)]
_YEAR = re.compile(r"(?:(?:fy|year|anno|esercizio|vuosi) ?[-/]? ?)?(?P<y>\d{4}) ?(?:年度?)?")


def _period_one(v: object, day_first: DayFirst) -> Result:
    """(first day, error, number of months) of a month, quarter or year cell."""
    if _is_number(v) and float(v).is_integer() and 1970 <= v <= 2100:
        return (*_day(int(v), 1, 1)[:2], 12)
    text = fold(v) if isinstance(v, str) else ""
    for pattern in _QUARTERS:
        if m := pattern.fullmatch(text):
            return (*_day(_year(m["y"]), 3 * _zh_number(m["q"]) - 2, 1)[:2], 3)
    if m := _YEAR.fullmatch(text):  # FY2026 is the calendar year 2026
        return (*_day(int(m["y"]), 1, 1)[:2], 12)
    value, error, _ = _month_one(v, day_first)
    return value, ("not a month, quarter or year" if error == "not a month" else error), 1


def parse_period(raw: pd.Series) -> tuple[Parsed, pd.Series]:
    """Budget periods: a month (as parse_month), quarter (2026-Q2, Q2 2026, T2 2026,
    2° trimestre 2026, 2026年第二季度) or year (2026, FY2026, anno 2026, vuosi 2026, 2026年).
    Returns the first month and an Int64 Series of the number of months: 1, 3 or 12."""
    first = _infer_day_first(_texts(raw))
    cells = _cells(raw, lambda v: _period_one(v, first))
    months = np.where(pd.isna(cells[1]) & pd.notna(cells[0]), cells[2], None)
    return _parsed(raw, cells, "datetime64[us]"), pd.Series(months, raw.index, dtype="Int64")


def month_header(value: object) -> tuple[int, int | None] | None:
    """(month, year or None) if a wide budget's column header is a month: Jan, Gennaio,
    Tammikuu, 1月, 一月, Jan 2026, 2026-01, gen-26, a date. The whole header must be the month
    (optionally with a year): "Marketing" or "Maaliskuu budget" are not months."""
    if value is pd.NaT or not isinstance(value, (str, dt.date)):
        return None
    if isinstance(value, dt.date):
        return value.month, value.year
    text = fold(value).rstrip(".")
    if text in _MONTHS:
        return _MONTHS[text], None
    if m := _ZH_MONTH.fullmatch(text):
        month, year = _zh_number(m[1]), None
    elif ym := _month_text(text) or _date_text(text, day_first=True):
        year, month = ym[:2]
    else:
        return None
    return (month, year) if 1 <= month <= 12 else None


# --- closed word sets -------------------------------------------------------------------

def _lookup(aliases: dict) -> dict[str, object]:
    return {fold(str(word)): key for key, words in aliases.items() for word in (key, *words)}


_BOOLS = _lookup(vocab.BOOL_WORDS)
_STATUSES = _lookup(vocab.STATUS_ALIASES)
_VERSIONS = _lookup(vocab.VERSION_ALIASES)
_TOTALS = {fold(label) for label in vocab.TOTAL_LABELS}
_TOTAL_STARTS = tuple(fold(p) + (" " if p.endswith(" ") else "") for p in vocab.TOTAL_PREFIXES)
_TOTAL_ENDS = tuple(" " + fold(s) for s in vocab.TOTAL_SUFFIXES)


def _word_one(v: object, table: dict, what: str, expected: tuple[str, ...] = ()) -> Result:
    if isinstance(v, str) and (hit := table.get(fold(v))) is not None:
        return hit, None, None
    shown = v.strip() if isinstance(v, str) else str(v)
    hint = f" (expected {', '.join(expected[:-1])} or {expected[-1]})" if expected else ""
    return None, f"unknown {what} '{shown}'{hint}", None


def _bool_one(v: object) -> Result:
    if isinstance(v, (bool, np.bool_)) or (_is_number(v) and v in (0, 1)):
        return bool(v), None, None
    return _word_one(v, _BOOLS, "yes/no value", ("yes", "no"))


def parse_bool(raw: pd.Series) -> Parsed:
    """Yes/no cells as True/False: yes/no, sì/no, kyllä/ei, 是/否, 有/无, x, ✓/✗, 1/0, bools."""
    return _parsed(raw, _cells(raw, _bool_one))


def parse_status(raw: pd.Series) -> Parsed:
    """Document statuses as one of kinds.STATUSES, from aliases in four languages."""
    return _parsed(raw, _cells(raw, lambda v: _word_one(v, _STATUSES, "status", STATUSES)))


def parse_version(raw: pd.Series) -> Parsed:
    """Budget versions as "budget" or "forecast" (plan, piano, budjetti, 预算; previsione…)."""
    return _parsed(raw, _cells(raw, lambda v: _word_one(v, _VERSIONS, "version", VERSIONS)))


def parse_currency(raw: pd.Series) -> Parsed:
    """ISO 4217 codes, upper-cased and checked; symbols and words (€, $, £, ¥, 元, RMB, euro)."""
    return _parsed(raw, _cells(raw, lambda v: _word_one(v, _CURRENCIES, "currency")))


def is_total_label(value: object) -> bool:
    """True if a cell reads as the label of a totals row (Total, Totale:, Yhteensä, 合计…)."""
    if not isinstance(value, str):
        return False
    text = fold(value).rstrip(":").strip()  # NFKD makes the fullwidth colon ASCII
    return text in _TOTALS or text.startswith(_TOTAL_STARTS) or text.endswith(_TOTAL_ENDS)


def is_number_cell(value: object) -> bool:
    """A number, or text that reads as one (1.234,56, € 1.200,00, 12%): the sums of a
    totals row, the cells that mark a row as data rather than headers."""
    if isinstance(value, str):
        return isinstance(_number_text(value), _Num)
    return _is_number(value) and value == value


def day_of(value: object) -> dt.date | None:
    """The day a date cell or a date text with a day names (d/m/y read day first unless it
    reads only month first), else None; month text ("Jan 2026", "2026-03") names no day."""
    if isinstance(value, dt.date):
        return value if type(value) is dt.date else value.date()
    if not isinstance(value, str):
        return None
    text = fold(value)
    ymd = _date_text(text, True) if not _month_text(text) else None
    if ymd is None:
        return None
    try:
        return dt.date(*ymd)
    except ValueError:
        return None
