"""Starting with your own data: the demo's batches rolled back in one transaction (the history
keeps them), the user's own batches stay, a store whose demo was removed is not filled again;
the notice on every page, the removal on the Stored data page (after a confirmation) and on
the command line."""

from datetime import date
from decimal import Decimal as D

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from spendline import access
from spendline.cli import main
from spendline.config import ROOT
from spendline.demo import (
    DEMO_FILES,
    DEMO_NOTE,
    NOTICE,
    demo_batches,
    demo_in_force,
    load_demo_if_empty,
    remove_demo,
)
from spendline.store import Store
from tests.stores import both_stores, open_test_store
from tests.test_access import signed_in
from tests.test_store import ledger, spend_batch
from ui.navigation import page_files


@pytest.fixture
def store(request, tmp_path):
    return open_test_store(request, getattr(request, "param", "duckdb"),
                           tmp_path / "test.duckdb")


def own_batch(store) -> int:
    """The user's own upload on top of the demo: one invoice of 123.45."""
    [batch] = store.apply([spend_batch(ledger(("OWN-1", "invoiced", "123.45",
                                               date(2026, 3, 2))), name="own.xlsx")],
                          user="anna")
    return batch


def in_force(store) -> dict[int, bool]:
    history = store.history()
    return dict(zip(history["batch_id"], history["rolled_back_at"].isna(), strict=True))


def count(store, table: str) -> int:
    return store.query(f"select count(*) from {table}").column(0)[0].as_py()


# -- the store and spendline/demo.py ----------------------------------------------------------
def test_the_demo_is_marked_and_recognised(demo_db):
    store = Store(demo_db)
    demo = demo_batches(store)
    assert [b["file_name"] for b in demo] == list(DEMO_FILES)
    assert all(b["in_force"] for b in demo) and demo_in_force(store)
    notes = store.history().set_index("batch_id")["note"]
    assert all(notes[b["batch_id"]].startswith(DEMO_NOTE) for b in demo)


def test_remove_demo_rolls_back_the_demo_only_and_the_history_keeps_it(demo_db):
    store = Store(demo_db)
    demo_ids = [b["batch_id"] for b in demo_batches(store)]
    own = own_batch(store)
    version = store.data_version()

    assert remove_demo(store, user="anna") == demo_ids
    assert store.data_version() == version + 1  # one transaction, one change
    state = in_force(store)
    assert len(state) == len(demo_ids) + 1  # nothing deleted from the history
    assert not any(state[i] for i in demo_ids) and state[own]
    history = store.history().set_index("batch_id")
    assert set(history.loc[demo_ids, "rolled_back_by"]) == {"anna"}
    # only the user's invoice is left
    assert store.query("select document_id, amount_net from spend").to_pylist() == [
        {"document_id": "OWN-1", "amount_net": D("123.45")}]
    for table in ("budget", "results", "vendors", "fx_rates"):
        assert count(store, table) == 0, table
    assert not demo_in_force(store)
    assert remove_demo(store, user="anna") == []  # nothing left to remove


def test_a_removed_demo_is_not_loaded_again(demo_db):
    remove_demo(Store(demo_db))
    # the next start: the store opens afresh and the app asks for the demo again
    store = Store(demo_db)
    assert not load_demo_if_empty(store)
    assert not demo_in_force(store) and count(store, "spend") == 0
    assert len(store.history()) == len(DEMO_FILES)


def test_a_store_loaded_before_the_demo_note_is_recognised_too(demo_db):
    with duckdb.connect(str(demo_db)) as con:  # as an older Spendline stored the demo
        con.execute("update batches set note = null")
    store = Store(demo_db)
    own = own_batch(store)
    # a later upload by a user called "demo" of a file named like a demo file is theirs
    [later] = store.apply([spend_batch(ledger(("D-1", "invoiced", "1.00", date(2026, 3, 2))),
                                       name="spend.xlsx")], user="demo")
    ids = remove_demo(store)
    assert len(ids) == len(DEMO_FILES) and own not in ids and later not in ids
    state = in_force(store)
    assert state[own] and state[later]


