"""The shipped demo workbooks, loaded into an empty store on first start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spendline.config import DEMO_DIR
from spendline.store import Store

if TYPE_CHECKING:
    from loaders.intake import UploadedFile

# fx rates first so the budget and ledger find their rates in the store.
DEMO_FILES = ("fx_rates.xlsx", "vendors.xlsx", "budget.xlsx", "spend.xlsx", "results.xlsx")


def demo_files() -> list[UploadedFile]:
    # The loaders (and Pandera) are imported only when the demo is loaded: a started app
    # on a filled store reads no Excel, and half a second of imports is a cold start's.
    from loaders.intake import UploadedFile

    return [UploadedFile(name, (DEMO_DIR / name).read_bytes()) for name in DEMO_FILES]


def load_demo_if_empty(store: Store) -> bool:
    """Load the demo data into a store with no uploads; True when it did."""
    if not store.is_empty():
        return False
    from spendline.uploads import import_files

    intake, ids = import_files(store, demo_files(), user="demo")
    if not ids:
        raise RuntimeError(f"The shipped demo data does not load:\n{intake.problem_table()}")
    return True
