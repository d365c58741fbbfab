"""The demo world, drawn from one seeded random generator: fx rates, campaigns, vendors,
the budget plan and its rows."""

from __future__ import annotations

import calendar
import datetime as dt
import random
import unicodedata
from collections import defaultdict

from scripts.demo_data.catalogue import (
    ACCOUNTS,
    CAMPAIGNS,
    CATEGORY_CODES,
    CHANNELS,
    COUNTRIES,
    FLAT,
    LEGAL,
    LEGAL_FORMS,
    MISSING,
    PEOPLE,
    PLATFORM_VENDORS,
    ROOTS,
    VENDOR_COUNTS,
    WORDS,
    YEAR,
    Campaign,
    Vendor,
)


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


def vendor_note(vendor: Vendor) -> str | None:
    if vendor.blocked:
        return "Bloccato: documentazione scaduta"
    if vendor.month_end:
        return "Fattura sempre a fine mese"
    return "Pagamento a 60 giorni" if vendor.terms == 60 else None