@both_stores
def test_rollback_batches_is_all_or_nothing(store):
    first = own_batch(store)
    [second] = store.apply([spend_batch(ledger(("X-2", "paid", "2.00", date(2026, 4, 1))))])
    with pytest.raises(KeyError, match="no upload batch 999"):
        store.rollback_batches([first, 999])
    assert in_force(store) == {first: True, second: True}
    version = store.data_version()
    store.rollback_batches([first, second], user="anna")
    assert in_force(store) == {first: False, second: False}
    assert store.data_version() == version + 1
    assert count(store, "spend") == 0
    with pytest.raises(ValueError, match="already rolled back"):
        store.rollback_batches([second])


@both_stores
def test_remove_demo_on_either_engine(store):
    # A small stand-in for the demo (the real one takes long to load into PostgreSQL): a
    # first upload by the demo user from a demo file name, marked as load_demo_if_empty does.
    [demo] = store.apply([spend_batch(ledger(("D-1", "invoiced", "9.99", date(2026, 1, 5))),
                                      name="spend.xlsx")], user="demo")
    own = own_batch(store)
    assert demo_in_force(store)
    assert remove_demo(store, user="anna") == [demo]
    assert in_force(store) == {demo: False, own: True}
    assert not demo_in_force(store) and not load_demo_if_empty(store)


# -- the command line -------------------------------------------------------------------------
def test_remove_demo_from_the_command_line(demo_db, capsys):
    own = own_batch(Store(demo_db))
    assert main(["remove-demo", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "Removed the demo data: rolled back batch(es) " in out
    assert all(f"({name})" in out for name in DEMO_FILES)
    assert "The upload history keeps them" in out
    store = Store(demo_db)
    state = in_force(store)
    assert len(state) == len(DEMO_FILES) + 1 and state[own]
    assert sum(state.values()) == 1
    assert count(store, "spend") == 1

    assert main(["remove-demo", "--db", str(demo_db)]) == 0  # again: nothing to do
    assert "nothing to remove" in capsys.readouterr().out
    assert len(Store(demo_db).history()) == len(DEMO_FILES) + 1


# -- the app ------------------------------------------------------------------------------------
def notices(at: AppTest) -> list[str]:
    return [c.value for c in at.caption if c.value == NOTICE]


def test_the_notice_is_on_every_page_while_the_demo_is_in_force(demo_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    for page in page_files():
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert notices(at) == [NOTICE], page


def test_remove_the_demo_on_the_stored_data_page_after_a_confirmation(demo_db):
    own = own_batch(Store(demo_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/data.py").run()
    assert notices(at)
    remove = next(b for b in at.button if b.label == "Remove the demo data")

    remove.click().run()  # asks first, removes nothing yet
    assert "Remove the demo data?" in at.warning[0].value
    assert demo_in_force(Store(demo_db))
    next(b for b in at.button if b.label == "Cancel").click().run()
    assert not at.warning and demo_in_force(Store(demo_db))

    next(b for b in at.button if b.label == "Remove the demo data").click().run()
    next(b for b in at.button if b.label == "Yes, remove the demo data").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "The demo data was removed" in at.success[0].value
    assert not notices(at)
    assert not [b for b in at.button if "demo" in b.label]
    store = Store(demo_db)
    assert not demo_in_force(store) and in_force(store)[own]
    assert {m.label: m.value for m in at.metric}["Spend ledger"] == "1"

    # the next start does not load the demo again, and says nothing about it
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not again.exception and not notices(again)
    assert count(Store(demo_db), "spend") == 1


def test_only_an_editor_of_every_account_may_remove_the_demo(demo_db):
    store = Store(demo_db)
    access.set_user(store, "viewer@example.com", "viewer")
    access.set_user(store, "client@example.com", "editor", ("Aurora Foods",))
    access.set_user(store, "editor@example.com", "editor")
    for email in ("viewer@example.com", "client@example.com"):
        at = signed_in(email, "pages/data.py")
        assert notices(at), email
        assert not [b for b in at.button if "demo" in b.label], email
    at = signed_in("editor@example.com", "pages/data.py")
    assert [b for b in at.button if b.label == "Remove the demo data"]
