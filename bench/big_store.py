"""A store with 1,000,000 ledger rows, 100,000 results rows and 20,000 budget lines for the
interaction benchmark, made in code (seeded) and stored with Store.apply, not through Excel.
`--results-rows 1000000` makes a second store (bench/out/big_r1000000.duckdb) whose results
are a year of daily exports: 1,000,000 distinct days × campaigns × platforms.

    .venv/bin/python bench/big_store.py [--results-rows N] [PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT
from bench.make_ledger import ACCOUNTS, CATEGORIES, CHANNELS
from spendline.store import Batch, Store

LEDGER_ROWS, RESULTS_ROWS, BUDGET_LINES = 1_000_000, 100_000, 20_000
BATCH = 250_000
VENDORS = [f"Vendor {i:03d}" for i in range(400)]
CAMPAIGNS = [f"Campaign {i:02d}" for i in range(60)]
PLATFORMS = [(c, p) for c, ps in CHANNELS.items() for p in ps]
STATUSES = np.array(["quoted", "ordered", "invoiced", "paid", "cancelled"])
MONEY = pd.ArrowDtype(pa.decimal128(18, 2))
DEFAULT = OUT / "big.duckdb"


def _money(rng: np.random.Generator, size: int, mean: float) -> pd.Series:
    """Amounts in whole cents, as Arrow DECIMAL(18,2) (the unscaled 128-bit integers)."""
    cents = np.round(rng.lognormal(np.log(mean), 1.0, size) * 100).astype(np.int64)
    words = np.zeros((size, 2), dtype=np.int64)
    words[:, 0] = cents  # little-endian low word; amounts are positive: high word 0
    array = pa.Array.from_buffers(pa.decimal128(18, 2), size, [None, pa.py_buffer(words)])
    return pd.Series(array, dtype=MONEY)


def _pick(rng: np.random.Generator, values: list, size: int) -> np.ndarray:
    return np.asarray(values, dtype=object)[rng.integers(0, len(values), size)]


def _days(rng: np.random.Generator, size: int, start: str, days: int) -> pd.Series:
    return pd.Series(pd.Timestamp(start) + pd.to_timedelta(rng.integers(0, days, size), "D"))


def ledger(rng: np.random.Generator, first: int, size: int) -> pd.DataFrame:
    pair = rng.integers(0, len(PLATFORMS), size)
    status = STATUSES[rng.choice(5, size, p=[0.06, 0.06, 0.15, 0.70, 0.03])]
    day = _days(rng, size, "2025-01-01", 700)
    invoiced = np.isin(status, ["invoiced", "paid"])
    frame = pd.DataFrame({
        "source_row": np.arange(first, first + size) + 2,
        "document_id": [f"INV-{i:08d}" for i in range(first, first + size)],
        "vendor": _pick(rng, VENDORS, size),
        "channel": [PLATFORMS[i][0] for i in pair],
        "status": status,
        "amount_net": _money(rng, size, 700),
        "currency": "EUR",
        "platform": [PLATFORMS[i][1] for i in pair],
        "category": _pick(rng, CATEGORIES, size),
        "campaign": _pick(rng, CAMPAIGNS, size),
        "account": _pick(rng, ACCOUNTS, size),
        "quote_date": day - pd.Timedelta(days=20),
        "order_date": (day - pd.Timedelta(days=10)).where(status != "quoted"),
        "invoice_date": day.where(invoiced),
        "due_date": (day + pd.Timedelta(days=30)).where(invoiced),
        "paid_date": (day + pd.Timedelta(days=15)).where(status == "paid"),
        "has_contract": True,
        "has_invoice": invoiced,
        "has_receipt": status == "paid",
        "approval_level": _pick(rng, ["manager", "finance", "executive", None], size),
    })
    return frame


def _year_of_keys(rng: np.random.Generator, size: int) -> pd.DataFrame:
    """`size` distinct (date, campaign, channel, platform) of 2026: a results row's key is
    unique, so a year of daily exports at a million rows needs more campaigns than the
    ledger's 60 (the ledger's come first; the others are campaigns finance never names)."""
    campaigns = CAMPAIGNS + [f"Campaign {i:03d}" for i in range(len(CAMPAIGNS), 1000)]
    days = 365
    per_day = len(PLATFORMS) * -(-size // (days * len(PLATFORMS)))  # enough campaign slots
    chosen = np.sort(rng.choice(days * per_day, size, replace=False))
    day, slot = np.divmod(chosen, per_day)
    campaign, pair = np.divmod(slot, len(PLATFORMS))
    return pd.DataFrame({"date": pd.Timestamp("2026-01-01") + pd.to_timedelta(day, "D"),
                         "campaign": np.asarray(campaigns, dtype=object)[campaign],
                         "channel": [PLATFORMS[i][0] for i in pair],
                         "platform": [PLATFORMS[i][1] for i in pair]})


def results(rng: np.random.Generator, size: int = RESULTS_ROWS) -> pd.DataFrame:
    if size == RESULTS_ROWS:  # the default store, as the README's figures were measured on
        pair = rng.integers(0, len(PLATFORMS), size)
        key = pd.DataFrame({"date": _days(rng, size, "2025-01-01", 700),
                            "campaign": _pick(rng, CAMPAIGNS, size),
                            "channel": [PLATFORMS[i][0] for i in pair],
                            "platform": [PLATFORMS[i][1] for i in pair]})
        key = key.drop_duplicates().reset_index(drop=True)
    else:
        key = _year_of_keys(rng, size)
    size = len(key)
    leads = rng.integers(0, 200, size)
    return key.assign(
        source_row=np.arange(size) + 2, account=_pick(rng, ACCOUNTS, size),
        impressions=rng.integers(1000, 100000, size), clicks=rng.integers(10, 1000, size),
        leads=leads, opportunities=leads // 3, customers=leads // 10,
        revenue=_money(rng, size, 3000), platform_spend=_money(rng, size, 600),
        currency="EUR")


def budget(rng: np.random.Generator) -> pd.DataFrame:
    size = BUDGET_LINES
    pair = rng.integers(0, len(PLATFORMS), size)
    months = pd.date_range("2025-01-01", "2026-12-01", freq="MS")
    return pd.DataFrame({
        "source_row": np.arange(size) + 2,
        "month": months[rng.integers(0, len(months), size)],
        "channel": [PLATFORMS[i][0] for i in pair],
        "platform": [PLATFORMS[i][1] for i in pair],
        "category": _pick(rng, CATEGORIES, size),
        "campaign": _pick(rng, CAMPAIGNS, size),
        "account": _pick(rng, ACCOUNTS, size),
        "amount": _money(rng, size, 20000),
        "currency": "EUR",
        "version": np.where(rng.random(size) < 0.8, "budget", "forecast"),
    })


def vendors() -> pd.DataFrame:
    return pd.DataFrame({"source_row": np.arange(len(VENDORS)) + 2, "vendor": VENDORS,
                         "category": [["agency", "media", "production"][i % 3]
                                      for i in range(len(VENDORS))],
                         "status": "active"})


def default_path(results_rows: int = RESULTS_ROWS) -> Path:
    return DEFAULT if results_rows == RESULTS_ROWS else OUT / f"big_r{results_rows}.duckdb"


def build(path: Path | None = None, results_rows: int = RESULTS_ROWS) -> Path:
    """The benchmark store at `path`, made once (a marker file says it is complete)."""
    path = path or default_path(results_rows)
    done = path.with_suffix(".done")
    if done.exists() and path.exists():
        return path
    path.unlink(missing_ok=True)
    rng = np.random.default_rng(2026)
    store = Store(path)
    start = time.perf_counter()
    store.apply([Batch("vendors.xlsx", "0" * 64, "Vendors", "vendors", vendors()),
                 Batch("budget.xlsx", "0" * 64, "Budget", "budget", budget(rng)),
                 Batch("results.xlsx", "0" * 64, "Results", "results",
                       results(rng, results_rows))],
                user="bench")
    for first in range(0, LEDGER_ROWS, BATCH):
        store.apply([Batch(f"ledger_{first}.xlsx", "0" * 64, "Ledger", "spend",
                           ledger(rng, first, BATCH))], user="bench")
        print(f"  ledger rows stored: {first + BATCH:,}", flush=True)
    done.write_text("ok")
    print(f"built {path} in {time.perf_counter() - start:.0f} s")
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--results-rows", type=int, default=RESULTS_ROWS)
    args = parser.parse_args()
    build(args.path, args.results_rows)
