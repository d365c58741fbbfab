"""The upload flow shared by the Upload page and the command line: read files with the
store's settings and remembered header mappings, then store them as batches."""

from __future__ import annotations

import getpass
from concurrent.futures import ThreadPoolExecutor

import pandas as pd

from loaders import memory
from loaders.intake import Intake, Options, UploadedFile, channel_key, read_upload
from loaders.kinds import KINDS
from spendline.store import Batch, open_store
from spendline.stores.base import StoreInterface as Store


def intake_options(store: Store, year: int | None = None,
                   kind_overrides: dict | None = None) -> Options:
    """Options from the store: base currency, known fx rates, remembered header mappings
    and the channel mapping of the settings."""
    settings = store.settings()
    rates = store.query("select currency, month from fx_rates").to_pylist()
    return Options(
        base_currency=settings["base_currency"],
        year=year,
        kind_overrides=kind_overrides or {},
        header_mappings={kind: store.header_mappings(kind) for kind in KINDS},
        known_rates={(r["currency"], pd.Timestamp(r["month"])) for r in rates},
        channel_mapping={channel_key(alias): channel
                         for alias, channel in store.channel_mapping().items()},
    )


def batches(intake: Intake) -> list[Batch]:
    """One batch per stored sheet; nothing at all when any sheet has an error."""
    if intake.has_errors:
        return []
    sha = {f.name: f.sha256 for f in intake.files}
    return [Batch(s.file_name, sha[s.file_name], s.sheet, s.kind, s.frame, s.note)
            for s in intake.stored_sheets]


def import_files(store: Store, files: list[UploadedFile], year: int | None = None,
                 user: str | None = None) -> tuple[Intake, list[int]]:
    """Validate and store in one go (the command line's import). Returns the batch ids,
    empty when the upload had errors and nothing was stored."""
    intake = read_upload(files, intake_options(store, year))
    todo = batches(intake)
    if not todo:
        return intake, []
    return intake, store.apply(todo, user=user or current_user())


# DuckDB's buffer memory for a command-line import: an append then goes to the file as it
# fills instead of staying in memory until the commit (peak 0.9 GB → 0.8 GB at 500k rows,
# no slower). The app keeps DuckDB's default, which its views at a million rows need.
IMPORT_MEMORY = "512MB"


def import_into(target, files: list[UploadedFile], year: int | None = None,
                user: str | None = None) -> tuple[Intake, list[int]]:
    """import_files into the store at `target` (a file path or postgresql:// URL; None: the
    app's), opened (and, when new, created) on a thread while the files are read: the
    command line's import, where both cost time."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="store") as pool:
        opening = pool.submit(
            lambda: _opened(open_store(target, memory_limit=IMPORT_MEMORY), year))
        intake = read_upload(files, lambda: opening.result()[1])
        store = opening.result()[0]  # StoreBusy, raised on the thread, is raised here
    todo = batches(intake)
    if not todo:
        return intake, []
    _let_go_of_cells(intake)
    return intake, store.apply(todo, user=user or current_user())


def _let_go_of_cells(intake: Intake) -> None:
    """Drop what only a page shows (the cells as read, the file's bytes: the batches hold
    the sha256), and give the memory back before DuckDB takes its share: at 500k rows
    that is the difference between the import's peak and under 900 MB."""
    for sheet in intake.sheets:
        if sheet.table is not None:
            sheet.table.cells = sheet.table.cells.iloc[:0]
    for upload in intake.files:
        upload.data = b""
    memory.give_back()


def _opened(store: Store, year: int | None) -> tuple[Store, Options]:
    return store, intake_options(store, year)


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "local"
