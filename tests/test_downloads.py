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
