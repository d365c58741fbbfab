"""The shipped demo workbooks: loaded into an empty store on first start, and removed again
(rolled back, kept in the history) when a user starts with their own data.

How the demo batches are told from the user's: they are uploaded by the user `demo`, from
the shipped file names, and carry the note DEMO_NOTE. Stores loaded before the note existed
are recognised by the same user and file names in the store's very first upload (the demo
is only ever loaded into an empty store).

Why a removed demo is not loaded again: the demo loads only into a store that has never had
a batch (`is_empty()` counts every batch, rolled back or not), and removing it is a rollback,
which keeps its batches in the history. So the history itself is the flag, on either engine,
and it cannot disagree with what the store holds.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from spendline.config import DEMO_DIR
from spendline.stores.base import StoreInterface

if TYPE_CHECKING:
    from loaders.intake import UploadedFile

# fx rates first so the budget and ledger find their rates in the store.
DEMO_FILES = ("fx_rates.xlsx", "vendors.xlsx", "budget.xlsx", "spend.xlsx", "results.xlsx")
DEMO_USER = "demo"
DEMO_NOTE = "Shipped demo data"
NOTICE = "You are looking at the demo data. Remove it (Stored data) to start with your own."

# The demo's batches, rolled back or not. A note may carry more after the marker (the
# channel names mapped on intake), hence starts_with.
DEMO_BATCHES = """
select batch_id, file_name, rolled_back_at is null as in_force
from batches
where uploaded_by = $user and list_contains($files, file_name)
  and kind not in ('settings', 'budget_adjustment')
  and (starts_with(coalesce(note, ''), $note)
       or upload_id = (select upload_id from batches order by batch_id limit 1))
order by batch_id
"""


def demo_files() -> list[UploadedFile]:
    # The loaders (and Pandera) are imported only when the demo is loaded: a started app
    # on a filled store reads no Excel, and half a second of imports is a cold start's.
    from loaders.intake import UploadedFile

    return [UploadedFile(name, (DEMO_DIR / name).read_bytes()) for name in DEMO_FILES]


def load_demo_if_empty(store: StoreInterface) -> bool:
    """Load the demo data into a store that has never had an upload; True when it did.
    A store whose demo was removed keeps the demo's batches in its history, so it is not
    empty and is never filled again."""
    if not store.is_empty():
        return False
    from loaders.intake import read_upload
    from spendline.uploads import batches, intake_options

    intake = read_upload(demo_files(), intake_options(store))
    todo = [dataclasses.replace(b, note=f"{DEMO_NOTE}; {b.note}" if b.note else DEMO_NOTE)
            for b in batches(intake)]
    if not todo:
        raise RuntimeError(f"The shipped demo data does not load:\n{intake.problem_table()}")
    store.apply(todo, user=DEMO_USER)
    return True


def demo_batches(store: StoreInterface) -> list[dict]:
    """The demo's batches (batch_id, file_name, in_force), rolled back ones included."""
    return store.query(DEMO_BATCHES, {"user": DEMO_USER, "files": list(DEMO_FILES),
                                      "note": DEMO_NOTE}).to_pylist()


def demo_in_force(store: StoreInterface) -> bool:
    """True while any demo batch is in force (the app then says it shows the demo)."""
    return any(b["in_force"] for b in demo_batches(store))


def remove_demo(store: StoreInterface, user: str = "local") -> list[int]:
    """Roll back every demo batch still in force, in one transaction, and return their ids
    (empty: nothing to remove). The user's own batches stay; the history keeps the demo's."""
    ids = [b["batch_id"] for b in demo_batches(store) if b["in_force"]]
    if ids:
        store.rollback_batches(ids, user=user)
    return ids
