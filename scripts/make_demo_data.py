"""Deterministic demo workbooks for Spendline: a marketing back office's fiscal year 2026.

    .venv/bin/python scripts/make_demo_data.py [--out data/demo]

One seed, same bytes on every run: XlsxWriter stamps every zip member with a fixed 1980 time
and the document properties carry CREATED below. Headers are the canonical names of
spendline/kinds.py, except the vendor archive, which is in Italian to show off the aliases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a file: find scripts/

from scripts.demo_data.catalogue import (
    CREATED,
    SEED,
    SERVICES,
    YEAR,
)
from scripts.demo_data.ledger import build_ledger
from scripts.demo_data.results import results_rows
from scripts.demo_data.world import (
    budget_rows,
    build_campaigns,
    build_plan,
    build_vendors,
    fx_table,
    vendor_note,
    vendor_pools,
)


def write_sheet(book, name, headers, rows, title=None, bold_last=False) -> None:
    fmt = {"date": book.add_format({"num_format": "yyyy-mm-dd"}),
           "money": book.add_format({"num_format": "#,##0.00"}),
           "rate": book.add_format({"num_format": "0.000000"}),
           "pct": book.add_format({"num_format": "0%"}), "bold": book.add_format({"bold": True})}
    special = {"vat_rate": "pct", "rate": "rate"}  # other floats are money
    sheet, top = book.add_worksheet(name), 0
    if title:
        sheet.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 14}))
        top = 2  # the title and a blank row
    for col, header in enumerate(headers):
        sheet.write_string(top, col, header, fmt["bold"])
        width = max([len(header)] + [len(str(r[col])) for r in rows[:300] if r[col] is not None])
        sheet.set_column(col, col, min(width + 2, 40))
    sheet.freeze_panes(top + 1, 0)
    for i, row in enumerate(rows, top + 1):
        for col, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(i, col, value, fmt["bold"] if bold_last and i == top + len(rows)
                                   else None)
            elif isinstance(value, dt.date):
                sheet.write_datetime(i, col, value, fmt["date"])
            elif isinstance(value, float):
                sheet.write_number(i, col, value, fmt[special.get(headers[col], "money")])
            else:
                sheet.write_number(i, col, value)


def save(path: Path, sheets: list[tuple]) -> None:
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"title": path.stem, "author": "Spendline demo", "created": CREATED})
    for sheet in sheets:
        write_sheet(book, *sheet)
    book.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parents[1] / "data" / "demo")
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    fx = fx_table(rng)
    campaigns = build_campaigns(rng)
    vendors = build_vendors(rng)
    ctx = {"campaigns": campaigns, "fx": fx, "pools": vendor_pools(rng, vendors),
           "by_name": {v.name: v for v in vendors}}
    plan = build_plan(rng, campaigns)
    notes = [["Budget approved by the board on 12 December 2025."],
             ["Version 'forecast' is the re-forecast of April 2026 (R1), months 4-12 revised."],
             ["Amounts are net of VAT, in EUR unless the currency column says otherwise."],
             ["Questions: marketing controlling, ext. 4410."]]
    save(out / "budget.xlsx", [
        ("Budget 2026", ["period", "channel", "platform", "category", "campaign", "account",
                         "amount", "currency", "version", "budget_line"],
         budget_rows(rng, plan, campaigns, fx), f"Marketing budget {YEAR}"),
        ("Notes", ["Notes"], notes)])
    ledger = build_ledger(rng, plan, ctx)
    spend_headers = ["document_id", "vendor", "channel", "platform", "category", "campaign",
                     "account", "budget_line", "description", "po_number", "status",
                     "amount_net", "vat_rate", "currency", "quote_date", "order_date",
                     "invoice_date", "due_date", "paid_date", "has_contract", "has_invoice",
                     "has_receipt", "approved_by", "approval_level"]
    spend = [[r["vendor"].name if h == "vendor" else r[h] for h in spend_headers]
             for r in ledger]
    total = float(sum(round(r["amount_net"] * 100) for r in ledger)) / 100
    spend.append(["Total"] + [None] * 10 + [total] + [None] * 12)
    save(out / "spend.xlsx", [("Ledger", spend_headers, spend, None, True)])
    save(out / "results.xlsx", [
        ("Results", ["date", "campaign", "channel", "platform", "account", "impressions",
                     "clicks", "leads", "opportunities", "customers", "revenue",
                     "platform_spend"], results_rows(rng, ledger, campaigns, fx))])
    archive = sorted((v for v in vendors if v.archived), key=lambda v: v.name.casefold())
    save(out / "vendors.xlsx", [
        ("Fornitori", ["fornitore", "categoria", "servizi", "contatto", "email", "telefono",
                       "città", "paese", "sito web", "valutazione", "stato", "note"],
         [[v.name, v.category, SERVICES[v.category], v.contact, v.email,
           v.phone, v.city, v.country, v.website, v.rating,
           "blocked" if v.blocked else "active", vendor_note(v)] for v in archive])])
    save(out / "fx_rates.xlsx", [
        ("FX", ["currency", "month", "rate"],
         [[c, f"{YEAR}-{m:02d}", fx[c][m - 1]] for c in ("USD", "CNY") for m in range(1, 13)])])


if __name__ == "__main__":
    main()
