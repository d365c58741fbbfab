"""The demo ledger: quotes, orders, invoices and payments drawn from the budget plan, with
their approvals and document numbers."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from scripts.demo_data.catalogue import (
    ACCOUNTS,
    APPROVERS,
    AS_OF,
    CHANNELS,
    DESCRIPTIONS,
    INVOICE_SIZE,
    LAST_INVOICE,
    LEVELS,
    PLATFORM_VENDORS,
    YEAR,
    Vendor,
)
from scripts.demo_data.world import budget_line, days_in, month_label, pick_vendor


def new_row(rng, ctx, channel, category, platform, vcat, month, eur) -> dict:
    """One ledger row without status, dates or approvals."""
    active = [c for c in ctx["campaigns"] if month in c.months and channel in c.channels]
    fitting = [c for c in active if platform in c.channels[channel]] or active
    campaign = rng.choice(fitting) if fitting and rng.random() < 0.9 else None
    account = campaign.account if campaign else rng.choices(list(ACCOUNTS), (5, 3, 3))[0]
    if platform in PLATFORM_VENDORS and category in ("Media", "Software"):
        vendor = ctx["by_name"][PLATFORM_VENDORS[platform][0]]
    else:
        vendor = pick_vendor(rng, ctx["pools"][vcat])
    text = rng.choice(DESCRIPTIONS[category]).format(platform=platform, month=month_label(month))
    return {"vendor": vendor, "channel": channel, "platform": platform, "category": category,
            "campaign": campaign.name if campaign else None, "account": account,
            "budget_line": budget_line(account, channel, category, platform),
            "description": f"{text} - {campaign.name}" if campaign else text,
            "amount_net": round(eur / ctx["fx"][vendor.currency][month - 1], 2),
            "currency": vendor.currency, "vat_rate": vendor.vat, "po": None,
            "quote_date": None, "order_date": None, "invoice_date": None, "due_date": None,
            "paid_date": None}


def invoice(rng: random.Random, row: dict, day: dt.date) -> dict:
    """Date an invoice and settle it: paid when its payment day has come by AS_OF."""
    vendor = row["vendor"]
    row.update(invoice_date=day, due_date=day + dt.timedelta(days=vendor.terms))
    if vendor.category in ("media", "software") and vendor.archived:
        pay = day + dt.timedelta(days=rng.randint(0, 5))  # platforms: direct debit
    else:
        r = rng.random()
        delay = (rng.randint(-20, -1) if r < 0.15 else rng.randint(-3, 10) if r < 0.76 else
                 rng.randint(11, 45) if r < 0.88 else rng.randint(46, 150) if r < 0.985 else 999)
        pay = row["due_date"] + dt.timedelta(days=delay)
    paid = pay <= AS_OF
    row.update(status="paid" if paid else "invoiced", paid_date=max(pay, day) if paid else None)
    return row


def random_day(rng: random.Random, month: int, vendor: Vendor | None = None) -> dt.date:
    last = LAST_INVOICE.day if month == 11 and vendor else days_in(month)
    if vendor and vendor.month_end and month != 11 and rng.random() < 0.85:
        return dt.date(YEAR, month, rng.randint(last - 4, last))
    return dt.date(YEAR, month, rng.randint(1, last))


def build_ledger(rng: random.Random, plan: dict, ctx: dict) -> list[dict]:
    lines = defaultdict(lambda: [0.0] * 12)  # plan summed over accounts
    for (_, channel, category, platform, vcat, _), months in plan.items():
        lines[(channel, category, platform, vcat)] = [
            a + b for a, b in zip(lines[(channel, category, platform, vcat)], months, strict=True)]
    invoices = []
    for (channel, category, platform, vcat), months in lines.items():
        for month in range(1, 12):
            target = months[month - 1] * CHANNELS[channel].actual * rng.uniform(0.9, 1.1)
            target *= 0.67 if month == 11 else 1.0  # November is invoiced up to the 20th
            draws = [rng.lognormvariate(0, 1.1) for _ in range(max(1, round(
                target / INVOICE_SIZE[category])))]
            for draw in draws:
                row = new_row(rng, ctx, channel, category, platform, vcat, month,
                              target * draw / sum(draws))
                invoices.append(invoice(rng, row, random_day(rng, month, row["vendor"])))
    for original in rng.sample(invoices, 90):  # credit notes
        note = dict(original, amount_net=-round(original["amount_net"] * rng.uniform(0.05, 0.4), 2),
                    description=f"Credit note: {original['description']}")
        day = min(original["invoice_date"] + dt.timedelta(days=rng.randint(5, 40)), LAST_INVOICE)
        invoices.append(invoice(rng, note, day))
    orders = draw_orders(rng, invoices)
    keys, weights = list(lines), [sum(m) for m in lines.values()]
    others = []
    # Orders nobody has invoiced yet are for work still to come: the last quarter.
    for status, count, months, size in (("ordered", 60, (0,) * 9 + (2, 5, 6), 1.5),
                                        ("quoted", 220, (1,) * 8 + (2, 3, 6, 8), 2.0),
                                        ("cancelled", 110, (1,) * 11 + (0,), 1.0)):
        for _ in range(count):
            channel, category, platform, vcat = rng.choices(keys, weights)[0]
            month = rng.choices(range(1, 13), months)[0]
            eur = INVOICE_SIZE[category] * size * rng.lognormvariate(0, 0.8)
            row = new_row(rng, ctx, channel, category, platform, vcat, month, eur)
            stage = status if status != "cancelled" else rng.choice(("quoted", "ordered", "inv"))
            if stage == "inv":
                invoice(rng, row, random_day(rng, month, row["vendor"]))
                row["paid_date"] = None
            else:
                row["quote_date" if stage == "quoted" else "order_date"] = random_day(rng, month)
            row["status"] = status
            if status == "ordered":
                row["description"] = f"PO: {row['description']}"
            others.append(row)
    rows = invoices + orders + others
    for row in rows:
        approve(rng, row, ctx["fx"])
    return number_documents(rows)


def draw_orders(rng: random.Random, invoices: list[dict]) -> list[dict]:
    """Purchase orders that some invoices draw on (po_number), mostly only partly invoiced."""
    groups = defaultdict(list)
    for row in sorted(invoices, key=lambda r: r["invoice_date"]):
        if row["amount_net"] > 0 and row["campaign"] and row["vendor"].category != "media":
            groups[(row["vendor"].name, row["channel"], row["campaign"])].append(row)
    orders = []
    for key in rng.sample([k for k in groups if len(groups[k]) >= 2], 80):
        first = rng.randrange(len(groups[key]) - 1)
        drawn = [r for r in groups[key][first:first + rng.randint(1, 3)]
                 if (r["invoice_date"] - groups[key][first]["invoice_date"]).days <= 75]
        # Orders of work long done are (nearly) fully invoiced; recent ones are still open.
        recent = drawn[0]["invoice_date"].month >= 10
        share = (1.0 if rng.random() < 0.2 else
                 rng.uniform(0.35, 0.9) if recent else rng.uniform(0.93, 1.0))
        day = max(drawn[0]["invoice_date"] - dt.timedelta(days=rng.randint(7, 45)),
                  dt.date(YEAR, 1, 2))
        order = dict(drawn[0], status="ordered", order_date=day, invoice_date=None,
                     due_date=None, paid_date=None, description=f"PO: {drawn[0]['description']}",
                     amount_net=round(sum(r["amount_net"] for r in drawn) / share, 2))
        for row in drawn:
            row.update(po=order, order_date=day)
        orders.append(order)
    return orders


def approve(rng: random.Random, row: dict, fx: dict) -> None:
    """Approval level (mostly right for the EUR amount) and document flags by status."""
    day = row["invoice_date"] or row["order_date"] or row["quote_date"]
    eur = row["amount_net"] * fx[row["currency"]][day.month - 1]
    required = 0 if eur < 5000 else 1 if eur < 25000 else 2
    r = rng.random()
    level = None if r < 0.008 else required - 1 if r < 0.08 and required else required
    row["approval_level"] = LEVELS[level] if level is not None else None
    row["approved_by"] = rng.choice(APPROVERS[LEVELS[level]]) if level is not None else None
    docs = {"quoted": "nnn", "ordered": "ynn", "invoiced": "yyn", "paid": "yyy",
            "cancelled": "nyn" if row["invoice_date"] else "nnn"}[row["status"]]
    # The receipt confirms the work was delivered (the third document of a three-way match):
    # most open invoices have it, some still wait. Chosen from the cents, not the random
    # stream, so the rest of the demo stays as it was.
    if row["status"] == "invoiced" and round(row["amount_net"] * 100) % 10 < 7:
        docs = "yyy"
    if row["status"] == "paid" and rng.random() < 0.04:
        gap = rng.randrange(3)
        docs = docs[:gap] + "n" + docs[gap + 1:]
    for name, flag in zip(("has_contract", "has_invoice", "has_receipt"), docs, strict=True):
        row[name] = "yes" if flag == "y" else "no"


def number_documents(rows: list[dict]) -> list[dict]:
    """Sort by date and number documents: vendor sequences, our own PO sequence."""
    rows.sort(key=lambda r: (r["invoice_date"] or r["order_date"] or r["quote_date"],
                             r["vendor"].name, r["amount_net"]))
    po_counter = 0
    for row in rows:
        vendor = row["vendor"]
        if row["invoice_date"]:
            vendor.counter += 1
            prefix = "CN" if row["amount_net"] < 0 else "INV"
            row["document_id"] = (f"{vendor.counter:06d}" if vendor.style == "NUM"
                                  else f"{prefix}-{YEAR}-{vendor.counter:05d}")
        elif row["order_date"]:
            po_counter += 1
            row["document_id"] = f"PO-{YEAR}-{po_counter:05d}"
        else:
            vendor.quotes += 1
            row["document_id"] = f"Q-{YEAR}-{vendor.quotes:04d}"
    for row in rows:
        order = row.pop("po")
        row["po_number"] = order["document_id"] if order else None
    return rows
