"""The reader's number style: the same exact figures written the three ways a user may choose,
with the currency's sign before or after (hand-written expectations)."""

from decimal import Decimal as D

import pytest

from spendline import formats as fmt

NBSP = "\u00a0"


@pytest.mark.parametrize(("numbers", "currency", "expected"), [
    ("en", "before", "−€1,234,567.89"),
    ("it", "before", "−€1.234.567,89"),
    ("it", "after", f"−1.234.567,89{NBSP}€"),
    ("fi", "after", f"−1{NBSP}234{NBSP}567,89{NBSP}€"),
])
def test_money_in_each_style(numbers, currency, expected):
    with fmt.using(fmt.Style.of(numbers, currency)):
        assert fmt.money(D("-1234567.885")) == expected


def test_every_kind_of_figure_follows_the_style():
    with fmt.using(fmt.Style.of("it", "after")):
        assert fmt.compact_money(D("456789")) == f"456,8K{NBSP}€"
        assert fmt.pct(D("-0.18049")) == "−18,0%"
        assert fmt.times(D("3.2468")) == "3,25×"
        assert fmt.integer(12345) == "12.345"
        assert fmt.money(D("15738.51"), "CHF") == f"15.738,51{NBSP}CHF"
    # Outside the block the default (English, sign before) is back.
    assert fmt.money(D("15738.51"), "CHF") == "CHF 15,738.51"


def test_unknown_preferences_fall_back_to_english_and_csv_delimiters_follow_the_mark():
    assert fmt.Style.of("xx", "sideways") == fmt.Style()
    assert fmt.STYLES["en"].csv_delimiter == ","
    assert fmt.STYLES["it"].csv_delimiter == ";"
    assert fmt.STYLES["fi"].csv_delimiter == ";"
