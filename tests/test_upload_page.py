"""The Upload page driven through Streamlit's AppTest: recognise, report, store, roll back."""

from decimal import Decimal as D

import pytest
from streamlit.testing.v1 import AppTest

from spendline.config import ROOT
from spendline.store import Store
from tests.helpers import xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

GOOD = xlsx({"Budget": [["Budget 2026"], ["period", "channel", "amount", "account"],
                        ["2026-01", "Email", "1.000,00", "Test account"]]})
BAD = xlsx({"Budget": [["period", "channel", "amount"], ["2026-01", "Email", "lots"]]})


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("SPENDLINE_DB", str(path))
    return path


def upload_page(files) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages/upload.py"), default_timeout=60)
    at.run()
    at.file_uploader[0].set_value(files)
    at.run()
    return at


def test_first_start_loads_the_demo_data(db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    history = Store(db).history()
    assert sorted(history["kind"]) == ["budget", "fx_rates", "results", "spend", "vendors"]


def test_a_bad_file_shows_the_problem_table_and_stores_nothing(db):
    at = upload_page([("bad.xlsx", BAD, XLSX)])
    assert not at.exception
    assert "1 problem found: nothing will be stored" in at.error[0].value
    # the errors' table: the first with a problem column (the notes' table follows it)
    problems = next(d.value for d in at.dataframe if "problem" in d.value.columns)
    assert problems[["row", "column", "value", "problem"]].values.tolist() == [
        [2, "amount", "lots", "not a number"]]
    assert not [b for b in at.button if b.label == "Store"]
    assert Store(db).query("select count(*) from batches where file_name = 'bad.xlsx'"
                           ).column(0)[0].as_py() == 0


def store_then_roll_back(open_store):
    """Store GOOD through the Upload page, then roll its batch back there. Returns the store
    (opened once stored) and the budget GOOD gave it."""
    at = upload_page([("good.xlsx", GOOD, XLSX)])
    assert not at.exception
    [store_button] = [b for b in at.button if b.label == "Store"]
    store_button.click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Stored as batch(es)")
    store = open_store()
    stored = good_budget(store)
    batch_id = int(store.history()["batch_id"].max())
    [rollback_box] = [s for s in at.selectbox if s.label == "Roll back batch"]
    rollback_box.set_value(batch_id).run()
    [rollback] = [b for b in at.button if b.label == "Roll back"]
    rollback.click().run()
    [yes] = [b for b in at.button if b.label == "Yes, roll back"]  # it asks first
    yes.click().run()
    assert not at.exception
    return store, stored


def good_budget(store):
    return store.query("select sum(amount) from budget where account = 'Test account'"
                       ).column(0)[0].as_py()


def test_store_then_roll_back(db):
    store, stored = store_then_roll_back(lambda: Store(db))
    assert (stored, good_budget(store)) == (D("1000.00"), None)


def test_replacement_notes_name_scopes_and_kept_adjustments():
    from spendline.store import BatchPreview
    from ui.upload_flow import replacement_notes

    preview = BatchPreview("Budget", "budget", 12, 12, 0, 0, 30, [(2026, "budget", "Default")],
                           adjustments_kept=2)
    assert replacement_notes([preview]) == [
        "Sheet 'Budget' replaces 30 stored budget rows (FY2026 budget for Default).",
        "2 approved budget adjustment(s) of the same scope stay in force on top of the new "
        "budget; roll them back if it already includes them."]


def test_the_preview_names_values_the_store_has_not_seen(db):
    # GOOD's account "Test account" is new to the demo store; Email is a known channel
    at = upload_page([("good.xlsx", GOOD, XLSX)])
    assert not at.exception
    assert [t.value for t in at.text if "new" in t.value] == [
        "Sheet 'Budget' brings 1 new account value(s): 'Test account'. If one is another name "
        "for a known account, map it (a value mapping in an import profile) first."]
