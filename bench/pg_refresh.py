"""How long a PostgreSQL store takes to write, and a replica to pull, at 1,000,000 ledger rows
(the data of bench/big_store.py, seeded), for docs/deploy.md.

    eval "$(bash scripts/test_postgres.sh start)"     # or any server you may create a db on
    .venv/bin/python bench/pg_refresh.py [postgresql://…/postgres] [--rows N] [--keep] [--pull copy]

It creates a new database (spendline_bench_<time>) on the server of the URL (default
SPENDLINE_TEST_PG_URL), fills it through PostgresStore.apply, then times a replica: its
first, full pull; the poll; the pull after a 1,000-row import and after a settings change
(with ledger_facts made again where the data changed); and the first view after it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.big_store import BATCH, budget, ledger, results, vendors
from spendline.store import Batch
from spendline.stores.postgres import PostgresStore
from spendline.views import run_view


def timed(label: str, action, rows: list) -> object:
    start = time.perf_counter()
    value = action()
    rows.append((label, time.perf_counter() - start))
    print(f"  {label}: {rows[-1][1]:.2f} s", flush=True)
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?", default=os.environ.get("SPENDLINE_TEST_PG_URL"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--pull", choices=["adbc", "copy"], default="adbc",
                        help="how the replica's snapshot comes over")
    args = parser.parse_args()
    if not args.url:
        sys.exit("Give a postgresql:// URL (or start scripts/test_postgres.sh).")
    name = f"spendline_bench_{int(time.time())}"
    with psycopg.connect(args.url, autocommit=True) as conn:
        conn.execute(f"create database {name}")
    url = args.url.rsplit("/", 1)[0] + f"/{name}"
    rows: list[tuple[str, float]] = []
    try:
        run(url, args.rows, rows, args.pull)
    finally:
        if not args.keep:
            with psycopg.connect(args.url, autocommit=True) as conn:
                conn.execute(f"drop database if exists {name} with (force)")
    print(f"\n| step ({args.rows:,} ledger rows, pull: {args.pull}) | seconds |\n|---|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.4f} |" if seconds >= 0.01 else
              f"| {label} | {seconds:.6f} |")


def run(url: str, ledger_rows: int, rows: list, pull: str) -> None:
    rng = np.random.default_rng(2026)
    writer = PostgresStore(url, poll=3600)
    print("filling the store", flush=True)
    timed("apply vendors, 20k budget lines, 100k results", lambda: writer.apply(
        [Batch("vendors.xlsx", "0" * 64, "Vendors", "vendors", vendors()),
         Batch("budget.xlsx", "0" * 64, "Budget", "budget", budget(rng)),
         Batch("results.xlsx", "0" * 64, "Results", "results", results(rng))],
        user="bench"), rows)
    size = min(BATCH, ledger_rows)
    for first in range(0, ledger_rows, size):
        frame = ledger(rng, first, size)
        timed(f"apply ledger batch of {size:,} (to {first + size:,} rows)",
              lambda frame=frame, first=first: writer.apply(
                  [Batch(f"ledger_{first}.xlsx", "0" * 64, "Ledger", "spend", frame)],
                  user="bench"), rows)
    writer.close()

    print("a replica", flush=True)
    replica = timed("replica start: migrations checked, full pull, facts made",
                    lambda: PostgresStore(url, poll=3600, pull=pull), rows)
    pull = replica.last_pull
    rows.append(("  of which the pull (all tables)", pull.pull_seconds))
    rows.append(("  of which the load into DuckDB and ledger_facts", pull.load_seconds))
    timed("first view after start (budget_vs_actual)",
          lambda: run_view(replica, "budget_vs_actual"), rows)
    polls = []
    for _ in range(200):
        start = time.perf_counter()
        replica._change_number()
        polls.append(time.perf_counter() - start)
    rows.append(("poll: the change number (median of 200)", statistics.median(polls)))
    rows.append(("poll: the slowest of 200", max(polls)))

    other = PostgresStore(url, poll=3600)
    small = ledger(rng, ledger_rows, 1_000)
    timed("import of 1,000 ledger rows by another process (write only)",
          lambda: other.apply([Batch("small.xlsx", "0" * 64, "Ledger", "spend", small)],
                              user="bench"), rows)
    pull = timed("replica refresh after that import", replica.refresh, rows)
    print(f"  pulled: {', '.join(pull.tables)}; changed rows only: {', '.join(pull.partial)}")
    rows.append(("  of which the pull (spend_rows and small tables)", pull.pull_seconds))
    rows.append(("  of which the load and ledger_facts", pull.load_seconds))
    timed("first view after the refresh (budget_vs_actual)",
          lambda: run_view(replica, "budget_vs_actual"), rows)
    timed("settings change by another process", lambda: other.change_settings(
        {"threshold_finance": "6000.00"}, user="bench"), rows)
    pull = timed("replica refresh after the settings change (no ledger pull)",
                 replica.refresh, rows)
    print(f"  pulled: {', '.join(pull.tables)}")
    other.close()
    replica.close()


if __name__ == "__main__":
    main()
