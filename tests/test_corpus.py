"""The corpus generator (tests/corpus/make_corpus.py) is deterministic, and the figures in
tests/corpus/expected.py are the sums of the rows it writes: read here with csv and openpyxl
and added up with Decimal, without Spendline's loaders."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.corpus import expected
from tests.corpus.make_corpus import WRITERS, main, write_corpus

CSVS = [name for name in WRITERS if name.endswith(".csv")]
XLSXS = [name for name in WRITERS if name.endswith(".xlsx")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


def money(value) -> Decimal:
    """A cell's number, or English text with thousands commas (Google's `1,840`)."""
    if isinstance(value, (int, float)):
        return Decimal(str(value))  # the shortest repr: exact for the corpus's cents
    return Decimal(value.replace(",", ""))


def italian(value) -> Decimal:
    """A cell's number, or Italian text: `1.234,56`."""
    if isinstance(value, str):
        return Decimal(value.replace(".", "").replace(",", "."))
    return money(value)


def csv_rows(path: Path, encoding: str, delimiter: str = ",", skip: int = 0) -> list[dict]:
    lines = path.read_bytes().decode(encoding).splitlines()[skip:]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=delimiter))


def cells(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    try:
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}
    finally:
        book.close()


def sheet_rows(path: Path, header_row: int = 1) -> list[dict]:
    [values] = cells(path).values()
    header = values[header_row - 1]
    return [dict(zip(header, row, strict=True)) for row in values[header_row:]]


# -- deterministic ------------------------------------------------------------------------------
def test_writes_every_file_and_the_same_again(corpus, tmp_path):
    assert sorted(corpus) == sorted(WRITERS)
    again = write_corpus(tmp_path / "again")
    for name in CSVS:
        assert again[name].read_bytes() == corpus[name].read_bytes(), name
    for name in XLSXS:
        assert cells(again[name]) == cells(corpus[name]), name


