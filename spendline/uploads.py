"""The upload flow shared by the Upload page and the command line: read files with the
store's settings and the user's import profiles, then store them as batches; and the import
profiles themselves, saved, listed, changed and deleted by the rules of who may."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pandas as pd

from loaders import memory
from loaders.intake import Intake, Options, UploadedFile, read_upload
from loaders.profiles import Profile, ProfileError, from_json, to_json
from spendline.kinds import channel_key
from spendline.store import Batch, BatchPreview, open_store
from spendline.stores.base import StoredProfile
from spendline.stores.base import StoreInterface as Store


def intake_options(store: Store, year: int | None = None,
                   kind_overrides: dict | None = None, user: str | None = None,
                   chosen_profiles: dict | None = None) -> Options:
    """Options from the store: base currency, known fx rates, the channel mapping of the
    settings, and the import profiles `user` may apply (their own and shared ones, which
    apply by themselves to sheets with their headers) besides those chosen by hand."""
    settings = store.settings()
    rates = store.query("select currency, month from fx_rates").to_pylist()
    return Options(
        base_currency=settings["base_currency"],
        year=year,
        kind_overrides=kind_overrides or {},
        known_rates={(r["currency"], pd.Timestamp(r["month"])) for r in rates},
        channel_mapping={channel_key(alias): channel
                         for alias, channel in store.channel_mapping().items()},
        profiles=usable_profiles(store, user or current_user()),
        chosen_profiles=chosen_profiles or {},
        fiscal_first_month=int(settings["fiscal_first_month"]),
    )


# -- import profiles -----------------------------------------------------------------------------
def saved_profiles(store: Store) -> list[Profile]:
    """Every saved import profile, by name (owners and sharing as stored)."""
    return [from_stored(p) for p in store.stored_profiles()]


def saved_profile(store: Store, name: str) -> Profile | None:
    """The saved import profile of this name, or None."""
    stored = store.stored_profile(name)
    return None if stored is None else from_stored(stored)


def from_stored(stored: StoredProfile) -> Profile:
    """A profile as the store keeps it, read. The JSON's name and sharing may be those it
    was first saved with: the store's columns hold the current ones."""
    return replace(from_json(stored.definition, owner=stored.owner), name=stored.name,
                   shared=stored.shared)


def as_stored(profile: Profile) -> StoredProfile:
    """A profile in the form the store keeps (its rules as to_json's text)."""
    return StoredProfile(profile.name, profile.owner, profile.shared, to_json(profile))


def usable_profiles(store: Store, user: str) -> list[Profile]:
    """The profiles a user's uploads apply: their own first, then shared ones."""
    every = saved_profiles(store)
    mine = [p for p in every if p.owner == user]
    return mine + [p for p in every if p.shared and p.owner != user]


def find_profile(store: Store, name: str, user: str) -> Profile:
    """A profile the user may apply, by name; ProfileError names those there are."""
    usable = usable_profiles(store, user)
    for profile in usable:
        if profile.name == name:
            return profile
    names = ", ".join(f"'{p.name}'" for p in usable) or "none"
    if store.stored_profile(name) is not None:
        raise ProfileError(f"the profile '{name}' belongs to another user and is not shared "
                           f"(yours and shared: {names})")
    raise ProfileError(f"there is no profile '{name}' (yours and shared: {names})")


def save_profile(store: Store, profile: Profile, user: str, admin: bool = False) -> Profile:
    """Save (or change) a profile as `user`'s. A name another user saved stays theirs: only
    they, or an admin, may change it. Returns the profile as saved."""
    name = profile.name.strip()
    if not name:
        raise ProfileError("give the profile a name")
    if profile.is_empty:
        raise ProfileError(f"the profile '{name}' has no rules")
    existing = store.stored_profile(name)
    owner = user
    if existing is not None and existing.owner != user:
        if not admin:
            raise ProfileError(f"the name '{name}' is taken by a profile of {existing.owner}: "
                               "choose another name")
        owner = existing.owner
    saved = replace(profile, name=name, owner=owner)
    store.save_profile(as_stored(saved))
    return saved


