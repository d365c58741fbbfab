"""What the pages should show, worked out from the reference store, never from the app's.

Two independent routes: the core (`spendline.views` + `spendline.metrics`, as the Overview
adds up its tiles) and the command line (`python -m spendline export`, run as a separate
process, as a user would). The same demo workbooks loaded into two stores give the same rows,
so the reference store stands for the app's own store until a test uploads to it.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from spendline import formats as fmt
from spendline.config import ROOT
from spendline.metrics import filtered_kpis, kpis, previous_month_end
from spendline.store import Store
from spendline.views import Filters, run_breakdown, run_outcomes
from ui.filters import default_fiscal_year, fiscal_months, month_label

CLI_TIMEOUT = 120


def fiscal_years(db: Path) -> list[int]:
    rows = Store(db).query(
        "select distinct fiscal_year from ledger where fiscal_year is not null union "
        "select distinct fiscal_year from budget_base where fiscal_year is not null")
    return sorted(rows.column(0).to_pylist())


def first_month(db: Path) -> int:
    return int(Store(db).settings()["fiscal_first_month"])


def default_year_months(db: Path, today: date) -> list[date]:
    """The months of the fiscal year the sidebar opens on (today's, or the newest stored)."""
    first = first_month(db)
    return fiscal_months(default_fiscal_year(fiscal_years(db), today, first), first)


def month_labels(months: Sequence[date]) -> list[str]:
    return [month_label(m) for m in months]


def overview_tiles(db: Path, today: date, chosen: tuple[date, date] | None = None,
                   **dimensions: Sequence[str]) -> dict[str, dict]:
    """The Overview's seven tiles for the default fiscal year as of `today`, or its `chosen`
    months (first, last: the landing stays the whole year's, SPEC §4): the figure and its
    change since the end of the previous month (None where the tile shows none), exact."""
    months = default_year_months(db, today)
    year = Filters(from_month=months[0], to_month=months[-1], as_of=today,
                   **{k: tuple(v) for k, v in dimensions.items()})
    store = Store(db)
    lines = run_breakdown(store, year).to_pandas()
    outcomes = run_outcomes(store, year).to_pandas()
    if chosen is None:
        now = kpis(lines, outcomes, today)
        then = kpis(lines, outcomes, previous_month_end(today))
    else:
        shown = Filters(**{**year.__dict__, "from_month": chosen[0], "to_month": chosen[1]})
        some = run_breakdown(store, shown).to_pandas()
        some_outcomes = run_outcomes(store, shown).to_pandas()
        now = filtered_kpis(some, some_outcomes, lines, today)
        then = filtered_kpis(some, some_outcomes, lines, previous_month_end(today))

    def tile(attribute: str, *, delta: bool = True) -> dict:
        value, before = getattr(now, attribute), getattr(then, attribute)
        # No change shows no change text at all (and no arrow): expect none.
        change = (value - before if delta and value is not None and before is not None
                  and value != before else None)
        return {"value": value, "delta": change}

    return {"Budget": tile("budget"), "Committed": tile("committed", delta=False),
            "Actual to date": tile("actual_to_date"), "Paid": tile("paid"),
            "Landing vs budget": tile("landing_vs_budget"), "ROI": tile("roi"),
            "Cost per lead": tile("cpl")}


_UNITS = {"K": Decimal(10) ** 3, "M": Decimal(10) ** 6, "B": Decimal(10) ** 9}


def shown_figure(text: str) -> tuple[Decimal, Decimal]:
    """A figure as a tile shows it ('€5.11M', '−€61.0K', '+0.6%', '€9.82', '2,592') as its
    value and the half unit of its last digit: the figure it stands for is within that."""
    t = text.strip().replace("\u2212", "-").replace(",", "")
    sign = -1 if t.startswith("-") else 1
    t = t.lstrip("+-").lstrip("€$£¥").strip()
    t = re.sub(r"^[A-Z]{3} ", "", t)  # another currency's code ("CHF 12.00")
    scale = Decimal(1)
    if t.endswith("%"):
        t, scale = t[:-1], Decimal("0.01")
    if t[-1:] in _UNITS:
        t, scale = t[:-1], _UNITS[t[-1]]
    number = Decimal(t)
    half = Decimal(5).scaleb(number.as_tuple().exponent - 1)
    return sign * number * scale, half * scale


def shows(text: str | None, exact: Decimal | None) -> bool:
    """Whether a tile's text stands for the exact figure (rounded as displayed)."""
    if exact is None:
        return text in (None, fmt.MISSING)
    if text in (None, fmt.MISSING):
        return False
    value, half = shown_figure(text)
    return abs(value - Decimal(exact)) <= half


# -- the command line --------------------------------------------------------------------------
def cli_export(db: Path, view: str, *, as_of: date, from_month: date, to_month: date,
               **dimensions: Sequence[str]) -> str:
    """`python -m spendline export VIEW ...` in its own process; its standard output."""
    command = [sys.executable, "-m", "spendline", "export", view, "--db", str(db),
               "--as-of", as_of.isoformat(), "--from", f"{from_month:%Y-%m}",
               "--to", f"{to_month:%Y-%m}"]
    for name, values in dimensions.items():
        for value in values:
            command += [f"--{name}", value]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=CLI_TIMEOUT)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout.decode("utf-8")


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def column_total(rows: list[dict[str, str]], column: str) -> Decimal:
    return sum((Decimal(r[column]) for r in rows if r[column] != ""), Decimal(0))


def overview_tiles_from_cli(db: Path, today: date) -> dict[str, Decimal | None]:
    """The tile figures again, from the CLI's view exports: landing (budget, actual to date,
    landing vs budget), budget_vs_actual (committed for the year, paid up to the as-of
    month) and roi_by_channel up to the as-of month (ROI, cost per lead). Sums of rows
    rounded to the cent: within a few cents of the exact figures."""
    months = default_year_months(db, today)
    start, end = months[0], months[-1]
    cut = date(today.year, today.month, 1)
    landing = csv_rows(cli_export(db, "landing", as_of=today, from_month=start, to_month=end))
    year = csv_rows(cli_export(db, "budget_vs_actual", as_of=today, from_month=start,
                               to_month=end))
    to_date = [r for r in year if r["month"] <= f"{cut:%Y-%m}"]
    roi = csv_rows(cli_export(db, "roi_by_channel", as_of=today, from_month=start,
                              to_month=min(end, cut)))
    actual, revenue = column_total(roi, "actual"), column_total(roi, "revenue")
    leads = column_total(roi, "leads")
    return {
        "Budget": column_total(landing, "budget"),
        "Committed": column_total(year, "committed"),
        "Actual to date": column_total(landing, "actual_to_date"),
        "Paid": column_total(to_date, "paid"),
        "Landing vs budget": column_total(landing, "landing_vs_budget"),
        "ROI": (revenue - actual) / actual if actual else None,
        "Cost per lead": actual / leads if leads else None,
    }
