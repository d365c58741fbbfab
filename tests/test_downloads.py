"""Downloads never carry a live formula (OWASP CSV injection): text that a spreadsheet would
evaluate gets a leading ', numbers stay numbers."""

import csv
import io
from decimal import Decimal as D

import pandas as pd
import pyarrow as pa

from ui.downloads import csv_bytes, view_csv_bytes

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1", "-2+3", "@SUM(A1:A9)",
           "\tTAB", "\rCR", "plain"]


def read_back(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_table_csv_escapes_formula_text_but_not_numbers():
    frame = pd.DataFrame({"vendor": HOSTILE, "amount": [D("-5.00")] * len(HOSTILE)})
    rows = read_back(csv_bytes(frame))
    assert [r[0] for r in rows[1:]] == [
        '\'=HYPERLINK("http://evil.example","click")', "'+1", "'-2+3", "'@SUM(A1:A9)",
        "'\tTAB", "'\nCR", "plain"]  # a lone CR becomes LF so the row stays whole
    assert {r[1] for r in rows[1:]} == {"-5.00"}  # a negative amount stays a number


def test_view_csv_escapes_formula_text_and_keeps_decimal_scale():
    table = pa.table({"vendor": HOSTILE[:4],
                      "actual": pa.array([D("-1.50")] * 4, pa.decimal128(18, 2)),
                      "roi": pa.array([None, D("0.1234"), None, None], pa.decimal128(18, 4))})
    rows = read_back(view_csv_bytes(table))
    assert rows[0] == ["vendor", "actual", "roi"]
    assert rows[1] == ['\'=HYPERLINK("http://evil.example","click")', "-1.50", ""]
    assert rows[2] == ["'+1", "-1.50", "0.1234"]
    assert rows[4][0] == "'@SUM(A1:A9)"


def test_a_comma_decimal_reader_gets_semicolons_and_decimal_commas():
    from spendline import formats as fmt

    table = pa.table({"vendor": ["=cmd()", "Acme; Oy"],
                      "actual": pa.array([D("-1234.50"), D("2.00")], pa.decimal128(18, 2)),
                      "roi": pa.array([D("0.1234"), None], pa.decimal128(18, 4))})
    data = view_csv_bytes(table, fmt.Style.of("it"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["vendor", "actual", "roi"], ["'=cmd()", "-1234,50", "0,1234"],
                    ["Acme; Oy", "2,00", ""]]  # plain numbers: no grouping, no sign
    frame = pd.DataFrame({"vendor": ["-1+2"], "amount": [D("-5.00")], "n": [1.5]})
    with fmt.using(fmt.Style.of("fi", "after")):  # the page's style, when none is given
        assert csv_bytes(frame).decode("utf-8-sig") == "vendor;amount;n\n'-1+2;-5,00;1,5\n"


def test_an_english_reader_gets_the_spec_csv():
    from spendline import formats as fmt
    from spendline.csv_out import table_csv

    table = pa.table({"vendor": ["a,b"],
                      "actual": pa.array([D("-1.50")], pa.decimal128(18, 2))})
    assert view_csv_bytes(table, fmt.Style.of("en", "after")).decode("utf-8-sig") \
        == table_csv(table) == 'vendor,actual\n"a,b",-1.50\n'
