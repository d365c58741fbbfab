"""The demo campaign results: what the ad platforms and the CRM report for the ledger's
spend, week by week."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from scripts.demo_data.catalogue import (
    ACCOUNTS,
    CHANNELS,
    LAST_WEEK,
    YEAR,
    Campaign,
)
from scripts.demo_data.world import stoch_round


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
