"""Deterministic demo workbooks for Spendline: a marketing back office's fiscal year 2026.

    .venv/bin/python scripts/make_demo_data.py [--out data/demo]

One seed, same bytes on every run: XlsxWriter stamps every zip member with a fixed 1980 time
and the document properties carry CREATED below. Headers are the canonical names of
loaders/kinds.py, except the vendor archive, which is in Italian to show off the aliases.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

SEED = 2026
YEAR = 2026
AS_OF = dt.date(2026, 11, 23)  # the demo is viewed on this day
LAST_INVOICE = dt.date(2026, 11, 20)
LAST_WEEK = AS_OF - dt.timedelta(days=7)  # results are reported for complete weeks
CREATED = dt.datetime(2026, 1, 1)
ACCOUNTS = {"Northwind Retail": ("NWR", 95.0), "Aurora Foods": ("AUF", 1850.0),
            "Lumen Travel": ("LUT", 1150.0)}  # code, revenue per customer
SEASON = (0.75, 0.8, 1.05, 1.15, 1.1, 0.9, 0.7, 0.5, 0.95, 1.1, 1.3, 1.25)  # spring, Q4
EVENT_SEASON = (0.9, 1.1, 0.8, 0.9, 1.3, 1.0, 0.3, 0.2, 1.1, 1.5, 1.1, 0.6)
FLAT = (1.0,) * 12
LEVELS = ("manager", "finance", "executive")
APPROVERS = {"manager": ("Giulia Ferri", "Mikko Laine", "Chen Wei"),
             "finance": ("Sara Conti", "Anna Virtanen"), "executive": ("Marco Rinaldi",)}

@dataclass(frozen=True)
class Channel:
    code: str
    budget: int
    actual: float
    forecast: float
    roas: float
    digital: bool
    platforms: dict
    funnel: tuple
    season: tuple
    lines: list


@dataclass(frozen=True)
class Campaign:
    name: str
    account: str
    channels: dict  # channel -> its platforms
    months: range


@dataclass
class Vendor:
    name: str
    category: str
    country: str
    city: str
    vat: float
    currency: str
    terms: int  # days to pay
    style: str  # INV: INV-2026-00123, NUM: 000123
    counter: int
    contact: str
    email: str
    phone: str
    website: str
    rating: int
    archived: bool = True
    blocked: bool = False
    month_end: bool = False  # invoices on the last days of the month
    quotes: int = 0


# Per channel: annual budget (EUR), actual / budget, forecast / budget from April, ROAS,
# platforms {name: (weight, code)}, funnel (CTR, click->lead, lead->opportunity,
# opportunity->customer) and budget lines (category, platform: True = every platform of the
# channel | one name | None, share, vendor category, budget period M/Q/Y).
CHANNELS = {
    "Paid Search": Channel(
        code="SEA", budget=1_150_000, actual=0.97, forecast=1.02, roas=4.2, digital=True,
        platforms={"Google Ads": (0.8, "GADS"), "Microsoft Advertising": (0.2, "MSAD")},
        funnel=(0.045, 0.08, 0.35, 0.30), season=SEASON,
        lines=[("Media", True, 0.86, "media", "M"), ("Agency fees", None, 0.14, "agency", "Q")]),
    "Paid Social": Channel(
        code="SOC", budget=950_000, actual=1.22, forecast=1.20, roas=1.6, digital=True,
        platforms={"Meta Ads": (0.55, "META"), "LinkedIn Ads": (0.3, "LKIN"),
                   "TikTok Ads": (0.15, "TTOK")},
        funnel=(0.012, 0.05, 0.25, 0.25), season=SEASON,
        lines=[("Media", True, 0.72, "media", "M"), ("Agency fees", None, 0.12, "agency", "Q"),
               ("Production", None, 0.16, "production", "M")]),
    "Display": Channel(
        code="DIS", budget=600_000, actual=0.94, forecast=0.95, roas=0.7, digital=True,
        platforms={"Google Display & Video 360": (0.6, "DV360"), "The Trade Desk": (0.4, "TTD")},
        funnel=(0.0025, 0.03, 0.2, 0.2), season=SEASON,
        lines=[("Media", True, 0.8, "media", "M"), ("Agency fees", None, 0.1, "agency", "Q"),
               ("Production", None, 0.1, "production", "M")]),
    "Events": Channel(
        code="EVT", budget=900_000, actual=1.2, forecast=1.18, roas=1.3, digital=False,
        platforms={"Eventbrite": (0.4, "EVB"), "Venues": (0.6, "VEN")},
        funnel=(0.15, 0.45, 0.4, 0.3), season=EVENT_SEASON,
        lines=[("Events & venues", "Venues", 0.55, "venue", "M"),
               ("Staffing", None, 0.15, "staffing", "M"),
               ("Production", None, 0.12, "production", "M"), ("Print", None, 0.08, "print", "Q"),
               ("Photography", None, 0.05, "photographer", "M"),
               ("Software", "Eventbrite", 0.05, "software", "Y")]),
    "Content": Channel(
        code="CNT", budget=450_000, actual=1.0, forecast=1.0, roas=2.1, digital=False,
        platforms={"Website": (0.6, "WEB"), "YouTube": (0.4, "YT")},
        funnel=(0.02, 0.04, 0.25, 0.25), season=SEASON,
        lines=[("Production", None, 0.5, "production", "M"),
               ("Agency fees", None, 0.25, "agency", "Q"),
               ("Photography", None, 0.1, "photographer", "M"),
               ("Software", "Website", 0.15, "software", "Y")]),
    "Email": Channel(
        code="EML", budget=300_000, actual=0.72, forecast=0.75, roas=6.5, digital=True,
        platforms={"HubSpot": (0.7, "HUB"), "Mailchimp": (0.3, "MCH")},
        funnel=(0.03, 0.10, 0.30, 0.35), season=SEASON,
        lines=[("Software", True, 0.6, "software", "Y"), ("Agency fees", None, 0.25, "agency", "Q"),
               ("Production", None, 0.15, "production", "M")]),
    "PR": Channel(
        code="PR", budget=350_000, actual=0.75, forecast=0.78, roas=0.6, digital=False,
        platforms={"Cision": (0.6, "CIS"), "Meltwater": (0.4, "MW")},
        funnel=(0.005, 0.04, 0.2, 0.2), season=FLAT,
        lines=[("Agency fees", None, 0.6, "agency", "M"), ("Software", True, 0.15, "software", "Y"),
               ("Events & venues", None, 0.1, "venue", "M"), ("Print", None, 0.15, "print", "Q")]),
    "Influencer": Channel(
        code="INF", budget=400_000, actual=1.03, forecast=1.05, roas=0.9, digital=True,
        platforms={"Instagram": (0.5, "IG"), "TikTok": (0.3, "TT"), "YouTube": (0.2, "YT")},
        funnel=(0.01, 0.04, 0.25, 0.2), season=SEASON,
        lines=[("Influencer fees", True, 0.75, "influencer", "M"),
               ("Agency fees", None, 0.15, "agency", "Q"),
               ("Production", None, 0.1, "production", "M")]),
}
CATEGORY_CODES = {"Media": "MED", "Agency fees": "AGY", "Production": "PRD", "Print": "PRT",
                  "Events & venues": "VEN", "Staffing": "STF", "Photography": "PHO",
                  "Software": "SW", "Influencer fees": "INF"}
INVOICE_SIZE = {"Media": 7000, "Agency fees": 1800, "Production": 800, "Events & venues": 900,
                "Staffing": 300, "Print": 200, "Photography": 250, "Software": 450,
                "Influencer fees": 500}  # typical invoice, EUR
DESCRIPTIONS = {
    "Media": ("{platform} media {month}", "{platform} advertising {month}"),
    "Agency fees": ("Campaign management fee {month}", "Agency retainer {month}",
                    "Creative concept and strategy"),
    "Production": ("Video production", "Photo shoot and retouching", "Banners and creative assets",
                   "Post-production and edits"),
    "Events & venues": ("Venue hire", "Stand build and fitting", "Catering", "AV and technicians"),
    "Staffing": ("Hostess and stand staff", "Event crew", "Promoters"),
    "Print": ("Brochures and flyers", "Roll-ups and banners", "Printed catalogues"),
    "Photography": ("Event photography", "Product photography", "Photo reportage"),
    "Software": ("{platform} subscription {month}", "Licence and support {month}"),
    "Influencer fees": ("Sponsored {platform} posts", "{platform} creator collaboration",
                        "Product seeding and content rights"),
}
# (name, account, channels, first month, last month); a whole-year campaign uses every platform
CAMPAIGNS = [
    ("Always-on Search 2026", "Northwind Retail", ("Paid Search",), 1, 12),
    ("Winter Clearance 2026", "Northwind Retail", ("Paid Search", "Display"), 1, 2),
    ("Spring Sale 2026", "Northwind Retail", ("Paid Social", "Paid Search"), 3, 4),
    ("Easter Offers 2026", "Northwind Retail", ("Email",), 3, 4),
    ("Mother's Day 2026", "Northwind Retail", ("Paid Social", "Influencer"), 4, 5),
    ("Summer Collection 2026", "Northwind Retail", ("Paid Social", "Influencer"), 5, 7),
    ("Back to School 2026", "Northwind Retail", ("Display", "Paid Search"), 8, 9),
    ("Black Friday 2026", "Northwind Retail", ("Paid Social", "Paid Search"), 11, 11),
    ("Christmas Gifts 2026", "Northwind Retail", ("Display", "Email"), 11, 12),
    ("Northwind Loyalty Club", "Northwind Retail", ("Email",), 1, 12),
    ("Store Opening Milan 2026", "Northwind Retail", ("Events", "PR"), 5, 6),
    ("Northwind Style Journal", "Northwind Retail", ("Content",), 2, 11),
    ("Creator Program 2026", "Northwind Retail", ("Influencer",), 1, 12),
    ("Northwind Pop-up Tour 2026", "Northwind Retail", ("Events",), 9, 12),
    ("Aurora Brand Awareness 2026", "Aurora Foods", ("Display", "Paid Social"), 1, 12),
    ("Healthy January 2026", "Aurora Foods", ("Paid Social", "Content"), 1, 2),
    ("Plant-Based Launch", "Aurora Foods", ("Paid Social", "PR"), 3, 5),
    ("Cibus Parma 2026", "Aurora Foods", ("Events",), 4, 5),
    ("Taste of Helsinki 2026", "Aurora Foods", ("Events",), 6, 6),
    ("Summer BBQ 2026", "Aurora Foods", ("Paid Social", "Influencer"), 6, 7),
    ("Aurora Recipes Hub", "Aurora Foods", ("Content",), 1, 12),
    ("Foodservice Roadshow 2026", "Aurora Foods", ("Events",), 9, 10),
    ("Autumn Harvest 2026", "Aurora Foods", ("Display", "Content"), 9, 10),
    ("SIAL Paris 2026", "Aurora Foods", ("Events", "PR"), 10, 10),
    ("Aurora Trade Newsletter", "Aurora Foods", ("Email",), 1, 12),
    ("Holiday Hampers 2026", "Aurora Foods", ("Paid Search", "Email"), 11, 12),
    ("Aurora Press Office 2026", "Aurora Foods", ("PR",), 1, 12),
    ("Lumen Search Always-on 2026", "Lumen Travel", ("Paid Search",), 1, 12),
    ("Matka Helsinki 2026", "Lumen Travel", ("Events", "PR"), 1, 1),
    ("Early Booking Summer 2026", "Lumen Travel", ("Paid Search", "Paid Social"), 1, 3),
    ("BIT Milano 2026", "Lumen Travel", ("Events", "PR"), 2, 2),
    ("Cruise Week 2026", "Lumen Travel", ("Paid Social", "Email"), 2, 3),
    ("Lumen City Breaks 2026", "Lumen Travel", ("Display", "Paid Social"), 3, 5),
    ("Lumen Partner Events 2026", "Lumen Travel", ("Events",), 3, 12),
    ("Lumen Travel Stories", "Lumen Travel", ("Influencer", "Content"), 4, 9),
    ("Summer Last Minute 2026", "Lumen Travel", ("Paid Search", "Email"), 6, 8),
    ("Autumn Getaways 2026", "Lumen Travel", ("Paid Social", "Influencer"), 9, 10),
    ("TTG Rimini 2026", "Lumen Travel", ("Events",), 10, 10),
    ("Lapland Winter 2026", "Lumen Travel", ("Paid Social", "Display"), 10, 12),
    ("Christmas Markets Tours 2026", "Lumen Travel", ("Paid Search", "Display"), 11, 12),
    ("Lumen Newsletter 2026", "Lumen Travel", ("Email",), 1, 12),
    ("Lumen Travel Journal", "Lumen Travel", ("Content", "PR"), 1, 12),
]
# country: (share of the archive, cities, VAT rate, currency, phone prefix, web domain)
COUNTRIES = {
    "Italy": (0.45, ("Milano", "Roma", "Torino", "Bologna", "Firenze", "Verona", "Parma",
                     "Rimini", "Napoli"), 0.22, "EUR", "+39", "it"),
    "Finland": (0.2, ("Helsinki", "Espoo", "Tampere", "Turku", "Oulu"), 0.24, "EUR", "+358", "fi"),
    "China": (0.1, ("Shanghai", "Shenzhen", "Hangzhou", "Guangzhou", "Beijing"), 0.0, "CNY",
              "+86", "cn"),
    "United Kingdom": (0.12, ("London", "Manchester", "Bristol", "Edinburgh"), 0.0, "EUR", "+44",
                       "co.uk"),
    "United States": (0.13, ("New York", "Chicago", "Austin", "Los Angeles"), 0.0, "USD", "+1",
                      "com"),
    "Ireland": (0.0, ("Dublin",), 0.0, "EUR", "+353", "ie"),
    "Netherlands": (0.0, ("Amsterdam",), 0.0, "EUR", "+31", "nl"),
}
PLATFORM_VENDORS = {  # platform: (vendor, category, country, city)
    "Google Ads": ("Google Ireland Ltd", "media", "Ireland", "Dublin"),
    "Google Display & Video 360": ("Google Ireland Ltd", "media", "Ireland", "Dublin"),
    "Microsoft Advertising": ("Microsoft Ireland Operations Ltd", "media", "Ireland", "Dublin"),
    "Meta Ads": ("Meta Platforms Ireland Ltd", "media", "Ireland", "Dublin"),
    "LinkedIn Ads": ("LinkedIn Ireland Unlimited Company", "media", "Ireland", "Dublin"),
    "TikTok Ads": ("TikTok Technology Limited", "media", "Ireland", "Dublin"),
    "The Trade Desk": ("The Trade Desk Inc.", "media", "United States", "Ventura"),
    "HubSpot": ("HubSpot Ireland Ltd", "software", "Ireland", "Dublin"),
    "Mailchimp": ("Intuit Mailchimp", "software", "United States", "Atlanta"),
    "Eventbrite": ("Eventbrite NL B.V.", "software", "Netherlands", "Amsterdam"),
    "Cision": ("Cision Ltd", "software", "United Kingdom", "London"),
    "Meltwater": ("Meltwater Finland Oy", "software", "Finland", "Helsinki"),
}
VENDOR_COUNTS = {"agency": 50, "production": 45, "media": 18, "venue": 35, "photographer": 30,
                 "staffing": 25, "influencer": 40, "software": 20, "print": 30}
ROOTS = {"Italy": ("Lanterna", "Vela", "Mosaico", "Corallo", "Girasole", "Faro", "Orizzonte",
                   "Cometa", "Ponte", "Libeccio", "Fontana", "Bussola", "Gabbiano", "Ulivo"),
         "Finland": ("Pohjola", "Kide", "Revontuli", "Saimaa", "Kuura", "Tunturi", "Lumo",
                     "Virta", "Kajo", "Hanki", "Aava"),
         "China": ("Huaxin", "Jinghua", "Mingda", "Tianyi", "Hongtu", "Xinyuan", "Ruida",
                   "Longteng", "Jiahe"),
         "United Kingdom": ("Bluebird", "Harbour", "Foxglove", "Kestrel", "Oakridge",
                            "Copperleaf", "Thistle"),
         "United States": ("Northstar", "Silverline", "Brightwater", "Redwood", "Lakeshore",
                           "Granite", "Hudson")}
# vendor category: words for Italian, Finnish, Chinese and English company names
WORDS = {"agency": ("Comunicazione", "Viestintä", "Culture & Media", "Creative"),
         "production": ("Produzioni", "Tuotanto", "Film Production", "Studios"),
         "media": ("Media", "Media", "Advertising", "Media"),
         "venue": ("Centro Congressi", "Kongressikeskus", "Exhibition Center", "Venues"),
         "photographer": ("Foto", "Kuva", "Photography", "Photography"),
         "staffing": ("Staff & Hostess", "Henkilöstöpalvelut", "Event Staffing", "Staffing"),
         "influencer": ("Talent", "Talents", "Influencer Media", "Talent"),
         "software": ("Software", "Software", "Technology", "Labs"),
         "print": ("Arti Grafiche", "Paino", "Printing", "Print")}
LEGAL = {"Italy": ("S.r.l.", "S.p.A.", "S.n.c."), "Finland": ("Oy", "Oy Ab"),
         "China": ("Co., Ltd.",), "United Kingdom": ("Ltd",), "United States": ("LLC", "Inc.")}
LEGAL_FORMS = ("S.r.l.", "S.p.A.", "S.n.c.", "Oy", "Ab", "Ltd", "Ltd.", "LLC", "Inc.", "B.V.",
               "Limited", "Company")
PEOPLE = {"Italy": (("Giulia", "Luca", "Chiara", "Matteo", "Elena", "Davide", "Sofia", "Paolo"),
                    ("Rossi", "Bianchi", "Moretti", "Galli", "Costa", "Fontana", "Greco")),
          "Finland": (("Aino", "Mikko", "Laura", "Juha", "Emilia", "Ville", "Sanna"),
                      ("Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Heikkinen", "Lehtonen")),
          "China": (("Li", "Wang", "Zhang", "Liu", "Chen", "Yang"),
                    ("Mei", "Jun", "Xiaoyu", "Hao", "Lin", "Yan")),
          "United Kingdom": (("Emma", "Oliver", "Amelia", "Harry", "Isla"),
                             ("Smith", "Taylor", "Brown", "Wilson", "Evans")),
          "United States": (("Olivia", "Liam", "Ava", "Noah", "Mia"),
                            ("Johnson", "Miller", "Garcia", "Davis", "Clark"))}
SERVICES = {"agency": "strategia, gestione campagne", "production": "produzione video, post",
            "media": "pianificazione e acquisto media", "venue": "sale, catering, allestimenti",
            "photographer": "servizi fotografici", "staffing": "hostess, promoter, crew",
            "influencer": "contenuti sponsorizzati", "software": "licenze software",
            "print": "stampa offset e digitale"}
MISSING = (("Studio Fotografico Lanterna", "photographer", "Italy"),
           ("Nordic Stage Crew Oy", "staffing", "Finland"),
           ("Allestimenti Faro S.r.l.", "venue", "Italy"),
           ("Hangzhou Bright Print Co., Ltd.", "print", "China"),
           ("Brightline Creative Ltd", "agency", "United Kingdom"))  # in the ledger, not archived


def days_in(month: int) -> int:
    return calendar.monthrange(YEAR, month)[1]


def month_label(month: int) -> str:
    return dt.date(YEAR, month, 1).strftime("%b %Y")


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


def stoch_round(rng: random.Random, x: float) -> int:
    return int(x) + (rng.random() < x - int(x))


def fx_table(rng: random.Random) -> dict[str, list[float]]:
    """Units of EUR for one unit of currency, per month."""
    usd, cny, table = 0.92, 0.127, {"EUR": [1.0] * 12, "USD": [], "CNY": []}
    for _ in range(12):
        usd += rng.uniform(-0.008, 0.008)
        cny += rng.uniform(-0.0012, 0.0012)
        table["USD"].append(round(usd, 6))
        table["CNY"].append(round(cny, 6))
    return table


def build_campaigns(rng: random.Random) -> list[Campaign]:
    campaigns = []
    for name, account, channels, first, last in CAMPAIGNS:
        by_channel = {}
        for channel in channels:
            names = list(CHANNELS[channel].platforms)
            k = len(names) if (first, last) == (1, 12) else rng.randint(1, len(names))
            by_channel[channel] = sorted(rng.sample(names, k), key=names.index)
        campaigns.append(Campaign(name, account, by_channel, range(first, last + 1)))
    return campaigns


def build_vendors(rng: random.Random) -> list[Vendor]:
    countries = [c for c in COUNTRIES if COUNTRIES[c][0]]
    shares = [COUNTRIES[c][0] for c in countries]
    vendors, names = [], set()

    def add(name, category, country, city=None, archived=True):
        names.add(name)
        base = name.replace(" Co., Ltd.", "")
        while base.endswith(LEGAL_FORMS):
            base = base.rsplit(" ", 1)[0]
        domain = slug(base)[:24]
        _, cities, vat, currency, prefix, tld = COUNTRIES[country]
        first, last = (rng.choice(part) for part in PEOPLE.get(country, PEOPLE["United Kingdom"]))
        vendors.append(Vendor(
            name=name, category=category, country=country, city=city or rng.choice(cities),
            vat=vat, currency=currency, terms=rng.choice((30, 30, 60)), archived=archived,
            style="NUM" if rng.random() < (0.5 if country == "Italy" else 0.15) else "INV",
            counter=rng.randint(1, 900), contact=f"{first} {last}",
            rating=rng.choice((2, 3, 3, 4, 4, 4, 5, 5, 1)),
            email=f"{slug(first)}.{slug(last)}@{domain}.{tld}",
            phone=f"{prefix} {rng.randint(10, 99)} {rng.randint(1000000, 9999999)}",
            website=f"www.{domain}.{tld}"))

    for vendor, category, country, city in PLATFORM_VENDORS.values():
        if vendor not in names:
            add(vendor, category, country, city)
    start = len(vendors)
    for category, count in VENDOR_COUNTS.items():
        made = 0
        while made < count:
            country = rng.choices(countries, shares)[0]
            city = rng.choice(COUNTRIES[country][1])
            word = WORDS[category][min(list(COUNTRIES).index(country), 3)]
            root, legal = rng.choice(ROOTS[country]), rng.choice(LEGAL[country])
            if category == "influencer" and rng.random() < 0.6:
                name = " ".join(rng.choice(part) for part in PEOPLE[country])
            elif country == "Italy":
                name = f"{word} {root} {legal}"
            elif country == "China":
                name = f"{city} {root} {word} {legal}"
            else:
                name = f"{root} {word} {legal}"
            if name not in names:
                add(name, category, country, city)
                made += 1
    for name, category, country in MISSING:
        add(name, category, country, archived=False)
    for vendor in rng.sample(vendors[start:-len(MISSING)], 6):
        vendor.blocked = True
    return vendors


def vendor_pools(rng: random.Random, vendors: list[Vendor]) -> dict[str, list[Vendor]]:
    """Usable vendors per category, most used first; the unarchived five among the top."""
    pools = defaultdict(list)
    platform_names = {v[0] for v in PLATFORM_VENDORS.values()}
    for vendor in vendors:
        if vendor.archived and not vendor.blocked and vendor.name not in platform_names:
            pools[vendor.category].append(vendor)
    for pool in pools.values():
        rng.shuffle(pool)
    for vendor in vendors:
        if not vendor.archived:
            pools[vendor.category].insert(1, vendor)
    for vendor in rng.sample([v for pool in pools.values() for v in pool[:6]], 12):
        vendor.month_end = True  # these vendors invoice on the last days of the month
    return pools


def pick_vendor(rng: random.Random, pool: list[Vendor]) -> Vendor:
    u = rng.random()
    currency = "USD" if u < 0.04 else "CNY" if u < 0.07 else "EUR"
    candidates = [v for v in pool if v.currency == currency] or pool
    return rng.choices(candidates, [1 / (i + 1) ** 0.9 for i in range(len(candidates))])[0]


def build_plan(rng: random.Random, campaigns: list[Campaign]) -> dict[tuple, list[float]]:
    """Monthly EUR plan per (account, channel, category, platform, vendor category, period)."""
    plan = {}
    for channel, cfg in CHANNELS.items():
        activity = {a: 1 + sum(len(c.months) for c in campaigns
                               if c.account == a and channel in c.channels)
                    for a in ACCOUNTS}
        for account, weight in activity.items():
            share = weight / sum(activity.values())
            for category, on, part, vcat, period in cfg.lines:
                platforms = (cfg.platforms if on is True else {on: (1.0, "")} if on
                             else {None: (1.0, "")})
                season = FLAT if period == "Y" else cfg.season
                for platform, (pweight, _) in platforms.items():
                    annual = cfg.budget * share * part * pweight
                    plan[(account, channel, category, platform, vcat, period)] = [
                        round(annual * s / sum(season) * rng.uniform(0.92, 1.08), 2)
                        for s in season]
    return plan


def budget_line(account: str, channel: str, category: str, platform: str | None) -> str:
    code = CHANNELS[channel].platforms.get(platform, (0, ""))[1]
    parts = (ACCOUNTS[account][0], CHANNELS[channel].code, CATEGORY_CODES[category], code)
    return "-".join(p for p in parts if p)


def budget_rows(rng: random.Random, plan: dict, campaigns: list[Campaign], fx: dict) -> list[list]:
    always_on = {}
    for c in campaigns:
        for channel in c.channels:
            if len(c.months) == 12:
                always_on.setdefault((c.account, channel), c.name)
    rows = []
    for version in ("budget", "forecast"):
        for (account, channel, category, platform, _, period), months in plan.items():
            factor = CHANNELS[channel].forecast if version == "forecast" else 1.0
            amounts = [a if version == "budget" or m < 4 else a * factor * rng.uniform(0.97, 1.03)
                       for m, a in enumerate(months, 1)]
            currency = "USD" if platform == "The Trade Desk" else "EUR"  # billed in dollars
            amounts = [a / fx[currency][m] for m, a in enumerate(amounts)]
            size = {"M": 1, "Q": 3, "Y": 12}[period]
            for start in range(0, 12, size):
                label = (f"{YEAR}-{start + 1:02d}" if size == 1 else
                         f"{YEAR}-Q{start // 3 + 1}" if size == 3 else str(YEAR))
                rows.append([label, channel, platform, category,
                             always_on.get((account, channel)), account,
                             round(sum(amounts[start:start + size]), 2), currency, version,
                             budget_line(account, channel, category, platform)])
    return rows


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


def results_rows(rng: random.Random, ledger: list[dict], campaigns: list[Campaign],
                 fx: dict) -> list[list]:
    spend, platform_spend = defaultdict(float), defaultdict(float)
    for r in ledger:
        if r["status"] in ("invoiced", "paid"):
            month = r["invoice_date"].month
            eur = r["amount_net"] * fx[r["currency"]][month - 1]
            spend[(r["campaign"], r["channel"], month)] += eur
            platform_spend[(month, r["channel"], r["platform"])] += eur
    rows, weight = [], defaultdict(float)
    for c in campaigns:
        for channel, platforms in c.channels.items():
            for platform in platforms:
                day = dt.date(YEAR, c.months[0], 1)
                day += dt.timedelta(days=-day.weekday() % 7)  # first Monday
                while day.month in c.months and day.year == YEAR and day <= LAST_WEEK:
                    rows.append({"date": day, "campaign": c, "channel": channel,
                                 "platform": platform, "w": rng.uniform(0.6, 1.4)})
                    weight[(c.name, channel, day.month)] += rows[-1]["w"]
                    day += dt.timedelta(days=7)
    share = defaultdict(float)
    for row in rows:
        key = (row["campaign"].name, row["channel"], row["date"].month)
        row["spend"] = spend[key] * row["w"] / weight[key]
        share[(row["date"].month, row["channel"], row["platform"])] += row["spend"] + 1
    drift = {key: rng.uniform(-0.04, 0.04) for key in share}  # platforms report a bit off
    out = []
    for row in rows:
        cfg, account = CHANNELS[row["channel"]], row["campaign"].account
        key = (row["date"].month, row["channel"], row["platform"])
        # A month of credit notes can net below zero; a platform never reports that.
        reported = (max(0.0, round(platform_spend[key] * (1 + drift[key]) * (row["spend"] + 1)
                                   / share[key], 2)) if cfg.digital else None)
        rpc = ACCOUNTS[account][1]
        expected = [(row["spend"] + 150) * cfg.roas * rng.uniform(0.7, 1.3) / rpc]
        for ratio in reversed(cfg.funnel):  # customers back to impressions
            expected.append(expected[-1] / ratio * rng.uniform(0.85, 1.15))
        counts = []
        for x in expected:
            counts.append(max(stoch_round(rng, x), counts[-1] if counts else 0))
        customers, opportunities, leads, clicks, impressions = counts
        revenue = round(customers * rpc * rng.uniform(0.8, 1.25), 2)
        out.append([row["date"], row["campaign"].name, row["channel"], row["platform"],
                    account, impressions, clicks, leads, opportunities, customers, revenue,
                    reported])
    return out


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


def vendor_note(vendor: Vendor) -> str | None:
    if vendor.blocked:
        return "Bloccato: documentazione scaduta"
    if vendor.month_end:
        return "Fattura sempre a fine mese"
    return "Pagamento a 60 giorni" if vendor.terms == 60 else None


if __name__ == "__main__":
    main()
