"""The demo generator is deterministic and its workbooks keep the SPEC's data rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from spendline import kinds  # noqa: E402

DEMO = ROOT / "data" / "demo"
FILES = ("budget.xlsx", "spend.xlsx", "results.xlsx", "vendors.xlsx", "fx_rates.xlsx")
AS_OF = dt.date(2026, 11, 23)
CHANNELS = ("Paid Search", "Paid Social", "Display", "Events", "Content", "Email", "PR",
            "Influencer")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("make_demo_data",
                                                  ROOT / "scripts" / "make_demo_data.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    target = tmp_path_factory.mktemp("demo")
    module.main(["--out", str(target)])
    return target


def sheet_rows(path: Path, sheet: str, header_row: int = 1) -> tuple[list, list[dict]]:
    book = openpyxl.load_workbook(path, read_only=True)
    values = list(book[sheet].iter_rows(values_only=True))
    book.close()
    headers = list(values[header_row - 1])
    return headers, [dict(zip(headers, row, strict=True)) for row in values[header_row:]]


def day(value) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


@pytest.fixture(scope="module")
def fx(out) -> dict[tuple[str, int], Decimal]:
    _, rows = sheet_rows(out / "fx_rates.xlsx", "FX")
    return {(r["currency"], int(r["month"][5:])): Decimal(str(r["rate"])) for r in rows}


@pytest.fixture(scope="module")
def ledger(out) -> list[dict]:
    headers, rows = sheet_rows(out / "spend.xlsx", "Ledger")
    assert set(headers) <= set(kinds.SPEND.names)
    assert rows[-1]["document_id"] == "Total"
    return rows


def to_eur(fx, currency: str, month: int, amount) -> Decimal:
    rate = Decimal(1) if currency == "EUR" else fx[(currency, month)]
    return Decimal(str(amount)) * rate


def months_of(period: str) -> range:
    """The months of a budget period: 2026-03, 2026-Q2 or 2026."""
    if "Q" in period:
        return range(3 * int(period[-1]) - 2, 3 * int(period[-1]) + 1)
    return range(1, 13) if len(period) == 4 else range(int(period[5:]), int(period[5:]) + 1)


def budget_in_eur(rows: list[dict], fx) -> dict[str, Decimal]:
    """Budget version per channel in EUR (a line in USD converted month by month)."""
    budget = defaultdict(Decimal)
    for r in rows:
        if r["version"] == "budget":
            months = months_of(r["period"])
            budget[r["channel"]] += sum(to_eur(fx, r["currency"], m, r["amount"]) / len(months)
                                        for m in months)
    return budget


@pytest.mark.parametrize("name", FILES)
def test_generator_reproduces_the_committed_files_byte_for_byte(out, name):
    made = hashlib.sha256((out / name).read_bytes()).hexdigest()
    committed = hashlib.sha256((DEMO / name).read_bytes()).hexdigest()
    assert made == committed, f"{name} differs: rerun scripts/make_demo_data.py and commit"


def test_budget_has_title_block_notes_and_full_forecast(out, fx):
    book = openpyxl.load_workbook(out / "budget.xlsx", read_only=True)
    assert book.sheetnames == ["Budget 2026", "Notes"]
    top = list(book["Budget 2026"].iter_rows(min_row=1, max_row=3, values_only=True))
    book.close()
    assert top[0][0] == "Marketing budget 2026" and not any(top[1])
    headers, rows = sheet_rows(out / "budget.xlsx", "Budget 2026", header_row=3)
    assert headers == kinds.BUDGET.names
    assert 1500 <= len(rows) <= 2500
    shapes = Counter("Q" if "Q" in r["period"] else len(r["period"]) for r in rows)
    assert shapes[7] > shapes["Q"] > shapes[4] > 0  # mostly months, some quarters, a few years
    for r in rows:
        amount = Decimal(str(r["amount"]))
        assert amount >= 0 and amount == amount.quantize(Decimal("0.01")), r
    covered = {(r["channel"], m) for r in rows if r["version"] == "forecast"
               for m in months_of(r["period"])}
    assert covered == {(c, m) for c in CHANNELS for m in range(1, 13)}
    assert 4_000_000 < sum(budget_in_eur(rows, fx).values()) < 6_000_000


def test_ledger_rows_statuses_keys_and_totals_row(ledger):
    rows = ledger[:-1]
    assert 4500 <= len(rows) <= 5500
    assert set(Counter(r["status"] for r in rows)) == set(kinds.STATUSES)
    assert len({(r["vendor"], r["document_id"]) for r in rows}) == len(rows)
    assert all(isinstance(r["document_id"], str) for r in rows)
    assert any(r["document_id"].isdigit() and r["document_id"][0] == "0" for r in rows)
    total = sum(Decimal(str(r["amount_net"])) for r in rows)
    assert Decimal(str(ledger[-1]["amount_net"])) == total
    currencies = Counter(r["currency"] for r in rows)
    assert set(currencies) == {"EUR", "USD", "CNY"} and currencies["EUR"] > 0.85 * len(rows)
    assert 0.05 < sum(1 for r in rows if not r["campaign"]) / len(rows) < 0.15
    assert {r["vat_rate"] for r in rows} == {0, 0.22, 0.24}


def test_ledger_date_and_amount_rules(ledger):
    credit_notes = 0
    for r in ledger[:-1]:
        status, invoiced = r["status"], day(r["invoice_date"])
        if status in ("invoiced", "paid"):
            assert invoiced is not None and invoiced <= AS_OF, r
        if status == "paid":
            assert invoiced <= day(r["paid_date"]) <= AS_OF, r
        else:
            assert r["paid_date"] is None, r
        if r["due_date"] is not None:
            assert day(r["due_date"]) >= invoiced, r
        if r["amount_net"] < 0:
            assert status in ("invoiced", "paid"), r
            credit_notes += 1
        assert r["approval_level"] in (*kinds.APPROVAL_LEVELS, None)
        assert {r["has_contract"], r["has_invoice"], r["has_receipt"]} <= {"yes", "no"}
    assert credit_notes >= 20


def test_ledger_tells_the_story(ledger, out, fx):
    actual, buckets, missing_documents = defaultdict(Decimal), Counter(), 0
    for r in ledger[:-1]:
        if r["status"] in ("invoiced", "paid"):
            month = day(r["invoice_date"]).month
            actual[r["channel"]] += to_eur(fx, r["currency"], month, r["amount_net"])
        if r["status"] == "invoiced":
            late = (AS_OF - day(r["due_date"])).days
            buckets[next(b for limit, b in ((0, "not due"), (30, "1-30"), (60, "31-60"),
                                            (90, "61-90"), (10**6, "90+")) if late <= limit)] += 1
        if r["status"] == "paid" and "no" in (r["has_contract"], r["has_invoice"],
                                              r["has_receipt"]):
            missing_documents += 1
    assert all(buckets[b] >= 5 for b in ("not due", "1-30", "31-60", "61-90", "90+")), buckets
    assert 20 <= missing_documents <= 400
    _, rows = sheet_rows(out / "budget.xlsx", "Budget 2026", header_row=3)
    budget = budget_in_eur(rows, fx)
    assert actual["Paid Social"] > budget["Paid Social"] and actual["Events"] > budget["Events"]
    assert actual["Email"] < Decimal("0.8") * budget["Email"]
    assert actual["PR"] < Decimal("0.8") * budget["PR"]


def test_orders_are_drawn_on_by_invoices_and_some_stay_partly_open(ledger):
    rows = ledger[:-1]
    orders = {(r["vendor"], r["document_id"]): r for r in rows if r["status"] == "ordered"}
    drawn = defaultdict(Decimal)
    for r in rows:
        if r["po_number"]:
            assert r["status"] in ("invoiced", "paid") and (r["vendor"], r["po_number"]) in orders
            drawn[(r["vendor"], r["po_number"])] += Decimal(str(r["amount_net"]))
    partly = [k for k, v in drawn.items() if 0 < v < Decimal(str(orders[k]["amount_net"]))]
    assert len(partly) >= 20
    assert any(day(r["order_date"] or r["quote_date"]) > AS_OF for r in rows
               if r["status"] in ("ordered", "quoted"))


def test_vendor_archive_is_italian_and_misses_five_ledger_vendors(out, ledger):
    headers, rows = sheet_rows(out / "vendors.xlsx", "Fornitori")
    assert headers == ["fornitore", "categoria", "servizi", "contatto", "email", "telefono",
                       "città", "paese", "sito web", "valutazione", "stato", "note"]
    names = [r["fornitore"] for r in rows]
    assert 280 <= len(names) <= 330 and len(set(names)) == len(names)
    statuses = Counter(r["stato"] for r in rows)
    assert set(statuses) == set(kinds.VENDOR_STATUSES) and 0 < statuses["blocked"] < 15
    assert all(r["valutazione"] in range(1, 6) for r in rows)
    assert {r["paese"] for r in rows} >= {"Italy", "Finland", "China", "United Kingdom",
                                          "United States"}
    missing = {r["vendor"] for r in ledger[:-1]} - set(names)
    assert len(missing) == 5, missing


def test_results_funnel_and_platform_spend(out):
    headers, rows = sheet_rows(out / "results.xlsx", "Results")
    assert set(headers) <= set(kinds.RESULTS.names)
    assert 1000 <= len(rows) <= 3000
    assert len({(r["date"], r["campaign"], r["channel"], r["platform"]) for r in rows}) == len(rows)
    for r in rows:
        date = day(r["date"])
        assert date.weekday() == 0 and date < AS_OF
        assert r["impressions"] >= r["clicks"] >= r["leads"] >= r["opportunities"] \
            >= r["customers"] >= 0
        assert r["revenue"] >= 0 and (r["revenue"] > 0) == (r["customers"] > 0)
        offline = r["channel"] in ("Events", "PR", "Content")
        assert (r["platform_spend"] is None) == offline, r
    assert len({r["campaign"] for r in rows}) >= 38


def test_fx_rates_cover_every_month(fx):
    assert set(fx) == {(c, m) for c in ("USD", "CNY") for m in range(1, 13)}
    assert all(Decimal("0.85") < fx[("USD", m)] < Decimal("0.99") for m in range(1, 13))
    assert all(Decimal("0.12") < fx[("CNY", m)] < Decimal("0.135") for m in range(1, 13))
    assert all(-fx[k].as_tuple().exponent <= 6 for k in fx)
