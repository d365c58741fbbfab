"""Interaction benchmark: every SPEC §5 view (run_view) and every page of app.py (AppTest,
the full script run) on a store of 1,000,000 ledger rows (bench/big_store.py), under 20
random filter combinations (seeded); p50 and p95 per view and per page.

    .venv/bin/python bench/interaction.py [--combinations 20] [--results-rows 1000000]
        [--views media_performance ...] [--no-pages | --pages pages/media.py ...]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import big_store
from bench.common import ROOT, load_note, percentile, table

DIMENSIONS = {  # query parameter -> Filters field
    "channel": "channels", "platform": "platforms", "category": "categories",
    "campaign": "campaigns", "account": "accounts", "vendor": "vendors"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def pages() -> list[str]:
    """Every page of app.py's navigation (ui/navigation.SECTIONS), the default page (the one
    a run opens) first."""
    from ui.navigation import page_files

    default = "pages/overview.py"
    return [default, *[p for p in page_files() if p != default]]


def combinations(count: int, options: dict[str, list[str]], seed: int = 8) -> list[dict]:
    """Random filter settings: a fiscal year, a month range in it, an as-of day and, for
    each dimension, now and then one to three values."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        year = rng.choice([2026, 2026, 2026, 2025])
        first, last = sorted(rng.sample(range(1, 13), 2)) if rng.random() < 0.6 else (1, 12)
        as_of = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        chosen = {param: sorted(rng.sample(values, rng.randint(1, 3)))
                  for param, values in options.items() if rng.random() < 0.3}
        out.append({"year": year, "months": (first, last), "as_of": as_of, "chosen": chosen})
    return out


def filters_of(combo: dict):
    from spendline.views import Filters

    first, last = combo["months"]
    return Filters(from_month=date(combo["year"], first, 1), to_month=date(combo["year"], last, 1),
                   as_of=combo["as_of"],
                   **{DIMENSIONS[p]: tuple(v) for p, v in combo["chosen"].items()})


def query_of(combo: dict) -> dict:
    first, last = combo["months"]
    year = combo["year"]
    months = [f"{MONTHS[first - 1]} {year}", f"{MONTHS[last - 1]} {year}"]
    return {"fy": str(year), "months": months, "as_of": combo["as_of"].isoformat(),
            **combo["chosen"]}


def time_views(store, combos: list[dict], names: list[str]) -> list[list]:
    from spendline.views import run_view

    store.query("select 1")  # the first read after a change makes ledger_facts: not a view
    timings = {name: [] for name in names}
    rows = {name: [] for name in names}
    for combo in combos:
        filters = filters_of(combo)
        for name in names:
            start = time.perf_counter()
            result = run_view(store, name, filters)
            timings[name].append(time.perf_counter() - start)
            rows[name].append(result.num_rows)
    return [[name, percentile(t, 50) * 1000, percentile(t, 95) * 1000,
             int(percentile(rows[name], 50))] for name, t in timings.items()]


def time_pages(combos: list[dict], only: list[str] | None = None) -> list[list]:
    from streamlit.testing.v1 import AppTest

    # a run opens the default page first, so it is timed whatever `only` names
    names = [p for p in pages() if not only or p == pages()[0] or p in only]
    timings = {page: [] for page in names}
    for combo in combos:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        for key, value in query_of(combo).items():
            at.query_params[key] = value
        for page in names:
            start = time.perf_counter()
            (at.run() if page == names[0] else at.switch_page(page).run())
            timings[page].append(time.perf_counter() - start)
            if at.exception:
                raise RuntimeError(f"{page} failed: {[e.value for e in at.exception]}")
    return [[page, percentile(t, 50) * 1000, percentile(t, 95) * 1000]
            for page, t in timings.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--combinations", type=int, default=20)
    parser.add_argument("--results-rows", type=int, default=big_store.RESULTS_ROWS)
    parser.add_argument("--views", nargs="+", help="time only these views (default: all)")
    parser.add_argument("--no-pages", action="store_true", help="time the views only")
    parser.add_argument("--pages", nargs="+", help="time only these pages (pages/roi.py ...)")
    args = parser.parse_args()
    path = big_store.build(results_rows=args.results_rows)
    os.environ["SPENDLINE_DB"] = str(path)
    from spendline.store import Store

    store = Store(path)
    options = {p: store.query(f"select distinct {p} from ledger where {p} is not null "
                              "order by 1").column(0).to_pylist() for p in DIMENSIONS}
    combos = combinations(args.combinations, options)
    from spendline.views import VIEWS

    results = store.query("select count(*) from results").column(0)[0].as_py()
    print(table(["view", "p50 ms", "p95 ms", "rows (median)"],
                time_views(store, combos, args.views or list(VIEWS)),
                f"Views, {len(combos)} filter combinations, 1,000,000 ledger rows, "
                f"{results:,} results rows ({load_note()})"))
    if args.no_pages:
        return
    print(table(["page", "p50 ms", "p95 ms"], time_pages(combos, args.pages),
                f"\nPages (AppTest full script run), {len(combos)} filter combinations "
                f"({load_note()})"))


if __name__ == "__main__":
    main()
