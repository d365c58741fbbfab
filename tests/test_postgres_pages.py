"""The pages run unchanged on the PostgreSQL store (SPENDLINE_DB_URL): every page renders,
the Overview shows the store's figures, and an upload is stored and rolled back through the
Upload page."""

from decimal import Decimal as D

import pytest
from streamlit.testing.v1 import AppTest

from spendline import cli
from spendline.config import ROOT
from spendline.demo import load_demo_if_empty
from spendline.stores.postgres import PostgresStore
from spendline.views import VIEWS, Filters
from tests.stores import new_database
from tests.test_pages import expected_tiles, open_page, tiles
from tests.test_upload_page import good_budget, store_then_roll_back
from ui.navigation import page_files


@pytest.fixture(scope="module")
def demo_database(request):
    """A PostgreSQL database with the demo data, loaded once and copied per test."""
    url = new_database(request)
    store = PostgresStore(url)
    assert load_demo_if_empty(store)
    store.close()  # a template database must have no connections
    return url


@pytest.fixture
def pg_app(request, demo_database, monkeypatch):
    """A copy of the demo PostgreSQL store, set as the app's store."""
    url = new_database(request, template=demo_database)
    monkeypatch.setenv("SPENDLINE_DB_URL", url)
    monkeypatch.setenv("SPENDLINE_DB", "/nonexistent/not-this.duckdb")  # never opened
    return url


def test_overview_shows_the_postgres_stores_figures(pg_app):
    shown = tiles(open_page("pages/overview.py", {"fy": "2026"}))
    store = PostgresStore(pg_app)
    for label, value in expected_tiles(store, Filters()).items():
        assert shown[label] == value, label
    store.close()


def test_upload_store_and_roll_back_on_postgres(pg_app):
    store, stored = store_then_roll_back(lambda: PostgresStore(pg_app))
    assert stored == D("1000.00")
    assert store.refresh() is not None  # the rollback, made by the page's own store
    assert good_budget(store) is None
    store.close()


def test_a_new_postgres_store_starts_empty_and_the_app_still_runs(request, monkeypatch):
    monkeypatch.setenv("SPENDLINE_DB_URL", new_database(request))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]


def test_every_export_is_the_same_bytes_on_both_stores(request, demo_database, demo_store_file,
                                                       capsys):
    """The command line's export of every view of the demo data, from PostgreSQL and from
    the DuckDB file."""
    url = new_database(request, template=demo_database)  # the template keeps no connection
    for view in VIEWS:
        args = ["export", view, "--as-of", "2026-06-30", "--from", "2026-01", "--to", "2026-12"]
        assert cli.main([*args, "--db", url]) == 0
        from_postgres = capsys.readouterr().out
        assert cli.main([*args, "--db", str(demo_store_file)]) == 0
        assert from_postgres == capsys.readouterr().out, view
        assert from_postgres.count("\n") > 1, view


def test_every_page_renders_on_postgres(pg_app):
    """Every page of the navigation, one after the other in one session, on the PostgreSQL
    copy of the demo data: a title, no exception, no error box."""
    pages = page_files()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["fy"] = "2026"
    at.run()
    for page in pages:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title[0].value and not at.error, page
