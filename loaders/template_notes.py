"""What the templates say about each column: its meaning in plain words, type, allowed values
and default, and one example row per sheet kind. Data and words only; loaders.templates writes
them into the workbook."""

from __future__ import annotations

import datetime as dt

from spendline import kinds
from spendline.kinds import Column, Kind

CURRENCIES = ("EUR", "USD", "GBP", "CNY", "CHF", "SEK")
YES_NO = ("yes", "no")

# What each column holds, in plain words; the type, allowed values and default are added.
DESCRIPTIONS: dict[str, str] = {
    "period": "The month (2026-03), quarter (2026-Q2) or year (2026) the money is planned for. "
              "A quarter or year is spread evenly over its months.",
    "channel": "Marketing channel, e.g. Paid social, Search, Events, Print.",
    "platform": "Platform or medium, e.g. Meta, Google Ads, LinkedIn.",
    "category": "Cost category, e.g. Media, Production, Agency fees.",
    "campaign": "Campaign name, spelled the same way in every sheet.",
    "account": "Client or account the money belongs to.",
    "amount": "Planned amount, a number of zero or more.",
    "currency": "Currency of the amounts on this row.",
    "version": "Whether the row is the approved budget or a later forecast.",
    "budget_line": "Your own code for the budget line.",
    "document_id": "Quote, purchase order or invoice number; kept as text.",
    "vendor": "Supplier name, spelled as in the Vendors sheet.",
    "status": "Where the document stands.",
    "amount_net": "Amount without VAT. Negative only for a credit note "
                  "(status invoiced or paid).",
    "vat_amount": "VAT amount of the document.",
    "vat_rate": "VAT rate as a fraction (0.22 for 22%).",
    "description": "What was bought.",
    "po_number": "For an invoice: the document_id of the order it draws on.",
    "quote_date": "Date of the quote.",
    "order_date": "Date of the order.",
    "invoice_date": "Invoice date; needed when status is invoiced or paid.",
    "due_date": "Payment due date; not before the invoice date.",
    "paid_date": "Date paid; needed when status is paid, not before the invoice date.",
    "has_contract": "Is there a signed contract?",
    "has_invoice": "Has the invoice been received?",
    "has_receipt": "Is there a proof of payment or delivery?",
    "approved_by": "Who approved the spend.",
    "approval_level": "Level that approved it: below 5,000 manager, below 25,000 finance, "
                      "from 25,000 executive (default thresholds).",
    "date": "Day, week start or month the results belong to.",
    "impressions": "Impressions, a whole number of zero or more.",
    "clicks": "Clicks, a whole number of zero or more.",
    "leads": "Leads, a whole number of zero or more.",
    "opportunities": "Sales opportunities, a whole number of zero or more.",
    "customers": "New customers won, a whole number of zero or more.",
    "revenue": "Revenue attributed to the campaign, zero or more.",
    "platform_spend": "Spend as the ad platform reports it (for reconciliation only).",
    "services": "What the vendor does for you.",
    "contact": "Contact person.",
    "email": "Contact e-mail address.",
    "phone": "Contact phone number; kept as text.",
    "city": "City.",
    "country": "Country.",
    "website": "Web site address.",
    "rating": "Your rating of the vendor, a whole number from 1 to 5.",
    "notes": "Anything else worth knowing.",
    "month": "The month the rate applies to, as 2026-03.",
    "rate": "Units of base currency for one unit of this currency (e.g. 0.92 EUR per USD).",
}

VENDOR_CATEGORY_HINT = ("One of agency, production, media, venue, photographer, staffing, "
                        "influencer, software, print, or your own word.")

TYPE_WORDS: dict[str, str] = {
    kinds.TEXT: "text",
    kinds.MONEY: "money: a number with at most two decimals",
    kinds.RATE: "number",
    kinds.DATE: "date (yyyy-mm-dd)",
    kinds.PERIOD: "month, quarter or year, typed as text",
    kinds.MONTH: "month as text, yyyy-mm",
    kinds.INTEGER: "whole number",
    kinds.BOOL: "yes or no",
    kinds.STATUS: "one of the listed words",
    kinds.VERSION: "one of the listed words",
    kinds.CURRENCY: "currency code (ISO 4217)",
}

