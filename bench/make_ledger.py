"""Ledger workbooks of a given size for the intake benchmark: realistic columns and text,
deterministic (seeded), written with xlsxwriter in constant-memory mode.

    .venv/bin/python bench/make_ledger.py 100000 bench/out/ledger_100k.xlsx
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import xlsxwriter

CHANNELS = {
    "Paid Search": ["Google Ads", "Microsoft Advertising"],
    "Paid Social": ["Meta Ads", "LinkedIn Ads", "TikTok Ads"],
    "Display": ["DV360", "The Trade Desk"],
    "Events": ["Eventbrite", "Venues"],
    "Content": ["Website", "YouTube"],
    "Email": ["Mailchimp", "HubSpot"],
    "PR": ["Cision", "Meltwater"],
    "Influencer": ["Instagram", "TikTok"],
}
CATEGORIES = ["Media", "Agency fees", "Production", "Events & venues", "Software", "Print"]
ACCOUNTS = ["Northwind Retail", "Aurora Foods", "Lumen Travel"]
STATUSES = ["paid"] * 70 + ["invoiced"] * 15 + ["ordered"] * 6 + ["quoted"] * 6 + \
    ["cancelled"] * 3
HEADER = ["document_id", "vendor", "channel", "platform", "category", "campaign", "account",
          "description", "status", "amount_net", "vat_rate", "currency", "quote_date",
          "order_date", "invoice_date", "due_date", "paid_date", "has_contract", "has_invoice",
          "has_receipt", "approval_level"]


def write(rows: int, path: Path, seed: int = 2026) -> None:
    rng = random.Random(seed)
    vendors = [f"{rng.choice(['Studio', 'Agenzia', 'Mainos', 'Media', 'Creative'])} "
               f"{rng.choice(['Aurora', 'Faro', 'Lanterna', 'Pohjola', 'Zenith', 'Delta'])} "
               f"{i:03d} {rng.choice(['S.r.l.', 'Oy', 'Ltd', 'GmbH', 'Co., Ltd.'])}"
               for i in range(400)]
    campaigns = [f"{rng.choice(['Spring', 'Summer', 'Autumn', 'Winter', 'Launch'])} "
                 f"{rng.choice(['Sale', 'Brand', 'Push', 'Promo'])} 2026 #{i}" for i in range(60)]
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Ledger")
    money = book.add_format({"num_format": "#,##0.00"})
    day_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADER)
    start = dt.date(2026, 1, 1)
    for r in range(1, rows + 1):
        channel = rng.choice(list(CHANNELS))
        status = rng.choice(STATUSES)
        day = start + dt.timedelta(days=rng.randrange(330))
        amount = round(rng.lognormvariate(6.5, 1.0), 2)
        invoiced = status in ("invoiced", "paid") or (status == "cancelled" and r % 2)
        values = [f"INV-{r:07d}", rng.choice(vendors), channel, rng.choice(CHANNELS[channel]),
                  rng.choice(CATEGORIES), rng.choice(campaigns), rng.choice(ACCOUNTS),
                  f"{channel} services for {rng.choice(campaigns)}", status, amount,
                  rng.choice([0.22, 0.24, 0.0]), "EUR"]
        sheet.write_row(r, 0, values)
        sheet.write_number(r, 9, amount, money)
        dates = [day - dt.timedelta(days=20) if status == "quoted" else None,
                 day - dt.timedelta(days=10) if status != "quoted" else None,
                 day if invoiced else None,
                 day + dt.timedelta(days=30) if invoiced else None,
                 day + dt.timedelta(days=rng.randrange(5, 40)) if status == "paid" else None]
        for c, value in enumerate(dates, start=12):
            if value is not None:
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), day_format)
        docs = ["yes", "yes", "yes" if status == "paid" else "no"]
        sheet.write_row(r, 17, [*docs, "manager" if amount < 5000 else "finance"])
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rows", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    write(args.rows, args.out)


if __name__ == "__main__":
    main()
