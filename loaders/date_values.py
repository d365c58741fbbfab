"""Dates, months and budget periods in the cells of a sheet, and month headers: 31/03/2026,
2026-03-31, 31 marzo 2026, 2026年3月31日, an Excel date; Jan 2026, 三月; 2026-Q2, FY2026."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from loaders import vocab
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
    if is_number(v) and 20000 <= v <= 80000:  # Excel serials: days since 1899-12-30
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
    texts = text_cells(raw)
    done = _iso_dates(texts)
    first = _infer_day_first(texts - done.keys()) if day_first is None else day_first
    return parse_each(raw, lambda v: done.get(v) or _month_one(v, first, as_date=True),
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
    first = _infer_day_first(text_cells(raw))
    return parse_each(raw, lambda v: _month_one(v, first), "datetime64[us]")


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
    if is_number(v) and float(v).is_integer() and 1970 <= v <= 2100:
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
    first = _infer_day_first(text_cells(raw))
    cells = per_cell(raw, lambda v: _period_one(v, first))
    months = np.where(pd.isna(cells[1]) & pd.notna(cells[0]), cells[2], None)
    return as_parsed(raw, cells, "datetime64[us]"), pd.Series(months, raw.index, dtype="Int64")


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
