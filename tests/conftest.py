"""Shared fixtures: the demo store is built once per test session and copied per test."""

import os
import shutil

import pytest

# Every chart built under the tests has Plotly check each property (ui/charts.py CHECK_CHARTS).
os.environ.setdefault("SPENDLINE_CHECK_CHARTS", "1")

# The suite never reads the wall clock: "today" is this day unless SPENDLINE_TODAY names
# another (CI runs the suite again on days that stress the calendar, scripts/run_tests.sh).
# Set before anything is imported, so that app servers started by the browser tests inherit it.
PINNED_DAY = "2026-12-04"
os.environ.setdefault("SPENDLINE_TODAY", PINNED_DAY)

from spendline.demo import load_demo_if_empty  # noqa: E402 - after the clock is pinned
from spendline.store import Store  # noqa: E402


@pytest.fixture(scope="session")
def demo_store_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    assert load_demo_if_empty(Store(path))
    return path


@pytest.fixture
def demo_db(demo_store_file, tmp_path, monkeypatch):
    """A private copy of the demo store, set as the app's store (SPENDLINE_DB)."""
    path = tmp_path / "app.duckdb"
    shutil.copy(demo_store_file, path)
    monkeypatch.setenv("SPENDLINE_DB", str(path))
    return path
