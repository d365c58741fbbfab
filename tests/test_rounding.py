"""One rounding of the exact sum (README "Rounding"): every figure on screen is its source
rows added up exactly and rounded once to the cent, whatever page shows it; rows rounded on
their own may differ from their total by a cent, and the tables that show both say so.

Store worked out by hand (base EUR, as of 15 Feb 2026; no forecast rows, so forecast = budget):
  fx       USD Jan 2026 = 0.5 EUR
  budget   A Email Jan 100.00, A Search Jan 100.00
  ledger   A Email X1 invoiced 100.01 USD Jan = 50.005 EUR exactly
           A Search X2 invoiced 100.01 USD Jan = 50.005 EUR exactly
  landing  per channel 50.005 -> 50.01 each (half away from zero): the rows add to 100.02
           account A: 100.01 exactly -> 100.01, once
  landing vs budget per channel -49.995 -> -50.00 each (rows add to -100.00); A: -99.99
"""

from datetime import date
from decimal import Decimal as D

import pytest

from loaders.intake import UploadedFile
from spendline import planning
from spendline.metrics import kpis, money
from spendline.store import Store
from spendline.uploads import import_files
from spendline.views import Filters, run_breakdown, run_outcomes, run_view
from tests.helpers import xlsx

FX = [["currency", "month", "rate"], ["USD", "2026-01", "0.5"]]
BUDGET = [["period", "account", "channel", "amount"],
          ["2026-01", "A", "Email", "100.00"], ["2026-01", "A", "Search", "100.00"]]
LEDGER = [["document_id", "vendor", "account", "channel", "status", "amount_net", "currency",
           "invoice_date", "due_date"],
          ["X1", "V", "A", "Email", "invoiced", "100.01", "USD", "2026-01-10", "2026-02-28"],
          ["X2", "V", "A", "Search", "invoiced", "100.01", "USD", "2026-01-10", "2026-02-28"]]
YEAR = Filters(from_month=date(2026, 1, 1), to_month=date(2026, 12, 1), as_of=date(2026, 2, 15))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("rounding") / "s.duckdb")
    book = xlsx({"FX": FX, "Budget": BUDGET, "Ledger": LEDGER})
    _, batches = import_files(store, [UploadedFile("book.xlsx", book)])
    assert batches
    return store


def test_rows_are_rounded_each_on_its_own(store):
    rows = run_view(store, "landing", YEAR).to_pylist()
    assert [(r["channel"], r["landing"], r["landing_vs_budget"]) for r in rows] == [
        ("Email", D("50.01"), D("-50.00")), ("Search", D("50.01"), D("-50.00"))]
    channels = planning.account_channels(store, "A", YEAR).to_pylist()
    assert [r["landing"] for r in channels] == [D("50.01"), D("50.01")]


def test_the_account_total_is_the_exact_sum_rounded_once(store):
    [account] = planning.accounts(store, YEAR).to_pylist()
    assert (account["landing"], account["landing_vs_budget"]) == (D("100.01"), D("-99.99"))
    assert account["actual_to_date"] == D("100.01")


def test_the_overview_shows_the_same_figure_as_the_accounts_page(store):
    only_a = Filters(**{**YEAR.__dict__, "accounts": ("A",)})
    tiles = kpis(run_breakdown(store, only_a).to_pandas(), run_outcomes(store, only_a).to_pandas(),
                 YEAR.as_of)
    [account] = planning.accounts(store, YEAR).to_pylist()
    assert money(tiles.landing) == account["landing"] == D("100.01")
    assert money(tiles.landing_vs_budget) == account["landing_vs_budget"] == D("-99.99")


@pytest.mark.parametrize("value", ["50.005", "-49.995", "0.004999", "-0.005", "12.344999",
                                   "1278500.735", "0"])
def test_sql_and_python_round_alike(store, value):
    """SQL's money() (views) and Python's metrics.money (tiles) are one rule: half away
    from zero, to the cent."""
    sql = store.query("select money(cast($v as decimal(28, 10))) as m", {"v": value})
    assert sql.column("m")[0].as_py() == money(D(value))