def delete_profile(store: Store, name: str, user: str, admin: bool = False) -> None:
    """Delete a profile: its owner, or an admin."""
    existing = store.stored_profile(name)
    if existing is None:
        raise ProfileError(f"there is no profile '{name}'")
    if existing.owner != user and not admin:
        raise ProfileError(f"the profile '{name}' is {existing.owner}'s: only they can "
                           "delete it")
    store.delete_profile(name)


def for_sheet(profile: Profile, intake: Intake, file_name: str | None,
              sheet: str | None) -> Profile:
    """The profile with the header signature of the first sheet it was chosen for (the
    sheet `sheet` of `file_name`, None for any): applied by itself to the next such sheet."""
    for s in intake.sheets:
        if (s.table is not None and file_name in (None, s.file_name)
                and sheet in (None, s.sheet)):
            return replace(profile, signature=s.signature)
    return profile


def batches(intake: Intake) -> list[Batch]:
    """One batch per stored sheet; nothing at all when any sheet has an error."""
    if intake.has_errors:
        return []
    sha = {f.name: f.sha256 for f in intake.files}
    return [Batch(s.file_name, sha[s.file_name], s.sheet, s.kind, s.frame, s.note)
            for s in intake.stored_sheets]


def import_files(store: Store, files: list[UploadedFile], year: int | None = None,
                 user: str | None = None, chosen_profiles: dict | None = None,
                 kind_overrides: dict | None = None) -> tuple[Intake, list[int]]:
    """Validate and store in one go, as the Upload page's Store button does. Returns the
    batch ids, empty when the upload had errors and nothing was stored."""
    user = user or current_user()
    intake = read_upload(files, intake_options(store, year, kind_overrides, user,
                                               chosen_profiles))
    todo = batches(intake)
    if not todo:
        return intake, []
    return intake, store.apply(todo, user=user)


# DuckDB's buffer memory for a command-line import: an append then goes to the file as it
# fills instead of staying in memory until the commit (peak 0.9 GB → 0.8 GB at 500k rows,
# no slower). The app keeps DuckDB's default, which its views at a million rows need.
IMPORT_MEMORY = "512MB"


def import_into(target, files: list[UploadedFile], year: int | None = None,
                user: str | None = None,
                chosen: Callable[[Store], dict] | None = None, dry_run: bool = False,
                on_preview: Callable[[list[BatchPreview]], None] | None = None,
                ) -> tuple[Intake, list[int]]:
    """import_files into the store at `target` (a file path or postgresql:// URL; None: the
    app's), opened (and, when new, created) on a thread while the files are read: the
    command line's import, where both cost time. `chosen` gives the profiles chosen per
    (file, sheet) once the store is open (ProfileError: a profile that cannot be had).
    `on_preview` hears what storing will do, as the Upload page's preview says it: every
    batch's with `dry_run` (which stores nothing), else the budget batches' (what they
    replace, which an import must say: issue 17 §3)."""
    user = user or current_user()

    def opened() -> tuple[Store, Options]:
        store = open_store(target, memory_limit=IMPORT_MEMORY)
        return store, intake_options(store, year, user=user,
                                     chosen_profiles=chosen(store) if chosen else None)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="store") as pool:
        opening = pool.submit(opened)
        intake = read_upload(files, lambda: opening.result()[1])
        store = opening.result()[0]  # StoreBusy, raised on the thread, is raised here
    todo = batches(intake)
    if not todo:
        return intake, []
    shown = todo if dry_run else [b for b in todo if b.kind == "budget"]
    if on_preview is not None and shown:
        on_preview(store.preview(shown))
    if dry_run:
        return intake, []
    _let_go_of_cells(intake)
    return intake, store.apply(todo, user=user)


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


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "local"