def test_runs_from_the_command_line(tmp_path, capsys):
    assert main([str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(WRITERS)
    assert main([]) == 2


# -- the expected figures are the rows' sums -------------------------------------------------
def test_google_ads(corpus):
    path = corpus["google_ads_by_ad.csv"]
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    assert lines[:2] == ["Ad report", "November 11, 2024 - November 13, 2024"]
    rows = csv_rows(path, "utf-8", skip=2)
    *data, total = rows
    want = expected.GOOGLE_ADS
    assert total["Day"] == "Total" and not any(total[c] for c in ("Campaign", "Ad", "Ad group"))
    assert len(data) == want["rows"] and not any("Channel" in r for r in data)
    assert any(len(r["Cost"].split(".")[1]) > 6 for r in data)  # sub-cent costs
    figures = {"Cost": "cost_exact", "Impr.": "impressions", "Clicks": "clicks",
               "Conversions": "conversions", "Conv. value": "conversion_value"}
    for column, key in figures.items():
        assert sum(money(r[column]) for r in data) == want[key] == money(total[column]), column
    assert want["cost_exact"].quantize(Decimal("0.01")) == want["cost"]
    keys = defaultdict(list)
    for r in data:
        keys[(r["Day"], r["Campaign"])].append(r)
    assert len(keys) == want["keys"] and all(len(v) == 2 for v in keys.values())
    for key, (cost, impressions, clicks, conversions, value) in want["by_key"].items():
        group = keys[key]
        assert sum(money(r["Cost"]) for r in group).quantize(Decimal("0.01")) == cost
        assert sum(money(r["Impr."]) for r in group) == impressions
        assert sum(money(r["Clicks"]) for r in group) == clicks
        assert sum(money(r["Conversions"]) for r in group) == conversions
        assert sum(money(r["Conv. value"]) for r in group) == value
    for campaign, cost in want["by_campaign_cost"].items():
        exact = sum(money(r["Cost"]) for r in data if r["Campaign"] == campaign)
        assert exact.quantize(Decimal("0.01")) == cost


def test_meta(corpus):
    path = corpus["meta_us_dates.csv"]
    assert path.read_bytes().startswith(b"\xef\xbb\xbfReporting starts,")
    rows = csv_rows(path, "utf-8-sig")
    want = expected.META
    assert len(rows) == want["rows"]
    assert list(rows[0]) == ["Reporting starts", "Campaign name", "Amount spent (USD)",
                             "Impressions", "Link clicks", "Results"]
    assert sum(money(r["Amount spent (USD)"]) for r in rows) == want["spend"]
    assert sum(int(r["Impressions"]) for r in rows) == want["impressions"]
    assert sum(int(r["Link clicks"]) for r in rows) == want["link_clicks"]
    assert sum(int(r["Results"]) for r in rows) == want["results"]
    days = sorted(datetime.strptime(r["Reporting starts"], "%m/%d/%Y").date() for r in rows)
    assert (str(days[0]), str(days[-1])) == (want["first_day"], want["last_day"])
    assert "11/16/2024" in {r["Reporting starts"] for r in rows}
    for campaign, spend in want["by_campaign_spend"].items():
        assert sum(money(r["Amount spent (USD)"]) for r in rows
                   if r["Campaign name"] == campaign) == spend


def test_ap_ledger(corpus):
    rows = sheet_rows(corpus["ap_ledger_camelcase.xlsx"])
    want = expected.AP_LEDGER
    assert list(rows[0]) == ["InvoiceNo", "VendorID", "VendorName", "InvoiceDate", "DueDate",
                             "Amount (EUR)", "PaidAmount", "PaymentDate", "Status"]
    assert sum(isinstance(v, datetime) for v in rows[0].values()) == 3
    assert len(rows) == want["rows"]
    assert len({r["VendorID"] for r in rows}) == want["vendors"]
    assert sum(money(r["Amount (EUR)"]) for r in rows) == want["amount"]
    assert sum(money(r["PaidAmount"]) for r in rows) == want["paid_amount"]
    assert want["amount"] - want["paid_amount"] == want["open_balance"]
    for status, amount in want["by_status_amount"].items():
        mine = [r for r in rows if r["Status"] == status]
        assert sum(money(r["Amount (EUR)"]) for r in mine) == amount, status
        assert len(mine) == want["by_status_rows"][status], status
    for r in rows:  # paid in full exactly when the status says so
        full = money(r["PaidAmount"]) == money(r["Amount (EUR)"])
        assert full == r["Status"].startswith("Paid") == (r["PaymentDate"] is not None), r


def test_payments(corpus):
    path = corpus["payments_export.csv"]
    assert "Caffè".encode("cp1252") in path.read_bytes()
    rows = csv_rows(path, "cp1252", delimiter=";")
    want = expected.PAYMENTS
    assert list(rows[0]) == ["Data pagamento", "Fornitore", "N. fattura", "Importo"]
    assert len(rows) == want["rows"]
    assert sum(italian(r["Importo"]) for r in rows) == want["amount"]
    by_month = defaultdict(Decimal)
    for r in rows:
        day = datetime.strptime(r["Data pagamento"], "%d/%m/%Y")
        by_month[f"{day:%Y-%m}"] += italian(r["Importo"])
    assert dict(by_month) == want["by_month"]


def test_weekly_mmm(corpus):
    rows = sheet_rows(corpus["weekly_mmm.xlsx"])
    want = expected.MMM
    assert list(rows[0]) == ["date", "tv_S", "search_S", "social_S", "ooh_S",
                             "competitor_sales_B", "revenue"]
    assert len(rows) == want["weeks"] and all(r["date"].weekday() == 0 for r in rows)
    for column, total in want["spend"].items():
        assert sum(money(r[column]) for r in rows) == total, column
    assert sum(want["spend"].values()) == want["spend_total"]
    assert sum(money(r["revenue"]) for r in rows) == want["revenue"]
    for month, spend in want["spend_by_month"].items():
        mine = [r for r in rows if f"{r['date']:%Y-%m}" == month]
        assert {c: sum(money(r[c]) for r in mine) for c in spend} == spend, month
        assert sum(money(r["revenue"]) for r in mine) == want["revenue_by_month"][month]


def test_budget_wide(corpus):
    [values] = cells(corpus["budget_wide_it.xlsx"]).values()
    want = expected.BUDGET_WIDE
    assert values[0][0] == f"Budget marketing {want['year']}" and not any(values[1])
    header = values[2]
    assert header[:2] == ("Canale", "Voce di costo") and len(header) == 14
    *lines, total = values[3:]
    assert total[0] == "Totale" and total[1] is None
    assert len(lines) == want["lines"]
    assert any(isinstance(v, str) and "," in v for line in lines for v in line[2:])
    filled = [(line[0], month, italian(v)) for line in lines
              for month, v in enumerate(line[2:], start=1) if v is not None]
    assert len(filled) == want["cells"]
    assert sum(v for _, _, v in filled) == want["amount"]
    for month, amount in want["by_month"].items():
        assert sum(v for _, m, v in filled if m == month) == amount == money(total[month + 1])
    for channel, amount in want["by_channel"].items():
        assert sum(v for c, _, v in filled if c == channel) == amount, channel


def test_results_fi(corpus):
    [values] = cells(corpus["results_fi.xlsx"]).values()
    want = expected.RESULTS_FI
    assert values[0] == ("Päivämäärä", "Kampanja", "Kanava", "Liidit", "Liikevaihto")
    *data, total = values[1:]
    assert total[:3] == ("Yhteensä", None, None)
    assert len(data) == want["rows"]
    assert [r[2] for r in data].count("Yhteensä") == 1  # a channel of that name: data
    assert sum(r[3] for r in data) == want["leads"] == total[3]
    assert sum(money(r[4]) for r in data) == want["revenue"] == money(total[4])
    for channel, (leads, revenue) in want["by_channel"].items():
        mine = [r for r in data if r[2] == channel]
        assert (sum(r[3] for r in mine), sum(money(r[4]) for r in mine)) == (leads, revenue)