EXAMPLES: dict[str, dict[str, object]] = {
    "budget": {
        "period": "2026-03",
        "channel": "Paid social",
        "platform": "Meta",
        "category": "Media",
        "campaign": "Spring launch",
        "account": "Default",
        "amount": 12000.00,
        "currency": "EUR",
        "version": "budget",
        "budget_line": "MKT-001",
    },
    "spend": {
        "document_id": "INV-2026-0042",
        "vendor": "Northwind Media",
        "channel": "Paid social",
        "status": "paid",
        "amount_net": 4500.00,
        "vat_amount": 990.00,
        "vat_rate": 0.22,
        "currency": "EUR",
        "platform": "Meta",
        "category": "Media",
        "campaign": "Spring launch",
        "account": "Default",
        "budget_line": "MKT-001",
        "description": "March ad placements",
        "po_number": "PO-2026-0007",
        "quote_date": dt.date(2026, 2, 10),
        "order_date": dt.date(2026, 2, 16),
        "invoice_date": dt.date(2026, 3, 31),
        "due_date": dt.date(2026, 4, 30),
        "paid_date": dt.date(2026, 4, 28),
        "has_contract": "yes",
        "has_invoice": "yes",
        "has_receipt": "yes",
        "approved_by": "Anna Rossi",
        "approval_level": "manager",
    },
    "results": {
        "date": dt.date(2026, 3, 1),
        "campaign": "Spring launch",
        "channel": "Paid social",
        "platform": "Meta",
        "account": "Default",
        "impressions": 250000,
        "clicks": 3100,
        "leads": 140,
        "opportunities": 32,
        "customers": 9,
        "revenue": 27000.00,
        "platform_spend": 4480.50,
        "currency": "EUR",
    },
    "vendors": {
        "vendor": "Northwind Media",
        "category": "media",
        "services": "Social media buying",
        "contact": "Mikko Virtanen",
        "email": "mikko@northwind.example",
        "phone": "+358 40 123 4567",
        "city": "Helsinki",
        "country": "Finland",
        "website": "https://northwind.example",
        "rating": 4,
        "status": "active",
        "notes": "Framework agreement until 2027",
    },
    "fx_rates": {
        "currency": "USD",
        "month": "2026-03",
        "rate": 0.92,
    },
}



def closed_set(kind: Kind, col: Column) -> tuple[str, ...] | None:
    """The words allowed in a column, when it has a fixed list."""
    if col.type == kinds.STATUS:
        return kinds.STATUSES
    if col.type == kinds.VERSION:
        return kinds.VERSIONS
    if col.type == kinds.BOOL:
        return YES_NO
    if col.type == kinds.CURRENCY:
        return CURRENCIES
    if kind.name == "vendors" and col.name == "status":
        return kinds.VENDOR_STATUSES
    if col.name == "approval_level":
        return kinds.APPROVAL_LEVELS
    return None



def _default_words(col: Column) -> str | None:
    if col.default is None:
        if col.type == kinds.CURRENCY and not col.required:
            return "the base currency"
        return None
    if isinstance(col.default, bool):
        return "yes" if col.default else "no"
    return str(col.default)


def describe(kind: Kind, col: Column) -> str:
    """One plain sentence or two on what a column holds: meaning, type, values, default."""
    parts = [DESCRIPTIONS.get(col.name, col.name.replace("_", " ").capitalize() + ".")]
    if kind.name == "vendors" and col.name == "category":
        parts = [VENDOR_CATEGORY_HINT]
    if kind.name == "vendors" and col.name == "status":
        parts = ["Whether you still work with the vendor."]
    parts.append(f"Type: {TYPE_WORDS.get(col.type, col.type)}.")
    allowed = closed_set(kind, col)
    if allowed:
        if col.type == kinds.CURRENCY:
            parts.append(f"Common codes: {', '.join(allowed)}; any ISO code is accepted.")
        else:
            parts.append(f"Allowed: {', '.join(allowed)}.")
    if col.name == "rating":
        parts.append("Allowed: 1 to 5.")
    default = _default_words(col)
    if default is not None:
        parts.append(f"If empty: {default}.")
    return " ".join(parts)

