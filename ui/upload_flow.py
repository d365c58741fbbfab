"""The Upload page's work apart from drawing: read the uploaded files once per change, say
what storing them would do, and build the files the page offers for download."""

from __future__ import annotations

import hashlib
import threading

import pandas as pd
import streamlit as st

from loaders import worker  # marking a file up opens it whole: not in the server
from loaders.highlight import highlighted_filename, problems_workbook
from loaders.intake import Intake, UploadedFile, read_upload
from loaders.problems import COLUMNS
from loaders.profiles import to_json
from loaders.read import FileRefused
from spendline.store import Store

# The preview in words, shared with the command line's --dry-run (re-exported for the page).
from spendline.upload_preview import new_value_notes as new_value_notes
from spendline.upload_preview import preview_table as preview_table
from spendline.upload_preview import replacement_notes as replacement_notes
from spendline.uploads import batches, intake_options


def ready_reader() -> None:
    """Start the parse worker while the user picks files, so the first upload does not wait
    for its interpreter (about half a second); a no-op when one is waiting."""
    worker.warm()


def uploaded_files(widget_files) -> list[UploadedFile]:
    return [UploadedFile(f.name, f.getvalue()) for f in widget_files or []]


def fingerprint(files: list[UploadedFile], *extra: object) -> str:
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.name.encode() + f.sha256.encode())
    digest.update(repr(extra).encode())
    return digest.hexdigest()


def read_cached(store: Store, files: list[UploadedFile], overrides: dict,
                year: int | None, user: str = "local", chosen: dict | None = None) -> Intake:
    """Read the files once per (files, choices, stored data and profiles) and keep it in
    the session. `chosen`: (file, sheet) -> the import profile being built for it."""
    chosen = chosen or {}
    key = fingerprint(files, sorted(overrides.items()), year, store.data_version(), user,
                      sorted((k, to_json(p)) for k, p in chosen.items()),
                      [(p.owner, p.definition) for p in store.stored_profiles()])
    cached = st.session_state.get("_intake")
    if cached and cached[0] == key:
        return cached[1]
    version = store.data_version()  # what the preview shows; Store checks it is still so
    intake = read_upload(files, intake_options(store, year, overrides, user, chosen))
    st.session_state["_intake"] = (key, intake)
    st.session_state["_intake_version"] = version
    return intake


def problem_csv_frame(intake: Intake) -> pd.DataFrame:
    frame = intake.problem_table()
    columns = (["file"] if len(intake.files) > 1 else []) + COLUMNS
    return frame[columns]


def highlighted(intake: Intake, file: UploadedFile) -> tuple[str, bytes]:
    """The user's workbook with each bad cell marked and commented, made in the parse
    worker. Should the worker refuse (a workbook too large to mark up in its memory limit),
    the download is the problems alone, as a workbook, rather than an error."""
    problems = intake.problem_table()
    if len(intake.files) > 1:
        problems = problems[problems["file"] == file.name]
    try:
        marked = worker.highlight(file.name, file.data, problems)
    except FileRefused:
        marked = problems_workbook(problems)
    return highlighted_filename(file.name), marked


class NotStored(Exception):
    """Store was refused before anything was written; the message is for the user."""


NOT_CURRENT = ("Nothing was stored: the store changed after this upload was checked (another "
               "upload or change was stored meanwhile, perhaps this one by a second click). "
               "Check the upload history and the preview, then click Store again if needed.")
# One Store at a time per server process: a second click (or session) waits for the first,
# then finds the data version moved and is refused, instead of a DuckDB write conflict.
_storing = threading.Lock()


def apply(store: Store, intake: Intake, user, seen_version: int | None = None) -> list[int]:
    """Store the upload as `user` (an access.User, or a name: spendline/permissions.py), if
    the store is still as it was when the upload was checked (`seen_version`, its
    data_version then); NotStored otherwise."""
    with _storing:
        if seen_version is not None and store.data_version() != seen_version:
            raise NotStored(NOT_CURRENT)
        try:
            return store.apply(batches(intake), user=user)
        except Exception as exc:  # another program's write won the race (DuckDB, PostgreSQL)
            if "conflict" not in str(exc).lower():
                raise
            raise NotStored("Nothing was stored: another change was being stored at the same "
                            "moment. Click Store again.") from exc
