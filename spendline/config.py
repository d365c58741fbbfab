"""Where things live and the defaults a fresh store starts with."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEMO_DIR = DATA_DIR / "demo"
DEFAULT_DB = DATA_DIR / "spendline.duckdb"

DEFAULT_SETTINGS = {
    "base_currency": "EUR",
    "fiscal_first_month": "1",
    "threshold_finance": "5000.00",  # from this amount on, finance approves
    "threshold_executive": "25000.00",  # from this amount on, an executive approves
}


def db_path() -> Path:
    """The store file: SPENDLINE_DB when set, else data/spendline.duckdb."""
    return Path(os.environ.get("SPENDLINE_DB") or DEFAULT_DB)
