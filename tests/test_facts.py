"""What makes the views fast keeps them exact: the ledger_facts table always equals the
ledger worked out live, the store as it stood (compare with) still reads the past, totals
added up in SQL equal the breakdown's rows added up, and the store file is let go when idle."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from decimal import Decimal as D

import pytest

from loaders.intake import UploadedFile
from spendline import clock, connections
from spendline.config import ROOT
from spendline.store import Store
from spendline.uploads import import_files
from spendline.views import (
    BREAKDOWN_FIGURES,
    BREAKDOWN_KEYS,
    VIEWS,
    Filters,
    run_breakdown,
    run_count,
    run_outcome_totals,
    run_outcomes,
    run_totals,
    run_view,
)
from tests import test_views as fixture
from tests.helpers import xlsx

LIVE = "select * from ledger_figures_live order by vendor, document_id"
FACTS = "select * from ledger_figures order by vendor, document_id"


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "facts.duckdb")
    data = xlsx({"Ledger": fixture.LEDGER, "Budget": fixture.BUDGET,
                 "Results": fixture.RESULTS, "FX": fixture.FX, "Vendors": fixture.VENDORS})
    _, ids = import_files(store, [UploadedFile("fixture.xlsx", data)])
    assert ids
    return store


def ledger_upload(store: Store, rows: list[list]) -> list[int]:
    data = xlsx({"Ledger": [fixture.LEDGER[0], *rows]})
    intake, ids = import_files(store, [UploadedFile("more.xlsx", data)])
    assert ids, intake.problem_table().to_string()
    return ids


def test_the_facts_are_the_live_ledger_after_every_change(store):
    assert store.query(FACTS).to_pylist() == store.query(LIVE).to_pylist()
    changed = list(fixture.LEDGER[1])
    changed[5], changed[13] = "paid", "2026-02-01"  # E1 is paid now
    [batch] = ledger_upload(store, [changed])
    assert store.query(FACTS).to_pylist() == store.query(LIVE).to_pylist()
    store.rollback(batch)
    assert store.query(FACTS).to_pylist() == store.query(LIVE).to_pylist()
    before = store.query("select sum(amount_base) from ledger").column(0)[0].as_py()
    store.set_setting("fiscal_first_month", "4")
    assert store.query(FACTS).to_pylist() == store.query(LIVE).to_pylist()
    assert store.query("select min(fiscal_year) from ledger").column(0)[0].as_py() == 2025
    assert store.query("select sum(amount_base) from ledger").column(0)[0].as_py() == before


def test_the_store_as_it_stood_reads_the_past_through_every_view(store):
    moment = clock.now()
    time.sleep(0.01)
    changed = list(fixture.LEDGER[8])
    assert changed[0] == "P1"
    changed[6] = "7000"  # 6,000.00 before
    ledger_upload(store, [changed])
    then = Filters(as_of=fixture.AS_OF, as_at=moment)
    now = Filters(as_of=fixture.AS_OF)
    later = Filters(as_of=fixture.AS_OF, as_at=clock.now())
    by_channel = {r["channel"]: r["actual"] for r in run_view(store, "roi_by_channel",
                                                              then).to_pylist()}
    assert by_channel["PR"] == D("6000.00")
    by_channel = {r["channel"]: r["actual"] for r in run_view(store, "roi_by_channel",
                                                              now).to_pylist()}
    assert by_channel["PR"] == D("7000.00")
    for name in VIEWS:  # as it stood just now is as it is
        assert run_view(store, name, later) == run_view(store, name, now), name


@pytest.mark.parametrize("by", [("month",), ("month", "channel"), ("channel", "vendor"),
                                ("campaign",), BREAKDOWN_KEYS])
def test_totals_added_up_in_sql_equal_the_breakdown_added_up(store, by):
    filters = Filters(from_month=date(2026, 1, 1), to_month=date(2026, 12, 1))
    rows = run_breakdown(store, filters).to_pandas()
    expected = rows.groupby(list(by), dropna=False, sort=True)[list(BREAKDOWN_FIGURES)].agg(
        lambda s: sum(s, D(0)))
    got = run_totals(store, filters, by).to_pandas().set_index(list(by))
    assert got.index.tolist() == expected.index.tolist()
    for figure in BREAKDOWN_FIGURES:
        assert got[figure].tolist() == expected[figure].tolist(), figure


def test_outcome_totals_and_row_counts(store):
    rows = run_outcomes(store).to_pandas()
    got = run_outcome_totals(store, None, ("channel",)).to_pandas().set_index("channel")
    assert got["leads"].to_dict() == rows.groupby("channel")["leads"].sum().to_dict()
    for name in VIEWS:
        filters = Filters(as_of=fixture.AS_OF)
        assert run_count(store, name, filters).column(0)[0].as_py() == \
            run_view(store, name, filters).num_rows


def test_the_largest_amount_converts_exactly(tmp_path):
    """Money is DECIMAL(18,6) (at most 999,999,999,999.999999, larger is refused on intake)
    and converts in DECIMAL(38,14): no storable amount overflows its conversion any more."""
    store = Store(tmp_path / "s.duckdb")
    rates = xlsx({"FX": [["currency", "month", "rate"], ["USD", "2026-01", "0.9"]]})
    import_files(store, [UploadedFile("fx.xlsx", rates)])
    huge = xlsx({"L": [["document_id", "vendor", "channel", "status", "amount_net",
                        "currency", "invoice_date"],
                       ["A", "V", "Email", "invoiced", "999999999999.999999", "USD",
                        "2026-01-10"]]})
    _, ids = import_files(store, [UploadedFile("l.xlsx", huge)])
    assert ids
    # 999999999999.999999 x 0.9 = 899999999999.9999991 -> 900000000000.00
    [row] = run_view(store, "roi_by_channel").to_pylist()
    assert row["actual"] == D("900000000000.00")


def test_small_counts_summed_past_a_byte_do_not_break_the_roi_views(tmp_path):
    """DuckDB 2.0's compressed materialization once cast these sums to TINYINT."""
    store = Store(tmp_path / "s.duckdb")
    results = [["date", "campaign", "channel", "platform", "leads", "revenue"]] + [
        [f"2026-01-{1 + i % 28:02d}", f"C{i % 3}", "Email", f"P{i}", 100 + i % 20, "10"]
        for i in range(300)]
    ledger = [["document_id", "vendor", "channel", "campaign", "status", "amount_net",
               "invoice_date"]] + [[f"D{i}", "V", "Email", f"C{i % 3}", "invoiced", "5",
                                    "2026-01-15"] for i in range(50)]
    _, ids = import_files(store, [UploadedFile("r.xlsx", xlsx({"R": results, "L": ledger}))])
    assert ids
    by_channel = run_view(store, "roi_by_channel").to_pylist()
    assert by_channel[0]["leads"] == sum(100 + i % 20 for i in range(300))
    assert run_view(store, "roi_by_campaign").num_rows == 3


def test_the_store_file_is_let_go_when_idle(tmp_path, monkeypatch):
    # A short idle time (the watcher reads it on every turn), so the test need not wait 3 s.
    monkeypatch.setattr(connections, "IDLE_SECONDS", 0.1)
    db = tmp_path / "s.duckdb"
    store = Store(db)
    assert store.data_version() == 0  # this process now holds the file, for a moment
    deadline = time.monotonic() + 10
    while connections.is_open(str(db.resolve())) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not connections.is_open(str(db.resolve()))
    other = subprocess.run(
        [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).close()",
         str(db)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert other.returncode == 0, other.stderr
