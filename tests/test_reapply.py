"""Re-apply: a rolled-back batch can be put back (its rollback undone), on both stores, under
the rollback's permissions, with the history saying who did what and when (issue 16)."""

import re
from datetime import date, datetime

import pandas as pd
import pytest

from spendline import clock
from spendline.access import User
from spendline.changes import ledger_rows
from spendline.permissions import PermissionDenied
from spendline.views import Filters
from tests.stores import BACKENDS, open_test_store
from tests.test_store import ledger, spend_batch, total

ADMIN = User("boss@example.com", "admin")
EDITOR = User("ed@example.com", "editor")
VIEWER = User("vi@example.com", "viewer")


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    return open_test_store(request, request.param, tmp_path / "test.duckdb")


@pytest.fixture
def ticking(monkeypatch):
    """The wall clock at 10:00, 11:00, 12:00... of the pinned day, one hour per read."""
    hours = iter(range(10, 24))
    monkeypatch.setattr(clock, "_wall", lambda: datetime(2026, 1, 1, next(hours)))
    return lambda hour: datetime.combine(clock.today(), datetime.min.time()).replace(hour=hour)


def statuses(store, filters=None):
    return sorted(ledger_rows(store, filters or Filters())[["document_id", "status"]]
                  .itertuples(index=False, name=None))


def test_reapply_undoes_the_rollback_and_later_batches_still_win(store):
    store.apply([spend_batch(ledger(("A1", "invoiced", "1.00", date(2026, 1, 5))))])
    [middle] = store.apply([spend_batch(ledger(("A1", "invoiced", "5.00", date(2026, 1, 5)),
                                               ("A2", "invoiced", "2.00", date(2026, 1, 5))))])
    store.apply([spend_batch(ledger(("A1", "paid", "5.00", date(2026, 1, 5))))])
    in_force = store.query("select * from spend order by document_id").to_pylist()
    store.rollback(middle, user=EDITOR)
    # without the middle batch: A2 gone; A1 is the third batch's (5.00, paid)
    assert total(store, "select sum(amount_net) from spend") == 5
    store.reapply(middle, user=EDITOR)
    # exactly the rows in force before the rollback: A2 back, A1 still the latest batch's
    assert store.query("select * from spend order by document_id").to_pylist() == in_force
    assert total(store, "select sum(amount_net) from spend") == 7
    row = store.history().set_index("batch_id").loc[middle]
    assert pd.isna(row["rolled_back_at"]) and pd.isna(row["rolled_back_by"])
    assert (row["reapplied_by"], row["was_rolled_back_by"]) == (EDITOR.email, EDITOR.email)
    assert row["was_rolled_back_at"] <= row["reapplied_at"]


def test_only_a_rolled_back_batch_can_be_reapplied(store):
    [batch] = store.apply([spend_batch(ledger(("A1", "invoiced", "1.00", date(2026, 1, 5))))])
    with pytest.raises(ValueError, match="in force: there is no rollback to undo"):
        store.reapply(batch)
    with pytest.raises(KeyError, match="There is no upload batch 99"):
        store.reapply(99)
    store.rollback(batch)
    store.reapply(batch)
    store.rollback(batch)  # and rolled back again, then re-applied again
    store.reapply(batch)
    assert statuses(store) == [("A1", "invoiced")]


def test_as_it_stood_between_the_rollback_and_the_reapply_leaves_the_batch_out(store, ticking):
    [batch] = store.apply([spend_batch(ledger(("A1", "invoiced", "1.00", date(2026, 1, 5))))])
    stored = store.history().set_index("batch_id").loc[batch, "uploaded_at"]
    store.rollback(batch)
    rolled = store.history().set_index("batch_id").loc[batch, "rolled_back_at"]
    store.reapply(batch)
    reapplied = store.history().set_index("batch_id").loc[batch, "reapplied_at"]
    assert stored < rolled < reapplied
    at = lambda moment: Filters(as_at=moment.to_pydatetime())  # noqa: E731
    assert statuses(store, at(stored)) == [("A1", "invoiced")]
    assert statuses(store, at(rolled)) == []
    assert statuses(store, at(reapplied)) == [("A1", "invoiced")]
    assert statuses(store) == [("A1", "invoiced")]


def test_reapply_has_the_rollbacks_permissions(store):
    [batch] = store.apply([spend_batch(ledger(("A1", "invoiced", "1.00", date(2026, 1, 5))))])
    store.rollback(batch, user=ADMIN)
    with pytest.raises(PermissionDenied, match=re.escape(
            "vi@example.com is a viewer: a viewer cannot re-apply.")):
        store.reapply(batch, user=VIEWER)
    changed = store.change_settings({"threshold_finance": "6000.00"}, user=ADMIN.email)
    store.rollback(changed, user=ADMIN)
    with pytest.raises(PermissionDenied, match="^" + re.escape(
            f"Batch {changed} is a settings change: only an admin may re-apply it.") + "$"):
        store.reapply(changed, user=EDITOR)
    store.reapply(changed, user=ADMIN)
    assert store.settings()["threshold_finance"] == "6000.00"
    # and the rollback's own message is unchanged
    with pytest.raises(PermissionDenied, match=re.escape("only an admin may roll it back.")):
        store.rollback(changed, user=EDITOR)
