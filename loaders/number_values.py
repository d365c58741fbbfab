"""Numbers and money in the cells of a sheet: 1234.56, 1.234,56, 1 234,56 €, (1,200.00), 12%."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

from loaders import vocab
from loaders.cells import is_no_value
from loaders.values import (
    Parsed,
    Result,
    as_parsed,
    fold,
    is_number,
    parse_each,
    per_cell,
    text_cells,
)

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
CURRENCIES = {code.casefold(): code for code in vocab.ISO_CURRENCIES} | {
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
    if minus > 1 or (token and token not in CURRENCIES):
        return "not a number" if minus > 1 else f"unknown currency '{token.upper()}'"
    num = m["num"]
    comma, dot = _decimal_sep(num, True), _decimal_sep(num, False)
    vote = comma if comma == dot else None  # 12,5 votes comma; 1.234 reads either way
    if comma is None and dot is None and ("." in num) != ("," in num):
        vote = "," if "." in num else "."  # 1.234.567: the dots group, so commas are decimal
    seps = {True: comma, False: dot, None: comma if comma == dot else None}  # 1.234 -> 1234
    return _Num(num, minus == 1, CURRENCIES.get(token), bool(m["pct"]), seps, vote)


def _vote(texts: Iterable[_Num | str], votes: Counter[str | None]) -> bool | None:
    """Add the self-deciding texts to votes; the majority convention, None on a tie."""
    votes = votes + Counter(t.vote for t in texts if isinstance(t, _Num))
    return None if votes[","] == votes["."] else votes[","] > votes["."]


def guess_decimal_comma(raw: pd.Series) -> bool | None:
    """A column's number convention from its text cells: True for decimal comma
    (1.234,56  1 234,56  12,5), False for decimal dot (1,234.56  12.5), None when nothing
    decides (only 1.234, 1,234 or integers). A mixed column goes with the majority."""
    return _vote((_number_text(t) for t in text_cells(raw)), Counter())


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
    currency = token.map(CURRENCIES)
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
    texts = text_cells(raw)
    done, votes = _fast_texts(texts, max_decimals)
    done |= {t: (None, None, None) for t in texts - done.keys() if is_no_value(t)}
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
    return parse_each(raw, _number_parser(raw, decimal_comma, max_decimals, True))


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
    cells = per_cell(raw, money)
    parsed = as_parsed(raw, cells)
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
        values, errors[rest], extras = per_cell(raw.iloc[rest], money)
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
    """per_cell, with a vectorized path for a float64 column: `fast` takes the floats and
    returns which it settles and their values; the other cells go through parse_one."""
    if raw.dtype != np.float64:
        return per_cell(raw, parse_one)
    x = raw.to_numpy()
    settled, settled_values = fast(x)
    rest = np.flatnonzero(~settled & ~np.isnan(x))
    out = [np.full(len(x), None, dtype=object) for _ in range(3)]
    out[0][settled] = settled_values
    if len(rest):
        for column, part in zip(out, per_cell(raw.iloc[rest], parse_one), strict=True):
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
    return as_parsed(raw, _float_cells(raw, _whole_floats, lambda v: _whole(one(v))),
                   dtype="Int64")


def is_number_cell(value: object) -> bool:
    """A number, or text that reads as one (1.234,56, € 1.200,00, 12%): the sums of a
    totals row, the cells that mark a row as data rather than headers."""
    if isinstance(value, str):
        return isinstance(_number_text(value), _Num)
    return is_number(value) and value == value
