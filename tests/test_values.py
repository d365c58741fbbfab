"""loaders.values, number_values, date_values and word_values: raw spreadsheet cells to
typed values, with plain-English errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from loaders import date_values as D
from loaders import number_values as N
from loaders import values as V
from loaders import vocab
from loaders import word_values as W
from spendline.kinds import STATUSES


def col(*raw: object) -> pd.Series:
    """A column of raw cells as a reader hands them over."""
    return pd.Series(list(raw), dtype=object)


def only(parsed: V.Parsed) -> tuple[object, object]:
    """(value, error) of a one-cell column."""
    return parsed.values.iloc[0], parsed.errors.iloc[0]


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


# --- empty cells and text ---------------------------------------------------------------

def test_is_empty_covers_none_nan_nat_and_blank_text_only():
    raw = col(None, np.nan, pd.NaT, pd.NA, "", "   ", "\t", "-", 0, "0", False)
    assert V.is_empty(raw).tolist() == [True] * 7 + [False] * 4


@pytest.mark.parametrize("parse", [
    V.parse_text, N.parse_decimal, N.parse_money, N.parse_integer, D.parse_date,
    D.parse_month, W.parse_bool, W.parse_status, W.parse_version, W.parse_currency,
])
def test_empty_cells_are_never_errors(parse):
    parsed = parse(col(None, np.nan, "  ", pd.NaT))
    assert parsed.errors.isna().all()
    assert parsed.values.isna().all()


@pytest.mark.parametrize(("raw", "expected"), [
    ("  Acme  Srl ", "Acme  Srl"),
    (123.0, "123"),
    (12.5, "12.5"),
    (7, "7"),
    (np.int64(42), "42"),
    (dt.datetime(2026, 3, 31), "2026-03-31"),
    (dt.datetime(2026, 3, 31, 14, 5), "2026-03-31 14:05:00"),
    (dt.date(2026, 3, 31), "2026-03-31"),
    (pd.Timestamp("2026-03-31"), "2026-03-31"),
    ("00123", "00123"),
])
def test_parse_text(raw, expected):
    assert only(V.parse_text(col(raw))) == (expected, None)


def test_results_keep_the_raw_index():
    raw = pd.Series(["1", "x", None], index=[10, 20, 30], dtype=object)
    parsed = N.parse_decimal(raw)
    assert parsed.values.index.tolist() == [10, 20, 30]
    assert parsed.errors.tolist() == [None, "not a number", None]


# --- numbers ----------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("1234", "1234"),
    ("1234.56", "1234.56"),
    ("1234,56", "1234.56"),
    ("1,234.56", "1234.56"),
    ("1.234,56", "1234.56"),
    ("1 234,56", "1234.56"),
    ("1\u00a0234,56", "1234.56"),
    ("1\u202f234,56", "1234.56"),
    ("1'234.56", "1234.56"),
    ("1\u2019234.56", "1234.56"),
    ("1.234.567", "1234567"),
    ("1,234,567.5", "1234567.5"),
    ("12,5", "12.5"),
    ("0,5", "0.5"),
    ("0.500", "0.5"),
    ("1234.567", "1234.567"),
    ("€ 1.200,00", "1200"),
    ("1200 EUR", "1200"),
    ("$1,200", "1200"),
    ("USD 1,200.00", "1200"),
    ("US$ 5", "5"),
    ("¥1200", "1200"),
    ("£5", "5"),
    ("CNY 100", "100"),
    ("RMB 100", "100"),
    ("100元", "100"),
    ("100 euro", "100"),
    ("-1.200,00", "-1200"),
    ("\u22125", "-5"),
    ("€ -5", "-5"),
    ("-€ 5", "-5"),
    ("(1,200.00)", "-1200"),
    ("($1,200.00)", "-1200"),
    ("1200-", "-1200"),
    ("+5", "5"),
    ("22%", "0.22"),
    ("22,5 %", "0.225"),
    ("-3%", "-0.03"),
    ("  42  ", "42"),
    (0.1, "0.1"),
    (1234.56, "1234.56"),
    (12, "12"),
    (np.float64(2.5), "2.5"),
    (np.int64(7), "7"),
])
def test_parse_decimal(raw, expected):
    value, error = only(N.parse_decimal(col(raw)))
    assert (value, error) == (Decimal(expected), None)
    assert isinstance(value, Decimal)


def test_floats_become_their_shortest_decimal_not_the_binary_expansion():
    values = N.parse_decimal(pd.Series([0.1, 0.29, 1e-7])).values.tolist()
    assert [str(v) for v in values] == ["0.1", "0.29", "1E-7"]


@pytest.mark.parametrize(("raw", "error"), [
    ("abc", "not a number"),
    ("12a", "not a number"),
    ("1,2,3.4.5", "not a number"),
    ("1.2.3", "not a number"),
    ("12 5", "not a number"),
    ("--5", "not a number"),
    ("-(5)", "not a number"),
    ("(5", "not a number"),
    ("€5€", "not a number"),
    ("nan", "not a number"),
    ("inf", "not a number"),
    ("5 XYZ", "unknown currency 'XYZ'"),
    (True, "not a number"),
    (False, "not a number"),
    (float("inf"), "not a number"),
    (float("-inf"), "not a number"),
    (dt.date(2026, 3, 31), "not a number"),
])
def test_parse_decimal_errors(raw, error):
    assert only(N.parse_decimal(col(raw))) == (None, error)


@pytest.mark.parametrize("raw", ["--", " -- ", "---", "—", "–"])
def test_an_ad_platforms_no_value_mark_is_empty_not_an_error(raw):
    # Google Ads writes `--` where it has no figure; a lone `-` stays an error (Excel's
    # accounting format writes 0 so, and guessing either way would be wrong)
    assert only(N.parse_decimal(col(raw))) == (None, None)
    assert only(N.parse_integer(col(raw))) == (pd.NA, None)
    assert only(N.parse_decimal(col("-"))) == (None, "not a number")


@pytest.mark.parametrize(("raw", "decimal_comma", "expected"), [
    ("1.234", None, "1234"),  # undecided: a single separator before three digits groups
    ("1,234", None, "1234"),
    ("1.234", True, "1234"),
    ("1.234", False, "1.234"),
    ("1,234", True, "1.234"),
    ("1,234", False, "1234"),
    ("12 345,678", True, "12345.678"),
    ("12 345,678", None, "12345678"),
    ("12,5", False, "12.5"),  # unambiguous text wins over the stated convention
    ("1,234.5", True, "1234.5"),
])
def test_ambiguous_separators_follow_the_convention(raw, decimal_comma, expected):
    value, error = only(N.parse_decimal(col(raw), decimal_comma=decimal_comma))
    assert (value, error) == (Decimal(expected), None)


@pytest.mark.parametrize(("raw", "expected"), [
    (["1.234", "12,5"], ["1234", "12.5"]),  # 12,5 makes it a decimal-comma column
    (["1,234", "12,5"], ["1.234", "12.5"]),
    (["1.234", "12.5"], ["1.234", "12.5"]),  # 12.5 makes it a decimal-dot column
    (["1,234", "12.5"], ["1234", "12.5"]),
    (["1.234", "1.234.567"], ["1234", "1234567"]),  # dots group thousands here
    (["1.234", "€ 2,50"], ["1234", "2.5"]),
    (["1.234", "(2,50)"], ["1234", "-2.5"]),  # texts off the vectorized path vote too
    (["1.234", "1234"], ["1234", "1234"]),
])
def test_the_column_settles_ambiguous_cells(raw, expected):
    assert N.parse_decimal(col(*raw)).values.tolist() == [Decimal(e) for e in expected]


@pytest.mark.parametrize(("raw", "expected"), [
    (["1.234,56"], True),
    (["1 234,56"], True),
    (["12,5"], True),
    (["1.234.567"], True),
    (["€ 1.200,00"], True),
    (["1,234.56"], False),
    (["12.5"], False),
    (["$1,200.00"], False),
    (["1.234"], None),
    (["1,234"], None),
    (["1200", "35"], None),
    ([1.5, 2.5], None),
    (["abc"], None),
    (["12,5", "3,25", "1.5"], True),  # the majority decides
    (["12,5", "1.5"], None),  # a tie decides nothing
])
def test_guess_decimal_comma(raw, expected):
    assert N.guess_decimal_comma(col(*raw)) is expected


@pytest.mark.parametrize(("raw", "max_decimals", "error"), [
    ("10.005", 2, "more than two decimals"),
    ("1,0055 €", 2, "more than two decimals"),
    (10.005, 2, "more than two decimals"),
    ("1,23456", 4, "more than 4 decimals"),
    (0.12345, 4, "more than 4 decimals"),
    ("2,5%", 2, "more than two decimals"),
])
def test_too_many_decimals_is_an_error_not_a_rounding(raw, max_decimals, error):
    parsed = N.parse_decimal(col(raw, "12.5"), max_decimals=max_decimals)
    assert (parsed.values.iloc[0], parsed.errors.iloc[0]) == (None, error)


def test_trailing_zeros_do_not_count_as_decimals():
    parsed = N.parse_decimal(col("10.5000", "3,1000", 2.50), max_decimals=2)
    assert parsed.errors.tolist() == [None, None, None]


def test_bools_and_ones_are_told_apart_in_one_column():
    assert N.parse_decimal(col(True, 1, 1.0)).errors.tolist() == ["not a number", None, None]


def test_the_fast_and_the_slow_path_agree():
    # each text alone in its column, then all in one: the vectorized path takes the plain
    # ones, the per-cell path the rest; both must give what the per-cell path gives alone
    texts = ["1234", "-1234.5", "1.234,5", "1,234.5", "1 234,5", "€ 12,50", "12 EUR", "0.125",
             "1.234", "12,345", "5 XYZ", "1,2,3"]
    slow = [N._text_value(N._number_text(t), None, 2, False) for t in texts]
    fast, _ = N._fast_texts(set(texts), 2)
    assert {t: fast[t] for t in fast} == {t: s for t, s in zip(texts, slow, strict=True)
                                          if t in fast}
    assert set(fast) == {"1234", "-1234.5", "1.234,5", "1,234.5", "1 234,5", "€ 12,50",
                         "12 EUR", "0.125"}


@pytest.mark.parametrize(("raw", "expected", "currency"), [
    ("€ 1.200,00", "1200.00", "EUR"),
    ("1200 USD", "1200.00", "USD"),
    ("1200 usd", "1200.00", "USD"),
    ("$1,200", "1200.00", "USD"),
    ("US$ 99.9", "99.90", "USD"),
    ("£5", "5.00", "GBP"),
    ("¥1200", "1200.00", "CNY"),
    ("100元", "100.00", "CNY"),
    ("RMB 100", "100.00", "CNY"),
    ("CHF 1'234.50", "1234.50", "CHF"),
    ("1 234,5 SEK", "1234.50", "SEK"),
    ("(€ 1.200,00)", "-1200.00", "EUR"),
    ("1200", "1200.00", None),
    (1200, "1200.00", None),
    (1200.5, "1200.50", None),
    ("0,1", "0.10", None),
])
def test_parse_money(raw, expected, currency):
    parsed = N.parse_money(col(raw))
    # kept to six decimals: "1200.00" is 1200.000000
    assert (str(parsed.values.iloc[0]), parsed.errors.iloc[0]) == (
        str(Decimal(expected).quantize(Decimal("0.000001"))), None)
    assert parsed.currency.iloc[0] == currency


@pytest.mark.parametrize(("raw", "error"), [
    ("22%", "a percentage, not an amount"),
    ("12 ABC", "unknown currency 'ABC'"),
    ("twelve", "not a number"),
    ("9" * 13, "too large for an amount"),  # DECIMAL(18,6) holds up to 999,999,999,999.999999
    ("999999999999.9999995", "too large for an amount"),  # rounds up to 10**12
    (1e30, "too large for an amount"),
])
def test_parse_money_errors(raw, error):
    parsed = N.parse_money(col(raw, "1.5"))
    assert (parsed.values.iloc[0], parsed.errors.iloc[0]) == (None, error)
    assert parsed.currency.iloc[0] is None


def test_money_without_a_convention_reads_three_digits_as_thousands():
    assert str(N.parse_money(col("10.005")).values.iloc[0]) == "10005.000000"


@pytest.mark.parametrize(("raw", "expected", "rounded"), [
    ("10.005", "10.005000", False),  # 1.5 makes this a decimal-dot column: three decimals
    ("1.429999948", "1.430000", True),  # an ad platform's float: nine decimals
    (1.429999948, "1.430000", True),  # the same typed as a number (the float path)
    ("0.0000005", "0.000001", True),  # half away from zero
    ("-0.0000005", "-0.000001", True),
    ("-1.2345674", "-1.234567", True),
    (0.123456, "0.123456", False),
    ("1,2345678", "1.234568", True),  # decimal comma
])
def test_money_is_kept_to_six_decimals(raw, expected, rounded):
    parsed = N.parse_money(col(raw, "1.5"))
    assert (str(parsed.values.iloc[0]), parsed.errors.iloc[0]) == (expected, None)
    assert parsed.rounded.tolist() == [rounded, False]


def test_money_floats_of_whole_millionths_take_the_fast_path_exactly():
    parsed = N.parse_money(pd.Series([0.1, 123456.654321, -2.5, 1e-6, 999999999.999999]))
    assert [str(v) for v in parsed.values] == [
        "0.100000", "123456.654321", "-2.500000", "0.000001", "999999999.999999"]
    assert parsed.rounded.tolist() == [False] * 5


@pytest.mark.parametrize(("raw", "expected"), [
    ("1.234", 1234),
    ("1,234", 1234),
    ("1 234", 1234),
    ("1.234.567", 1234567),
    ("42", 42),
    ("-3", -3),
    (12.0, 12),
    (12, 12),
    ("12,0", 12),
])
def test_parse_integer(raw, expected):
    parsed = N.parse_integer(col(raw))
    assert (parsed.values.iloc[0], parsed.errors.iloc[0]) == (expected, None)
    assert parsed.values.dtype == "Int64"


@pytest.mark.parametrize(("raw", "error"), [
    (12.5, "not a whole number"),
    ("12,5", "not a whole number"),
    ("12.5", "not a whole number"),
    ("5%", "a percentage, not an amount"),
    ("5 EUR", "not a number"),
    ("many", "not a number"),
    (True, "not a number"),
    ("9" * 20, "too large"),
])
def test_parse_integer_errors(raw, error):
    parsed = N.parse_integer(col(raw))
    assert parsed.values.isna().iloc[0]
    assert parsed.errors.iloc[0] == error


def test_integer_column_of_numbers_and_blanks():
    parsed = N.parse_integer(pd.Series([1.0, np.nan, 3.0]))
    assert parsed.values.tolist() == [1, pd.NA, 3]


# --- dates ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    dt.datetime(2026, 3, 31),
    dt.datetime(2026, 3, 31, 17, 45),
    dt.date(2026, 3, 31),
    pd.Timestamp("2026-03-31 08:00"),
    46112,  # Excel serial
    46112.75,
    "2026-03-31",
    "2026-03-31T10:00:00",
    "2026-03-31 10:00",
    "2026-3-31",
    "2026/03/31",
    "31/03/2026",
    "31.03.2026",
    "31-03-2026",
    "31/03/26",
    "31.3.26",
    "3/31/2026",  # 31 cannot be a month: month first
    "2026年3月31日",
    "2026 年 03 月 31 日",
    "31 marzo 2026",
    "31 Mar 2026",
    "31-mar-2026",
    "31. maaliskuuta 2026",
    "31 maaliskuu 2026",
    "March 31, 2026",
    "Mar 31 2026",
    "march 31st, 2026",
])
def test_parse_date(raw):
    assert only(D.parse_date(col(raw))) == (day("2026-03-31"), None)


def test_dates_are_datetime64_at_midnight():
    parsed = D.parse_date(col("2026-03-31T23:59:59", dt.datetime(2026, 1, 2, 12)))
    assert parsed.values.dtype == "datetime64[us]"
    assert parsed.values.tolist() == [day("2026-03-31"), day("2026-01-02")]


@pytest.mark.parametrize(("raw", "expected"), [
    ("31/03/26", "2026-03-31"),
    ("01/01/69", "2069-01-01"),
    ("01/01/70", "1970-01-01"),
    ("31/12/99", "1999-12-31"),
    ("15 gen 27", "2027-01-15"),
])
def test_two_digit_years_pivot_at_70(raw, expected):
    assert only(D.parse_date(col(raw))) == (day(expected), None)


@pytest.mark.parametrize(("raw", "expected"), [
    (25569, "1970-01-01"),
    (46112, "2026-03-31"),
    (46112.999, "2026-03-31"),
    (np.float64(46113), "2026-04-01"),
])
def test_excel_serials(raw, expected):
    assert only(D.parse_date(col(raw))) == (day(expected), None)


@pytest.mark.parametrize(("raw", "day_first", "expected"), [
    (["01/02/2026"], None, ["2026-02-01"]),  # nothing decides: day first
    (["01/02/2026", "13/02/2026"], None, ["2026-02-01", "2026-02-13"]),
    (["01/02/2026", "02/13/2026"], None, ["2026-01-02", "2026-02-13"]),  # month first
    (["01/02/2026"], False, ["2026-01-02"]),
    (["01.02.2026", "2026-05-20"], None, ["2026-02-01", "2026-05-20"]),
])
def test_day_or_month_first_per_column(raw, day_first, expected):
    parsed = D.parse_date(col(*raw), day_first=day_first)
    assert parsed.values.tolist() == [day(e) for e in expected]


def test_a_date_that_reads_only_one_way_is_read_that_way():
    # 16 cannot be a month: 16 November, in a column that is otherwise day first
    parsed = D.parse_date(col("11/16/2024", "31/01/2024", "05/05/2024"))
    assert parsed.values.tolist() == [day("2024-11-16"), day("2024-01-31"), day("2024-05-05")]
    assert parsed.errors.tolist() == [None, None, None]


def test_a_us_dated_column_reads_its_ambiguous_dates_month_first():
    parsed = D.parse_date(col("11/16/2024", "03/04/2024", "12/01/2024"))
    assert parsed.values.tolist() == [day("2024-11-16"), day("2024-03-04"), day("2024-12-01")]


def test_a_column_of_both_orders_flags_each_ambiguous_date_with_both_readings():
    parsed = D.parse_date(col("13/02/2026", "02/13/2026", "01/02/2026"))
    assert parsed.values.tolist()[:2] == [day("2026-02-13"), day("2026-02-13")]
    assert parsed.values.isna().tolist() == [False, False, True]
    assert parsed.errors.tolist() == [
        None, None, "ambiguous date: 2026-02-01 read day first, 2026-01-02 month first "
                    "(the column has dates written both ways)"]


@pytest.mark.parametrize(("raw", "error"), [
    (["31/02/2026"], "no such date (read day first, as dd/mm/yyyy)"),
    (["29.02.2025"], "no such date (read day first, as dd.mm.yyyy)"),
    (["31-02-26"], "no such date (read day first, as dd-mm-yy)"),
    (["02/30/2026", "02/13/2026"], "no such date (read month first, as mm/dd/yyyy)"),
])
def test_a_date_error_says_which_reading_was_tried(raw, error):
    assert D.parse_date(col(*raw)).errors.tolist()[0] == error


@pytest.mark.parametrize(("raw", "error"), [
    ("2026-02-30", "no such date"),
    ("2026年2月30日", "no such date"),
    ("1969-12-31", "date out of range"),
    ("2101-01-01", "date out of range"),
    ("01/01/1900", "date out of range"),
    (dt.date(1960, 5, 1), "date out of range"),
    (80000, "date out of range"),  # a serial in 2119
    (19999, "not a date"),
    ("46112", "not a date"),  # a serial written as text is not taken for one
    (123, "not a date"),
    ("foo", "not a date"),
    ("32 marzo 2026", "no such date"),
    ("31 foo 2026", "not a date"),
    ("2026-13", "not a date"),
    (True, "not a date"),
])
def test_parse_date_errors(raw, error):
    value, got = only(D.parse_date(col(raw)))
    assert (value is pd.NaT, got) == (True, error)


def test_month_text_in_a_date_column_is_its_first_day():
    assert D.parse_date(col("2026-03", "marzo 2026")).values.tolist() == [day("2026-03-01")] * 2


def test_datetime_column_fast_path():
    raw = pd.Series(pd.to_datetime(["2026-03-31 10:30", "1960-01-01 00:00", None]))
    parsed = D.parse_date(raw)
    assert parsed.values.tolist()[0] == day("2026-03-31")
    assert parsed.values.isna().tolist() == [False, True, True]
    assert parsed.errors.tolist() == [None, "date out of range", None]


def test_time_zone_aware_datetimes_keep_their_local_day():
    raw = pd.Series(pd.to_datetime(["2026-03-31 23:30"]).tz_localize("Europe/Helsinki"))
    assert D.parse_date(raw).values.tolist() == [day("2026-03-31")]


def test_object_column_of_datetimes_and_blanks():
    parsed = D.parse_date(col(dt.datetime(2026, 1, 5, 9), None, dt.date(2026, 2, 1)))
    assert parsed.values.tolist()[::2] == [day("2026-01-05"), day("2026-02-01")]
    assert parsed.errors.isna().all()


# --- months and periods -----------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    "2026-03", "2026/03", "2026.3", "03/2026", "3/2026", "3.2026", "03-2026",
    "Mar 2026", "MAR 2026", "March 2026", "mar-26", "Mar'26", "Mar. 2026",
    "marzo 2026", "Marzo 2026", "mar 2026",
    "maaliskuu 2026", "maaliskuuta 2026", "Maalis 2026",
    "2026年3月", "2026年03月", "2026 年 3 月", "2026年三月", "2026年3月份",
    dt.date(2026, 3, 15), dt.datetime(2026, 3, 31, 12), pd.Timestamp("2026-03-02"),
    "2026-03-15", "15/03/2026", "15 marzo 2026", 46097,
])
def test_parse_month(raw):
    assert only(D.parse_month(col(raw))) == (day("2026-03-01"), None)


@pytest.mark.parametrize(("raw", "expected"), [
    ("Jan 2026", "2026-01-01"), ("gennaio 2026", "2026-01-01"), ("tammikuu 2026", "2026-01-01"),
    ("May 2026", "2026-05-01"), ("maggio 2026", "2026-05-01"), ("toukokuuta 2026", "2026-05-01"),
    ("set 2026", "2026-09-01"), ("Sept 2026", "2026-09-01"), ("syyskuu 2026", "2026-09-01"),
    ("dic-26", "2026-12-01"), ("joulukuu 2026", "2026-12-01"), ("2026年12月", "2026-12-01"),
    ("kesäkuu 2026", "2026-06-01"), ("kesakuu 2026", "2026-06-01"), ("2026年十一月", "2026-11-01"),
])
def test_month_names_in_four_languages(raw, expected):
    assert only(D.parse_month(col(raw))) == (day(expected), None)


@pytest.mark.parametrize(("raw", "error"), [
    ("2026-13", "not a month"),
    ("13/2026", "not a month"),
    ("Marzipan 2026", "not a month"),
    ("budget", "not a month"),
    ("1969-12", "date out of range"),
    ("31/02/2026", "no such date (read day first, as dd/mm/yyyy)"),
    (5, "not a month"),
])
def test_parse_month_errors(raw, error):
    value, got = only(D.parse_month(col(raw)))
    assert (value is pd.NaT, got) == (True, error)


@pytest.mark.parametrize(("raw", "start", "months"), [
    ("2026-Q2", "2026-04-01", 3),
    ("2026Q2", "2026-04-01", 3),
    ("2026 Q2", "2026-04-01", 3),
    ("Q2 2026", "2026-04-01", 3),
    ("q2-2026", "2026-04-01", 3),
    ("Q2/2026", "2026-04-01", 3),
    ("Q2-26", "2026-04-01", 3),
    ("Q1 2026", "2026-01-01", 3),
    ("Q4 2026", "2026-10-01", 3),
    ("T2 2026", "2026-04-01", 3),
    ("2° trimestre 2026", "2026-04-01", 3),
    ("2º trimestre 2026", "2026-04-01", 3),
    ("2 trimestre 2026", "2026-04-01", 3),
    ("2. neljännes 2026", "2026-04-01", 3),
    ("2026 neljännes 2", "2026-04-01", 3),
    ("2026年第二季度", "2026-04-01", 3),
    ("2026年第2季度", "2026-04-01", 3),
    ("2026年Q2", "2026-04-01", 3),
    ("2026年第四季度", "2026-10-01", 3),
    ("2026", "2026-01-01", 12),
    (2026, "2026-01-01", 12),
    (2026.0, "2026-01-01", 12),
    ("FY2026", "2026-01-01", 12),
    ("FY 2026", "2026-01-01", 12),
    ("2026年", "2026-01-01", 12),
    ("2026年度", "2026-01-01", 12),
    ("anno 2026", "2026-01-01", 12),
    ("vuosi 2026", "2026-01-01", 12),
    ("2026-03", "2026-03-01", 1),
    ("marzo 2026", "2026-03-01", 1),
    ("maaliskuu 2026", "2026-03-01", 1),
    ("2026年3月", "2026-03-01", 1),
    (dt.date(2026, 3, 15), "2026-03-01", 1),
    (46112, "2026-03-01", 1),
])
def test_parse_period(raw, start, months):
    parsed, n = D.parse_period(col(raw))
    assert (parsed.values.iloc[0], parsed.errors.iloc[0], n.iloc[0]) == (day(start), None, months)


@pytest.mark.parametrize(("raw", "error"), [
    ("Q5 2026", "not a month, quarter or year"),
    ("2026-Q0", "not a month, quarter or year"),
    ("someday", "not a month, quarter or year"),
    ("1950", "date out of range"),
    ("Q1 2150", "date out of range"),
    (12, "not a month, quarter or year"),
])
def test_parse_period_errors(raw, error):
    parsed, n = D.parse_period(col(raw))
    assert (parsed.values.iloc[0] is pd.NaT, parsed.errors.iloc[0], n.iloc[0] is pd.NA) == (
        True, error, True)


def test_period_months_are_int64_and_empty_where_the_cell_is():
    parsed, n = D.parse_period(col("2026-Q1", None, "2026"))
    assert n.dtype == "Int64"
    assert n.tolist() == [3, pd.NA, 12]
    assert parsed.values.dtype == "datetime64[us]"


@pytest.mark.parametrize(("header", "expected"), [
    ("Jan", (1, None)), ("January", (1, None)), ("JAN.", (1, None)), (" jan ", (1, None)),
    ("Gen", (1, None)), ("Gennaio", (1, None)), ("Tammi", (1, None)), ("Tammikuu", (1, None)),
    ("1月", (1, None)), ("一月", (1, None)), ("十二月", (12, None)), ("12月", (12, None)),
    ("Mar", (3, None)), ("May", (5, None)), ("Set", (9, None)), ("Dic", (12, None)),
    ("Helmi", (2, None)), ("Kesäkuu", (6, None)), ("Joulu", (12, None)),
    ("Jan 2026", (1, 2026)), ("2026 Jan", (1, 2026)), ("2026-01", (1, 2026)),
    ("gen-26", (1, 2026)),
    ("01/2026", (1, 2026)), ("2026年1月", (1, 2026)), ("2026-01-01", (1, 2026)),
    (dt.datetime(2026, 2, 1), (2, 2026)), (dt.date(2026, 11, 1), (11, 2026)),
    (pd.Timestamp("2026-04-01"), (4, 2026)),
])
def test_month_header(header, expected):
    assert D.month_header(header) == expected


@pytest.mark.parametrize("header", [
    "Channel", "Marketing", "Maaliskuu budget", "March total", "Amount", "Total", "Q1",
    "2026", "13月", "Month", "mese", "", None, 3, 2026.0, pd.NaT,
])
def test_ordinary_headers_are_not_months(header):
    assert D.month_header(header) is None


# --- closed word sets -------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("yes", True), ("Yes", True), ("Y", True), ("true", True), ("TRUE", True),
    ("sì", True), ("si", True), ("Sì", True), ("kyllä", True), ("kylla", True), ("K", True),
    ("是", True), ("有", True), ("x", True), ("X", True), ("✓", True), ("✔", True),
    ("1", True), ("1.0", True), (1, True), (1.0, True), (True, True), (np.True_, True),
    ("no", False), ("No", False), ("n", False), ("false", False), ("ei", False),
    ("E", False), ("否", False), ("无", False), ("無", False), ("✗", False),
    ("0", False), ("0.0", False), (0, False), (0.0, False), (False, False),
])
def test_parse_bool(raw, expected):
    assert only(W.parse_bool(col(raw))) == (expected, None)


@pytest.mark.parametrize(("raw", "error"), [
    ("maybe", "unknown yes/no value 'maybe' (expected yes or no)"),
    (2, "unknown yes/no value '2' (expected yes or no)"),
    ("forse", "unknown yes/no value 'forse' (expected yes or no)"),
])
def test_parse_bool_errors(raw, error):
    assert only(W.parse_bool(col(raw))) == (None, error)


_STATUS_CASES = {
    "quoted": ["quote", "Quoted", "estimate", "preventivo", "Offerta", "tarjous", "tarjottu",
               "报价", "報價", "已报价", "已報價"],
    "ordered": ["order", "Ordered", "PO", "purchase order", "Purchase  Order", "ordine",
                "ordinato", "tilattu", "tilaus", "已下单", "已下單", "订单", "訂單"],
    "invoiced": ["invoice", "Invoiced", "billed", "fatturato", "fatturata", "fattura",
                 "laskutettu", "lasku", "已开票", "已開票", "开票", "開票"],
    "paid": ["paid", "PAID", "settled", "pagato", "pagata", "saldato", "saldata", "maksettu",
             "已付款", "已付", "已支付"],
    "cancelled": ["cancelled", "canceled", "void", "annullato", "annullata", "peruttu",
                  "peruutettu", "已取消", "取消"],
}


@pytest.mark.parametrize(("raw", "expected"), [
    (alias, status) for status, aliases in _STATUS_CASES.items() for alias in aliases
])
def test_parse_status(raw, expected):
    assert only(W.parse_status(col(raw))) == (expected, None)


def test_status_accents_are_optional_and_values_are_canonical():
    assert W.parse_status(col("Fatturàto", "  PAID ")).values.tolist() == ["invoiced", "paid"]
    assert set(_STATUS_CASES) == set(STATUSES)


@pytest.mark.parametrize(("raw", "error"), [
    ("fatturata?", "unknown status 'fatturata?' "
                   "(expected quoted, ordered, invoiced, paid or cancelled)"),
    (3, "unknown status '3' (expected quoted, ordered, invoiced, paid or cancelled)"),
])
def test_parse_status_errors(raw, error):
    assert only(W.parse_status(col(raw))) == (None, error)


@pytest.mark.parametrize(("raw", "expected"), [
    ("budget", "budget"), ("Budget", "budget"), ("plan", "budget"), ("piano", "budget"),
    ("budjetti", "budget"), ("预算", "budget"), ("預算", "budget"),
    ("forecast", "forecast"), ("Rolling Forecast", "forecast"), ("previsione", "forecast"),
    ("ennuste", "forecast"), ("预测", "forecast"), ("預測", "forecast"),
])
def test_parse_version(raw, expected):
    assert only(W.parse_version(col(raw))) == (expected, None)


def test_parse_version_errors():
    assert only(W.parse_version(col("preventivo"))) == (
        None, "unknown version 'preventivo' (expected budget or forecast)")


@pytest.mark.parametrize(("raw", "expected"), [
    ("EUR", "EUR"), ("eur", "EUR"), (" usd ", "USD"), ("SEK", "SEK"), ("JPY", "JPY"),
    ("€", "EUR"), ("euro", "EUR"), ("Euro", "EUR"), ("$", "USD"), ("US$", "USD"),
    ("£", "GBP"), ("¥", "CNY"), ("元", "CNY"), ("RMB", "CNY"), ("人民币", "CNY"),
])
def test_parse_currency(raw, expected):
    assert only(W.parse_currency(col(raw))) == (expected, None)


@pytest.mark.parametrize(("raw", "error"), [
    ("XYZ", "unknown currency 'XYZ'"),
    ("EURO2", "unknown currency 'EURO2'"),
    (978, "unknown currency '978'"),
])
def test_parse_currency_errors(raw, error):
    assert only(W.parse_currency(col(raw))) == (None, error)


def test_iso_currency_list_is_the_full_active_list():
    assert len(vocab.ISO_CURRENCIES) >= 175
    assert {"EUR", "USD", "CNY", "GBP", "SEK", "NOK", "DKK", "CHF", "HKD", "TWD", "JPY",
            "INR", "BRL", "ZAR", "XOF"} <= vocab.ISO_CURRENCIES
    assert all(len(code) == 3 and code.isupper() for code in vocab.ISO_CURRENCIES)


@pytest.mark.parametrize(("value", "expected"), [
    ("Total", True), ("TOTAL", True), ("Total:", True), ("  totals ", True),
    ("Grand total", True), ("Subtotal", True), ("Total 2026", True), ("Total spend", True),
    ("Totale", True), ("Totale complessivo", True), ("totale generale", True),
    ("Yhteensä", True), ("yhteensa", True), ("Kulut yhteensä", True), ("Yhteensä:", True),
    ("合计", True), ("合计\uff1a", True), ("總計", True), ("小计", True), ("合计金额", True),
    ("Totally Digital Srl", False), ("Campaign", False), ("Meta Ads", False),
    ("", False), (None, False), (1234, False),
])
def test_is_total_label(value, expected):
    assert W.is_total_label(value) is expected


def test_arrow_string_columns_parse_like_object_columns():
    parsed = N.parse_money(pd.Series(["1,5", None, "€ 2", "x"], dtype="str"))
    assert parsed.values.tolist() == [Decimal("1.50"), None, Decimal("2.00"), None]
    assert parsed.errors.tolist() == [None, None, None, "not a number"]
    assert parsed.currency.tolist() == [None, None, "EUR", None]


@pytest.mark.parametrize(("parse", "dtype"), [
    (V.parse_text, "object"), (N.parse_money, "object"), (N.parse_integer, "Int64"),
    (D.parse_date, "datetime64[us]"), (D.parse_month, "datetime64[us]"),
    (W.parse_status, "object"),
])
def test_an_empty_column_gives_empty_results_of_the_right_type(parse, dtype):
    parsed = parse(pd.Series([], dtype=object))
    assert (len(parsed.values), len(parsed.errors), str(parsed.values.dtype)) == (0, 0, dtype)


@pytest.mark.parametrize(("cell", "expected"), [
    (12.5, True), (3, True), ("1.234,56", True), ("€ 1.200,00", True), ("(1,200.00)", True),
    (True, False), (float("nan"), False), ("abc", False), ("2026-03-02", False),
    (dt.date(2026, 3, 2), False), (None, False),
])
def test_is_number_cell(cell, expected):
    assert N.is_number_cell(cell) is expected
