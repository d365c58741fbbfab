"""Rollback and re-apply on the Stored data page (issue 16): the choice names the batch, a
second click confirms, the history row says who rolled it back and when, and re-apply puts
it back."""

from datetime import datetime

import pandas as pd

from spendline.store import Store
from tests.test_pages import open_page
from ui.history import batch_label, history_rows, status


def button(at, label):
    [found] = [b for b in at.button if b.label == label]
    return found


def test_batch_label_and_status_in_words():
    row = {"batch_id": 7, "file_name": "budget.xlsx", "sheet": "Budget", "rows": 1240,
           "uploaded_at": datetime(2026, 12, 4, 10, 2), "uploaded_by": "anna@example.com"}
    assert batch_label(row) == ("Batch 7 · budget.xlsx, sheet Budget · 1,240 rows · stored "
                                "4 Dec 2026 10:02 by anna@example.com")
    assert status({"rolled_back_at": pd.NaT, "reapplied_at": pd.NaT}) == "In force"
    assert status({"rolled_back_at": datetime(2026, 12, 4, 11, 30),
                   "rolled_back_by": "ed@example.com"}) == (
        "Rolled back by ed@example.com on 4 Dec 2026 11:30")
    assert status({"rolled_back_at": None, "reapplied_at": datetime(2026, 12, 4, 12, 0),
                   "reapplied_by": "boss@example.com", "was_rolled_back_by": "ed@example.com",
                   "was_rolled_back_at": datetime(2026, 12, 4, 11, 30)}) == (
        "In force: re-applied by boss@example.com on 4 Dec 2026 12:00 (rolled back by "
        "ed@example.com on 4 Dec 2026 11:30)")
    shown = history_rows(pd.DataFrame([{**row, "kind": "budget", "rolled_back_at": pd.NaT,
                                        "rolled_back_by": None, "reapplied_at": pd.NaT}]))
    assert list(shown.columns)[:3] == ["batch_id", "status", "file_name"]


def test_rollback_asks_first_then_reapply_puts_it_back(demo_db):
    store = Store(demo_db)
    results = "select count(*) from results"
    rows = store.query(results).column(0)[0].as_py()
    batch = int(store.history().query("kind == 'results'")["batch_id"].iloc[0])
    at = open_page("pages/data.py")
    [choice] = [s for s in at.selectbox if s.label == "Roll back batch"]
    assert choice.format_func(batch).startswith(f"Batch {batch} · results.xlsx, sheet Results · "
                                                f"{rows:,} rows · stored ")
    choice.set_value(batch).run()
    button(at, "Roll back").click().run()
    # nothing happened yet: it asks, naming the batch
    assert store.query(results).column(0)[0].as_py() == rows
    assert at.warning[-1].value.startswith(f"Roll back Batch {batch} · results")
    button(at, "Yes, roll back").click().run()
    assert not at.exception
    assert at.success[0].value == f"Batch {batch} rolled back."
    assert store.query(results).column(0)[0].as_py() == 0
    table = at.dataframe[0].value.set_index("batch_id")
    assert table.loc[batch, "status"].startswith("Rolled back by ")
    # re-apply, confirmed the same way
    [again] = [s for s in at.selectbox if s.label == "Re-apply a rolled-back batch"]
    again.set_value(batch).run()
    button(at, "Re-apply").click().run()
    button(at, "Yes, re-apply").click().run()
    assert not at.exception
    assert at.success[0].value == f"Batch {batch} re-applied."
    assert store.query(results).column(0)[0].as_py() == rows
    assert at.dataframe[0].value.set_index("batch_id").loc[batch, "status"].startswith(
        "In force: re-applied by ")


def test_cancel_leaves_the_batch_in_force(demo_db):
    store = Store(demo_db)
    batch = int(store.history()["batch_id"].max())
    at = open_page("pages/data.py")
    [choice] = [s for s in at.selectbox if s.label == "Roll back batch"]
    choice.set_value(batch).run()
    button(at, "Roll back").click().run()
    button(at, "Cancel").click().run()
    assert store.history()["rolled_back_at"].isna().all()
    assert [s for s in at.selectbox if s.label == "Roll back batch"]
