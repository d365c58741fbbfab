"""The canonical sheet kinds of SPEC §2: their columns, types and closed value sets.

Everything else in the loaders (header aliases, schemas, templates) is keyed on these names,
so a column is declared once, here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Column value types. The parsers in loaders/*values.py turn raw cells into these.
TEXT = "text"
MONEY = "money"  # Decimal with at most six decimals (stored as DECIMAL(18,6))
RATE = "rate"  # Decimal, fx rate or VAT rate, more decimals allowed
DATE = "date"  # datetime.date
PERIOD = "period"  # month, quarter or year (budget)
MONTH = "month"  # a single month (fx rates)
INTEGER = "integer"
BOOL = "bool"  # yes/no words in four languages
STATUS = "status"
VERSION = "version"
CURRENCY = "currency"  # ISO 4217 code

STATUSES = ("quoted", "ordered", "invoiced", "paid", "cancelled")
VERSIONS = ("budget", "forecast")
# The campaign of a ledger row that names none (SQL: campaign_or_unallocated in macros.sql).
UNALLOCATED = "Unallocated"
VENDOR_STATUSES = ("active", "blocked")
APPROVAL_LEVELS = ("manager", "finance", "executive")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool = False
    default: object = None  # value used when the column is absent or the cell is empty


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


BUDGET = Kind(
    "budget",
    "Budget",
    (
        Column("period", PERIOD, required=True),
        Column("channel", TEXT, required=True),
        Column("platform", TEXT),
        Column("category", TEXT, default="Unassigned"),
        Column("campaign", TEXT),
        Column("account", TEXT, default="Default"),
        Column("amount", MONEY, required=True),
        Column("currency", CURRENCY),
        Column("version", VERSION, default="budget"),
        Column("budget_line", TEXT),
    ),
    # Budgets are not merged by key: an upload replaces whole (fiscal year, version, account)
    # scopes, see spendline.store.
    key=(),
)

SPEND = Kind(
    "spend",
    "Spend ledger",
    (
        Column("document_id", TEXT, required=True),
        Column("vendor", TEXT, required=True),
        Column("channel", TEXT, required=True),
        Column("status", STATUS, required=True),
        Column("amount_net", MONEY, required=True),
        Column("vat_amount", MONEY),
        Column("vat_rate", RATE),
        Column("currency", CURRENCY),
        Column("platform", TEXT),
        Column("category", TEXT, default="Unassigned"),
        Column("campaign", TEXT),
        Column("account", TEXT, default="Default"),
        Column("budget_line", TEXT),
        Column("description", TEXT),
        Column("po_number", TEXT),
        Column("quote_date", DATE),
        Column("order_date", DATE),
        Column("invoice_date", DATE),
        Column("due_date", DATE),
        Column("paid_date", DATE),
        Column("has_contract", BOOL, default=False),
        Column("has_invoice", BOOL, default=False),
        Column("has_receipt", BOOL, default=False),
        Column("approved_by", TEXT),
        Column("approval_level", TEXT),
        # What has been paid of the document so far: empty on a paid row means paid in full.
        Column("paid_amount", MONEY),
    ),
    key=("vendor", "document_id"),
)

RESULTS = Kind(
    "results",
    "Campaign results",
    (
        Column("date", DATE, required=True),
        Column("campaign", TEXT, required=True),
        Column("channel", TEXT, required=True),
        Column("platform", TEXT),
        Column("account", TEXT, default="Default"),
        Column("impressions", INTEGER),
        Column("clicks", INTEGER),
        # Each figure optional: an ad export has no revenue or leads, and a figure a sheet
        # lacks stays empty (not 0), so ratios over it are empty (SPEC §2.3).
        Column("leads", INTEGER),
        Column("opportunities", INTEGER),
        Column("customers", INTEGER),
        Column("revenue", MONEY),
        Column("platform_spend", MONEY),
        Column("currency", CURRENCY),
    ),
    # Rows of one upload that share the key are added together (loaders.intake).
    key=("date", "campaign", "channel", "platform"),
)

# A results row must carry at least one of these (SPEC §2.3).
RESULTS_FIGURES = ("platform_spend", "impressions", "clicks", "leads", "revenue")

VENDORS = Kind(
    "vendors",
    "Vendors",
    (
        Column("vendor", TEXT, required=True),
        Column("category", TEXT, required=True),
        Column("services", TEXT),
        Column("contact", TEXT),
        Column("email", TEXT),
        Column("phone", TEXT),
        Column("city", TEXT),
        Column("country", TEXT),
        Column("website", TEXT),
        Column("rating", INTEGER),
        Column("status", TEXT, default="active"),
        Column("notes", TEXT),
    ),
    key=("vendor",),
)

FX_RATES = Kind(
    "fx_rates",
    "FX rates",
    (
        Column("currency", CURRENCY, required=True),
        Column("month", MONTH, required=True),
        Column("rate", RATE, required=True),
    ),
    key=("currency", "month"),
)

KINDS: dict[str, Kind] = {k.name: k for k in (BUDGET, SPEND, RESULTS, VENDORS, FX_RATES)}


def channel_key(name: object) -> str:
    """A channel name as the channel mapping matches it: any case, width and spacing."""
    if name is None or (isinstance(name, float) and name != name):  # empty or NaN
        return ""
    return " ".join(unicodedata.normalize("NFKC", str(name)).casefold().split())
